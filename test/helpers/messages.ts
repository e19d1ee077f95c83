// Builds normalised messages for tests.
import type { Message } from '../../src/core/types.js';

let counter = 0;

export function message(overrides: Partial<Message> & { text: string }): Message {
  counter++;
  return {
    platform: 'telegram',
    channelId: 'chat-1',
    messageId: `m${counter}`,
    author: { id: 'stalker', displayName: 'Stalker' },
    sentAt: new Date(Date.UTC(2026, 5, 1, 12, 0, counter)).toISOString(),
    mentions: [],
    attachments: [],
    isDirect: false,
    ...overrides,
  };
}
