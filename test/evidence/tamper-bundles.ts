// Realistic bundles for the tamper property test: several messages, an edit and a deletion, a key
// rotation, a retention run that left tombstones, a legal hold, and three exports of one person's
// evidence: an early full one (the `--previous` bundle), a later full one and a date selection.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openEvidenceArchive } from '../../src/evidence/archive.js';
import { retentionCutoff } from '../../src/evidence/retention.js';
import { analysis, tempArchive } from './fixtures.js';

export type BundleFiles = Map<string, Buffer>;

export interface TamperBundles {
  /** Exported before the retention run; the later full bundle proves its log grew from this one's. */
  previous: BundleFiles;
  full: BundleFiles;
  /** `--from/--to` around the records archived in April. */
  selection: BundleFiles;
}

function readBundle(dir: string): BundleFiles {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));
}

export async function buildTamperBundles(): Promise<TamperBundles> {
  const temp = tempArchive();
  let clock = new Date('2024-03-01T00:00:00Z');
  const archive = await openEvidenceArchive({ storeUrl: temp.storeUrl, keyFile: temp.keyFile, encryptionKeyFile: temp.encryptionKeyFile, now: () => clock });
  const exportTo = async (name: string, selection: { from?: Date; to?: Date } = {}): Promise<BundleFiles> => {
    const outDir = path.join(temp.dir, name);
    await archive.exportBundle({ recipientKey: 'discord:U1', outDir, pdf: false, ...selection });
    return readBundle(outDir);
  };
  try {
    for (let n = 0; n < 4; n++) await archive.archive(analysis(n));
    await archive.archive(analysis(20, {}, 'discord:U2'));
    await archive.rotateKey();
    clock = new Date('2024-04-15T00:00:00Z');
    for (let n = 4; n < 8; n++) await archive.archive(analysis(n, { sentAt: `2024-04-15T00:00:0${n}.000Z` }));
    await archive.recordEdit({ platform: 'discord', messageId: '1000005' }, { text: 'nothing to see here', editedAt: '2024-04-15T01:00:00.000Z' });
    await archive.recordDeletion({ platform: 'discord', messageId: '1000006' }, '2024-04-15T02:00:00.000Z');
    const previous = await exportTo('previous');
    const now = new Date('2024-04-20T00:00:00Z');
    await archive.applyRetention({ cutoff: retentionCutoff(30, now), now: () => now, rule: 'ACTS_RETENTION_DAYS=30' });
    clock = new Date('2024-04-21T00:00:00Z');
    await archive.setHold('discord:U1', true, 'case 12/2024');
    for (let n = 8; n < 10; n++) await archive.archive(analysis(n, { sentAt: `2024-04-21T00:00:0${n}.000Z` }));
    const full = await exportTo('full');
    const selection = await exportTo('selection', { from: new Date('2024-04-15T00:00:05Z'), to: new Date('2024-04-16T00:00:00Z') });
    return { previous, full, selection };
  } finally {
    await archive.close();
  }
}
