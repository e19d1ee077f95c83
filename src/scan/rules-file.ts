// `--rules RULES.json`: the recipient's own λ rules for a scan, in the same shape the bot's commands store:
// `[{ "when": Condition, "description"?: "…" }]` (or `{ "rules": [...] }`). Checked before anything runs,
// so a typo names the rule and the field instead of silently matching nothing.
import { readFile } from 'node:fs/promises';
import type { Condition, PersonalRule } from '../personalisation/rule-types.js';
import { validateDateBound } from '../personalisation/rules.js';

export type RuleInput = Omit<PersonalRule, 'id' | 'createdAt'>;

export class RulesFileError extends Error {
  constructor(file: string, where: string, problem: string) {
    super(`${file}: ${where}: ${problem}`);
    this.name = 'RulesFileError';
  }
}

function condition(value: unknown, where: string, fail: (where: string, problem: string) => never): Condition {
  const c = value as Record<string, unknown> | null;
  if (typeof c !== 'object' || c === null) return fail(where, 'expected a condition object');
  const str = (field: string): string => {
    const v = c[field];
    if (typeof v !== 'string' || v.trim() === '') fail(`${where}.${field}`, 'expected a non-empty string');
    return v as string;
  };
  switch (c.kind) {
    case 'word':
      return { kind: 'word', word: str('word') };
    case 'phrase':
      return { kind: 'phrase', phrase: str('phrase') };
    case 'sender':
      return { kind: 'sender', senderKey: str('senderKey') };
    case 'dateWindow': {
      const from = str('from');
      const to = str('to');
      for (const [field, bound] of [['from', from], ['to', to]] as const) {
        try {
          validateDateBound(bound);
        } catch (error) {
          fail(`${where}.${field}`, (error as Error).message);
        }
      }
      return { kind: 'dateWindow', from, to };
    }
    case 'all':
    case 'any': {
      if (!Array.isArray(c.of) || c.of.length === 0) return fail(`${where}.of`, 'expected a non-empty array of conditions');
      return { kind: c.kind, of: c.of.map((x, i) => condition(x, `${where}.of[${i}]`, fail)) };
    }
    default:
      return fail(`${where}.kind`, 'expected word, phrase, sender, dateWindow, all or any');
  }
}

export async function readRulesFile(file: string): Promise<RuleInput[]> {
  const fail = (where: string, problem: string): never => {
    throw new RulesFileError(file, where, problem);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return fail('reading it', (error as Error).message);
  }
  const list = Array.isArray(doc) ? doc : (doc as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(list)) return fail('top level', 'expected an array of rules or { "rules": [...] }');
  return list.map((raw, i) => {
    const rule = raw as { when?: unknown; description?: unknown } | null;
    const when = condition(rule?.when, `rules[${i}].when`, fail);
    const description = typeof rule?.description === 'string' && rule.description.trim() ? rule.description : JSON.stringify(when);
    return { when, description };
  });
}
