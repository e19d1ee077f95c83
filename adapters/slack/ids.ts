// Slack's ids and times. A message is identified by its channel and its `ts` ("1700000000.000100"):
// the ts is unique only within its channel, so it always travels with the channel id (Message.channelId,
// MessageRef.channelId), and the evidence archive keys on both.

const TS = /^\d{1,12}\.\d{1,6}$/;

export function isSlackTs(value: unknown): value is string {
  return typeof value === 'string' && TS.test(value);
}

/** `ts` → ISO 8601 (millisecond precision; the exact `ts` stays in the message id). */
export function tsToIso(ts: string): string {
  const [seconds, fraction = '0'] = ts.split('.');
  const ms = Number(seconds) * 1000 + Math.floor(Number(fraction.padEnd(6, '0')) / 1000);
  return new Date(ms).toISOString();
}

/** Slack's own link format; `base` is the workspace URL auth.test reports (https://team.slack.com/). */
export function buildPermalink(base: string, channelId: string, ts: string, threadTs?: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const link = `${root}archives/${encodeURIComponent(channelId)}/p${ts.replace('.', '')}`;
  if (threadTs && threadTs !== ts) return `${link}?thread_ts=${threadTs}&cid=${encodeURIComponent(channelId)}`;
  return link;
}

/** `acme` → https://acme.slack.com/ (payloads of shortcuts and commands carry the team domain). */
export function workspaceUrlFromDomain(domain: unknown): string | undefined {
  return typeof domain === 'string' && /^[a-z0-9-]{1,63}$/i.test(domain) ? `https://${domain}.slack.com/` : undefined;
}
