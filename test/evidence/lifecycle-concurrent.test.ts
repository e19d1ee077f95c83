// The lifecycle steps at the same time: rounds of up to five operations started together, on the bot's
// archive or on a second one opened on the same SQLite file (an admin command beside the bot) — archiving,
// edits and deletions, retention, holds and exports — with clock advances, key rotations and restarts
// between rounds. The order inside a round is up to the scheduler, so no exact model: every operation must
// succeed, every bundle must verify and extend the recipient's bundle of an earlier round, and in the end
// each (message, recipient) is in the archive exactly once, as a record or its tombstone, and no chain shows
// a deletion while its hold was on.
//
// Longer: ACTS_LIFECYCLE_RUNS=100 npx vitest run test/evidence/lifecycle-concurrent.test.ts (ACTS_LIFECYCLE_SEED=N).
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EvidenceRecord } from '../../src/core/types.js';
import type { SignedEvidenceArchive } from '../../src/evidence/archive.js';
import { retentionCutoff } from '../../src/evidence/retention.js';
import { checkGrowth } from '../../src/evidence/verify/previous-bundle.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';

const RUNS = Number(process.env.ACTS_LIFECYCLE_RUNS ?? 4);
const SEED = process.env.ACTS_LIFECYCLE_SEED === undefined ? undefined : Number(process.env.ACTS_LIFECYCLE_SEED);
const START = Date.parse('2024-03-01T00:00:00Z');
const HOUR = 3_600_000;
const RECIPIENTS = ['discord:U1', 'discord:U2', 'telegram:44'] as const;
const MESSAGES = 5;

type Op =
  | { t: 'archive'; i: number; to: number[]; admin: boolean }
  | { t: 'edit' | 'deletion'; i: number; admin: boolean }
  | { t: 'retention'; days: number; admin: boolean }
  | { t: 'hold'; n: number; on: boolean; admin: boolean }
  | { t: 'export'; n: number; fromHoursAgo?: number; admin: boolean };

const admin = fc.boolean();
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('archive' as const), i: fc.nat(MESSAGES - 1), to: fc.subarray([0, 1, 2], { minLength: 1 }), admin }),
  fc.record({ t: fc.constantFrom('edit' as const, 'deletion' as const), i: fc.nat(MESSAGES - 1), admin }),
  fc.record({ t: fc.constant('retention' as const), days: fc.constantFrom(1, 7, 30), admin }),
  fc.record({ t: fc.constant('hold' as const), n: fc.nat(RECIPIENTS.length - 1), on: fc.boolean(), admin }),
  fc.record({ t: fc.constant('export' as const), n: fc.nat(RECIPIENTS.length - 1), fromHoursAgo: fc.option(fc.nat(24 * 60), { nil: undefined }), admin }),
);
const round = fc.record({ ops: fc.array(op, { minLength: 1, maxLength: 5 }), advanceHours: fc.nat(24 * 20), then: fc.constantFrom('nothing', 'nothing', 'nothing', 'rotate', 'restart') });

interface Run {
  temp: TempArchive;
  bot: SignedEvidenceArchive;
  now: number;
  exports: number;
  /** The latest bundle of each recipient from an earlier round. */
  previous: Map<string, string>;
  /** Bundles of this round, by recipient. */
  fresh: Map<string, string>;
  archived: Set<string>;
}

async function on<T>(run: Run, viaAdmin: boolean, task: (archive: SignedEvidenceArchive) => Promise<T>): Promise<T> {
  if (!viaAdmin) return task(run.bot);
  const archive = await run.temp.open();
  try {
    return await task(archive);
  } finally {
    await archive.close();
  }
}

async function exportAndVerify(run: Run, recipient: string, viaAdmin: boolean, from?: Date): Promise<void> {
  const outDir = path.join(run.temp.dir, `bundle-${++run.exports}`);
  const result = await on(run, viaAdmin, (a) => a.exportBundle({ recipientKey: recipient, outDir, pdf: false, from }));
  if (result.count === 0) return;
  expect((await verifyBundle(outDir)).problems, `${recipient} ${outDir}`).toEqual([]);
  const previous = run.previous.get(recipient);
  if (previous) expect(await checkGrowth(outDir, previous)).toEqual([]);
  run.fresh.set(recipient, outDir);
}

async function perform(run: Run, o: Op): Promise<void> {
  const ref = (i: number): { platform: 'discord'; messageId: string } => ({ platform: 'discord', messageId: `m${i}` });
  const at = new Date(run.now).toISOString();
  switch (o.t) {
    case 'archive':
      await on(run, o.admin, (a) =>
        Promise.all(
          o.to.map((n) => {
            run.archived.add(`m${o.i} ${RECIPIENTS[n]}`);
            return a.archive(analysis(o.i, { messageId: `m${o.i}`, sentAt: at }, RECIPIENTS[n]));
          }),
        ),
      );
      return;
    case 'edit':
      await on(run, o.admin, (a) => a.recordEdit(ref(o.i), { text: `edited at ${at}`, editedAt: at }));
      return;
    case 'deletion':
      await on(run, o.admin, (a) => a.recordDeletion(ref(o.i), at));
      return;
    case 'retention':
      await on(run, o.admin, (a) => a.applyRetention({ cutoff: retentionCutoff(o.days, new Date(run.now)), rule: `ACTS_RETENTION_DAYS=${o.days}` }));
      return;
    case 'hold':
      await on(run, o.admin, (a) => a.setHold(RECIPIENTS[o.n]!, o.on));
      return;
    case 'export':
      await exportAndVerify(run, RECIPIENTS[o.n]!, o.admin, o.fromHoursAgo === undefined ? undefined : new Date(run.now - o.fromHoursAgo * HOUR));
  }
}

describe('evidence lifecycle, steps at the same time', () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('every operation succeeds, every bundle verifies, and nothing is archived twice or lost', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(round, { minLength: 1, maxLength: 12 }), async (rounds) => {
        vi.setSystemTime(START);
        const temp = tempArchive();
        const run: Run = { temp, bot: await temp.open(), now: START, exports: 0, previous: new Map(), fresh: new Map(), archived: new Set() };
        try {
          for (const r of rounds) {
            run.fresh.clear();
            const outcomes = await Promise.allSettled(r.ops.map((o) => perform(run, o)));
            for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
            for (const [recipient, dir] of run.fresh) run.previous.set(recipient, dir);
            run.now += r.advanceHours * HOUR;
            vi.setSystemTime(run.now);
            if (r.then === 'restart' || r.then === 'rotate') {
              await run.bot.close();
              if (r.then === 'rotate') await on(run, true, (a) => a.rotateKey());
              run.bot = await temp.open();
            }
          }
          run.fresh.clear();
          for (const recipient of RECIPIENTS) await exportAndVerify(run, recipient, true);
          const found: string[] = [];
          for (const recipient of RECIPIENTS) {
            let held = false;
            for await (const record of run.bot.records(recipient) as AsyncIterable<EvidenceRecord>) {
              // Nothing is deleted while a hold is on.
              if (record.kind === 'legal-hold') held = record.hold!.on;
              if (record.kind === 'retention-deletion') expect(held, `${recipient} ${record.id}`).toBe(false);
              if (record.kind === 'message') found.push(`${record.message!.messageId} ${recipient}`);
              if (record.kind === 'tombstone' && record.tombstone?.kind === 'message') found.push(`tombstone ${recipient}`);
            }
          }
          expect(found.filter((f) => !f.startsWith('tombstone')).length).toBe(new Set(found.filter((f) => !f.startsWith('tombstone'))).size);
          expect(found.length).toBe(run.archived.size);
        } finally {
          await run.bot.close();
          temp.cleanup();
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
  });
});
