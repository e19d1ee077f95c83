// rules add/list/remove and offenders list/remove: the caller's own lists, nobody else's.
import type { BotContext } from '../context.js';
import type { Caller, OutboundMessage } from '../ports.js';
import { parseRule, RULE_EXAMPLES, RuleSyntaxError } from './rule-parser.js';
import { callerKey, cmd, firstWord, reply } from './syntax.js';

export async function rules(ctx: BotContext, caller: Caller, args: string): Promise<OutboundMessage> {
  const key = callerKey(caller);
  const [sub, rest] = firstWord(args);
  const c = (line: string): string => cmd(caller.platform, line);
  if (sub === '' || sub === 'list') {
    const { rules: list } = await ctx.state.get(key);
    if (list.length === 0) return reply(`You have no rules. Add one, e.g. ${c(`rules add ${RULE_EXAMPLES[0]}`)}.`);
    return reply(`Your rules (${list.length}); remove one with ${c('rules remove NUMBER')}:`, list.map((rule, i) => ({ label: `${i + 1}`, value: rule.description })));
  }
  if (sub === 'add') {
    const { rules: list } = await ctx.state.get(key);
    if (list.length >= ctx.limits.maxRules) return reply(`You have ${list.length} rules, the most allowed. Remove one first.`);
    try {
      const parsed = parseRule(rest, { platform: caller.platform, ...(caller.workspaceId ? { workspaceId: caller.workspaceId } : {}) });
      await ctx.state.addRule(key, parsed);
      return reply(`Added rule ${list.length + 1}: ${parsed.description}`);
    } catch (error) {
      if (!(error instanceof RuleSyntaxError)) throw error;
      return reply(`That rule could not be read: ${error.message}`, [{ label: 'Examples', value: RULE_EXAMPLES.map((e) => c(`rules add ${e}`)).join('\n') }]);
    }
  }
  if (sub === 'remove' || sub === 'delete') {
    const { rules: list } = await ctx.state.get(key);
    const target = pick(list, rest, (rule) => rule.id);
    if (!target) return reply(`No rule "${rest.slice(0, 40)}". See ${c('rules list')} for the numbers.`);
    await ctx.state.removeRule(key, target.id);
    return reply(`Removed rule: ${target.description}`);
  }
  return reply(`Use ${c('rules add …')}, ${c('rules list')} or ${c('rules remove NUMBER')}.`, [{ label: 'Examples', value: RULE_EXAMPLES.map((e) => c(`rules add ${e}`)).join('\n') }]);
}

export async function offenders(ctx: BotContext, caller: Caller, args: string): Promise<OutboundMessage> {
  const key = callerKey(caller);
  const [sub, rest] = firstWord(args);
  const c = (line: string): string => cmd(caller.platform, line);
  const list = [...(await ctx.state.get(key)).offenders].sort();
  if (sub === '' || sub === 'list') {
    if (list.length === 0) return reply('Your known-offender list is empty. The Confirm button on a verdict adds the sender.');
    const fields = await Promise.all(list.map(async (senderKey, i) => ({ label: `${i + 1}`, value: named(senderKey, await ctx.registry.name(senderKey)) })));
    return reply(`Your known offenders (${list.length}); remove one with ${c('offenders remove NUMBER')}:`, fields);
  }
  if (sub === 'remove' || sub === 'delete') {
    const target = pick(list, rest, (senderKey) => senderKey);
    if (!target || !(await ctx.state.removeOffender(key, target))) return reply(`No offender "${rest.slice(0, 40)}". See ${c('offenders list')}.`);
    return reply(`Removed ${named(target, await ctx.registry.name(target))} from your known offenders.`);
  }
  return reply(`Use ${c('offenders list')} or ${c('offenders remove NUMBER')}.`);
}

function named(senderKey: string, name: string | undefined): string {
  return name ? `${name} (${senderKey})` : senderKey;
}

/** An item by its 1-based number in the list shown, or by its id. */
function pick<T>(list: readonly T[], ref: string, id: (item: T) => string): T | undefined {
  const wanted = ref.trim();
  if (/^\d{1,4}$/u.test(wanted)) return list[Number(wanted) - 1];
  return list.find((item) => id(item) === wanted);
}
