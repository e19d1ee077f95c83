// Parses the small rule language of `rules add` into a Condition:
//   word birthday | phrase "see you soon" | window 03-01..03-07 | window 2025-03-01..2025-03-07 | sender telegram:123
// combined with `and` (binds tighter) and `or`, with parentheses for anything else.
import { parsePersonKey, personKey } from '../../core/keys.js';
import type { Platform } from '../../core/types.js';
import type { Condition } from '../../personalisation/rule-types.js';

export class RuleSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleSyntaxError';
  }
}

export const RULE_EXAMPLES = [
  'word birthday',
  'phrase "see you soon"',
  'window 03-01..03-07 and word birthday',
  'sender telegram:123456 or phrase "I know where you live"',
];

const MAX_INPUT = 500;
const MAX_CONDITIONS = 20;
const MAX_DEPTH = 5;
const MAX_TERM = 100;

interface Token {
  text: string;
  quoted: boolean;
}

/** Where `sender` ids without a platform are taken to live. */
export interface RuleContext {
  platform: Platform;
  workspaceId?: string;
}

export function parseRule(input: string, context: RuleContext): { when: Condition; description: string } {
  const source = input.trim();
  if (source.length === 0) throw new RuleSyntaxError('The rule is empty.');
  if (source.length > MAX_INPUT) throw new RuleSyntaxError(`The rule is too long (at most ${MAX_INPUT} characters).`);
  const parser = new Parser(tokenize(source), context);
  const when = parser.parse();
  return { when, description: describe(when) };
}

// Phones turn straight quotes into curly ones, so every usual pair closes a quoted term.
const CLOSERS: Record<string, string[]> = { '"': ['"'], '“': ['”', '"', '“'], '”': ['”'], '«': ['»'] };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/u.test(ch)) {
      i += 1;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ text: ch, quoted: false });
      i += 1;
    } else if (Object.hasOwn(CLOSERS, ch)) {
      const stops = CLOSERS[ch]!.map((close) => source.indexOf(close, i + 1)).filter((at) => at >= 0);
      if (stops.length === 0) throw new RuleSyntaxError('A quotation mark is not closed.');
      const stop = Math.min(...stops);
      tokens.push({ text: source.slice(i + 1, stop), quoted: true });
      i = stop + 1;
    } else {
      let j = i;
      while (j < source.length && !/[\s()"“”«]/u.test(source[j]!)) j += 1;
      tokens.push({ text: source.slice(i, j), quoted: false });
      i = j;
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  private conditions = 0;

  constructor(private readonly tokens: Token[], private readonly context: RuleContext) {}

  parse(): Condition {
    const condition = this.or(0);
    const rest = this.tokens[this.position];
    if (rest) throw new RuleSyntaxError(`Unexpected "${shown(rest.text)}": join conditions with "and" or "or".`);
    return condition;
  }

  private or(depth: number): Condition {
    const parts = [this.and(depth)];
    while (this.keyword('or')) parts.push(this.and(depth));
    return parts.length === 1 ? parts[0]! : { kind: 'any', of: parts };
  }

  private and(depth: number): Condition {
    const parts = [this.atom(depth)];
    while (this.keyword('and')) parts.push(this.atom(depth));
    return parts.length === 1 ? parts[0]! : { kind: 'all', of: parts };
  }

  private atom(depth: number): Condition {
    const token = this.next();
    if (!token) throw new RuleSyntaxError('The rule ends too early: expected word, phrase, window or sender.');
    if (!token.quoted && token.text === '(') {
      if (depth >= MAX_DEPTH) throw new RuleSyntaxError(`Too many nested parentheses (at most ${MAX_DEPTH}).`);
      const inner = this.or(depth + 1);
      const close = this.next();
      if (!close || close.quoted || close.text !== ')') throw new RuleSyntaxError('A parenthesis is not closed.');
      return inner;
    }
    this.conditions += 1;
    if (this.conditions > MAX_CONDITIONS) throw new RuleSyntaxError(`Too many conditions in one rule (at most ${MAX_CONDITIONS}).`);
    const kind = token.quoted ? '' : token.text.toLowerCase();
    switch (kind) {
      case 'word':
        return { kind: 'word', word: this.word() };
      case 'phrase':
        return { kind: 'phrase', phrase: this.phrase() };
      case 'window':
      case 'date':
        return this.window();
      case 'sender':
      case 'from':
        return { kind: 'sender', senderKey: this.sender() };
      default:
        throw new RuleSyntaxError(`Expected word, phrase, window or sender, but found "${shown(token.text)}".`);
    }
  }

  private word(): string {
    const token = this.operand('a word after "word"');
    const word = token.text.trim();
    if (/\s/u.test(word)) throw new RuleSyntaxError(`"${shown(word)}" has spaces: use phrase "…" for several words.`);
    return checkTerm(word, 'word');
  }

  private phrase(): string {
    const token = this.operand('a phrase in quotes after "phrase"');
    return checkTerm(token.text.trim().replace(/\s+/gu, ' '), 'phrase');
  }

  private window(): Condition {
    const token = this.operand('dates after "window", like 03-01..03-07');
    const match = /^(\d{2}-\d{2}|\d{4}-\d{2}-\d{2})\.\.(\d{2}-\d{2}|\d{4}-\d{2}-\d{2})$/u.exec(token.text.trim());
    if (!match) throw new RuleSyntaxError(`"${shown(token.text)}" is not a date window: write MM-DD..MM-DD or YYYY-MM-DD..YYYY-MM-DD.`);
    const from = match[1]!;
    const to = match[2]!;
    if (from.length !== to.length) throw new RuleSyntaxError('Both ends of a window must have the same form (both MM-DD or both YYYY-MM-DD).');
    checkDate(from);
    checkDate(to);
    if (from.length === 10 && from > to) throw new RuleSyntaxError(`The window starts (${from}) after it ends (${to}).`);
    return { kind: 'dateWindow', from, to };
  }

  private sender(): string {
    const token = this.operand('a person after "sender", like telegram:123456');
    const raw = token.text.trim();
    const parsed = parsePersonKey(raw);
    if (parsed) return personKey(parsed.platform, parsed.userId, parsed.workspaceId);
    if (/^[A-Za-z0-9_-]{1,64}$/u.test(raw)) {
      if (this.context.platform === 'slack' && !this.context.workspaceId) throw new RuleSyntaxError('Write the sender as slack:TEAM:USER.');
      return personKey(this.context.platform, raw, this.context.workspaceId);
    }
    throw new RuleSyntaxError(`"${shown(raw)}" is not a user id or a person key like telegram:123456.`);
  }

  private operand(what: string): Token {
    const token = this.next();
    if (!token || (!token.quoted && ['(', ')', 'and', 'or'].includes(token.text.toLowerCase()))) {
      throw new RuleSyntaxError(`Expected ${what}.`);
    }
    return token;
  }

  private keyword(word: string): boolean {
    const token = this.tokens[this.position];
    if (token && !token.quoted && token.text.toLowerCase() === word) {
      this.position += 1;
      return true;
    }
    return false;
  }

  private next(): Token | undefined {
    const token = this.tokens[this.position];
    if (token) this.position += 1;
    return token;
  }
}

function checkTerm(term: string, what: string): string {
  if (term.length === 0) throw new RuleSyntaxError(`The ${what} is empty.`);
  if (term.length > MAX_TERM) throw new RuleSyntaxError(`The ${what} is too long (at most ${MAX_TERM} characters).`);
  if (!/[\p{L}\p{N}]/u.test(term)) throw new RuleSyntaxError(`The ${what} "${shown(term)}" has no letters or digits.`);
  return term;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function checkDate(date: string): void {
  const parts = date.split('-').map(Number);
  const [month, day] = parts.slice(-2) as [number, number];
  const ok = month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
  if (!ok) throw new RuleSyntaxError(`${date} is not a valid date.`);
  if (parts.length === 3) {
    const iso = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(iso.getTime()) || iso.toISOString().slice(0, 10) !== date) throw new RuleSyntaxError(`${date} is not a valid date.`);
  }
}

/** Renders a condition back into the rule language (the form `rules list` shows). */
export function describe(condition: Condition): string {
  switch (condition.kind) {
    case 'word':
      return `word ${quoteIfNeeded(condition.word)}`;
    case 'phrase':
      return `phrase "${condition.phrase.replaceAll('"', '”')}"`;
    case 'sender':
      return `sender ${condition.senderKey}`;
    case 'dateWindow':
      return `window ${condition.from}..${condition.to}`;
    case 'all':
      return condition.of.map((c) => (c.kind === 'any' ? `(${describe(c)})` : describe(c))).join(' and ');
    case 'any':
      return condition.of.map(describe).join(' or ');
  }
}

function quoteIfNeeded(word: string): string {
  return /^[^\s()"“”«»]+$/u.test(word) && !['and', 'or'].includes(word.toLowerCase()) ? word : `"${word}"`;
}

function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
