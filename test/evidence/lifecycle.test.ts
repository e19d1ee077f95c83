// Model-based test of the evidence archive's features in combination: random sequences of archiving (several
// recipients and platforms), edits and deletions, key rotation, clock advances, retention (varying days, dry
// run or not), legal holds, restarts, a second process writing the same SQLite file (`acts hold`, `acts scan`,
// `acts retention`, `acts export` beside the bot) and exports (whole, a --from/--to window, a workspace).
// After each export: the bundle verifies, proves it extends the recipient's previous bundle (verify
// --previous), holds exactly the records the model expects (which are tombstones, which are selected) and
// names the chain's first key as its anchor.
//
// The normal run is short. A longer hunt: ACTS_LIFECYCLE_RUNS=300 npx vitest run test/evidence/lifecycle.test.ts
// (ACTS_LIFECYCLE_SEED=N replays a seed; fast-check prints the seed and the shrunk sequence of a failure).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Analysis, EvidenceRecord } from '../../src/core/types.js';
import type { SignedEvidenceArchive } from '../../src/evidence/archive.js';
import type { Manifest } from '../../src/evidence/bundle-format.js';
import { retentionCutoff } from '../../src/evidence/retention.js';
import { checkGrowth } from '../../src/evidence/verify/previous-bundle.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { readLines } from './bundle-helpers.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';
import { ArchiveModel, type ModelSelection } from './lifecycle-model.js';

const RUNS = Number(process.env.ACTS_LIFECYCLE_RUNS ?? 5);
const SEED = process.env.ACTS_LIFECYCLE_SEED === undefined ? undefined : Number(process.env.ACTS_LIFECYCLE_SEED);
const START = Date.parse('2024-03-01T00:00:00Z');
const HOUR = 3_600_000;

const RECIPIENTS = ['discord:U1', 'discord:U2', 'slack:T1:U3', 'telegram:44'] as const;
const PLATFORMS = ['discord', 'slack', 'telegram'] as const;
const MESSAGES = 6;

interface Model {
  archive: ArchiveModel;
  /** A message's sent time, fixed when it is first archived for anyone. */
  sentAt: Map<number, number>;
  /** Flood messages archived so far (their ids are numbered on). */
  floods: number;
}

interface Real {
  temp: TempArchive;
  bot: SignedEvidenceArchive;
  /** Key ids by epoch (0 = the archive's first key). */
  keyIds: string[];
  previous: Map<string, string>;
  exports: number;
}

type Command = fc.AsyncCommand<Model, Real>;

const messageOf = (i: number): { platform: (typeof PLATFORMS)[number]; messageId: string; channelId: string; workspaceId?: string } => {
  const platform = PLATFORMS[i % PLATFORMS.length]!;
  return { platform, messageId: `m${i}`, channelId: 'C1', ...(platform === 'telegram' ? {} : { workspaceId: `G${(i % 2) + 1}` }) };
};
const messageKey = (i: number): string => `${messageOf(i).platform}:m${i}`;

function analysisOf(i: number, sentAt: number, recipient: string, imported: boolean): Analysis {
  const m = messageOf(i);
  const a = analysis(i, { platform: m.platform, messageId: m.messageId, channelId: m.channelId, workspaceId: m.workspaceId, sentAt: new Date(sentAt).toISOString() }, recipient);
  if (m.workspaceId === undefined) delete a.message.workspaceId;
  if (imported) a.imported = { sourceFile: 'export.json', sourceSha256: 'a'.repeat(64) };
  return a;
}

/** Runs `task` on the bot's archive, or on a second one opened on the same files (an admin command beside the bot). */
async function on<T>(real: Real, admin: boolean, task: (archive: SignedEvidenceArchive) => Promise<T>): Promise<T> {
  if (!admin) return task(real.bot);
  const archive = await real.temp.open();
  try {
    return await task(archive);
  } finally {
    await archive.close();
  }
}

const command = (label: string, run: (m: Model, r: Real) => Promise<void>): Command => ({ check: () => true, run, toString: () => label });

const archiveCommand = fc
  .record({ i: fc.nat(MESSAGES - 1), to: fc.subarray([0, 1, 2, 3], { minLength: 1 }), hoursAgo: fc.nat(72), admin: fc.boolean() })
  .map(({ i, to, hoursAgo, admin }) =>
    command(`archive m${i} for ${to.map((n) => RECIPIENTS[n]).join('+')}${admin ? ' (acts scan)' : ''}`, async (m, r) => {
      const sentAt = m.sentAt.get(i) ?? m.archive.now - hoursAgo * HOUR;
      m.sentAt.set(i, sentAt);
      const recipients = to.map((n) => RECIPIENTS[n]!);
      const results = await on(r, admin, (a) => Promise.all(recipients.map((recipient) => a.archive(analysisOf(i, sentAt, recipient, admin)))));
      const fresh = recipients.map((recipient) => m.archive.archive(recipient, messageKey(i), sentAt, messageOf(i).workspaceId));
      expect(results.map((x) => !x.duplicate)).toEqual(fresh);
    }),
  );

/** Enough records at once to cross the archive's read pages (256) and, twice, retention's chunks (500). */
const floodCommand = fc.record({ n: fc.nat(RECIPIENTS.length - 1), count: fc.constantFrom(120, 300) }).map(({ n, count }) =>
  command(`flood ${RECIPIENTS[n]} with ${count} messages`, async (m, r) => {
    const recipient = RECIPIENTS[n]!;
    const first = m.floods;
    m.floods += count;
    const sentAt = m.archive.now;
    const results = await Promise.all(
      Array.from({ length: count }, (_, k) => {
        const a = analysis(first + k, { messageId: `flood-${first + k}`, sentAt: new Date(sentAt).toISOString() }, recipient);
        return r.bot.archive(a);
      }),
    );
    expect(results.every((x) => !x.duplicate)).toBe(true);
    for (let k = 0; k < count; k++) m.archive.archive(recipient, `discord:flood-${first + k}`, sentAt, 'G1');
  }),
);

const followUpCommand = fc
  .record({ i: fc.nat(MESSAGES - 1), kind: fc.constantFrom('edit' as const, 'deletion' as const), text: fc.nat(1), admin: fc.boolean() })
  .map(({ i, kind, text, admin }) =>
    command(`${kind} of m${i}${kind === 'edit' ? ` (text ${text})` : ''}${admin ? ' (admin)' : ''}`, async (m, r) => {
      const ref = { platform: messageOf(i).platform, messageId: messageOf(i).messageId };
      const at = new Date(m.archive.now).toISOString();
      const ids = await on(r, admin, (a) => (kind === 'edit' ? a.recordEdit(ref, { text: `edited ${text}`, editedAt: at }) : a.recordDeletion(ref, at)));
      expect(ids.length).toBe(m.archive.followUp(messageKey(i), kind, kind === 'edit' ? `${at}:${text}` : 'deletion'));
    }),
  );

const rotateCommand = fc.constant(
  command('rotate key (bot stopped)', async (m, r) => {
    await r.bot.close();
    const rotated = await on({ ...r }, true, (a) => a.rotateKey());
    r.bot = await r.temp.open();
    expect(rotated.previousKeyId).toBe(r.keyIds[r.keyIds.length - 1]);
    r.keyIds.push(rotated.keyId);
    m.archive.rotateKey();
  }),
);

const advanceCommand = fc.integer({ min: 1, max: 24 * 60 }).map((hours) =>
  command(`advance ${hours} h`, async (m) => {
    m.archive.now += hours * HOUR;
    vi.setSystemTime(m.archive.now);
  }),
);

const retentionCommand = fc
  .record({ days: fc.constantFrom(1, 7, 30, 90), dryRun: fc.boolean(), admin: fc.boolean(), crash: fc.boolean() })
  .map(({ days, dryRun, admin, crash }) =>
    command(`retention ${days} days${dryRun ? ' (dry run)' : ''}${admin ? ' (acts retention)' : ''}${crash ? ', killed before the content is removed' : ''}`, async (m, r) => {
      const cutoff = retentionCutoff(days, new Date(m.archive.now));
      const report = await on(r, admin, (a) => {
        // The process dies once the tombstones are committed, before the replaced records are removed.
        if (crash) a.store.deleteMany = async () => undefined;
        return a.applyRetention({ cutoff, rule: `ACTS_RETENTION_DAYS=${days}`, dryRun });
      });
      expect({ deleted: report.deleted, recipients: report.recipients, held: report.held }).toEqual(m.archive.retention(cutoff.getTime(), dryRun));
      if (crash && !admin) {
        await r.bot.close();
        r.bot = await r.temp.open();
      }
    }),
  );

const holdCommand = fc
  .record({ n: fc.nat(RECIPIENTS.length - 1), on: fc.boolean(), admin: fc.boolean() })
  .map(({ n, on: state, admin }) =>
    command(`hold ${RECIPIENTS[n]} ${state ? 'on' : 'off'}${admin ? ' (acts hold)' : ''}`, async (m, r) => {
      const recipient = RECIPIENTS[n]!;
      await on(r, admin, (a) => a.setHold(recipient, state, state ? 'case 7' : undefined));
      m.archive.hold(recipient, state);
      expect(await r.bot.isHeld(recipient)).toBe(state);
    }),
  );

const restartCommand = fc.constant(
  command('restart the bot', async (_m, r) => {
    await r.bot.close();
    r.bot = await r.temp.open();
  }),
);

async function exportAndCheck(m: Model, r: Real, recipient: string, selection: ModelSelection, admin: boolean): Promise<void> {
  const outDir = path.join(r.temp.dir, `bundle-${++r.exports}`);
  const result = await on(r, admin, (a) =>
    a.exportBundle({
      recipientKey: recipient,
      outDir,
      pdf: false,
      from: selection.from === undefined ? undefined : new Date(selection.from),
      to: selection.to === undefined ? undefined : new Date(selection.to),
      workspaceId: selection.workspaceId,
    }),
  );
  const expected = m.archive.expectedExport(recipient, selection);
  if (expected.length === 0) {
    expect(result.count).toBe(0);
    return;
  }
  const verified = await verifyBundle(outDir);
  expect(verified.problems).toEqual([]);
  const records = readLines(outDir).map((line) => JSON.parse(line) as EvidenceRecord);
  expect(records.map((x) => ({ seq: x.seq, kind: x.kind }))).toEqual(expected);
  const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest;
  expect(manifest.anchorKeyId).toBe(r.keyIds[m.archive.anchorEpoch(recipient)!]);
  const previous = r.previous.get(recipient);
  if (previous) expect(await checkGrowth(outDir, previous)).toEqual([]);
  r.previous.set(recipient, outDir);
}

const selection = fc.oneof(
  fc.constant({ kind: 'whole' as const }),
  fc.record({ kind: fc.constant('workspace' as const), workspaceId: fc.constantFrom('G1', 'G2') }),
  fc.record({
    kind: fc.constant('window' as const),
    fromHoursAgo: fc.option(fc.nat(24 * 120), { nil: undefined }),
    hours: fc.option(fc.integer({ min: 1, max: 24 * 90 }), { nil: undefined }),
  }),
);

const exportCommand = fc
  .record({ n: fc.nat(RECIPIENTS.length - 1), selection, admin: fc.boolean() })
  .map(({ n, selection: s, admin }) =>
    command(`export ${RECIPIENTS[n]} ${JSON.stringify(s)}${admin ? ' (acts export)' : ''}`, async (m, r) => {
      let chosen: ModelSelection = {};
      if (s.kind === 'workspace') chosen = { workspaceId: s.workspaceId };
      else if (s.kind === 'window') {
        const from = s.fromHoursAgo === undefined ? undefined : m.archive.now - s.fromHoursAgo * HOUR;
        const to = s.hours === undefined ? undefined : (from ?? m.archive.now - 24 * 60 * HOUR) + s.hours * HOUR;
        chosen = { from, to };
      }
      await exportAndCheck(m, r, RECIPIENTS[n]!, chosen, admin);
    }),
  );

const commands = [
  floodCommand,
  archiveCommand,
  archiveCommand,
  followUpCommand,
  rotateCommand,
  advanceCommand,
  advanceCommand,
  retentionCommand,
  holdCommand,
  restartCommand,
  exportCommand,
  exportCommand,
];

describe('evidence lifecycle (model-based)', () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('keeps every export verifiable and as the model expects, whatever the order of operations', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: 'max' }), async (sequence) => {
        vi.setSystemTime(START);
        const temp = tempArchive();
        const bot = await temp.open();
        const real: Real = { temp, bot, keyIds: [bot.keyId], previous: new Map(), exports: 0 };
        const model: Model = { archive: new ArchiveModel(START), sentAt: new Map(), floods: 0 };
        try {
          await fc.asyncModelRun(() => ({ model, real }), sequence);
          // Whatever happened, a whole export of every recipient verifies and extends their last bundle.
          for (const recipient of model.archive.chains.keys()) await exportAndCheck(model, real, recipient, {}, true);
        } finally {
          await real.bot.close();
          temp.cleanup();
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
  });
});
