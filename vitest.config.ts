import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/temp-root.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The default, stated because test/helpers/temp-dir.ts relies on it: afterAll and afterEach hooks run in
    // reverse order of registration, so a temporary folder is removed after what uses it has stopped.
    sequence: { hooks: 'stack' },
    // Two cores in CI: more workers only fight over them.
    maxWorkers: 2,
  },
});
