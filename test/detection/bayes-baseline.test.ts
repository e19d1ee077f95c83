// The baseline's fast training path must build exactly the model natural's own train() builds.
import { describe, expect, it } from 'vitest';
import { bayesLogOdds, newBayes, trainBayes } from '../../src/detection/bayes-baseline.js';

const examples = [
  { text: 'you are a stupid idiot', label: 'OFF' },
  { text: 'lovely day at the park', label: 'NOT' },
  { text: 'idiot, go away. Idiots everywhere', label: 'OFF' },
  { text: 'see you at the park at 2', label: 'NOT' },
  { text: 'what a loser, shut up', label: 'OFF' },
  { text: 'dinner was great, thanks', label: 'NOT' },
];

describe('natural BayesClassifier baseline', () => {
  it('trains the same counts as natural train() and classifies the same', () => {
    const reference = newBayes();
    for (const e of examples) reference.addDocument(e.text, e.label);
    reference.train();
    const fast = trainBayes(examples);
    expect(fast.classifier.classFeatures).toEqual(reference.classifier.classFeatures);
    expect(fast.classifier.classTotals).toEqual(reference.classifier.classTotals);
    expect(fast.classifier.totalExamples).toBe(reference.classifier.totalExamples);
    for (const t of ['stupid park', 'shut up idiot', 'lovely dinner', 'great loser']) {
      expect(fast.getClassifications(t)).toEqual(reference.getClassifications(t));
      const odds = bayesLogOdds(fast, t, 'OFF', 'NOT');
      const c = reference.getClassifications(t);
      const p = (label: string) => c.find((x) => x.label === label)?.value ?? 0;
      expect(odds).toBeCloseTo(Math.log(p('OFF')) - Math.log(p('NOT')), 9);
    }
  });
});
