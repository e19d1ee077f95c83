// What the fake Slack Web API answers when nothing was injected: the shapes the real API returns.

export const FAKE_TEAM = { id: 'T0TEAM', domain: 'acme', url: 'https://acme.slack.com/' };
export const FAKE_BOT = { userId: 'U0BOT', botId: 'B0BOT' };

interface FakeState {
  baseUrl: string;
  admins: Set<string>;
  calls: unknown[];
}

export function defaultAnswer(method: string, params: Record<string, unknown>, fake: FakeState): Record<string, unknown> {
  const seq = fake.calls.length;
  switch (method) {
    case 'auth.test':
      return { ok: true, url: FAKE_TEAM.url, team: 'Acme', user: 'acts', team_id: FAKE_TEAM.id, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId };
    case 'conversations.open':
      return { ok: true, channel: { id: `D${String(params.users ?? '').slice(1)}` } };
    case 'chat.postMessage':
      return { ok: true, channel: params.channel, ts: `1700000100.${String(seq).padStart(6, '0')}`, message: { text: params.text } };
    case 'chat.getPermalink':
      return { ok: true, channel: params.channel, permalink: `https://elsewhere.slack.com/archives/${String(params.channel)}/p${String(params.message_ts).replace('.', '')}` };
    case 'users.info': {
      const id = String(params.user ?? '');
      return { ok: true, user: { id, name: id.toLowerCase(), is_admin: fake.admins.has(id), is_owner: false, deleted: false } };
    }
    case 'files.getUploadURLExternal':
      return { ok: true, upload_url: `${fake.baseUrl}/upload/F${seq}`, file_id: `F${seq}` };
    case 'files.completeUploadExternal':
      return { ok: true, files: [{ id: 'F1', title: 'upload' }] };
    default:
      return { ok: false, error: 'unknown_method' };
  }
}
