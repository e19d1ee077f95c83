// Runs one importer, or a whole scan, over a file in its own process, so the benchmark can report that
// process's peak RSS alone: `node --import tsx src/scan/bench-child.ts import|read|naive|scan FILE [DATA_DIR]`.
// Prints one JSON line.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { openActsRuntime } from './acts-runtime.js';
import { openSource } from './open-source.js';
import { resolvePerson } from './resolve-person.js';
import { scanHistory } from './scan-history.js';
import { peakRssMb } from '../observability/peak-rss.js';

async function main(): Promise<void> {
  const [mode, file, dataDir] = process.argv.slice(2);
  if (!file) throw new Error('usage: bench-child.ts import|read|naive|scan FILE [DATA_DIR]');
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let messages = 0;
  let bytes = 0;
  let analysed = 0;
  if (mode === 'naive') {
    // The baseline a streaming importer replaces: the whole export read and parsed at once.
    const text = await readFile(file, 'utf8');
    bytes = Buffer.byteLength(text);
    messages = (JSON.parse(text) as { messages: unknown[] }).messages.length;
  } else if (mode === 'read') {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) bytes += (chunk as Buffer).length;
  } else if (mode === 'scan') {
    // The synthetic Telegram export's owner is user 1001: every other message is aimed at them.
    const source = await openSource(file);
    const recipient = await resolvePerson(source, '1001', () => openSource(file));
    const runtime = await openActsRuntime({ ...(dataDir ? { dataDir } : {}), imported: { sourceFile: 'bench.json', sourceSha256: '0'.repeat(64) } });
    try {
      const summary = await scanHistory({ source, recipient, analyser: runtime.analyser, state: runtime.state });
      messages = summary.read;
      analysed = summary.analysed;
      bytes = source.progress.bytesRead;
    } finally {
      await runtime.close();
    }
  } else {
    const source = await openSource(file);
    for await (const item of source.items()) if ('message' in item) messages++;
    bytes = source.progress.bytesRead;
    await source.close();
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(`${JSON.stringify({ messages, analysed, bytes, ms, cpuMs, maxRssMb: peakRssMb() })}\n`);
}

try {
  await main();
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
}
