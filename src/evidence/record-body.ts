// Checks what the pipeline hands the archive and turns it into the content of a record. Anything that
// makes a record impossible (no message id to deduplicate on, no recipient) is refused with an error that
// names the field; anything merely odd (invalid Unicode, NaN) is kept, repaired and noted.
import type { Analysis, EvidenceRecord, Message } from '../core/types.js';
import { PLATFORMS } from '../core/types.js';
import { EvidenceError } from './errors.js';
import { sanitize, type UnicodeRepair } from './sanitize.js';

/** The parts of a record the caller decides; the chain fields (id, seq, prev, keyId, sig) come from the writer. */
export type RecordBody = Pick<EvidenceRecord, 'kind' | 'recipient'> &
  Partial<Pick<EvidenceRecord, 'refersTo' | 'occurredAt' | 'message' | 'verdict' | 'reason' | 'analysedAt' | 'repairs' | 'imported' | 'key' | 'hold' | 'retention'>>;

function refuse(field: string, why: string): never {
  throw new EvidenceError('invalid-input', `cannot archive: ${field} ${why}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(value: unknown, field: string, allowEmpty = false): string {
  if (typeof value === 'number' || typeof value === 'bigint') refuse(field, `is a ${typeof value}; platform ids must stay strings (they exceed 2^53)`);
  if (typeof value !== 'string') refuse(field, 'is missing');
  if (!allowEmpty && value.length === 0) refuse(field, 'is empty');
  return value;
}

function requireTime(value: unknown, field: string): void {
  const text = requireString(value, field);
  if (Number.isNaN(Date.parse(text))) refuse(field, `is not an ISO 8601 time: ${JSON.stringify(text.slice(0, 40))}`);
}

export function validateMessage(message: unknown, field = 'analysis.message'): asserts message is Message {
  if (!isObject(message)) refuse(field, 'is missing');
  if (!PLATFORMS.includes(message.platform as never)) refuse(`${field}.platform`, `must be one of ${PLATFORMS.join(', ')}`);
  requireString(message.messageId, `${field}.messageId`);
  requireString(message.channelId, `${field}.channelId`);
  if (!isObject(message.author)) refuse(`${field}.author`, 'is missing');
  requireString(message.author.id, `${field}.author.id`);
  requireString(message.text, `${field}.text`, true);
  requireTime(message.sentAt, `${field}.sentAt`);
}

export function messageBody(analysis: Analysis): RecordBody {
  if (!isObject(analysis)) refuse('analysis', 'is missing');
  validateMessage(analysis.message);
  if (!isObject(analysis.recipient)) refuse('analysis.recipient', 'is missing');
  const recipient = requireString(analysis.recipient.key, 'analysis.recipient.key');
  if (!isObject(analysis.verdict) || typeof analysis.verdict.label !== 'string') refuse('analysis.verdict', 'is missing');
  const repairs: UnicodeRepair[] = [];
  const body: RecordBody = {
    kind: 'message',
    recipient,
    message: sanitize(analysis.message, 'message', repairs) as Message,
    verdict: sanitize(analysis.verdict, 'verdict', repairs) as EvidenceRecord['verdict'],
    reason: analysis.recipient.reason,
    analysedAt: typeof analysis.analysedAt === 'string' ? analysis.analysedAt : undefined,
  };
  const imported = analysis.imported;
  if (imported !== undefined) {
    if (!isObject(imported) || typeof imported.sourceFile !== 'string' || !/^[0-9a-f]{64}$/.test(String(imported.sourceSha256))) {
      refuse('analysis.imported', 'must be { sourceFile, sourceSha256 (64 hex digits) }');
    }
    body.imported = { sourceFile: sanitize(imported.sourceFile, 'imported.sourceFile', repairs) as string, sourceSha256: imported.sourceSha256 };
  }
  if (repairs.length > 0) body.repairs = repairs;
  return body;
}

export function editBody(original: EvidenceRecord, edit: { text: string; editedAt: string }): RecordBody {
  requireString(edit?.text, 'edit.text', true);
  requireTime(edit.editedAt, 'edit.editedAt');
  const repairs: UnicodeRepair[] = [];
  const text = sanitize(edit.text, 'message.text', repairs) as string;
  const body: RecordBody = {
    kind: 'edit',
    recipient: original.recipient,
    refersTo: original.id,
    occurredAt: edit.editedAt,
    message: { ...original.message!, text, editedAt: edit.editedAt },
  };
  if (repairs.length > 0) body.repairs = repairs;
  return body;
}

export function deletionBody(original: EvidenceRecord, deletedAt: string): RecordBody {
  requireTime(deletedAt, 'deletedAt');
  return { kind: 'deletion', recipient: original.recipient, refersTo: original.id, occurredAt: deletedAt };
}
