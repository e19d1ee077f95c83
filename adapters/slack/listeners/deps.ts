// What every Slack listener needs, and how a reply reaches only the person who asked: an ephemeral
// response (response_url / the slash command's own answer), and files through the person's DM.
import type { BotService, OutboundMessage } from '../../../src/bot/ports.js';
import type { Logger } from '../../../src/observability/logger.js';
import { renderBlocks } from '../blocks.js';
import { summarise } from '../bolt-logger.js';
import type { ModeratorLookup } from '../moderators.js';
import type { SlackPlatformClient } from '../platform-client.js';

export interface ListenerDeps {
  service: BotService;
  client: SlackPlatformClient;
  log: Logger;
  isModerator: ModeratorLookup;
  ackDeadlineMs: number;
  /** Acknowledge once the service has stored the event (BotService.accept), not after processing it. */
  durableAck: boolean;
  botUserId: string;
  /** Workspace URL for permalinks (from auth.test), by team id. */
  workspaceUrl(teamId: string): string | undefined;
}

export interface EphemeralReply {
  response_type: 'ephemeral';
  replace_original: false;
  text: string;
  blocks: ReturnType<typeof renderBlocks>['blocks'];
}

const FILE_NOTE = 'The file is in your direct messages with this app.';

export function ephemeral(reply: OutboundMessage): EphemeralReply {
  const shown: OutboundMessage = reply.file ? { ...reply, file: undefined, fields: [...(reply.fields ?? []), { label: 'File', value: FILE_NOTE }] } : reply;
  return { response_type: 'ephemeral', replace_original: false, ...renderBlocks(shown) };
}

export const FAILED_REPLY: OutboundMessage = { text: 'Sorry, that did not work. Nothing was shared with anyone else; please try again in a moment.' };
export const WORKING_REPLY: OutboundMessage = { text: 'Working on it… the answer will appear here, visible only to you.' };

/** Ephemeral answers cannot carry files: the bundle goes to the person's own DM with the bot. */
export async function sendFileToDm(deps: ListenerDeps, userId: string, reply: OutboundMessage): Promise<void> {
  if (!reply.file) return;
  try {
    const channel = await deps.client.openDm(userId);
    await deps.client.post(channel, { text: `Evidence file: ${reply.file.name}`, file: reply.file });
  } catch (error) {
    deps.log.error({ userId, error: summarise([error]) }, 'slack: could not send a file to the caller');
  }
}

/** Replies to an interaction: ephemeral through response_url if Slack gave one, else in the person's DM. */
export async function replyPrivately(
  deps: ListenerDeps,
  userId: string,
  reply: OutboundMessage,
  respond: ((message: EphemeralReply) => Promise<unknown>) | undefined,
): Promise<void> {
  try {
    if (respond) await respond(ephemeral(reply));
    else await deps.client.sendDirect(userId, { ...reply, file: undefined });
  } catch (error) {
    deps.log.warn({ userId, error: summarise([error]) }, 'slack: could not deliver a private reply');
  }
  await sendFileToDm(deps, userId, reply);
}
