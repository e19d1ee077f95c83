// Builders for the payloads Slack sends, with realistic defaults; each test overrides what it is about.
import { FAKE_TEAM } from './web-api-answers.js';

type Fields = Record<string, unknown>;
let counter = 0;

export function messageEvent(overrides: Fields = {}): Fields {
  counter += 1;
  return {
    type: 'message',
    channel: 'C0GENERAL',
    channel_type: 'channel',
    user: 'U0SENDER',
    text: 'hello',
    ts: `1700000000.${String(counter).padStart(6, '0')}`,
    team: FAKE_TEAM.id,
    event_ts: `1700000000.${String(counter).padStart(6, '0')}`,
    ...overrides,
  };
}

export function envelope(event: Fields, overrides: Fields = {}): Fields {
  counter += 1;
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM.id,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: `Ev${String(counter).padStart(8, '0')}`,
    event_time: 1700000000,
    authorizations: [{ team_id: FAKE_TEAM.id, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    event,
    ...overrides,
  };
}

export function commandFields(text: string, responseUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM.id,
    team_domain: FAKE_TEAM.domain,
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/acts',
    text,
    api_app_id: 'A0APP',
    response_url: responseUrl,
    trigger_id: '123.456.abc',
    ...overrides,
  };
}

export function blockAction(actionId: string, value: string, responseUrl: string, userId = 'U0ALICE'): Fields {
  return {
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), team_id: FAKE_TEAM.id },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1700000100.000001', channel_id: `D${userId.slice(1)}`, is_ephemeral: false },
    trigger_id: '123.456.abc',
    team: { id: FAKE_TEAM.id, domain: FAKE_TEAM.domain },
    channel: { id: `D${userId.slice(1)}`, name: 'directmessage' },
    response_url: responseUrl,
    actions: [{ action_id: actionId, block_id: 'b1', type: 'button', value, text: { type: 'plain_text', text: 'x' }, action_ts: '1700000200.000001' }],
  };
}

export function messageShortcut(message: Fields, responseUrl: string, overrides: Fields = {}): Fields {
  return {
    type: 'message_action',
    callback_id: 'acts_document',
    trigger_id: '123.456.abc',
    message_ts: message.ts,
    response_url: responseUrl,
    team: { id: FAKE_TEAM.id, domain: FAKE_TEAM.domain },
    channel: { id: 'D0ALICEDM', name: 'directmessage' },
    user: { id: 'U0ALICE', name: 'alice', team_id: FAKE_TEAM.id },
    token: 'legacy-verification-token',
    action_ts: '1700000300.000001',
    message,
    ...overrides,
  };
}
