// The export sweep in the runtime npm start uses (shipped models, SQLite, the signed archive): a bundle a
// person exported in chat is removed from <ACTS_DATA_DIR>/exports once ACTS_EXPORT_KEEP_HOURS have passed
// on the bot's clock, with a log line that carries no message text; a bundle an admin wrote elsewhere in the
// data folder (acts export --out) and the archive itself are untouched.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/app/runtime.js';
import { ManualClock } from '../../src/bot/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { caller, groupMessage } from '../bot/harness.js';
import { captureLogger } from '../doubles/log.js';
import { tempDir } from '../helpers/temp-dir.js';

const THREAT = 'you are a worthless stupid bitch and I will kill you';
const HOUR = 60 * 60 * 1000;

describe('export sweep in the running bot', () => {
  let runtime: Runtime | undefined;
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
  });

  it('removes a chat export after the keep period, leaves an admin export and the archive', async () => {
    const dataDir = tempDir('export-sweep-runtime');
    const clock = new ManualClock(Date.now());
    const log = captureLogger();
    runtime = await openRuntime(loadConfig({ ACTS_DATA_DIR: dataDir, ACTS_EXPORT_KEEP_HOURS: '2' }), log.logger, { clock });
    const { service, archive } = runtime;
    await service.onCommand({ caller: caller('111'), name: 'protect', args: '' });
    await service.onMessage(groupMessage({ text: THREAT, mentions: ['111'] }), 'sweep-1');
    const reply = await service.onCommand({ caller: caller('111'), name: 'export', args: '' });
    const bundle = path.dirname(reply.file!.path);
    expect(bundle.startsWith(path.join(dataDir, 'exports'))).toBe(true);
    expect(readFileSync(path.join(bundle, 'records.jsonl'), 'utf8')).toContain('worthless');
    const adminOut = path.join(dataDir, 'admin-bundle');
    await archive.exportBundle({ recipientKey: 'telegram:111', outDir: adminOut });

    clock.advance(2 * HOUR - 1);
    expect((await runtime.exportSweep.runNow())?.removed).toBe(0);
    expect(existsSync(bundle)).toBe(true);
    clock.advance(1);
    expect((await runtime.exportSweep.runNow())?.removed).toBe(1);
    expect(existsSync(bundle)).toBe(false);
    expect(existsSync(path.join(adminOut, 'records.jsonl'))).toBe(true);

    const removal = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => /exported bundle removed/.test(String(l.msg)));
    expect(removal).toMatchObject({ component: 'export-sweep', ageHours: 2, rule: 'ACTS_EXPORT_KEEP_HOURS=2' });
    expect(removal!.files).toBeGreaterThanOrEqual(5);
    expect(log.text()).not.toContain('worthless');

    const kinds: string[] = [];
    for await (const record of archive.records('telegram:111')) kinds.push(record.kind);
    expect(kinds).toEqual(['message']);
  });
});
