// What a person is told when their bundle is too big to attach: where it is, and for how long the server keeps it.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/bot/clock.js';
import type { BotContext } from '../../src/bot/context.js';
import { exportFor } from '../../src/bot/commands/export.js';
import { RateLimiter } from '../../src/bot/rate-limit.js';
import type { ExportResult } from '../../src/evidence/contracts.js';
import { captureLogger } from '../doubles/log.js';

function context(files: number, exportKeepMs?: number): BotContext {
  const clock = new ManualClock();
  const result: ExportResult = { outDir: '/data/exports/p/x', count: 3, files: Array.from({ length: files }, (_, i) => `part-${i}.jsonl`) };
  const archive = { exportBundle: () => Promise.resolve(result) };
  return {
    archive,
    clock,
    log: captureLogger().logger,
    exportDir: '/data/exports',
    exportLimiter: new RateLimiter({ capacity: 2, refillMs: 60_000 }, clock),
    ...(exportKeepMs === undefined ? {} : { exportKeepMs }),
  } as unknown as BotContext;
}

const where = async (ctx: BotContext): Promise<string | undefined> => (await exportFor(ctx, 'telegram:1', 'acts export --recipient telegram:1')).fields?.find((f) => f.label === 'Where')?.value;

describe('export reply for a bundle that stays on the server', () => {
  it('says how long the server keeps it', async () => {
    expect(await where(context(12, 72 * 3_600_000))).toMatch(/run acts export --recipient telegram:1\. It is removed from the server after 3 days; export again/);
    expect(await where(context(12, 36 * 3_600_000))).toMatch(/removed from the server after 36 hours/);
    expect(await where(context(12, 24 * 3_600_000))).toMatch(/removed from the server after 1 day;/);
  });

  it('says nothing of removal when no keep period is known, and attaches a small bundle instead', async () => {
    expect(await where(context(12))).not.toMatch(/removed/);
    const small = await exportFor(context(6, 72 * 3_600_000), 'telegram:1', 'acts export');
    expect(small.files).toHaveLength(6);
    expect(small.fields?.find((f) => f.label === 'Where')).toBeUndefined();
  });
});
