import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDotEnv } from '../../src/config/dotenv.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('.env file', () => {
  it('fills in what the environment does not set, and never overrides it', () => {
    const file = path.join(tempDir('env'), '.env');
    writeFileSync(file, '# comment\nTELEGRAM_BOT_TOKEN=from-file\nACTS_DATA_DIR="/srv/acts"\n');
    const env: NodeJS.ProcessEnv = { TELEGRAM_BOT_TOKEN: 'from-env' };
    expect(loadDotEnv(file, env)).toEqual(['ACTS_DATA_DIR']);
    expect(env).toEqual({ TELEGRAM_BOT_TOKEN: 'from-env', ACTS_DATA_DIR: '/srv/acts' });
  });

  it('does nothing without a file', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadDotEnv('/nonexistent/.env', env)).toEqual([]);
    expect(env).toEqual({});
  });
});
