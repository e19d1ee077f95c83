// Vitest globalSetup: each run gets a temp folder of its own, and a run that leaves a temporary folder of
// ours behind fails. TMPDIR, which os.tmpdir() reads, is inherited by the workers and the processes they
// start, so whatever a run puts in the temp folder lands here, apart from other runs on the same machine.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'acts-test-run-'));
  process.env.TMPDIR = root;
  return () => {
    // Only ours: tools keep caches of their own in the temp folder (tsx), which go with the rest.
    const left = readdirSync(root).filter((name) => name.startsWith('acts-'));
    rmSync(root, { recursive: true, force: true, maxRetries: 5 });
    if (left.length === 0) return;
    console.error(`tests left ${left.length} temporary folder(s) behind (make them with test/helpers/temp-dir.ts): ${left.sort().join(', ')}`);
    // An error thrown here is only logged; the exit code is what fails CI.
    process.exitCode = 1;
  };
}
