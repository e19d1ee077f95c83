// Temporary folders for tests, removed with everything in them: what the tests write there (SQLite files,
// evidence bundles holding message text) must not pile up in the OS temp folder, nor stay readable in it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished, TestRunner, type TestContext } from 'vitest';

const fileDirs: string[] = [];

/**
 * A new empty folder `<OS temp>/acts-<label>-XXXXXX`.
 *
 * Made in a test (or its beforeEach), it is removed when that test finishes, which is after the test's
 * afterEach hooks: a server or child process they stop is gone by then. Made anywhere else (the module or a
 * describe body, a beforeAll), it is removed after the file's last afterAll hook (see removeFileTempDirs).
 * A concurrent test passes its own context: which test is running cannot be told from outside it.
 */
export function tempDir(label: string, test?: Pick<TestContext, 'onTestFinished'>): string {
  const dir = mkdtempSync(path.join(tmpdir(), `acts-${label}-`));
  const remove = (): void => removeDir(dir);
  if (test) test.onTestFinished(remove);
  else if (TestRunner.getCurrentTest()) onTestFinished(remove);
  else fileDirs.push(dir);
  return dir;
}

/**
 * Removes the folders made outside a test. test/setup.ts registers it as an afterAll hook before the test
 * file's own hooks, so with vitest's `stack` hook order (set in vitest.config.ts) it runs after all of them.
 */
export function removeFileTempDirs(): void {
  for (const dir of fileDirs.splice(0)) removeDir(dir);
}

function removeDir(dir: string): void {
  // Retries cover a file that a process shutting down closes a moment late (EBUSY, ENOTEMPTY).
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
}
