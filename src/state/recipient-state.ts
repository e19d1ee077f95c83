// A recipient's own state, which the pipeline reads for every message sent to them and which their
// commands and verdict buttons change.
import type { AllowEntry, PersonalRule } from '../personalisation/rule-types.js';

export interface DictionaryEntryInput {
  phrase: string;
  category: string;
}

export interface RecipientState {
  /** Sender keys the recipient confirmed as offenders. */
  offenders: ReadonlySet<string>;
  rules: readonly PersonalRule[];
  allow: readonly AllowEntry[];
  /** The recipient's additions to the shipped affect / threat dictionary. */
  dictionaryAdditions: readonly DictionaryEntryInput[];
  /** Texts of messages the recipient confirmed as abuse: the writeprint history α compares against. */
  confirmedTexts: readonly string[];
  /** Bumped on every change, so derived data (the α profile) can be cached. */
  version: number;
}

export interface RecipientStateStore {
  get(recipientKey: string): Promise<RecipientState>;
  addRule(recipientKey: string, rule: Omit<PersonalRule, 'id' | 'createdAt'>): Promise<PersonalRule>;
  removeRule(recipientKey: string, ruleId: string): Promise<boolean>;
  /** "Confirm": adds the sender to the known-offender list and the texts to the writeprint history. */
  confirmOffender(recipientKey: string, senderKey: string, texts: readonly string[]): Promise<void>;
  removeOffender(recipientKey: string, senderKey: string): Promise<boolean>;
  /** "Not harassment". */
  allow(recipientKey: string, entry: Omit<AllowEntry, 'createdAt'>): Promise<void>;
  addDictionaryEntry(recipientKey: string, entry: DictionaryEntryInput): Promise<void>;
}
