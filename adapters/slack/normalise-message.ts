// One Slack message object (from an event, an edit, or a shortcut payload) → the pipeline's Message.
import type { Attachment, Message } from '../../src/core/types.js';
import { isObj, slackId, str, type Obj } from './fields.js';
import { buildPermalink, isSlackTs, tsToIso } from './ids.js';
import { extractMentions, mrkdwnToPlain, wellFormed } from './mrkdwn.js';

/** Slack caps message text at 40,000 characters; anything far bigger is not a real message. */
export const MAX_TEXT_CHARS = 100_000;
const MAX_FILES = 100;

export interface Where {
  teamId: string;
  channelId: string;
  isDirect: boolean;
  dmOwnerId?: string;
  /** Workspace URL for permalinks, when known. */
  workspaceUrl?: string;
}

export type Built = { ok: true; message: Message } | { ok: false; reason: string };

function attachments(files: unknown): Attachment[] {
  if (!Array.isArray(files)) return [];
  return files.slice(0, MAX_FILES).filter(isObj).map((file) => {
    const attachment: Attachment = { name: wellFormed(str(file.name) ?? str(file.title) ?? str(file.id) ?? 'file') };
    if (typeof file.size === 'number' && Number.isFinite(file.size)) attachment.size = file.size;
    const type = str(file.mimetype);
    if (type) attachment.contentType = type;
    const url = str(file.permalink) ?? str(file.url_private);
    if (url) attachment.url = url;
    return attachment;
  });
}

function displayName(raw: Obj, authorId: string): string {
  const profile = isObj(raw.user_profile) ? raw.user_profile : {};
  return wellFormed(str(profile.display_name) ?? str(profile.real_name) ?? str(profile.name) ?? str(raw.username) ?? authorId);
}

export function buildMessage(raw: Obj, where: Where): Built {
  const authorId = slackId(raw.user) ?? slackId(raw.bot_id);
  if (!authorId) return { ok: false, reason: 'message has no author id' };
  if (!isSlackTs(raw.ts)) return { ok: false, reason: 'message has no valid ts' };
  const rawText = typeof raw.text === 'string' ? raw.text : '';
  if (rawText.length > MAX_TEXT_CHARS) return { ok: false, reason: `text longer than ${MAX_TEXT_CHARS} characters` };
  const files = attachments(raw.files);
  if (rawText.trim().length === 0 && files.length === 0) return { ok: false, reason: 'message has neither text nor files' };

  const ts = raw.ts;
  const threadTs = isSlackTs(raw.thread_ts) ? raw.thread_ts : undefined;
  const text = mrkdwnToPlain(rawText);
  const message: Message = {
    platform: 'slack',
    workspaceId: where.teamId,
    channelId: where.channelId,
    messageId: ts,
    author: { id: authorId, displayName: displayName(raw, authorId), ...(raw.bot_id ? { isBot: true } : {}) },
    text,
    sentAt: tsToIso(ts),
    mentions: extractMentions(rawText, raw.blocks),
    attachments: files,
    isDirect: where.isDirect,
  };
  if (isObj(raw.edited) && isSlackTs(raw.edited.ts)) message.editedAt = tsToIso(raw.edited.ts);
  if (threadTs && threadTs !== ts) {
    message.replyTo = { messageId: threadTs };
    const parentAuthor = slackId(raw.parent_user_id);
    if (parentAuthor) message.replyTo.authorId = parentAuthor;
  }
  if (where.dmOwnerId) message.dmOwnerId = where.dmOwnerId;
  if (where.workspaceUrl) message.permalink = buildPermalink(where.workspaceUrl, where.channelId, ts, threadTs);
  const slack: Obj = { ts };
  if (threadTs) slack.threadTs = threadTs;
  if (text !== rawText) slack.rawText = rawText;
  const authorTeam = slackId(raw.user_team) ?? slackId(raw.team);
  if (authorTeam && authorTeam !== where.teamId) slack.authorTeam = authorTeam;
  message.extra = { slack };
  return { ok: true, message };
}
