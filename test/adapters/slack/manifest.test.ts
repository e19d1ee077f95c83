// The app manifest people paste into api.slack.com must match what the code listens for, and ask for
// no more than the README justifies.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHORTCUT_CALLBACK_ID, SLASH_COMMAND } from '../../../adapters/slack/index.js';

const manifest = JSON.parse(readFileSync(new URL('../../../adapters/slack/manifest.json', import.meta.url), 'utf8')) as {
  features: { slash_commands: Array<{ command: string; should_escape: boolean }>; shortcuts: Array<{ callback_id: string; type: string }> };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
};
const readme = readFileSync(new URL('../../../adapters/slack/README.md', import.meta.url), 'utf8');

describe('Slack app manifest', () => {
  it('declares the command and shortcut the adapter handles', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.features.slash_commands[0]?.should_escape).toBe(true);
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ callback_id: SHORTCUT_CALLBACK_ID, type: 'message' })]);
  });

  it('asks for bot scopes only, each one explained in the README, and no DM history', () => {
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
    for (const scope of manifest.oauth_config.scopes.bot) expect(readme).toContain(`\`${scope}\``);
    expect(manifest.oauth_config.scopes.bot).not.toContain('im:history');
    expect(manifest.oauth_config.scopes.bot).not.toContain('chat:write.public');
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['message.channels', 'message.groups']);
  });
});
