import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/ports.js';
import { escapeHtml, MAX_MESSAGE_CHARS, parseCallbackData, render } from '../../adapters/telegram/render.js';

describe('Telegram rendering', () => {
  it('escapes HTML everywhere and hides the sensitive text behind a spoiler', () => {
    const out = render({
      text: 'From <b>Mallory</b> & co',
      fields: [{ label: 'Why', value: 'a<script>' }],
      sensitive: { warning: 'The message', text: '</tg-spoiler><a href="x">pwn</a>' },
      link: { label: 'Open', url: 'https://t.me/c/1/2?a="b"' },
    });
    expect(out.text).toContain('<b>From &lt;b&gt;Mallory&lt;/b&gt; &amp; co</b>');
    expect(out.text).toContain('a&lt;script&gt;');
    expect(out.text).toContain('<tg-spoiler>&lt;/tg-spoiler&gt;&lt;a href=&quot;x&quot;&gt;pwn&lt;/a&gt;</tg-spoiler>');
    expect(out.text).toContain('<a href="https://t.me/c/1/2?a=&quot;b&quot;">Open</a>');
    expect(out.text.match(/<tg-spoiler>/g)).toHaveLength(1);
  });

  it('drops links that are not http(s)', () => {
    expect(render({ text: 'x', link: { label: 'x', url: 'javascript:alert(1)' } }).text).not.toContain('href');
  });

  it('stays within Telegram’s length limit, cutting the spoiler text between characters and never inside a tag', () => {
    const long = '😀<'.repeat(5000);
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `field ${i}`, value: '&'.repeat(800) }));
    const out = render({ text: 'x'.repeat(1000), fields, sensitive: { warning: 'w', text: long } });
    expect(out.text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(out.text).toMatch(/<tg-spoiler>[\s\S]*cut here[\s\S]*<\/tg-spoiler>$/);
    expect(out.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(out.text).not.toMatch(/&[a-z]*$/m);
  });

  it('replaces lone surrogates, which Telegram would refuse', () => {
    expect(escapeHtml('a\uD800b')).toBe('a\uFFFDb');
  });

  it('encodes buttons as short callback data and reads them back', () => {
    const out = render({ text: 'x', buttons: Object.values(ACTIONS).map((actionId) => ({ actionId, label: actionId, value: 'AbCdEfGhIjKlMnOp' })) });
    const data = out.keyboard!.flat().map((b) => b.callback_data);
    expect(data).toEqual(['n:AbCdEfGhIjKlMnOp', 'c:AbCdEfGhIjKlMnOp', 'e:AbCdEfGhIjKlMnOp']);
    expect(data.map((d) => parseCallbackData(d)?.actionId)).toEqual(Object.values(ACTIONS));
    expect(parseCallbackData('garbage')).toBeUndefined();
    expect(render({ text: 'x', buttons: [{ actionId: 'x', label: 'too long', value: 'v'.repeat(80) }] }).keyboard).toBeUndefined();
  });
});
