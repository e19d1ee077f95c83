import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Analysis, EvidenceRecord } from '../../src/core/types.js';
import { GENESIS_HASH, sha256Hex } from '../../src/evidence/record-codec.js';
import { canonicalJson } from '../../src/evidence/canonical-json.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';

let temp: TempArchive;
afterEach(() => temp?.cleanup());

async function all(iterable: AsyncIterable<EvidenceRecord>): Promise<EvidenceRecord[]> {
  const out: EvidenceRecord[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

describe('evidence archive', () => {
  it('creates the signing key at first start with mode 0600 and reuses it', async () => {
    temp = tempArchive();
    const first = await temp.open();
    expect(statSync(temp.keyFile).mode & 0o777).toBe(0o600);
    const keyId = first.keyId;
    await first.close();
    const second = await temp.open();
    expect(second.keyId).toBe(keyId);
    await second.close();
  });

  it('chains each recipient\u2019s records: seq from 0, prev = SHA-256 of the previous canonical line', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    await Promise.all([0, 1, 2].map((n) => archive.archive(analysis(n))));
    await archive.archive(analysis(3, {}, 'discord:U2'));
    const records = await all(archive.records('discord:U1'));
    expect(records.map((r) => r.seq)).toEqual([0, 1, 2]);
    expect(records[0]!.prev).toBe(GENESIS_HASH);
    expect(records[1]!.prev).toBe(sha256Hex(canonicalJson(records[0])));
    expect(records[2]!.prev).toBe(sha256Hex(canonicalJson(records[1])));
    const other = await all(archive.records('discord:U2'));
    expect(other.map((r) => [r.seq, r.prev])).toEqual([[0, GENESIS_HASH]]);
    await archive.close();
  });

  it('archives a message once per recipient, in the store: a repeat returns the first id, also after a restart', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    const [a, b] = await Promise.all([archive.archive(analysis(7)), archive.archive(analysis(7))]);
    expect(a).toEqual({ id: expect.any(String), duplicate: false });
    expect(b).toEqual({ id: a.id, duplicate: true });
    const forOther = await archive.archive(analysis(7, {}, 'discord:U2'));
    expect(forOther.duplicate).toBe(false);
    await archive.close();
    const reopened = await temp.open();
    expect(await reopened.archive(analysis(7))).toEqual({ id: a.id, duplicate: true });
    expect(await all(reopened.records('discord:U1'))).toHaveLength(1);
    await reopened.close();
  });

  it('keeps two snowflakes that differ only past 2^53 as two records', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    const ids = ['1152921504606846977', '1152921504606846976'];
    expect(Number(ids[0])).toBe(Number(ids[1]));
    const results = await Promise.all(ids.map((messageId, i) => archive.archive(analysis(i, { messageId }))));
    expect(results.map((r) => r.duplicate)).toEqual([false, false]);
    expect((await all(archive.records('discord:U1'))).map((r) => r.message?.messageId)).toEqual(ids);
    await archive.close();
  });

  it('records an edit and a deletion as new records pointing at the original, once each, and keeps the original', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    const original = await archive.archive(analysis(1));
    await archive.archive(analysis(1, {}, 'discord:U2'));
    const ref = { platform: 'discord' as const, messageId: '1000001', channelId: 'C1' };
    const edits = await archive.recordEdit(ref, { text: 'nothing to see', editedAt: '2024-03-01T12:05:00.000Z' });
    expect(edits).toHaveLength(2);
    expect(await archive.recordEdit(ref, { text: 'nothing to see', editedAt: '2024-03-01T12:05:00.000Z' })).toEqual(edits);
    const deletions = await archive.recordDeletion({ platform: 'discord', messageId: '1000001' }, '2024-03-01T12:06:00.000Z');
    expect(deletions).toHaveLength(2);
    expect(await archive.recordDeletion(ref, '2024-03-01T12:07:00.000Z')).toEqual(deletions);
    expect(await archive.recordDeletion({ platform: 'discord', messageId: 'never-archived' }, '2024-03-01T12:06:00.000Z')).toEqual([]);
    const records = await all(archive.records('discord:U1'));
    expect(records.map((r) => [r.kind, r.refersTo])).toEqual([['message', undefined], ['edit', original.id], ['deletion', original.id]]);
    expect(records[0]!.message?.text).toContain('you cannot hide');
    expect(records[1]!.message?.text).toBe('nothing to see');
    expect(records[2]!.occurredAt).toBe('2024-03-01T12:06:00.000Z');
    await archive.close();
  });

  it('refuses input it cannot make a record of, naming the field', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    const noId = analysis(1);
    delete (noId.message as Partial<typeof noId.message>).messageId;
    await expect(archive.archive(noId)).rejects.toThrow(/analysis\.message\.messageId is missing/);
    const numeric = analysis(2) as unknown as { message: { author: { id: unknown } } };
    numeric.message.author.id = 123;
    await expect(archive.archive(numeric as unknown as Analysis)).rejects.toThrow(/author\.id is a number; platform ids must stay strings/);
    await expect(archive.archive(analysis(3, { sentAt: 'yesterday' }))).rejects.toThrow(/sentAt is not an ISO 8601 time/);
    await expect(archive.archive({ ...analysis(4), recipient: undefined } as unknown as Analysis)).rejects.toThrow(/analysis\.recipient is missing/);
    // A refused item does not stop the others.
    expect((await archive.archive(analysis(5))).duplicate).toBe(false);
    await archive.close();
  });

  it('archives invalid Unicode with U+FFFD in place and the original code units kept', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    const { id } = await archive.archive(analysis(1, { text: 'broken \uD800 text' }));
    const record = (await archive.record(id))!;
    expect(record.message?.text).toBe('broken \uFFFD text');
    expect(record.repairs).toEqual([{ path: 'message.text', utf16leBase64: Buffer.from('broken \uD800 text', 'utf16le').toString('base64') }]);
    await archive.close();
  });

  it('archives a 4 MB message whole, and refuses one over the record limit with a clear error', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    const big = 'x'.repeat(4 * 1024 * 1024);
    const { id } = await archive.archive(analysis(1, { text: big }));
    expect((await archive.record(id))!.message!.text).toBe(big);
    await expect(archive.archive(analysis(2, { text: 'y'.repeat(33 * 1024 * 1024) }))).rejects.toThrow(/record would be \d+ bytes; the archive keeps records up to/);
    expect((await archive.archive(analysis(3))).duplicate).toBe(false);
    await archive.close();
  });
});
