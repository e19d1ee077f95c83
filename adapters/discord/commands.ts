// The application commands the bot registers: `/acts <sub-command>` and the message context-menu entry
// "Document with ACTS". Both are installable on a server and on a user's account, so they work in DMs.
import {
  ApplicationCommandOptionType as Option,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';

export const ACTS_COMMAND = 'acts';
export const DOCUMENT_COMMAND = 'Document with ACTS';

const EVERYWHERE = {
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
};

function choice(name: string, description: string, values: string[], required = true): APIApplicationCommandBasicOption {
  return { type: Option.String, name, description, required, choices: values.map((v) => ({ name: v, value: v })) };
}

function text(name: string, description: string, maxLength = 200): APIApplicationCommandBasicOption {
  return { type: Option.String, name, description, required: false, max_length: maxLength };
}

function sub(name: string, description: string, options: APIApplicationCommandBasicOption[] = []) {
  return { type: Option.Subcommand as const, name, description, options };
}

/**
 * Sub-commands and their options, in the order their values form the service's `args`
 * (`/acts rules action:add rule:word birthday` → name `rules`, args `add word birthday`).
 * Discord cannot hide single sub-commands by permission: the service refuses `watch` and `logchannel`
 * to anyone without Manage Server (Caller.isModerator).
 */
const SUBCOMMANDS = [
  sub('protect', 'Protect me: analyse messages that mention, reply to or DM me, and tell me privately'),
  sub('unprotect', 'Stop protecting me'),
  sub('status', 'What ACTS is doing for me'),
  sub('rules', 'My own rules: words, phrases and date windows that matter to me', [
    choice('action', 'What to do', ['list', 'add', 'remove']),
    text('rule', 'e.g. word birthday · phrase "see you soon" · window 03-01..03-07 · or the number to remove', 500),
  ]),
  sub('offenders', 'People I confirmed as harassing me', [choice('action', 'What to do', ['list', 'remove']), text('number', 'Which one to remove (its number in the list)')]),
  sub('export', 'Export my signed evidence (sent to me as a file)'),
  sub('digest', 'on: one summary a day; off: a message each time', [choice('setting', 'On or off', ['on', 'off'])]),
  sub('grey', 'Whether to tell me about uncertain (grey) verdicts', [choice('setting', 'On or off', ['on', 'off'])]),
  sub('help', 'How ACTS works and what it keeps'),
  sub('watch', 'Moderators: watch the whole server, for everyone', [choice('setting', 'On or off', ['on', 'off'])]),
  sub('logchannel', 'Moderators: where verdicts for this server are posted', [
    { type: Option.Channel, name: 'channel', description: 'A text channel', required: true, channel_types: [ChannelType.GuildText] },
  ]),
];

/** Each sub-command's option names, in the order their values are joined into `args`. */
export const SUBCOMMAND_OPTIONS: ReadonlyMap<string, readonly string[]> = new Map(SUBCOMMANDS.map((s) => [s.name, s.options.map((o) => o.name)]));

export const COMMANDS: RESTPutAPIApplicationCommandsJSONBody = [
  { name: ACTS_COMMAND, description: 'ACTS: protection from cyberstalking, and signed evidence', type: ApplicationCommandType.ChatInput, options: SUBCOMMANDS, ...EVERYWHERE },
  { name: DOCUMENT_COMMAND, type: ApplicationCommandType.Message, ...EVERYWHERE },
];
