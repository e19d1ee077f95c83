// The `/acts` slash command. Every answer is ephemeral: only the person who typed it sees it.
import type { App } from '@slack/bolt';
import type { Caller, CommandRequest } from '../../../src/bot/ports.js';
import { summarise } from '../bolt-logger.js';
import { withinDeadline } from '../deadline.js';
import { decodeEntities, wellFormed } from '../mrkdwn.js';
import { ephemeral, FAILED_REPLY, sendFileToDm, WORKING_REPLY, type ListenerDeps } from './deps.js';

export const SLASH_COMMAND = '/acts';
const MAX_ARGS_CHARS = 2_000;

/**
 * `rules add word birthday` → name `rules`, args `add word birthday`; nothing → `help`. With the command's
 * "escape channels, users and links" setting on, Slack sends `<@U123|bob>` (→ `U123`, the id the rule
 * syntax takes) and `<#C123|mods>` (kept: the service reads channel mentions). Text a person typed as
 * `<…>` arrives entity-escaped, so mentions are resolved before entities are decoded and cannot be forged.
 */
export function parseCommandText(text: unknown): { name: string; args: string } {
  const raw = (typeof text === 'string' ? text : '').slice(0, MAX_ARGS_CHARS).replace(/<@([A-Z0-9]+)(?:\|[^<>]*)?>/g, '$1');
  const line = wellFormed(decodeEntities(raw)).trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(line);
  if (!match) return { name: 'help', args: '' };
  return { name: match[1]!.toLowerCase().slice(0, 32), args: match[2]!.trim() };
}

export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    const work = (async () => {
      const caller: Caller = {
        platform: 'slack',
        userId: command.user_id,
        workspaceId: command.team_id,
        channelId: command.channel_id,
        isModerator: await deps.isModerator(command.team_id, command.user_id),
        displayName: command.user_name,
      };
      const request: CommandRequest = { caller, ...parseCommandText(command.text) };
      return deps.service.onCommand(request);
    })();

    let raced;
    try {
      raced = await withinDeadline(work, deps.ackDeadlineMs);
    } catch (error) {
      deps.log.error({ userId: command.user_id, error: summarise([error]) }, 'slack: command failed');
      await ack(ephemeral(FAILED_REPLY));
      return;
    }
    if (raced.done) {
      await ack(ephemeral(raced.value));
      void sendFileToDm(deps, command.user_id, raced.value);
      return;
    }
    // Slow answer: acknowledge now (Slack's 3 s limit), deliver through response_url when ready.
    await ack(ephemeral(WORKING_REPLY));
    work
      .then(async (reply) => {
        await respond(ephemeral(reply));
        await sendFileToDm(deps, command.user_id, reply);
      })
      .catch(async (error: unknown) => {
        deps.log.error({ userId: command.user_id, error: summarise([error]) }, 'slack: command failed after acknowledgement');
        await respond(ephemeral(FAILED_REPLY)).catch(() => undefined);
      });
  });
}
