// A message seen on a platform: processed once per platform delivery key (the store decides), analysed
// for the recipients who opted in (everyone, where the community's moderators turned watching on), and
// each flagged verdict goes to its recipient and to the moderators' log channel. Nothing ever goes to
// the sender. Redelivery after a crash is safe: the archive returns the same record, and notices are
// queued under ids derived from it.
import { authorKey } from '../core/keys.js';
import { resolveRecipients } from '../core/recipients.js';
import type { Analysis, Message, Recipient } from '../core/types.js';
import type { AnalysisOutcome } from '../pipeline/analyser.js';
import { allowTextHash } from '../personalisation/personalise.js';
import type { BotContext } from './context.js';
import { sha256, type DigestEntry } from './notifier.js';
import type { CommunitySettings, Protection } from './registry.js';
import { placeName, senderName, verdictNotice } from './verdict-notice.js';

export function dedupStoreKey(platform: string, dedupKey: string): string {
  return `dedup:${platform}:${dedupKey}`;
}

/** Runs `work` unless the delivery key is marked done; marks it done only after the work succeeded. */
export async function once(ctx: BotContext, key: string, work: () => Promise<void>): Promise<boolean> {
  if (await ctx.store.get(key)) return false;
  await work();
  await ctx.store.add(key, { at: ctx.clock.now() }, ctx.limits.dedupTtlMs);
  return true;
}

interface Selected {
  recipient: Recipient;
  protection?: Protection;
}

/** Whether anyone the message is aimed at is protected, or its community is watched: else there is nothing to do. */
export async function addressedToAnyone(ctx: BotContext, message: Message): Promise<boolean> {
  const recipients = resolveRecipients(message);
  if (recipients.length === 0) return false;
  if (message.workspaceId && (await ctx.registry.community(message.platform, message.workspaceId))?.watching) return true;
  const found = await Promise.all(recipients.map((recipient) => ctx.registry.protection(recipient.key)));
  return found.some((protection) => protection !== undefined);
}

export async function handleMessage(ctx: BotContext, message: Message): Promise<void> {
  const recipients = resolveRecipients(message);
  if (recipients.length === 0) return;
  const community = message.workspaceId ? await ctx.registry.community(message.platform, message.workspaceId) : undefined;
  const selected: Selected[] = [];
  for (const recipient of recipients) {
    const protection = await ctx.registry.protection(recipient.key);
    if (protection || community?.watching) selected.push({ recipient, ...(protection ? { protection } : {}) });
  }
  if (selected.length === 0) return;
  const outcomes = await ctx.analyser.analyse(message, selected.map((s) => s.recipient));
  const flagged = outcomes.filter((o) => o.analysis.verdict.label !== 'clean');
  ctx.log.info(
    { platform: message.platform, messageId: message.messageId, channel: message.channelId, recipients: selected.length, flagged: flagged.length },
    'message analysed',
  );
  for (const outcome of flagged) {
    const protection = selected.find((s) => s.recipient.key === outcome.analysis.recipient.key)?.protection;
    if (protection) await notifyRecipient(ctx, outcome, protection);
  }
  if (community?.watching && community.logChannelId && flagged.length > 0) await notifyModerators(ctx, flagged, community);
}

async function notifyRecipient(ctx: BotContext, outcome: AnalysisOutcome, protection: Protection): Promise<void> {
  const { analysis } = outcome;
  const key = analysis.recipient.key;
  const prefs = await ctx.registry.preferences(key);
  if (analysis.verdict.label === 'grey' && !prefs.grey) return;
  const evidenceId = outcome.evidenceId ?? (await ctx.archive.archive(analysis)).id;
  const senderKey = authorKey(analysis.message);
  await ctx.registry.rememberName(senderKey, analysis.message.author.displayName);
  // The buttons' handle is written in the same commit as the notice.
  const { handle, entry: handleEntry } = ctx.handles.prepare(actionSubject(ctx, analysis, evidenceId));
  const notice = verdictNotice(analysis, evidenceId, { audience: 'recipient', handle });
  const entry: DigestEntry = {
    verdict: analysis.verdict.label,
    from: senderName(analysis.message),
    where: placeName(analysis.message),
    when: analysis.message.sentAt,
    evidenceId,
    handle,
  };
  const contact = { platform: protection.platform, userId: protection.userId, ...(protection.workspaceId ? { workspaceId: protection.workspaceId } : {}) };
  const result = await ctx.notifier.notify(key, contact, `verdict-${sha256(`${key}|${evidenceId}`)}`, notice, entry, prefs.digest, [handleEntry]);
  ctx.log.info({ recipient: key, messageId: analysis.message.messageId, evidenceId, verdict: analysis.verdict.label, delivery: result }, 'verdict notice');
}

export function actionSubject(ctx: BotContext, analysis: Analysis, evidenceId: string) {
  return {
    recipientKey: analysis.recipient.key,
    evidenceId,
    senderKey: authorKey(analysis.message),
    textHash: allowTextHash(analysis.message.text),
    dictionaryIds: analysis.verdict.modules.personalisation.matches.filter((m) => m.source === 'dictionary').map((m) => m.id),
    createdAt: new Date(ctx.clock.now()).toISOString(),
  };
}

/** One post per message in the log channel, naming every recipient it was flagged for. */
async function notifyModerators(ctx: BotContext, flagged: AnalysisOutcome[], community: CommunitySettings): Promise<void> {
  const worst = flagged.find((o) => o.analysis.verdict.label === 'cyberstalking') ?? flagged[0]!;
  const { message } = worst.analysis;
  const evidenceIds = flagged.map((o) => o.evidenceId).filter((id): id is string => Boolean(id));
  const notice = verdictNotice(worst.analysis, evidenceIds.join(', ') || 'not archived', {
    audience: 'moderators',
    recipients: flagged.map((o) => o.analysis.recipient.key),
  });
  const id = `modlog-${sha256(`${message.platform}|${community.logChannelId}|${message.channelId}|${message.messageId}`)}`;
  const target = { kind: 'channel' as const, platform: message.platform, channelId: community.logChannelId!, ...(message.workspaceId ? { workspaceId: message.workspaceId } : {}) };
  await ctx.queue.enqueue(id, target, notice);
}
