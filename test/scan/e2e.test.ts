// End to end, one per format, as a person runs it: `acts scan` → `acts export` → `acts verify`, each a
// child process on a fresh data folder. The offender is named with --offender so what must be archived does
// not depend on what the trained model learned; anything the model flags on top is allowed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/core/types.js';
import { sourceSha256 } from '../../src/scan/source-hash.js';
import { actsIn, ROOT } from '../helpers/acts-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { FIXTURES } from './helpers.js';
import { zipFolder } from './zip-writer.js';

const MODELS_SHIPPED = ['detector.bin', 'writeprint.json'].every((f) => existsSync(path.join(ROOT, 'models', f)));

const acts = actsIn;

interface Case {
  format: string;
  /** The export to scan; one made for the test (a zip) is written into `scratch`. */
  file: (scratch: string) => string;
  recipient: string;
  recipientKey: string;
  offender: string;
  offenderId: string;
  /** How many messages the offender aimed at the recipient in the fixture. */
  fromOffender: number;
}

const CASES: Case[] = [
  { format: 'telegram', file: () => path.join(FIXTURES, 'telegram/result.json'), recipient: 'Alice Example', recipientKey: 'telegram:1001', offender: 'Mallory Stone', offenderId: '2002', fromOffender: 5 },
  { format: 'discord', file: () => path.join(FIXTURES, 'discord'), recipient: '291234567890123456', recipientKey: 'discord:291234567890123456', offender: '381234567890123456', offenderId: '381234567890123456', fromOffender: 2 },
  {
    format: 'discord-package',
    file: (scratch) => zipFolder(path.join(FIXTURES, 'discord-package'), path.join(scratch, 'package.zip')),
    recipient: '291234567890123456',
    recipientKey: 'discord:291234567890123456',
    offender: 'Mallory',
    offenderId: '381234567890123456',
    fromOffender: 4,
  },
  {
    format: 'slack',
    file: (scratch) => zipFolder(path.join(FIXTURES, 'slack'), path.join(scratch, 'Acme Slack export.zip')),
    recipient: 'alice',
    recipientKey: 'slack:T05TEAM001:U05ALICE01',
    offender: 'Mallory Stone',
    offenderId: 'U05MALLO01',
    fromOffender: 3,
  },
  { format: 'mbox', file: () => path.join(FIXTURES, 'email/inbox.mbox'), recipient: 'alice@inbox-provider.example', recipientKey: 'email:alice@inbox-provider.example', offender: 'mallory@sender-mail.example', offenderId: 'mallory@sender-mail.example', fromOffender: 1 },
  { format: 'eml', file: () => path.join(FIXTURES, 'email/threat.eml'), recipient: 'alice@inbox-provider.example', recipientKey: 'email:alice@inbox-provider.example', offender: 'mallory@sender-mail.example', offenderId: 'mallory@sender-mail.example', fromOffender: 1 },
];

// Concurrent: each case is three child processes that mostly wait on start-up and the disk.
describe.skipIf(!MODELS_SHIPPED)('acts scan → export → verify, per format', () => {
  for (const c of CASES) {
    it.concurrent(c.format, async ({ onTestFinished }) => {
      const dataDir = tempDir('e2e-data', { onTestFinished });
      const file = c.file(tempDir('e2e', { onTestFinished }));
      const scan = await acts(dataDir, 'scan', file, '--recipient', c.recipient, '--offender', c.offender, '--json');
      expect(scan.stderr).toBe('');
      expect(scan.code).toBe(0);
      const summary = JSON.parse(scan.stdout) as { format: string; archived: number; recipient: { key: string } };
      expect(summary.format).toBe(c.format);
      expect(summary.recipient.key).toBe(c.recipientKey);
      expect(summary.archived).toBeGreaterThanOrEqual(c.fromOffender);

      // Re-running archives nothing twice (checked on one format: every one goes through the same archive).
      if (c.format === 'slack') {
        const again = await acts(dataDir, 'scan', file, '--recipient', c.recipient, '--offender', c.offender, '--json');
        expect(JSON.parse(again.stdout)).toMatchObject({ archived: 0, alreadyArchived: summary.archived });
      }

      const out = path.join(dataDir, 'bundle');
      const exported = await acts(dataDir, 'export', '--recipient', c.recipientKey, '--out', out, '--no-pdf');
      expect(exported.code).toBe(0);
      const records = readFileSync(path.join(out, 'records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as EvidenceRecord);
      const messages = records.filter((r) => r.kind === 'message');
      expect(messages).toHaveLength(summary.archived);
      expect(messages.filter((r) => r.message!.author.id === c.offenderId)).toHaveLength(c.fromOffender);
      // A file's SHA-256 is what sha256sum prints; a folder's is over its sorted list of file hashes.
      const sha = statSync(file).isDirectory() ? await sourceSha256(file) : createHash('sha256').update(readFileSync(file)).digest('hex');
      expect(messages.every((r) => r.imported?.sourceSha256 === sha && r.imported.sourceFile === path.basename(file))).toBe(true);
      if (c.format === 'eml') expect((messages[0]!.message!.extra!.email as { originatingIp: { ip: string } }).originatingIp.ip).toBe('198.51.100.23');

      const verified = await acts(dataDir, 'verify', out);
      expect(verified.stdout).toMatch(/^OK: /);
      expect(verified.code).toBe(0);
    }, 120_000);
  }
});
