import { describe, expect, it } from 'vitest';
import { parsePersonKey, personKey } from '../../src/core/keys.js';
import { resolveRecipients } from '../../src/core/recipients.js';
import { message } from '../helpers/messages.js';

describe('person keys', () => {
  it('names people the same way everywhere', () => {
    expect(personKey('telegram', '123')).toBe('telegram:123');
    expect(personKey('discord', '1234567890123456789')).toBe('discord:1234567890123456789');
    expect(personKey('slack', 'U1', 'T1')).toBe('slack:T1:U1');
    expect(personKey('email', 'Ex@Example.ORG')).toBe('email:ex@example.org');
    expect(() => personKey('slack', 'U1')).toThrow(/team/);
  });

  it('parses keys back and refuses anything else', () => {
    expect(parsePersonKey('slack:T1:U1')).toEqual({ platform: 'slack', userId: 'U1', workspaceId: 'T1' });
    expect(parsePersonKey('discord:18446744073709551615')).toEqual({ platform: 'discord', userId: '18446744073709551615' });
    expect(parsePersonKey('email:a@b.c')).toEqual({ platform: 'email', userId: 'a@b.c' });
    for (const bad of ['', 'discord', 'discord:', 'icq:1', 'slack:T1', 'slack:T1:U1:x', 'telegram:1 OR 1=1']) expect(parsePersonKey(bad)).toBeUndefined();
  });
});

describe('recipients of a message', () => {
  it('are the DM owner, the people mentioned and the author replied to, once each', () => {
    const m = message({ text: 'x', platform: 'slack', workspaceId: 'T1', isDirect: true, dmOwnerId: 'U2', mentions: ['U3', 'U2'], replyTo: { messageId: 'p', authorId: 'U4' } });
    expect(resolveRecipients(m).map((r) => [r.key, r.reason])).toEqual([
      ['slack:T1:U2', 'dm'],
      ['slack:T1:U3', 'mention'],
      ['slack:T1:U4', 'reply'],
    ]);
  });

  it('is nobody for a message that addresses no one', () => {
    expect(resolveRecipients(message({ text: 'hello all' }))).toEqual([]);
  });
});
