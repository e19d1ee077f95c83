// Runs ACTS over an exported history for one recipient, in chronological order, as the live bot would
// have: every message aimed at them goes through the analyser (which archives what is flagged or grey),
// and a confirmed offender's messages join the recipient's writeprint history as they are read, so α can
// recognise the same writer on a new account later in the history.
import { authorKey } from '../core/keys.js';
import type { Message, Recipient } from '../core/types.js';
import type { MessageAnalyser } from '../pipeline/analyser.js';
import type { RecipientStateStore } from '../state/recipient-state.js';
import { AimedAt } from './aimed.js';
import { hashLocalAttachments } from './attachment-hash.js';
import type { ResolvedPerson } from './resolve-person.js';
import { SummaryBuilder, type ScanSummary } from './summary.js';
import { ScanInputError, type ImportSource, type ReadProgress } from './types.js';

/** The part of the recipient's state a scan changes: the known-offender list and their confirmed texts. */
export type OffenderLedger = Pick<RecipientStateStore, 'get' | 'confirmOffender'>;

/** The pipeline or the archive failed on a message: where, so the person knows what was done before it. */
export class ScanStoppedError extends Error {
  constructor(
    readonly position: string,
    cause: unknown,
  ) {
    super(`stopped at ${position}: ${(cause as Error)?.message ?? String(cause)}. Every message before it was scanned and archived; run the scan again to continue (nothing is archived twice).`, { cause });
    this.name = 'ScanStoppedError';
  }
}

export interface ScanProgress extends ReadProgress {
  messages: number;
}

export interface ScanHistoryOptions {
  source: ImportSource;
  recipient: ResolvedPerson;
  analyser: MessageAnalyser;
  state: OffenderLedger;
  /** Person keys the recipient confirms as offenders (`--offender`). */
  offenders?: readonly string[];
  /** Adds facts from the network to a message before it is analysed (WHOIS with `--whois`). */
  enrich?: (message: Message) => Promise<void>;
  onProgress?: (progress: ScanProgress) => void;
  /** Called after every message read, for progress; at most this often (messages). */
  progressEvery?: number;
}

export async function scanHistory(options: ScanHistoryOptions): Promise<ScanSummary> {
  const { source, recipient, analyser, state } = options;
  const summary = new SummaryBuilder(source.path, source.format, { key: recipient.key, ...(recipient.displayName ? { name: recipient.displayName } : {}) }, source.notes);
  const aimed = new AimedAt(recipient.userId);
  const offenders = new Set(options.offenders ?? []);
  for (const key of offenders) await state.confirmOffender(recipient.key, key, []);
  const known = new Set((await state.get(recipient.key)).confirmedTexts);
  const every = options.progressEvery ?? 500;
  let seenRecipient = recipient.seen;
  let position = 'the start';
  // Confirmed texts are handed over in batches, just before another sender's message needs them: every
  // change to the history makes α refit its profile, and an offender often writes many messages in a row.
  const pending = new Map<string, string[]>();
  const flush = async (): Promise<void> => {
    for (const [sender, texts] of pending) await state.confirmOffender(recipient.key, sender, texts);
    pending.clear();
  };
  const report = (): void => options.onProgress?.({ ...source.progress, messages: summary.read });

  try {
    for await (const item of source.items()) {
      if ('skip' in item) {
        summary.skip(item.skip);
        continue;
      }
      if ('person' in item) {
        if (item.person.id === recipient.userId) seenRecipient = true;
        continue;
      }
      const message = item.message;
      source.adopt?.(message, recipient.userId);
      position = positionOf(message);
      const mine = message.author.id === recipient.userId;
      if (mine || message.mentions.includes(recipient.userId) || message.dmOwnerId === recipient.userId) seenRecipient = true;
      summary.sawMessage(message, mine);
      if (summary.read % every === 0) report();
      const reason = aimed.reason(message);
      if (!reason) continue;
      if (source.attachmentRoot) await hashLocalAttachments(message, source.attachmentRoot);
      if (options.enrich) await options.enrich(message);
      const sender = authorKey(message);
      if (!offenders.has(sender)) await flush();
      const target: Recipient = { key: recipient.key, platform: recipient.platform, userId: recipient.userId, reason };
      const [outcome] = await analyser.analyse(message, [target]);
      if (!outcome) continue;
      summary.analysed(message, reason, outcome.analysis.verdict, { archived: outcome.evidenceId !== undefined, duplicate: outcome.duplicate === true });
      // A listed offender's words become part of the history α compares new senders against, in the order written.
      if (offenders.has(sender) && message.text.trim() !== '' && !known.has(message.text)) {
        known.add(message.text);
        pending.set(sender, [...(pending.get(sender) ?? []), message.text]);
      }
    }
    await flush();
  } catch (error) {
    if (!(error instanceof ScanInputError)) throw new ScanStoppedError(position, error);
    summary.stopped(`${error.file} ${error.position}`, error.problem);
  } finally {
    report();
    await source.close();
  }
  if (!seenRecipient) summary.note(`The recipient ${recipient.key} does not appear in this export as an author, a mention or a DM partner: check --recipient.`);
  return summary.finish();
}

function positionOf(message: Message): string {
  for (const value of Object.values(message.extra ?? {})) {
    const position = (value as { position?: unknown } | undefined)?.position;
    if (typeof position === 'string') return position;
  }
  return `${message.channelId}/${message.messageId}`;
}
