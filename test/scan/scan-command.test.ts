import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../src/cli/command.js';
import { runScan } from '../../src/cli/commands/scan.js';
import { KvRecipientStateStore } from '../../src/state/kv-state-store.js';
import { markImported, type ImportMark } from '../../src/scan/import-mark.js';
import type { OpenRuntime } from '../../src/scan/runtime.js';
import type { ScanSummary } from '../../src/scan/summary.js';
import { tempDir } from '../helpers/temp-dir.js';
import { MemorySink, WordAnalyser } from './doubles.js';
import { FIXTURES } from './helpers.js';

interface Harness {
  open: OpenRuntime;
  sink: MemorySink;
  state: KvRecipientStateStore;
  marks: ImportMark[];
}

function harness(): Harness {
  const sink = new MemorySink();
  const state = new KvRecipientStateStore();
  const marks: ImportMark[] = [];
  const open: OpenRuntime = async ({ imported }) => {
    marks.push(imported);
    return { analyser: new WordAnalyser(state, markImported(sink, imported)), state, close: async () => {} };
  };
  return { open, sink, state, marks };
}

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await fn(), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('acts scan (with doubles of the pipeline)', () => {
  it('prints a summary, marks every record with the export\'s SHA-256, and applies rules once across re-runs', async () => {
    const h = harness();
    const dir = tempDir('scan-cmd');
    const rules = path.join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify([{ when: { kind: 'word', word: 'hide' }, description: 'word hide' }]));
    const file = path.join(FIXTURES, 'discord/guild-general.json');
    const args = [file, '--recipient', 'Alice', '--rules', rules, '--json'];
    const first = await capture(() => runScan(args, h.open));
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.out) as ScanSummary;
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(summary).toMatchObject({ format: 'discord', recipient: { key: 'discord:291234567890123456', name: 'Alice' }, read: 4, analysed: 1, flagged: 1, sourceSha256: sha });
    expect(summary.skipped).toEqual({ 'service message': 1, 'message with no text': 1 });
    expect(h.sink.records.map((r) => r.imported)).toEqual([{ sourceFile: 'guild-general.json', sourceSha256: sha }]);
    await capture(() => runScan(args, h.open));
    expect((await h.state.get('discord:291234567890123456')).rules).toHaveLength(1);
    expect(h.sink.records).toHaveLength(1);

    const text = await capture(() => runScan([file, '--recipient', '291234567890123456'], h.open));
    expect(text.out).toMatch(/cyberstalking\s+1/);
    expect(text.out).toMatch(/archived as evidence\s+0 new, 1 already in the archive/);
    expect(text.out).toMatch(/Mallory \(discord:381234567890123456\)/);
    expect(text.err).toBe('');
  });

  it('says what is wrong with bad input, naming the file', async () => {
    const h = harness();
    const dir = tempDir('scan-cmd');
    const garbage = path.join(dir, 'garbage.bin');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    await expect(runScan([garbage, '--recipient', 'x'], h.open)).rejects.toThrow(/garbage\.bin: unknown format: binary data/);
    await expect(runScan([path.join(dir, 'missing.json'), '--recipient', 'x'], h.open)).rejects.toThrow(/no such file/);
    await expect(runScan([garbage], h.open)).rejects.toThrow(CliError);
    await expect(runScan([garbage, '--recipient', 'x', '--format', 'whatsapp'], h.open)).rejects.toThrow(/--format must be/);
    const badRules = path.join(dir, 'rules.json');
    writeFileSync(badRules, JSON.stringify([{ when: { kind: 'dateWindow', from: '13-01', to: '03-07' } }]));
    await expect(runScan([path.join(FIXTURES, 'discord/dm-mallory.json'), '--recipient', 'x', '--rules', badRules], h.open)).rejects.toThrow(/rules\[0\]\.when\.from/);
    await expect(runScan([path.join(FIXTURES, 'discord/dm-mallory.json'), '--recipient', 'Zed'], h.open)).rejects.toThrow(/nobody called 'Zed'/);
  });

  it('reports a truncated export with the place it stopped and exits 1', async () => {
    const h = harness();
    const dir = tempDir('scan-cmd');
    const whole = readFileSync(path.join(FIXTURES, 'discord/guild-general.json'), 'utf8');
    const file = path.join(dir, 'cut.json');
    writeFileSync(file, whole.slice(0, Math.floor(whole.length * 0.6)));
    const { code, out, err } = await capture(() => runScan([file, '--recipient', '291234567890123456'], h.open));
    expect(code).toBe(1);
    expect(out).toMatch(/STOPPED EARLY at cut\.json near byte \d+, line \d+, after \d+ complete elements: the JSON ends early/);
    expect(err).toMatch(/stopped early at cut\.json/);
  });

  it('says where it stopped when the archive fails, without a stack trace', async () => {
    const h = harness();
    let calls = 0;
    const failing: OpenRuntime = async (options) => {
      const runtime = await h.open(options);
      return {
        ...runtime,
        analyser: {
          analyse: (message, recipients) => (++calls === 2 ? Promise.reject(new Error('disk full')) : runtime.analyser.analyse(message, recipients)),
        },
      };
    };
    const error = await runScan([path.join(FIXTURES, 'telegram/result.json'), '--recipient', '1001'], failing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/^stopped at result\.json messages\[3\]: disk full\. Every message before it was scanned and archived/);
  });

  it('touches the network only with --whois', async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.resume();
      socket.end('registrant: someone\n');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const eml = path.join(FIXTURES, 'email/threat.eml');
    const without = harness();
    await capture(() => runScan([eml, '--recipient', 'alice@inbox-provider.example', '--offender', 'Mallory@sender-mail.example', '--whois-server', `127.0.0.1:${port}`], without.open));
    expect(connections).toBe(0);
    expect(without.sink.records[0]!.message.extra!.whois).toBeUndefined();
    const withWhois = harness();
    const { out } = await capture(() => runScan([eml, '--recipient', 'alice@inbox-provider.example', '--offender', 'mallory@sender-mail.example', '--whois', '--whois-server', `127.0.0.1:${port}`, '--json'], withWhois.open));
    expect(connections).toBe(2);
    expect(JSON.parse(out).whoisLookups).toBe(2);
    const whois = withWhois.sink.records[0]!.message.extra!.whois as Record<string, Array<{ server: string; answer: string; at: string }>>;
    expect(whois.ip![0]).toMatchObject({ server: `127.0.0.1:${port}`, answer: 'registrant: someone\n' });
    expect(whois.domain![0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
