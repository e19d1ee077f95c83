// Slack's message format ("mrkdwn") to plain text and back. Incoming text arrives with `&`, `<`, `>`
// escaped and with `<…>` tokens for mentions, channels and links; outgoing text we did not write
// (a sender's words, names) must be escaped so it cannot ping `<!channel>` or forge a link.

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

export function decodeEntities(text: string): string {
  return text.replace(/&(?:lt|gt|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Lone UTF-16 surrogates (possible in JSON) become U+FFFD, so hashing and storage see well-formed text. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function renderToken(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) return `@${label || target.slice(1)}`;
  if (target.startsWith('#')) return `#${label || target.slice(1)}`;
  if (target.startsWith('!')) {
    const special = target.slice(1);
    if (['here', 'channel', 'everyone'].includes(special)) return `@${special}`;
    if (special.startsWith('subteam^')) return label || '@usergroup';
    return label ?? special.split('^')[0] ?? '';
  }
  return label && label !== target ? `${label} (${target})` : target;
}

/** Slack mrkdwn as received → the text a person saw: mentions as `@name`, links with their address, entities decoded. */
export function mrkdwnToPlain(raw: string): string {
  return wellFormed(decodeEntities(raw.replace(/<([^<>\n]*)>/g, (_token, inner: string) => renderToken(inner))));
}

const MENTION = /<@([A-Z0-9]+)(?:\|[^>]*)?>/g;
const MAX_BLOCK_NODES = 5_000;

/** User ids mentioned as `<@U123>` in the text or as `user` elements in rich-text blocks, in order, without repeats. */
export function extractMentions(text: string, blocks?: unknown): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(MENTION)) found.add(match[1]!);
  // An explicit stack with a node budget: a hostile payload cannot recurse us into a stack overflow.
  const stack: unknown[] = [blocks];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_BLOCK_NODES) {
    const node = stack.pop();
    visited += 1;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) stack.push(node[i]);
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'user' && typeof record.user_id === 'string' && /^[A-Z0-9]+$/.test(record.user_id)) {
        found.add(record.user_id);
      }
      if (Array.isArray(record.elements)) stack.push(record.elements);
    }
  }
  return [...found];
}
