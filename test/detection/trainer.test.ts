// The trainer end to end on a tiny synthetic OLID-shaped set (no real data): it writes a model that
// loads, has learnt the pattern, and is byte-identical when trained twice.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDetector } from '../../src/detection/detector.js';
import { train } from '../../src/detection/train.js';
import { tempDir } from '../helpers/temp-dir.js';

function syntheticShared(): string {
  const dir = tempDir('train');
  mkdirSync(path.join(dir, 'data'));
  const insults = ['moron', 'clown', 'idiot', 'loser', 'creep'];
  const nice = ['friend', 'teacher', 'neighbour', 'colleague', 'cousin'];
  const topics = ['the match', 'lunch', 'the new phone', 'the weekend', 'the weather', 'my garden'];
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) {
    const off = i % 3 === 0;
    const untargeted = off && i % 15 === 0;
    const text = untargeted ? `damn ${topics[i % topics.length]} sucks` : off ? `@USER you are a ${insults[i % insults.length]} about ${topics[i % topics.length]}` : `@USER my ${nice[i % nice.length]} liked ${topics[i % topics.length]}`;
    lines.push(JSON.stringify({ id: `s-${i}`, text, label: off ? 'OFF' : 'NOT', subtask_b: off ? (untargeted ? 'UNT' : 'TIN') : null, subtask_c: null, fold: i % 5 }));
  }
  writeFileSync(path.join(dir, 'data', 'olid_train.jsonl'), `${lines.join('\n')}\n`);
  return dir;
}

describe('train', () => {
  it('learns from the shared data and writes a deterministic model file', async () => {
    const shared = syntheticShared();
    const a = path.join(shared, 'a.bin');
    const b = path.join(shared, 'b.bin');
    await train({ sharedDir: shared, out: a, log: () => {} });
    await train({ sharedDir: shared, out: b, log: () => {} });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const d = loadDetector(a);
    expect(d.detect('you are a moron').score).toBeGreaterThan(0.5);
    expect(d.detect('my cousin liked lunch').score).toBeLessThan(0.5);
    expect(d.header.training).toMatchObject({ data: { rows: 300 } });
  }, 60_000);
});
