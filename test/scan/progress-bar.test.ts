import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BAR_AFTER_MESSAGES, progressBar } from '../../src/scan/progress-bar.js';

function fakeStderr(isTTY: boolean): { stream: NodeJS.WriteStream; written: () => string } {
  const sink = new PassThrough();
  let text = '';
  sink.on('data', (chunk) => (text += String(chunk)));
  const stream = Object.assign(sink, { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true }) as unknown as NodeJS.WriteStream;
  return { stream, written: () => text };
}

describe('progress bar', () => {
  it('stays silent when stderr is not a terminal', () => {
    const { stream, written } = fakeStderr(false);
    const bar = progressBar(stream);
    bar.update({ messages: 50_000, bytesRead: 10, totalBytes: 100 });
    bar.stop();
    expect(written()).toBe('');
  });

  it('appears on a terminal only once a scan has read a few thousand messages', async () => {
    const { stream, written } = fakeStderr(true);
    const bar = progressBar(stream);
    bar.update({ messages: BAR_AFTER_MESSAGES - 1, bytesRead: 10, totalBytes: 100 });
    expect(written()).toBe('');
    bar.update({ messages: BAR_AFTER_MESSAGES, bytesRead: 50, totalBytes: 100 });
    bar.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toMatch(/scanning .*50% \| 2000 messages/);
  });
});
