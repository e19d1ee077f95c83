// In-memory RecipientStateStore for tests of the bot and the adapters.
import type { DictionaryEntryInput, RecipientState, RecipientStateStore } from '../../src/state/recipient-state.js';
import type { AllowEntry, PersonalRule } from '../../src/personalisation/rule-types.js';

interface Mutable {
  offenders: Set<string>;
  rules: PersonalRule[];
  allow: AllowEntry[];
  dictionaryAdditions: DictionaryEntryInput[];
  confirmedTexts: string[];
  version: number;
}

export class MemoryRecipientState implements RecipientStateStore {
  readonly people = new Map<string, Mutable>();
  private nextRule = 1;

  private of(key: string): Mutable {
    let state = this.people.get(key);
    if (!state) {
      state = { offenders: new Set(), rules: [], allow: [], dictionaryAdditions: [], confirmedTexts: [], version: 0 };
      this.people.set(key, state);
    }
    return state;
  }

  async get(key: string): Promise<RecipientState> {
    const s = this.of(key);
    return { ...s, offenders: new Set(s.offenders), rules: [...s.rules], allow: [...s.allow], dictionaryAdditions: [...s.dictionaryAdditions], confirmedTexts: [...s.confirmedTexts] };
  }

  async addRule(key: string, rule: Omit<PersonalRule, 'id' | 'createdAt'>): Promise<PersonalRule> {
    const created: PersonalRule = { ...rule, id: `r${this.nextRule++}`, createdAt: new Date(0).toISOString() };
    const s = this.of(key);
    s.rules.push(created);
    s.version += 1;
    return created;
  }

  async removeRule(key: string, ruleId: string): Promise<boolean> {
    const s = this.of(key);
    const before = s.rules.length;
    s.rules = s.rules.filter((r) => r.id !== ruleId);
    s.version += 1;
    return s.rules.length < before;
  }

  async confirmOffender(key: string, senderKey: string, texts: readonly string[]): Promise<void> {
    const s = this.of(key);
    s.offenders.add(senderKey);
    s.confirmedTexts.push(...texts);
    s.version += 1;
  }

  async removeOffender(key: string, senderKey: string): Promise<boolean> {
    const s = this.of(key);
    s.version += 1;
    return s.offenders.delete(senderKey);
  }

  async allow(key: string, entry: Omit<AllowEntry, 'createdAt'>): Promise<void> {
    const s = this.of(key);
    s.allow.push({ ...entry, createdAt: new Date(0).toISOString() });
    s.version += 1;
  }

  async addDictionaryEntry(key: string, entry: DictionaryEntryInput): Promise<void> {
    this.of(key).dictionaryAdditions.push(entry);
  }
}
