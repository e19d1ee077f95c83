import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/ports.js';
import { allowTextHash } from '../../src/personalisation/personalise.js';
import { THREAT } from '../doubles/analyser.js';
import { caller, groupMessage, harness } from './harness.js';

const VICTIM = '111';
const SENDER = '666';

async function flagged() {
  const h = harness();
  await h.service.onCommand({ caller: caller(VICTIM), name: 'protect', args: '' });
  await h.service.onMessage(groupMessage({ text: `${THREAT} first`, mentions: [VICTIM], authorId: SENDER }), 'm1');
  await h.service.onMessage(groupMessage({ text: `${THREAT} second`, mentions: [VICTIM], authorId: SENDER }), 'm2');
  await h.service.processQueue();
  const handle = h.client.sent[1]!.message.buttons![0]!.value;
  return { ...h, handle };
}

describe('bot service: verdict buttons', () => {
  it('Confirm adds the sender to the known-offender list with their recent texts to this recipient', async () => {
    const h = await flagged();
    const answer = await h.service.onAction(caller(VICTIM), ACTIONS.confirm, h.handle);
    expect(answer.text).toMatch(/Confirmed/);
    const state = await h.state.get('telegram:111');
    expect([...state.offenders]).toEqual(['telegram:666']);
    expect(state.confirmedTexts).toEqual([`${THREAT} first`, `${THREAT} second`]);
    const again = await h.service.onAction(caller(VICTIM), ACTIONS.confirm, h.handle);
    expect(again.text).toMatch(/already confirmed/);
    expect((await h.state.get('telegram:111')).confirmedTexts).toHaveLength(2);
  });

  it('Not harassment records an allow entry with the text hash, never the text', async () => {
    const h = await flagged();
    await h.service.onAction(caller(VICTIM), ACTIONS.notHarassment, h.handle);
    const { allow } = await h.state.get('telegram:111');
    expect(allow).toEqual([expect.objectContaining({ senderKey: 'telegram:666', textHash: allowTextHash(`${THREAT} second`) })]);
    expect(JSON.stringify(allow)).not.toContain(THREAT);
  });

  it('Export evidence sends the caller their own bundle', async () => {
    const h = await flagged();
    const answer = await h.service.onAction(caller(VICTIM), ACTIONS.exportEvidence, h.handle);
    expect(answer.file).toBeDefined();
    const lines = readFileSync(answer.file!.path, 'utf8').split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => JSON.parse(line).recipient === 'telegram:111')).toBe(true);
  });

  it.each([
    ['the sender', caller(SENDER)],
    ['a stranger', caller('999')],
    ['someone with the same id on another platform', caller(VICTIM, { platform: 'discord' })],
  ])('refuses the recipient’s button when pressed by %s, and changes nothing', async (_who, who) => {
    const h = await flagged();
    for (const action of Object.values(ACTIONS)) {
      const answer = await h.service.onAction(who, action, h.handle);
      expect(answer.text).toMatch(/not valid/);
      expect(answer.file).toBeUndefined();
    }
    const state = await h.state.get('telegram:111');
    expect(state.offenders.size).toBe(0);
    expect(state.allow).toHaveLength(0);
  });

  it.each(['', 'ev-1', '../../etc/passwd', 'A'.repeat(16), 'x'.repeat(5000), '{"recipientKey":"telegram:111"}'])('refuses a forged value %#', async (value) => {
    const h = await flagged();
    const answer = await h.service.onAction(caller(VICTIM), ACTIONS.confirm, value);
    expect(answer.text).toMatch(/not valid/);
    expect((await h.state.get('telegram:111')).offenders.size).toBe(0);
  });
});
