// A mistyped option or a missing option value is reported in one line with a pointer to --help, by every
// command, never as a stack trace.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const acts = (args: string[]) => spawnSync(process.execPath, ['src/cli/acts.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '' } });

describe('acts with arguments it does not know', () => {
  it.each(['export', 'verify', 'retention', 'hold', 'rotate-key', 'scan', 'classify', 'identify'])('%s --bogus: exit 2, the option named, no stack trace', (command) => {
    const result = acts([command, '--bogus']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`acts ${command}: Unknown option '--bogus'`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain('node:internal');
  });

  it('an option without its value names the option', () => {
    const result = acts(['export', '--out']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/acts export: Option '--out <value>' argument missing\nRun `acts export --help` for its options\./);
  });
});
