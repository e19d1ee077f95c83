// Names the terms that pushed a text's offensive score up the most: word unigrams, bigrams, lexicon
// levels, and character n-grams summed per written word. Only run for flagged or grey texts.
import { CHAR_SEED, LEX_SEED, type FeatureSpec, type PreparedText, type SparseView } from './features.js';
import { fnvStep, mix, pair } from './hash.js';
import { STOP_WORDS } from './natural-nlp.js';

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

export function topFeatures(doc: PreparedText, v: SparseView, spec: FeatureSpec, weight: (bucket: number) => number, limit = 5): string[] {
  const mask = (1 << spec.bits) - 1;
  // Value of each bucket in this text's vector (word group first, then characters: a bucket can be in both).
  const value = new Map<number, number>();
  for (let k = 0; k < v.n; k++) value.set(v.idx[k] as number, (value.get(v.idx[k] as number) ?? 0) + (v.val[k] as number));
  const contribution = (bucket: number): number => weight(bucket) * (value.get(bucket) ?? 0);
  const score = new Map<string, number>();
  const credit = (name: string, c: number): void => {
    score.set(name, (score.get(name) ?? 0) + c);
  };
  doc.tokens.forEach((t, i) => {
    credit(t.word, contribution(mix(t.hash) & mask));
    if (spec.wordNgrams > 1 && i > 0) {
      const prev = doc.tokens[i - 1];
      if (prev) credit(`${prev.word} ${t.word}`, contribution(mix(pair(prev.hash, t.hash)) & mask));
    }
    if (t.lex > 0) credit(`lexicon:-${t.lex}`, contribution(mix(LEX_SEED + t.lex) & mask) / Math.max(1, doc.tokens.filter((x) => x.lex === t.lex).length));
  });
  for (const word of new Set(doc.normalised.split(/\s+/))) {
    const name = word.replace(EDGE_PUNCTUATION, '');
    if (name.length === 0 || STOP_WORDS.has(name)) continue;
    const padded = ` ${word} `;
    let c = 0;
    for (let i = 0; i < padded.length; i++) {
      let h = CHAR_SEED;
      for (let j = i; j < Math.min(padded.length, i + spec.charMax); j++) {
        h = fnvStep(h, padded.charCodeAt(j));
        if (j - i + 1 >= spec.charMin) c += contribution(mix(h) & mask);
      }
    }
    credit(name, c);
  }
  return [...score.entries()]
    .filter(([, c]) => c > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name]) => name);
}
