// λ: the recipient's own rules and the affect / threat code dictionary. Returns 1 when something matched,
// with what matched, and whether the recipient earlier called this sender's text "not harassment".
import { createHash } from 'node:crypto';
import type { PersonalisationMatch, PersonalisationResult } from '../core/types.js';
import type { DictionaryEntry } from './dictionary.js';
import { normaliseForMatching } from './normalise.js';
import type { AllowEntry } from './rule-types.js';
import { CompiledRules, type RuleContext } from './rules.js';
import { ShingleMatcher } from './shingles.js';

/** Hash of a text as λ sees it, so "not harassment" also covers the same words re-spaced or re-cased. */
export function allowTextHash(text: string): string {
  return createHash('sha256').update(normaliseForMatching(text)).digest('hex').slice(0, 32);
}

export function dictionaryMatcher(entries: readonly DictionaryEntry[]): ShingleMatcher<DictionaryEntry> {
  return new ShingleMatcher(entries.map((e) => ({ phrase: e.phrase, value: e })));
}

/** What λ knows of one recipient, compiled once per change of their state. */
export interface PersonalisationProfile {
  rules: CompiledRules;
  /** The recipient's own dictionary additions (the shipped dictionary is shared). */
  additions: ShingleMatcher<DictionaryEntry>;
  allow: readonly AllowEntry[];
}

export interface PersonalisationInput extends RuleContext {
  text: string;
}

export function personalise(shared: ShingleMatcher<DictionaryEntry>, profile: PersonalisationProfile, input: PersonalisationInput): PersonalisationResult {
  const matches: PersonalisationMatch[] = [];
  for (const rule of profile.rules.matching(input)) matches.push({ source: 'rule', id: rule.id, description: rule.description });
  const sharedFound = shared.match(input.padded);
  const own = profile.additions.match(input.padded);

  let allowed = false;
  let allowedIds: Set<string> | undefined;
  let hash: string | undefined;
  for (const a of profile.allow) {
    if (a.senderKey !== input.senderKey) continue;
    hash ??= allowTextHash(input.text);
    allowedIds ??= new Set<string>();
    if (a.textHash === hash) allowed = true;
    for (const id of a.dictionaryIds ?? []) allowedIds.add(id);
  }
  addDictionaryMatches(matches, sharedFound, allowedIds);
  addDictionaryMatches(matches, own, allowedIds);
  return { value: matches.length > 0 ? 1 : 0, matches, allowed };
}

function addDictionaryMatches(matches: PersonalisationMatch[], entries: readonly DictionaryEntry[], allowedIds: ReadonlySet<string> | undefined): void {
  for (const entry of entries) {
    if (allowedIds?.has(entry.id)) continue;
    matches.push({ source: 'dictionary', id: entry.id, description: `${entry.category} (${entry.severity}): "${entry.phrase}"` });
  }
}
