// The recipient's own rules for λ. Conditions combine with all/any, so "between 1 and 7 March, a message
// containing 'birthday'" is { all: [dateWindow 03-01..03-07, word birthday] }.

export type Condition =
  /** A word, matched tolerantly (spacing, leetspeak, elongation) like the code dictionary. */
  | { kind: 'word'; word: string }
  /** A phrase: its words in order, each matched tolerantly. */
  | { kind: 'phrase'; phrase: string }
  /** Messages from one sender (a person key such as `telegram:123`). */
  | { kind: 'sender'; senderKey: string }
  /**
   * A date window on the message's sent time, inclusive, in UTC. `MM-DD` bounds recur every year
   * (an anniversary); `YYYY-MM-DD` bounds are absolute. A window may wrap the year end (12-24..01-02).
   */
  | { kind: 'dateWindow'; from: string; to: string }
  | { kind: 'all'; of: Condition[] }
  | { kind: 'any'; of: Condition[] };

export interface PersonalRule {
  id: string;
  when: Condition;
  /** How the rule reads to the person who wrote it, e.g. `window 03-01..03-07 and word birthday`. */
  description: string;
  createdAt: string;
}

/** "Not harassment": this sender's text (normalised hash) no longer counts, nor do these dictionary entries from them. */
export interface AllowEntry {
  senderKey: string;
  textHash?: string;
  dictionaryIds?: string[];
  createdAt: string;
}
