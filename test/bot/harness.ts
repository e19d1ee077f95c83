// Builds a bot service on in-memory doubles with a hand-moved clock.
import { ManualClock } from '../../src/bot/clock.js';
import type { Caller } from '../../src/bot/ports.js';
import { ActsBotService, type BotServiceOptions } from '../../src/bot/service.js';
import { MemoryStore } from '../../src/bot/store.js';
import type { Message } from '../../src/core/types.js';
import { MarkerAnalyser } from '../doubles/analyser.js';
import { MemoryArchive } from '../doubles/archive.js';
import { captureLogger } from '../doubles/log.js';
import { RecordingClient } from '../doubles/recording-client.js';
import { MemoryRecipientState } from '../doubles/state.js';
import { tempDir } from '../helpers/temp-dir.js';

export interface Shared {
  store: MemoryStore;
  archive: MemoryArchive;
  state: MemoryRecipientState;
  clock: ManualClock;
}

export function harness(options: Partial<BotServiceOptions> = {}, shared?: Shared, { attachClient = true } = {}) {
  const clock = shared?.clock ?? new ManualClock();
  const store = shared?.store ?? new MemoryStore(() => clock.now());
  const archive = shared?.archive ?? new MemoryArchive();
  const state = shared?.state ?? new MemoryRecipientState();
  const analyser = new MarkerAnalyser(archive, state);
  const client = new RecordingClient('telegram');
  const log = captureLogger();
  const exportDir = tempDir('bot-export');
  const service = new ActsBotService({ analyser, archive, state, store, logger: log.logger, exportDir, clients: attachClient ? [client] : [], clock, options });
  return { service, clock, store, archive, state, analyser, client, log, exportDir };
}

export function caller(userId: string, extra: Partial<Caller> = {}): Caller {
  return { platform: 'telegram', userId, isModerator: false, ...extra };
}

let nextId = 1;

export function groupMessage(fields: Partial<Message> & { text: string; authorId?: string }): Message {
  const { authorId = '666', ...rest } = fields;
  const id = String(nextId++);
  return {
    platform: 'telegram',
    workspaceId: '-1001',
    channelId: '-1001',
    channelName: 'Book club',
    messageId: id,
    author: { id: authorId, displayName: 'Mallory' },
    sentAt: '2025-03-01T08:59:00.000Z',
    mentions: [],
    attachments: [],
    isDirect: false,
    permalink: `https://t.me/c/1001/${id}`,
    ...rest,
  };
}
