// Whether a message in a history was aimed at the person the scan protects, and why: a direct message
// to them (in a two-person conversation, everything the other side wrote), a mention, or a reply to
// something they wrote. The live bot asks the same question of each message as it arrives.
import type { Message, Recipient } from '../core/types.js';

export class AimedAt {
  /** The recipient's own messages outside DMs, so a reply that names only the message id can be traced to them. */
  private readonly own = new Set<string>();

  constructor(private readonly recipientId: string) {}

  /** Call for every message in chronological order; answers the reason, or undefined when not aimed at the recipient. */
  reason(message: Message): Recipient['reason'] | undefined {
    const id = this.recipientId;
    if (message.author.id === id) {
      if (!message.isDirect) this.own.add(`${message.channelId}\u0000${message.messageId}`);
      return undefined;
    }
    if (message.isDirect) {
      // A DM whose owner is known is aimed at that owner; in a two-person export (or a mailbox) the owner is
      // whoever did not write it, which is the recipient the person scanning named.
      if (message.dmOwnerId !== undefined) {
        if (message.dmOwnerId === id) return 'dm';
      } else if (message.platform !== 'email' || !message.audience?.userIds?.length || message.audience.userIds.includes(id) || !hasDeliveryHeader(message)) {
        return 'dm';
      }
    }
    if (message.mentions.includes(id)) return 'mention';
    const reply = message.replyTo;
    if (reply && (reply.authorId === id || (reply.authorId === undefined && this.own.has(`${message.channelId}\u0000${reply.messageId}`)))) return 'reply';
    return undefined;
  }
}

/** A mail with Delivered-To / X-Original-To says whose mailbox it reached; without it, Bcc makes the To line unreliable. */
function hasDeliveryHeader(message: Message): boolean {
  const email = message.extra?.email as { deliveredTo?: unknown } | undefined;
  return Array.isArray(email?.deliveredTo) && email.deliveredTo.length > 0;
}
