// The traffic of the crash test: protected people, senders spread over several groups, and a seeded mix
// of clearly abusive messages (each mentioning one protected person) and friendly ones.
import type { TgUserLike } from '../fakes/telegram/updates.js';
import { pick } from './seeded.js';

const ABUSE = [
  'you are a worthless stupid bitch and I will kill you',
  'you worthless stupid bitch, I will kill you',
  'I will kill you, you stupid worthless bitch',
  'you are a stupid worthless bitch and I am going to kill you',
];
const FRIENDLY = ['have a lovely day everyone', 'thanks for the book tip, I loved it', 'see you all at the meeting on friday', 'what a nice photo of the lake'];

export interface PlannedMessage {
  from: TgUserLike;
  to: TgUserLike;
  text: string;
  harmful: boolean;
  chat: { id: number; type: 'supergroup'; title: string };
}

export interface Traffic {
  protectedUsers: TgUserLike[];
  messages: PlannedMessage[];
}

/**
 * `count` messages, about a third abusive. Each protected person receives at most `perRecipient` abusive
 * ones, under the notifier's flood threshold, so every verdict is a DM of its own rather than a digest line.
 */
export function planTraffic(random: () => number, count: number, perRecipient = 5, groups = 8): Traffic {
  const harmfulCount = Math.round(count / 3);
  const protectedUsers: TgUserLike[] = Array.from({ length: Math.ceil(harmfulCount / perRecipient) }, (_, i) => ({ id: 5_000_000 + i, first_name: `P${i}`, username: `prot_${i}` }));
  const senders: TgUserLike[] = Array.from({ length: 40 }, (_, i) => ({ id: 6_000_000 + i, first_name: `S${i}`, username: `send_${i}` }));
  const chats = Array.from({ length: groups }, (_, i) => ({ id: -1_009_000_000 - i, type: 'supergroup' as const, title: `Group ${i}` }));
  const harmfulAt = new Set<number>();
  while (harmfulAt.size < harmfulCount) harmfulAt.add(Math.floor(random() * count));
  let nextVictim = 0;
  const messages: PlannedMessage[] = [];
  for (let i = 0; i < count; i += 1) {
    const harmful = harmfulAt.has(i);
    // Abusive messages go to protected people in turn (each gets at most perRecipient); friendly ones to anyone.
    const to = harmful ? protectedUsers[Math.floor(nextVictim++ / perRecipient)]! : pick(random, protectedUsers);
    messages.push({ from: pick(random, senders), to, text: pick(random, harmful ? ABUSE : FRIENDLY), harmful, chat: pick(random, chats) });
  }
  return { protectedUsers, messages };
}
