// Recipient state kept as one document per recipient in any key-value store (keyv over SQLite in
// production, a Map in tests). Reads are served from memory: the pipeline reads a recipient's state for
// every message sent to them. Another process may share the store (`acts scan` confirming offenders while
// the bot runs), so a remembered state is re-read once it is older than `refreshMs`, and every change is
// applied to the stored document as read just before writing, never to a remembered copy that may be
// stale. Writes to one recipient are serialised within the process.
import { randomUUID } from 'node:crypto';
import type { AllowEntry, PersonalRule } from '../personalisation/rule-types.js';
import type { DictionaryEntryInput, RecipientState, RecipientStateStore } from './recipient-state.js';

/** The part of keyv this store needs. */
export interface DocumentStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<unknown>;
}

interface StoredState {
  offenders: string[];
  rules: PersonalRule[];
  allow: AllowEntry[];
  dictionaryAdditions: DictionaryEntryInput[];
  confirmedTexts: string[];
  version: number;
}

/** The document namespace recipient state lives in; the bot and `acts scan` must open the same one. */
export const RECIPIENT_STATE_NAMESPACE = 'recipients';

/** How long a remembered state is used before the store is read again (changes by another process show within it). */
export const STATE_REFRESH_MS = 30_000;

/** How many confirmed texts α keeps per recipient; the newest are kept. */
export const MAX_CONFIRMED_TEXTS = 500;

const EMPTY: StoredState = { offenders: [], rules: [], allow: [], dictionaryAdditions: [], confirmedTexts: [], version: 0 };

function toState(doc: StoredState): RecipientState {
  return Object.freeze({ ...doc, offenders: new Set(doc.offenders) });
}

export class MapDocumentStore implements DocumentStore {
  private readonly map = new Map<string, unknown>();
  async get(key: string): Promise<unknown> {
    return structuredClone(this.map.get(key));
  }
  async set(key: string, value: unknown): Promise<void> {
    this.map.set(key, structuredClone(value));
  }
}

interface Remembered {
  doc: StoredState;
  state: RecipientState;
  readAt: number;
}

export class KvRecipientStateStore implements RecipientStateStore {
  private readonly cache = new Map<string, Remembered>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: DocumentStore = new MapDocumentStore(),
    private readonly now: () => Date = () => new Date(),
    private readonly refreshMs: number = STATE_REFRESH_MS,
  ) {}

  async get(recipientKey: string): Promise<RecipientState> {
    return (await this.load(recipientKey)).state;
  }

  async addRule(recipientKey: string, rule: Omit<PersonalRule, 'id' | 'createdAt'>): Promise<PersonalRule> {
    const full: PersonalRule = { ...rule, id: randomUUID().slice(0, 8), createdAt: this.now().toISOString() };
    await this.update(recipientKey, (doc) => void doc.rules.push(full));
    return full;
  }

  async removeRule(recipientKey: string, ruleId: string): Promise<boolean> {
    let removed = false;
    await this.update(recipientKey, (doc) => {
      const before = doc.rules.length;
      doc.rules = doc.rules.filter((r) => r.id !== ruleId);
      removed = doc.rules.length < before;
    });
    return removed;
  }

  async confirmOffender(recipientKey: string, senderKey: string, texts: readonly string[]): Promise<void> {
    await this.update(recipientKey, (doc) => {
      if (!doc.offenders.includes(senderKey)) doc.offenders.push(senderKey);
      doc.confirmedTexts = [...doc.confirmedTexts, ...texts.filter((t) => t.trim().length > 0)].slice(-MAX_CONFIRMED_TEXTS);
    });
  }

  async removeOffender(recipientKey: string, senderKey: string): Promise<boolean> {
    let removed = false;
    await this.update(recipientKey, (doc) => {
      removed = doc.offenders.includes(senderKey);
      doc.offenders = doc.offenders.filter((o) => o !== senderKey);
    });
    return removed;
  }

  async allow(recipientKey: string, entry: Omit<AllowEntry, 'createdAt'>): Promise<void> {
    await this.update(recipientKey, (doc) => void doc.allow.push({ ...entry, createdAt: this.now().toISOString() }));
  }

  async addDictionaryEntry(recipientKey: string, entry: DictionaryEntryInput): Promise<void> {
    await this.update(recipientKey, (doc) => void doc.dictionaryAdditions.push(entry));
  }

  private async load(recipientKey: string): Promise<Remembered> {
    const cached = this.cache.get(recipientKey);
    if (cached && this.now().getTime() - cached.readAt < this.refreshMs) return cached;
    const doc = await this.read(recipientKey);
    if (cached && cached.doc.version === doc.version) {
      // Unchanged: keep the same state object, so what callers derived from it stays valid.
      cached.readAt = this.now().getTime();
      return cached;
    }
    return this.remember(recipientKey, doc);
  }

  private async read(recipientKey: string): Promise<StoredState> {
    const raw = (await this.store.get(`state:${recipientKey}`)) as StoredState | undefined;
    return { ...structuredClone(EMPTY), ...(raw ?? {}) };
  }

  private remember(recipientKey: string, doc: StoredState): Remembered {
    const entry = { doc, state: toState(doc), readAt: this.now().getTime() };
    this.cache.set(recipientKey, entry);
    return entry;
  }

  private update(recipientKey: string, change: (doc: StoredState) => void): Promise<void> {
    const previous = this.queues.get(recipientKey) ?? Promise.resolve();
    const next = previous.then(async () => {
      const copy = await this.read(recipientKey);
      const version = copy.version;
      change(copy);
      copy.version = version + 1;
      await this.store.set(`state:${recipientKey}`, copy);
      this.remember(recipientKey, copy);
    });
    const settled = next.catch(() => undefined);
    this.queues.set(recipientKey, settled);
    void settled.then(() => {
      if (this.queues.get(recipientKey) === settled) this.queues.delete(recipientKey);
    });
    return next;
  }
}
