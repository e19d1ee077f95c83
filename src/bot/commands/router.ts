// Dispatches a command to its handler. Every reply is about the caller only; no command takes another
// person as the subject of a report.
import type { BotContext } from '../context.js';
import type { CommandRequest, OutboundMessage } from '../ports.js';
import { exportFor } from './export.js';
import { helpMessage } from './help.js';
import { logChannel, watch } from './moderation.js';
import { preference, protect, status, unprotect } from './protection.js';
import { offenders, rules } from './rules.js';
import { callerKey, cmd, reply } from './syntax.js';

type Handler = (ctx: BotContext, request: CommandRequest) => Promise<OutboundMessage>;

const HANDLERS: Record<string, Handler> = {
  help: async (_ctx, { caller }) => helpMessage(caller.platform),
  start: async (_ctx, { caller }) => helpMessage(caller.platform, true),
  protect: (ctx, { caller }) => protect(ctx, caller),
  unprotect: (ctx, { caller }) => unprotect(ctx, caller),
  status: (ctx, { caller }) => status(ctx, caller),
  rules: (ctx, { caller, args }) => rules(ctx, caller, args),
  offenders: (ctx, { caller, args }) => offenders(ctx, caller, args),
  export: (ctx, { caller }) => exportFor(ctx, callerKey(caller), `acts export --recipient ${callerKey(caller)}`),
  watch: (ctx, { caller, args }) => watch(ctx, caller, args),
  logchannel: (ctx, { caller, args }) => logChannel(ctx, caller, args),
  digest: (ctx, { caller, args }) => preference(ctx, caller, 'digest', args),
  grey: (ctx, { caller, args }) => preference(ctx, caller, 'grey', args),
  gray: (ctx, { caller, args }) => preference(ctx, caller, 'grey', args),
};

/** Every command the service answers (tests try each one as a stranger and as the sender of a flagged message). */
export const COMMAND_NAMES: readonly string[] = Object.keys(HANDLERS);

export function commandName(name: string): string {
  return name.trim().replace(/^\//u, '').toLowerCase();
}

export async function runCommand(ctx: BotContext, request: CommandRequest): Promise<OutboundMessage> {
  const name = commandName(request.name);
  const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
  if (!handler) return reply(`Unknown command "${name.slice(0, 30)}". ${cmd(request.caller.platform, 'help')} lists them.`);
  return handler(ctx, { ...request, name, args: request.args.slice(0, 1000) });
}
