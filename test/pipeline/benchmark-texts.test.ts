import { describe, expect, it } from 'vitest';
import { PackedTexts } from '../../src/pipeline/benchmark-texts.js';

describe('PackedTexts (the pipeline benchmark fixture)', () => {
  it('gives back every text exactly, Latin-1 or not, in the order added', () => {
    const texts = ['hello', '', 'café ÿ', 'k1ll 🖕🏽 you', '\u0000\u00ff', 'Ｋｉｌｌ', 'x'.repeat(3000), 'a\nb', '\uD800 lone surrogate'];
    const packed = new PackedTexts();
    for (let round = 0; round < 400; round++) for (const t of texts) packed.add(t); // grows past its first buffers
    packed.seal();
    expect(packed.size).toBe(texts.length * 400);
    for (let i = 0; i < packed.size; i++) expect(packed.at(i)).toBe(texts[i % texts.length]);
  });
});
