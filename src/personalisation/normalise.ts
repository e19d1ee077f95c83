// Folds the ways people disguise a word ("k i l l", "k1ll", "kiiill", "K.I.L.L") into one form, so the
// dictionary and the recipient's rules match what was meant. Applied identically to entries and messages.

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '|': 'i',
  '3': 'e',
  '4': 'a',
  '@': 'a',
  '5': 's',
  $: 's',
  '7': 't',
  '+': 't',
  '8': 'b',
  '9': 'g',
};

// These stand for letters only inside a word ("k!ll"), not as punctuation after one ("kill!!!").
const LEET_INSIDE_ONLY = new Set(['!', '|', '+']);

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /\p{L}/u.test(ch);

/** Lower-cases, strips accents, maps leetspeak, keeps letters and single spaces between words. */
function foldCharacters(text: string): string {
  const chars = [...text.normalize('NFKD').toLowerCase()].filter((ch) => {
    const code = ch.charCodeAt(0);
    return !(code >= 0x300 && code <= 0x36f); // combining accents left by NFKD
  });
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (isLetter(ch)) {
      out += ch;
      continue;
    }
    if (ch === "'" || ch === '’') continue; // "don't" → "dont"
    const mapped = LEET[ch];
    const next = chars[i + 1];
    if (mapped && (!LEET_INSIDE_ONLY.has(ch) || isLetter(next) || (next !== undefined && next >= '0' && next <= '9'))) out += mapped;
    else out += ' ';
  }
  return out;
}

/** Joins runs of three or more one-letter tokens ("k i l l" → "kill"); shorter runs are real words ("i", "a"). */
function joinSpelledOut(tokens: string[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length >= 3) out.push(run.join(''));
    else out.push(...run);
    run = [];
  };
  for (const token of tokens) {
    if ([...token].length === 1) run.push(token);
    else {
      flush();
      out.push(token);
    }
  }
  flush();
  return out;
}

/** Collapses repeated letters ("kiiill" → "kil"); entries go through the same fold, so "kill" matches. */
function collapseRepeats(token: string): string {
  let out = '';
  let last = '';
  for (const ch of token) {
    if (ch !== last) out += ch;
    last = ch;
  }
  return out;
}

export function normaliseForMatching(text: string): string {
  const tokens = foldCharacters(text).split(' ').filter((t) => t.length > 0);
  return joinSpelledOut(tokens).map(collapseRepeats).join(' ');
}
