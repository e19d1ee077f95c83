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

/** A condition with what can be worked out before any message: date bounds parsed once, not per message. */
type Compiled =
  | { kind: 'phrase'; key: string }
  | { kind: 'sender'; senderKey: string }
  /** `full`: both bounds are YYYY-MM-DD (compared with the day); otherwise the month-days `a`..`b` recur. */
  | { kind: 'dateWindow'; full: boolean; from: string; to: string; a: string; b: string }
  | { kind: 'all' | 'any'; of: Compiled[] };

function compile(condition: Condition): Compiled {
  switch (condition.kind) {
    case 'word':
    case 'phrase':
      return { kind: 'phrase', key: phraseKey(condition)! };
    case 'sender':
      return { kind: 'sender', senderKey: condition.senderKey };
    case 'dateWindow': {
      const { from, to } = condition;
      return { kind: 'dateWindow', full: FULL_DATE.test(from) && FULL_DATE.test(to), from, to, a: from.slice(-5), b: to.slice(-5) };
    }
    case 'all':
    case 'any':
      return { kind: condition.kind, of: condition.of.map(compile) };
    default:
      return NEVER; // a kind this version does not know (a newer stored rule) matches nothing, as before
  }
}

const NEVER: Compiled = { kind: 'any', of: [] };

/** One message as the conditions see it; its sent time is formatted at most once, when a window asks. */
class Evaluation {
  private iso: string | undefined;

  constructor(
    readonly ctx: RuleContext,
    readonly found: ReadonlySet<string>,
  ) {}

  sentIso(): string {
    return (this.iso ??= this.ctx.sentAt.toISOString());
  }
}

function inWindow(w: Extract<Compiled, { kind: 'dateWindow' }>, e: Evaluation): boolean {
  if (w.full) {
    const day = e.sentIso().slice(0, 10);
    return day >= w.from && day <= w.to;
  }
  // Recurring: compare month-day only; a window like 12-24..01-02 wraps the year end.
  const md = e.sentIso().slice(5, 10);
  return w.a <= w.b ? md >= w.a && md <= w.b : md >= w.a || md <= w.b;
}

function holds(condition: Compiled, e: Evaluation): boolean {
  switch (condition.kind) {
    case 'phrase':
      return e.found.has(condition.key);
    case 'sender':
      return condition.senderKey === e.ctx.senderKey;
    case 'dateWindow':
      return inWindow(condition, e);
    case 'all':
      if (condition.of.length === 0) return false;
      for (const c of condition.of) if (!holds(c, e)) return false;
      return true;
    case 'any':
      for (const c of condition.of) if (holds(c, e)) return true;
      return false;
  }
}

export class CompiledRules {
  private readonly matcher: ShingleMatcher<string>;
  private readonly compiled: Compiled[];

  constructor(private readonly rules: readonly PersonalRule[]) {
    this.compiled = rules.map((rule) => compile(rule.when));
    const phrases = new Set<string>();
    for (const rule of rules) collectPhrases(rule.when, phrases);
    this.matcher = new ShingleMatcher([...phrases].map((phrase) => ({ phrase, value: phrase })));
  }

  /** The rules that hold for this message. */
  matching(ctx: RuleContext): PersonalRule[] {
    if (this.rules.length === 0) return [];
    const e = new Evaluation(ctx, new Set(this.matcher.match(ctx.padded)));
    const out: PersonalRule[] = [];
    for (let r = 0; r < this.rules.length; r++) if (holds(this.compiled[r]!, e)) out.push(this.rules[r]!);
    return out;
  }
}
