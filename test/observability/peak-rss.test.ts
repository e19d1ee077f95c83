// The benchmarks' peak RSS is the measured process's own, not its parent's (Linux's maxRSS inherits that).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('peakRssMb', () => {
  it.runIf(process.platform === 'linux')('reports a child\'s own peak even when its parent is much larger', () => {
    const ballast = Buffer.alloc(300 * 1024 * 1024, 1);
    const script = "import('./src/observability/peak-rss.ts').then((m) => console.log(JSON.stringify({ own: m.peakRssMb(), inherited: process.resourceUsage().maxRSS / 1024 })))";
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    const { own, inherited } = JSON.parse(out.trim().split('\n').pop()!) as { own: number; inherited: number };
    expect(ballast.length).toBeGreaterThan(0);
    expect(inherited).toBeGreaterThan(300);
    expect(own).toBeGreaterThan(10);
    expect(own).toBeLessThan(250);
  });
});
