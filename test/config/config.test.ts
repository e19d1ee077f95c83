import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, noPlatformHelp } from '../../src/config/config.js';
import { VARIABLES } from '../../src/config/variables.js';

describe('configuration', () => {
  it('.env.example lists every variable the bot reads, each with a comment, and nothing else', () => {
    const lines = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n');
    const listed = lines.filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=')[0]);
    expect(listed.sort()).toEqual(VARIABLES.map((v) => v.name).sort());
    for (const name of listed) {
      const at = lines.findIndex((l) => l.startsWith(`${name}=`));
      expect(lines[at - 1], name).toMatch(/^# \S/);
    }
  });

  it('starts with no platform and defaults for storage', () => {
    const config = loadConfig({ ACTS_DATA_DIR: '/tmp/acts-x' });
    expect(config.telegram ?? config.discord ?? config.slack).toBeUndefined();
    expect(config.storeUrl).toBe('sqlite:///tmp/acts-x/acts.sqlite');
    expect(config.signingKeyFile).toBe('/tmp/acts-x/signing-key.pem');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads each platform when its credentials are set', () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: 't', DISCORD_TOKEN: 'd', DISCORD_APPLICATION_ID: '1', SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 's', SLACK_PORT: '0', TELEGRAM_API_ROOT: 'http://127.0.0.1:9' });
    expect(config.telegram).toEqual({ token: 't', apiRoot: 'http://127.0.0.1:9' });
    expect(config.discord?.apiUrl).toBe('https://discord.com/api');
    expect(config.slack?.port).toBe(0);
  });

  it('names what is missing or wrong, without printing secrets', () => {
    const attempt = () => loadConfig({ DISCORD_TOKEN: 'very-secret-token', SLACK_PORT: 'abc', SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 'y', TELEGRAM_BOT_TOKEN: 't', TELEGRAM_WEBHOOK_URL: 'https://example.org/hook' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const text = (error as Error).message;
      expect(text).toContain('DISCORD_APPLICATION_ID is missing');
      expect(text).toContain('SLACK_PORT must be a port number');
      expect(text).toContain('TELEGRAM_WEBHOOK_SECRET must be set');
      expect(text).not.toContain('very-secret-token');
    }
  });

  it('ACTS_EXPORT_KEEP_HOURS: 72 by default, a whole number of hours, and a clear error for anything else', () => {
    expect(loadConfig({ ACTS_DATA_DIR: '/tmp/acts-x' }).exportKeepHours).toBe(72);
    expect(loadConfig({ ACTS_EXPORT_KEEP_HOURS: '' }).exportKeepHours).toBe(72);
    expect(loadConfig({ ACTS_EXPORT_KEEP_HOURS: ' 24 ' }).exportKeepHours).toBe(24);
    for (const bad of ['0', '-5', '1.5', '72h', 'three days', '99999999999999999999']) {
      expect(() => loadConfig({ ACTS_EXPORT_KEEP_HOURS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ ACTS_EXPORT_KEEP_HOURS: bad })).toThrow(`ACTS_EXPORT_KEEP_HOURS must be a whole number of hours (1 or more) that the server keeps a bundle exported in chat, or empty for the default (72); got '${bad}'`);
    }
  });

  it('tells a newcomer with no platform what to set and about offline scanning', () => {
    const help = noPlatformHelp();
    for (const name of ['TELEGRAM_BOT_TOKEN', 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'acts scan']) expect(help).toContain(name);
  });
});
