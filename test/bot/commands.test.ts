import { describe, expect, it } from 'vitest';
import type { CommandRequest, OutboundMessage } from '../../src/bot/ports.js';
import { THREAT } from '../doubles/analyser.js';
import { caller, groupMessage, harness } from './harness.js';

const VICTIM = caller('111');

function all(reply: OutboundMessage): string {
  return [reply.text, ...(reply.fields ?? []).map((f) => `${f.label}: ${f.value}`)].join('\n');
}

describe('bot service: commands', () => {
  it('protect, status and unprotect act on the caller', async () => {
    const { service } = harness();
    const run = (name: string, args = '') => service.onCommand({ caller: VICTIM, name, args });
    expect((await run('protect')).text).toMatch(/now protected/);
    expect((await run('protect')).text).toMatch(/already protected/);
    expect(all(await run('status'))).toMatch(/Protection: on since/);
    expect((await run('unprotect')).text).toMatch(/no longer protected/);
    expect(all(await run('status'))).toMatch(/Protection: off/);
  });

  it('rules add, list and remove, with a clear error for bad syntax', async () => {
    const { service, state } = harness();
    const run = (args: string) => service.onCommand({ caller: VICTIM, name: 'rules', args });
    expect((await run('add window 03-01..03-07 and word birthday')).text).toBe('Added rule 1: window 03-01..03-07 and word birthday');
    expect((await run('add phrase "see you soon"')).text).toBe('Added rule 2: phrase "see you soon"');
    const bad = await run('add birthday');
    expect(bad.text).toMatch(/could not be read: Expected word, phrase, window or sender/);
    expect(all(bad)).toMatch(/rules add word birthday/);
    expect(all(await run('list'))).toMatch(/1: window 03-01\.\.03-07 and word birthday\n2: phrase "see you soon"/);
    expect((await run('remove 1')).text).toMatch(/Removed rule: window/);
    expect((await state.get('telegram:111')).rules.map((r) => r.description)).toEqual(['phrase "see you soon"']);
    expect((await run('remove 7')).text).toMatch(/No rule/);
  });

  it('offenders list and remove', async () => {
    const h = harness();
    await h.state.confirmOffender('telegram:111', 'telegram:666', []);
    const run = (args: string) => h.service.onCommand({ caller: VICTIM, name: 'offenders', args });
    expect(all(await run('list'))).toMatch(/1: telegram:666/);
    expect((await run('remove 1')).text).toMatch(/Removed telegram:666/);
    expect((await run('')).text).toMatch(/empty/);
  });

  it('export returns the caller’s bundle, or says there is none', async () => {
    const h = harness();
    expect((await h.service.onCommand({ caller: VICTIM, name: 'export', args: '' })).text).toMatch(/no evidence/);
    await h.service.onCommand({ caller: VICTIM, name: 'protect', args: '' });
    await h.service.onMessage(groupMessage({ text: THREAT, mentions: ['111'] }), 'm1');
    const reply = await h.service.onCommand({ caller: VICTIM, name: 'export', args: '' });
    expect(reply.file?.path.startsWith(h.exportDir)).toBe(true);
  });

  it('export of a multi-file bundle attaches every file, the report first', async () => {
    const h = harness();
    h.archive.extraBundleFiles = ['manifest.json', 'signatures', 'report.html', 'report.pdf'];
    await h.service.onCommand({ caller: VICTIM, name: 'protect', args: '' });
    await h.service.onMessage(groupMessage({ text: THREAT, mentions: ['111'] }), 'm1');
    const reply = await h.service.onCommand({ caller: VICTIM, name: 'export', args: '' });
    expect(reply.file?.name).toBe('report.pdf');
    expect(reply.files?.map((f) => f.name)).toEqual(['evidence.jsonl', 'manifest.json', 'signatures', 'report.html', 'report.pdf']);
    // Exports are heavy: two in a row, then the caller waits.
    expect((await h.service.onCommand({ caller: VICTIM, name: 'export', args: '' })).text).toMatch(/attached/);
    expect((await h.service.onCommand({ caller: VICTIM, name: 'export', args: '' })).text).toMatch(/a moment ago/);
  });

  it('moderator commands need a moderator inside the community', async () => {
    const { service } = harness();
    const inGroup = { workspaceId: '-1001', channelId: '-1001' };
    const watch = (extra: Partial<CommandRequest['caller']>) => service.onCommand({ caller: caller('5', extra), name: 'watch', args: 'on' });
    expect((await watch(inGroup)).text).toMatch(/Only moderators/);
    expect((await watch({ isModerator: true })).text).toMatch(/inside the group/);
    expect((await watch({ ...inGroup, isModerator: true })).text).toMatch(/watching is on/);
    const log = (args: string) => service.onCommand({ caller: caller('5', { ...inGroup, isModerator: true }), name: 'logchannel', args });
    expect((await log('-100777')).text).toMatch(/go to -100777/);
    expect((await log('<b>hi</b>')).text).toMatch(/Name the channel/);
    expect((await log('off')).text).toMatch(/cleared/);
  });

  it('digest and grey preferences', async () => {
    const { service } = harness();
    const run = (name: string, args: string) => service.onCommand({ caller: VICTIM, name, args });
    expect((await run('digest', 'on')).text).toMatch(/one summary a day/);
    expect((await run('grey', 'off')).text).toMatch(/only be told about clear cases/);
    expect(all(await run('status', ''))).toMatch(/daily digest; grey cases left out/);
    expect((await run('digest', 'maybe')).text).toMatch(/digest is on/);
  });

  it('resolves the handle of a protected person only while they are protected', async () => {
    const { service } = harness();
    const vera = caller('111', { handle: 'Vera_V' });
    expect(await service.resolveHandle('telegram', 'vera_v')).toBeUndefined();
    await service.onCommand({ caller: vera, name: 'help', args: '' });
    expect(await service.resolveHandle('telegram', 'vera_v')).toBeUndefined();
    await service.onCommand({ caller: vera, name: 'protect', args: '' });
    expect(await service.resolveHandle('telegram', 'VERA_V')).toBe('111');
    expect(await service.resolveHandle('discord', 'vera_v')).toBeUndefined();
    await service.onCommand({ caller: vera, name: 'unprotect', args: '' });
    expect(await service.resolveHandle('telegram', 'vera_v')).toBeUndefined();
  });

  it('help and unknown commands', async () => {
    const { service } = harness();
    expect(all(await service.onCommand({ caller: VICTIM, name: '/help', args: '' }))).toMatch(/\/protect/);
    expect(all(await service.onCommand({ caller: caller('1', { platform: 'discord' }), name: 'help', args: '' }))).toMatch(/\/acts protect/);
    expect((await service.onCommand({ caller: VICTIM, name: 'constructor', args: '' })).text).toMatch(/Unknown command/);
  });

  it('rate-limits each caller separately', async () => {
    const { service } = harness({ commandRate: { capacity: 3, refillMs: 1_000 } });
    const replies = [];
    for (let i = 0; i < 5; i += 1) replies.push(await service.onCommand({ caller: VICTIM, name: 'help', args: '' }));
    expect(replies.filter((r) => /Too many requests/.test(r.text))).toHaveLength(2);
    expect((await service.onCommand({ caller: caller('222'), name: 'help', args: '' })).text).not.toMatch(/Too many/);
  });

  it('a stranger and the sender learn nothing about the recipient from any command', async () => {
    const h = harness();
    await h.service.onCommand({ caller: VICTIM, name: 'protect', args: '' });
    await h.service.onCommand({ caller: VICTIM, name: 'rules', args: 'add word secretword' });
    await h.state.confirmOffender('telegram:111', 'telegram:777', []);
    await h.service.onMessage(groupMessage({ text: THREAT, mentions: ['111'], authorId: '666' }), 'm1');
    for (const who of [caller('666'), caller('999')]) {
      for (const [name, args] of [['status', ''], ['rules', 'list'], ['offenders', 'list'], ['export', ''], ['rules', 'remove 1'], ['offenders', 'remove 1'], ['help', '']]) {
        const text = all(await h.service.onCommand({ caller: who, name: name!, args: args! }));
        expect(text).not.toMatch(/telegram:111|secretword|telegram:777|ev-\d/);
      }
    }
    expect((await h.state.get('telegram:111')).rules).toHaveLength(1);
    expect((await h.state.get('telegram:111')).offenders.size).toBe(1);
  });
});
