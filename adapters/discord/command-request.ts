// `/acts <sub-command> [options]` → the service's CommandRequest (name + args line).
import type { ChatInputCommandInteraction } from 'discord.js';
import type { CommandRequest } from '../../src/bot/ports.js';
import { callerOf } from './caller.js';
import { SUBCOMMAND_OPTIONS } from './commands.js';

export function commandRequestOf(interaction: ChatInputCommandInteraction): CommandRequest | undefined {
  const name = interaction.options.getSubcommand(false);
  const declared = name ? SUBCOMMAND_OPTIONS.get(name) : undefined;
  if (!name || !declared) return undefined;
  const values: string[] = [];
  for (const option of declared) {
    const value = interaction.options.get(option)?.value;
    if (value === undefined || value === null) continue;
    const text = String(value).replace(/\s+/g, ' ').trim();
    if (text) values.push(text);
  }
  return { caller: callerOf(interaction), name, args: values.join(' ') };
}
