// The scan with the real analyser, recipient state and evidence archive (the trained modules replaced by
// the pipeline's own deterministic doubles): records carry the import mark, a re-run adds nothing, and the
// exported bundle verifies.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/core/types.js';
import { openEvidenceArchive } from '../../src/evidence/archive.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { loadDictionary } from '../../src/personalisation/dictionary.js';
import { dictionaryMatcher } from '../../src/personalisation/personalise.js';
import { ActsAnalyser } from '../../src/pipeline/acts-analyser.js';
import { ActsPipeline } from '../../src/pipeline/pipeline.js';
import { markImported } from '../../src/scan/import-mark.js';
import { openSource } from '../../src/scan/open-source.js';
import { resolvePerson } from '../../src/scan/resolve-person.js';
import { scanHistory } from '../../src/scan/scan-history.js';
import { sourceSha256 } from '../../src/scan/source-hash.js';
import { KvRecipientStateStore } from '../../src/state/kv-state-store.js';
import { MarkerDetector, TildeIdentifier } from '../helpers/module-doubles.js';
import { tempDir } from '../helpers/temp-dir.js';
import { FIXTURES } from './helpers.js';

describe('scan into the real evidence archive', () => {
  it('archives imported records once, and their bundle verifies', async () => {
    const dir = tempDir('scan-archive');
    const archive = await openEvidenceArchive({ storeUrl: `sqlite://${path.join(dir, 'acts.sqlite')}`, keyFile: path.join(dir, 'key.pem') });
    const states = new KvRecipientStateStore();
    const file = path.join(FIXTURES, 'slack');
    const mark = { sourceFile: 'slack', sourceSha256: await sourceSha256(file) };
    const pipeline = new ActsPipeline(new MarkerDetector(), new TildeIdentifier(), dictionaryMatcher(loadDictionary()));
    const scanOnce = async () => {
      const source = await openSource(file);
      const recipient = await resolvePerson(source, 'U05ALICE01', () => openSource(file));
      const analyser = new ActsAnalyser({ pipeline, states, sink: markImported(archive, mark) });
      return scanHistory({ source, recipient, analyser, state: states, offenders: ['slack:T05TEAM001:U05MALLO01'] });
    };
    try {
      const first = await scanOnce();
      expect(first.analysed).toBe(4);
      // Mallory is on the list, so everything she aimed at Alice is archived; Bob's thanks is not.
      expect(first.archived).toBe(3);
      const records: EvidenceRecord[] = [];
      for await (const r of archive.records('slack:T05TEAM001:U05ALICE01')) records.push(r);
      expect(records.map((r) => r.message!.messageId)).toEqual(['1709283800.000300', '1709283810.000310', '1709370060.000200']);
      expect(records.every((r) => r.imported?.sourceSha256 === mark.sourceSha256 && r.imported.sourceFile === 'slack')).toBe(true);

      const second = await scanOnce();
      expect(second).toMatchObject({ archived: 0, alreadyArchived: 3 });
      let count = 0;
      for await (const _ of archive.records('slack:T05TEAM001:U05ALICE01')) count++;
      expect(count).toBe(3);

      const out = path.join(dir, 'bundle');
      const exported = await archive.exportBundle({ recipientKey: 'slack:T05TEAM001:U05ALICE01', outDir: out, pdf: false });
      expect(exported.count).toBe(3);
      const verified = await verifyBundle(out);
      expect(verified.ok).toBe(true);
    } finally {
      await archive.close();
    }
  });
});

describe('the real scan runtime on a data folder', () => {
  it('keeps the recipient\'s offender list and rules in the bot\'s store across runs', async () => {
    const { openActsRuntime } = await import('../../src/scan/acts-runtime.js');
    const dataDir = tempDir('scan-runtime');
    const models = () => new ActsPipeline(new MarkerDetector(), new TildeIdentifier(), dictionaryMatcher(loadDictionary()));
    const imported = { sourceFile: 'x.json', sourceSha256: 'a'.repeat(64) };
    const first = await openActsRuntime({ dataDir, imported }, models);
    await first.state.confirmOffender('telegram:1001', 'telegram:2002', ['you cannot hide from me']);
    await first.state.addRule('telegram:1001', { when: { kind: 'word', word: 'birthday' }, description: 'word birthday' });
    await first.close();
    const second = await openActsRuntime({ dataDir, imported }, models);
    const state = await second.state.get('telegram:1001');
    await second.close();
    expect([...state.offenders]).toEqual(['telegram:2002']);
    expect(state.confirmedTexts).toEqual(['you cannot hide from me']);
    expect(state.rules.map((r) => r.description)).toEqual(['word birthday']);
  });
});

describe('one mail, saved twice', () => {
  it('is archived once whether it is read from an .eml or from an mbox', async () => {
    const dir = tempDir('scan-mail');
    const archive = await openEvidenceArchive({ storeUrl: `sqlite://${path.join(dir, 'acts.sqlite')}`, keyFile: path.join(dir, 'key.pem') });
    const states = new KvRecipientStateStore();
    const pipeline = new ActsPipeline(new MarkerDetector(), new TildeIdentifier(), dictionaryMatcher(loadDictionary()));
    try {
      for (const name of ['email/threat.eml', 'email/inbox.mbox']) {
        const file = path.join(FIXTURES, name);
        const source = await openSource(file);
        const recipient = await resolvePerson(source, 'alice@inbox-provider.example', () => openSource(file));
        const analyser = new ActsAnalyser({ pipeline, states, sink: markImported(archive, { sourceFile: name, sourceSha256: await sourceSha256(file) }) });
        await scanHistory({ source, recipient, analyser, state: states, offenders: ['email:mallory@sender-mail.example'] });
      }
      const ids: string[] = [];
      for await (const r of archive.records('email:alice@inbox-provider.example')) ids.push(r.message!.messageId);
      expect(ids.filter((id) => id === '<20240305100001.9A1B2C3D@sender-mail.example>')).toHaveLength(1);
    } finally {
      await archive.close();
    }
  });
});
