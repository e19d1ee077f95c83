// The core types every part of ACTS shares. The pipeline and the evidence module see only these;
// platform adapters and history importers translate into them.

/** Where a message came from. `email` comes from imported mailboxes. */
export type Platform = 'discord' | 'slack' | 'telegram' | 'email';

export const PLATFORMS: readonly Platform[] = ['discord', 'slack', 'telegram', 'email'];

/** Metadata of a file attached to a message; the bytes themselves are never stored by the pipeline. */
export interface Attachment {
  name: string;
  size?: number;
  contentType?: string;
  url?: string;
  /** SHA-256 (hex) of the bytes, when the adapter could fetch them. */
  sha256?: string;
}

/** A person as a platform shows them. `id` is the platform's own id, always a string (snowflakes exceed 2^53). */
export interface Person {
  id: string;
  displayName: string;
  /** ISO 8601 account creation time, where the platform tells it (Discord derives it from the snowflake). */
  createdAt?: string;
  isBot?: boolean;
}

/** One normalised chat message (or email). Everything a module or an evidence record needs, nothing platform-shaped. */
export interface Message {
  platform: Platform;
  /** Discord guild id, Slack team id, Telegram chat id of a group; absent for a platform-level DM with no workspace. */
  workspaceId?: string;
  channelId: string;
  /** Human name of the place (channel or group title), as shown when the message was seen. */
  channelName?: string;
  messageId: string;
  author: Person;
  text: string;
  /** ISO 8601 time the platform says the message was sent. */
  sentAt: string;
  /** ISO 8601 time of the latest edit, if the message was edited. */
  editedAt?: string;
  replyTo?: { messageId: string; authorId?: string };
  /** Platform user ids the message mentions. */
  mentions: string[];
  attachments: Attachment[];
  /** True for a direct / private conversation between two people (or a person and the bot). */
  isDirect: boolean;
  /** For a direct message: the platform user id of the protected person who received it. */
  dmOwnerId?: string;
  permalink?: string;
  /** Who could see it: user ids where known, or just a count. */
  audience?: { userIds?: string[]; count?: number };
  /** Format-specific facts kept for evidence (email headers, import source, ...). Loose by design. */
  extra?: Record<string, unknown>;
}

/**
 * A person a message is aimed at, on whose behalf the pipeline runs. `key` is the project-wide name:
 * `telegram:USER_ID`, `discord:USER_ID`, `slack:TEAM_ID:USER_ID`, `email:ADDRESS`.
 */
export interface Recipient {
  key: string;
  platform: Platform;
  userId: string;
  /** Why this person is a recipient of the message. */
  reason: 'dm' | 'mention' | 'reply';
}

/** What each module (and the aggregator) concludes: the paper's 00 / 10 / 01 codes. */
export type ModuleLabel = 'not' | 'grey' | 'cyberstalking';

/** The aggregator's final word: 0, ? or 1. */
export type VerdictLabel = 'clean' | 'grey' | 'cyberstalking';

export interface OffenderResult {
  listed: boolean;
  /** The sender key that matched the recipient's list. */
  senderKey: string;
}

export interface DetectionResult {
  label: ModuleLabel;
  /** Calibrated probability that the text is harassing / offensive, 0..1. */
  score: number;
  /** Probability that it targets a person, where the model has that head. */
  targetedScore?: number;
  /** The terms that pushed the score most, for explaining the verdict. */
  topFeatures: string[];
  modelId: string;
}

export interface IdentificationResult {
  label: ModuleLabel;
  /** 0..1, higher = more likely written by someone already confirmed as abusing this recipient. */
  score: number;
  /** How many of the sender's recent messages were judged together. */
  burstSize: number;
  /** How many confirmed messages the recipient's offender history holds. */
  historySize: number;
  /** Distances behind the score (inside and outside the PCA subspace, cohort-normalised), for the record. */
  details: Record<string, number>;
}

export interface PersonalisationMatch {
  /** 'rule' = one of the recipient's own rules; 'dictionary' = the affect / threat code dictionary. */
  source: 'rule' | 'dictionary';
  id: string;
  description: string;
}

export interface PersonalisationResult {
  /** λ: 1 when a rule or dictionary entry matched, else 0. */
  value: 0 | 1;
  matches: PersonalisationMatch[];
  /** True when the recipient said earlier that this sender and text are not harassment. */
  allowed: boolean;
}

export interface ModuleResults {
  offender: OffenderResult;
  detection: DetectionResult;
  identification: IdentificationResult;
  personalisation: PersonalisationResult;
}

export interface Verdict {
  label: VerdictLabel;
  /** Overall score 0..1 (the strongest module signal), for ranking and for `acts classify`. */
  score: number;
  /** The rule of the aggregator's truth table that decided, e.g. `known-offender` or `α=1`. */
  rule: string;
  modules: ModuleResults;
}

/** A verdict for one recipient of one message. */
export interface Analysis {
  message: Message;
  recipient: Recipient;
  verdict: Verdict;
  analysedAt: string;
  /** Set by `acts scan` for messages read from an exported history; the archive copies it into the record. */
  imported?: { sourceFile: string; sourceSha256: string };
}

/** What an evidence record is about: a new message, or a later edit or deletion of an archived one. */
export type EvidenceKind = 'message' | 'edit' | 'deletion' | 'retention-deletion' | 'key-rotation' | 'legal-hold' | 'tombstone';

/** One signed, hash-chained archive entry. Defined here; produced and checked by the evidence module. */
export interface EvidenceRecord {
  /** Record format version, bound into the signature. */
  v: 1;
  id: string;
  kind: EvidenceKind;
  recipient: string;
  /** Position in the recipient's chain, from 0. */
  seq: number;
  /** SHA-256 (hex) of the previous record's canonical bytes, or 64 zeros for the first. */
  prev: string;
  archivedAt: string;
  /** For edits and deletions: the id of the record of the original message. */
  refersTo?: string;
  /** For edits and deletions: when the platform says the edit or deletion happened (ISO 8601). */
  occurredAt?: string;
  message?: Message;
  verdict?: Verdict;
  /** Why the recipient got the message (dm, mention, reply) and when the pipeline judged it. */
  reason?: Recipient['reason'];
  analysedAt?: string;
  /**
   * For key-rotation records (signed by the new key): the new key, and the previous key's endorsement of it
   * (base64 signature over PAE(rotation type, canonical {keyId, previousKeyId, publicKey})).
   */
  key?: { keyId: string; publicKey: string; previousKeyId: string; endorsement: string };
  /** For legal-hold records: whether retention is stopped for this recipient from now on, and why. */
  hold?: { on: boolean; reason?: string };
  /** For retention-deletion records: the rule applied and each record it replaced by a tombstone. */
  retention?: { rule: string; cutoff: string; records: Array<{ id: string; seq: number; kind: EvidenceKind; hash: string }> };
  /**
   * For tombstones (what stands in a chain where retention deleted a record): the deleted record's kind, the
   * SHA-256 of its line (the chain link) and its RFC 6962 leaf hash (the log), when and by which rule.
   */
  tombstone?: { kind: EvidenceKind; hash: string; leaf: string; deletedAt: string; rule: string };
  /** Strings that held invalid Unicode: stored with U+FFFD; the exact original code units are kept here. */
  repairs?: Array<{ path: string; utf16leBase64: string }>;
  /** Set when the evidence came from an imported history file rather than a live platform. */
  imported?: { sourceFile: string; sourceSha256: string };
  /** Fingerprint of the signing key (hex SHA-256 of its raw public key). */
  keyId: string;
  /** Base64 Ed25519 signature over DSSE's PAE(record type, canonical bytes of the record without this field). */
  sig: string;
}

/** Where the pipeline hands every flagged or grey analysis. The evidence module implements it. */
export interface EvidenceSink {
  /** Archives the analysis; resolves with the record id. Archiving the same (platform, message, recipient) twice returns the first id. */
  archive(analysis: Analysis): Promise<{ id: string; duplicate: boolean }>;
}
