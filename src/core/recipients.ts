// Who a message is aimed at: the owner of the DM it arrived in, everyone it mentions, and the author of
// the message it replies to. The sender is never their own recipient.
import { personKey } from './keys.js';
import type { Message, Recipient } from './types.js';

export function resolveRecipients(message: Message): Recipient[] {
  const found = new Map<string, Recipient>();
  const add = (userId: string | undefined, reason: Recipient['reason']): void => {
    if (!userId || userId === message.author.id) return;
    const key = personKey(message.platform, userId, message.workspaceId);
    if (!found.has(key)) found.set(key, { key, platform: message.platform, userId, reason });
  };
  if (message.isDirect) add(message.dmOwnerId, 'dm');
  for (const id of message.mentions) add(id, 'mention');
  add(message.replyTo?.authorId, 'reply');
  return [...found.values()];
}
