// Runs one importer (or a whole scan) over a file in its own process, so the benchmark can report that
// process's peak RSS alone: `node --import tsx src/scan/bench-child.ts import|read FILE`. Prints one JSON line.
import { createReadStream } from 'node:fs';
import { openSource } from './open-source.js';

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  if (!file) throw new Error('usage: bench-child.ts import|read FILE');
  const started = performance.now();
  let messages = 0;
  let bytes = 0;
  if (mode === 'read') {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) bytes += (chunk as Buffer).length;
  } else {
    const source = await openSource(file);
    for await (const item of source.items()) if ('message' in item) messages++;
    bytes = source.progress.bytesRead;
    await source.close();
  }
  const ms = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ messages, bytes, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

await main();
