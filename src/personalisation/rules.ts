// Evaluates a recipient's own rules. Every word and phrase of every rule goes into one shingle index, so
// a message is scanned once however many rules there are; the condition trees are then checked.
import type { Condition, PersonalRule } from './rule-types.js';
import { ShingleMatcher } from './shingles.js';

export interface RuleContext {
  /** The message text folded and padded by `padForMatching`. */
  padded: string;
  senderKey: string;
  /** The message's sent time. */
  sentAt: Date;
}

const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class RuleSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleSyntaxError';
  }
}

/** Checks a date-window bound: `MM-DD` (every year) or `YYYY-MM-DD`. */
export function validateDateBound(bound: string): void {
  const md = MONTH_DAY.exec(bound) ?? FULL_DATE.exec(bound)?.slice(1);
  const [month, day] = md ? (md.length === 3 ? [md[1], md[2]] : [md[2], md[3]]) : [];
  const m = Number(month);
  const d = Number(day);
  if (!md || m < 1 || m > 12 || d < 1 || d > 31) throw new RuleSyntaxError(`'${bound}' is not a date: use MM-DD (every year) or YYYY-MM-DD`);
}

function inWindow(from: string, to: string, at: Date): boolean {
  if (FULL_DATE.test(from) && FULL_DATE.test(to)) {
    const day = at.toISOString().slice(0, 10);
    return day >= from && day <= to;
  }
  // Recurring: compare month-day only; a window like 12-24..01-02 wraps the year end.
  const md = at.toISOString().slice(5, 10);
  const a = from.slice(-5);
  const b = to.slice(-5);
  return a <= b ? md >= a && md <= b : md >= a || md <= b;
}

function phraseKey(condition: Condition): string | undefined {
  if (condition.kind === 'word') return condition.word;
  if (condition.kind === 'phrase') return condition.phrase;
  return undefined;
}

function collectPhrases(condition: Condition, into: Set<string>): void {
  const phrase = phraseKey(condition);
  if (phrase !== undefined) into.add(phrase);
  if (condition.kind === 'all' || condition.kind === 'any') for (const c of condition.of) collectPhrases(c, into);
}

function holds(condition: Condition, ctx: RuleContext, found: ReadonlySet<string>): boolean {
  switch (condition.kind) {
    case 'word':
    case 'phrase':
      return found.has(phraseKey(condition)!);
    case 'sender':
      return condition.senderKey === ctx.senderKey;
    case 'dateWindow':
      return inWindow(condition.from, condition.to, ctx.sentAt);
    case 'all':
      if (condition.of.length === 0) return false;
      for (const c of condition.of) if (!holds(c, ctx, found)) return false;
      return true;
    case 'any':
      for (const c of condition.of) if (holds(c, ctx, found)) return true;
      return false;
  }
}

export class CompiledRules {
  private readonly matcher: ShingleMatcher<string>;

  constructor(private readonly rules: readonly PersonalRule[]) {
    const phrases = new Set<string>();
    for (const rule of rules) collectPhrases(rule.when, phrases);
    this.matcher = new ShingleMatcher([...phrases].map((phrase) => ({ phrase, value: phrase })));
  }

  /** The rules that hold for this message. */
  matching(ctx: RuleContext): PersonalRule[] {
    if (this.rules.length === 0) return [];
    const found = new Set(this.matcher.match(ctx.padded));
    const out: PersonalRule[] = [];
    for (const rule of this.rules) if (holds(rule.when, ctx, found)) out.push(rule);
    return out;
  }
}
