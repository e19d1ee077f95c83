import { beforeEach, describe, expect, it } from 'vitest';
import { resolveRecipients } from '../../src/core/recipients.js';
import { loadDictionary } from '../../src/personalisation/dictionary.js';
import { dictionaryMatcher } from '../../src/personalisation/personalise.js';
import { ActsAnalyser } from '../../src/pipeline/acts-analyser.js';
import { ActsPipeline } from '../../src/pipeline/pipeline.js';
import { KvRecipientStateStore } from '../../src/state/kv-state-store.js';
import { message } from '../helpers/messages.js';
import { MarkerDetector, MemorySink, TildeIdentifier } from '../helpers/module-doubles.js';

describe('the ACTS analyser', () => {
  let states: KvRecipientStateStore;
  let sink: MemorySink;
  let identifier: TildeIdentifier;
  let analyser: ActsAnalyser;

  beforeEach(() => {
    states = new KvRecipientStateStore();
    sink = new MemorySink();
    identifier = new TildeIdentifier();
    analyser = new ActsAnalyser({ pipeline: new ActsPipeline(new MarkerDetector(), identifier, dictionaryMatcher(loadDictionary())), states, sink });
  });

  const analyse = async (m: ReturnType<typeof message>) => analyser.analyse(m, resolveRecipients(m));

  it('archives a flagged message once per recipient, and nothing for a clean one', async () => {
    const threat = message({ text: 'THREAT to you both', mentions: ['alice', 'bob'] });
    const outcomes = await analyse(threat);
    expect(outcomes.map((o) => [o.analysis.recipient.key, o.analysis.verdict.label])).toEqual([
      ['telegram:alice', 'cyberstalking'],
      ['telegram:bob', 'cyberstalking'],
    ]);
    expect(outcomes.every((o) => o.evidenceId)).toBe(true);
    const clean = await analyse(message({ text: 'lunch at noon?', mentions: ['alice'] }));
    expect(clean[0]?.analysis.verdict.label).toBe('clean');
    expect(clean[0]?.evidenceId).toBeUndefined();
    expect(sink.archived).toHaveLength(2);
  });

  it('reports a redelivered message as a duplicate without archiving it again', async () => {
    const threat = message({ text: 'THREAT', isDirect: true, dmOwnerId: 'alice' });
    await analyse(threat);
    const again = await analyse(threat);
    expect(again[0]?.duplicate).toBe(true);
    expect(sink.archived).toHaveLength(1);
  });

  it('uses each recipient\'s own known-offender list', async () => {
    await states.confirmOffender('telegram:alice', 'telegram:stalker', ['earlier abuse']);
    const outcomes = await analyse(message({ text: 'good morning', mentions: ['alice', 'bob'] }));
    expect(outcomes.map((o) => [o.analysis.recipient.key, o.analysis.verdict.rule])).toEqual([
      ['telegram:alice', 'known-offender'],
      ['telegram:bob', 'α=0 β=0 λ=0'],
    ]);
  });

  it('uses each recipient\'s own rules', async () => {
    await states.addRule('telegram:bob', { when: { kind: 'word', word: 'pumpkin' }, description: 'word pumpkin' });
    const outcomes = await analyse(message({ text: 'hello pumpkin', mentions: ['alice', 'bob'] }));
    expect(outcomes.map((o) => o.analysis.verdict.label)).toEqual(['clean', 'grey']);
    expect(outcomes[1]?.analysis.verdict.modules.personalisation.matches[0]?.source).toBe('rule');
  });

  it('catches a confirmed stalker\'s style on a new account with harmless words, judged on the burst', async () => {
    await states.confirmOffender('telegram:alice', 'telegram:old-account', ['you again~~', 'answer me~~', 'i see you~~']);
    const fromNew = (text: string) => message({ text, author: { id: 'new-account', displayName: 'New' }, isDirect: true, dmOwnerId: 'alice' });
    const first = await analyse(fromNew('hello~~'));
    expect(first[0]?.analysis.verdict.modules.identification.burstSize).toBe(1);
    await analyse(fromNew('nice weather~~'));
    const third = await analyse(fromNew('how are you~~'));
    expect(third[0]?.analysis.verdict).toMatchObject({ label: 'cyberstalking', rule: 'α=1 β=0 λ=0' });
    expect(third[0]?.analysis.verdict.modules.identification.burstSize).toBe(3);
    const stranger = await analyse(message({ text: 'hello there', author: { id: 'someone', displayName: 'S' }, isDirect: true, dmOwnerId: 'alice' }));
    expect(stranger[0]?.analysis.verdict.label).toBe('clean');
  });

  it('fits a recipient\'s profile once per change of their state, not per message', async () => {
    await states.confirmOffender('telegram:alice', 'telegram:x', ['a~~']);
    for (let i = 0; i < 5; i++) await analyse(message({ text: `hi ${i}`, mentions: ['alice'] }));
    expect(identifier.profilesBuilt).toBe(1);
    await states.confirmOffender('telegram:alice', 'telegram:y', ['b~~']);
    await analyse(message({ text: 'hi', mentions: ['alice'] }));
    expect(identifier.profilesBuilt).toBe(2);
  });

  it('never makes the sender their own recipient', async () => {
    const self = message({ text: 'THREAT', mentions: ['stalker'], replyTo: { messageId: 'x', authorId: 'stalker' } });
    expect(await analyse(self)).toEqual([]);
  });
});
