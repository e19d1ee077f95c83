// One message of a Slack export day file to a Message. Slack stores text in its markup (`<@U123>`,
// `<#C1|general>`, `<https://…|label>`, `&amp;`): the Message gets the readable text, evidence keeps the raw.
import type { Attachment, Message } from '../core/types.js';
import { count, isoFromSeconds, list, mentionIds, nonEmpty, record, type Json } from './fields.js';
import type { SlackConversation, SlackDirectory } from './slack-directory.js';
import type { ScanItem } from './types.js';

// Subtypes that record an event in the channel rather than something a person wrote.
const SERVICE_SUBTYPES = new Set([
  'channel_join', 'channel_leave', 'channel_topic', 'channel_purpose', 'channel_name', 'channel_archive', 'channel_unarchive',
  'channel_convert_to_private', 'channel_convert_to_public', 'group_join', 'group_leave', 'group_topic', 'group_purpose',
  'group_name', 'group_archive', 'group_unarchive', 'pinned_item', 'unpinned_item', 'bot_add', 'bot_remove', 'bot_enable',
  'bot_disable', 'reminder_add', 'huddle_thread', 'channel_canvas_updated', 'sh_room_created',
]);

export function renderSlackText(raw: string, directory: SlackDirectory): string {
  return raw
    .replace(/<([^<>]+)>/g, (_all, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return `@${label ?? directory.users.get(target.slice(1))?.name ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
      return label ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function files(m: Json): Attachment[] {
  return list(m.files).flatMap((raw) => {
    const f = record(raw);
    if (!f) return [];
    if (f.mode === 'tombstone' || f.mode === 'hidden_by_limit') return [{ name: `file (${String(f.mode)})` }];
    const size = count(f.size);
    const url = nonEmpty(f.permalink) ?? nonEmpty(f.url_private);
    const type = nonEmpty(f.mimetype);
    return [{ name: nonEmpty(f.name) ?? nonEmpty(f.title) ?? 'file', ...(size !== undefined ? { size } : {}), ...(type ? { contentType: type } : {}), ...(url ? { url } : {}) }];
  });
}

export function slackItem(raw: unknown, folder: string, conversation: SlackConversation, directory: SlackDirectory, position: string): ScanItem {
  const m = record(raw);
  if (!m) return { skip: { reason: 'not a message record', position } };
  const subtype = nonEmpty(m.subtype);
  if (subtype && SERVICE_SUBTYPES.has(subtype)) return { skip: { reason: 'service message', position } };
  if (subtype === 'tombstone') return { skip: { reason: 'deleted message placeholder', position } };
  if (subtype === 'message_changed' || subtype === 'message_deleted') return { skip: { reason: 'edit or deletion event', position } };
  const ts = nonEmpty(m.ts);
  const sentAt = isoFromSeconds(ts);
  if (!ts || !sentAt) return { skip: { reason: 'message without a date', position } };
  const authorId = nonEmpty(m.user) ?? nonEmpty(m.bot_id);
  if (!authorId) return { skip: { reason: 'message without a sender', position } };
  const rawText = nonEmpty(m.text) ?? '';
  const attachments = files(m);
  if (rawText.trim() === '' && attachments.length === 0) return { skip: { reason: 'message with no text', position } };
  const known = directory.users.get(authorId);
  const profile = record(m.user_profile);
  const shownName = nonEmpty(profile?.display_name) ?? nonEmpty(profile?.real_name) ?? nonEmpty(m.username) ?? known?.name ?? authorId;
  const body = renderSlackText(rawText, directory);
  const teamId = nonEmpty(m.team) ?? nonEmpty(m.user_team) ?? directory.teamId ?? 'unknown-team';
  const slack: Json = { position, folder, archivePath: `/archives/${conversation.id}/p${ts.replace('.', '')}` };
  if (subtype) slack.subtype = subtype;
  if (body !== rawText) slack.rawText = rawText;
  const message: Message = {
    platform: 'slack',
    workspaceId: teamId,
    channelId: conversation.id,
    channelName: conversation.name,
    messageId: ts,
    author: { id: authorId, displayName: shownName, ...(known?.isBot || subtype === 'bot_message' ? { isBot: true } : {}) },
    text: body,
    sentAt,
    mentions: mentionIds(rawText),
    attachments,
    isDirect: conversation.isDirect,
    extra: { slack },
  };
  const edited = isoFromSeconds(record(m.edited)?.ts);
  if (edited) message.editedAt = edited;
  const threadTs = nonEmpty(m.thread_ts);
  if (threadTs && threadTs !== ts) message.replyTo = { messageId: threadTs, ...(nonEmpty(m.parent_user_id) ? { authorId: nonEmpty(m.parent_user_id) } : {}) };
  if (conversation.members) {
    message.audience = { userIds: conversation.members, count: conversation.members.length };
    if (conversation.isDirect) {
      const partner = conversation.members.find((id) => id !== authorId);
      if (partner) message.dmOwnerId = partner;
    }
  } else if (conversation.memberCount) message.audience = { count: conversation.memberCount };
  return { message };
}
