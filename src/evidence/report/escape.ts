// Everything in a report that came from a message is attacker-controlled: it is escaped for HTML text and
// attributes, and only http(s) links become links. The page's Content-Security-Policy forbids scripts too.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** The URL if it is an absolute http(s) URL, else undefined (javascript:, data:, relative paths are shown as text). */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link for a safe URL, the escaped text otherwise. */
export function linkOrText(value: unknown, label?: string): string {
  const url = safeUrl(value);
  if (!url) return escapeHtml(value);
  return `<a href="${escapeHtml(url)}" rel="noreferrer noopener">${escapeHtml(label ?? url)}</a>`;
}
