// What the load test sends: a realistic community mix. Most messages are aimed at nobody who is
// protected (the bot only stores their event id), ~7.5 % mention a protected person in a friendly way
// (analysed, clean), and ~7.5 % are abuse aimed at a protected person (analysed, archived, DM or digest).
// Each platform target turns a planned message into its own wire format.
export type Kind = 'chatter' | 'mention' | 'harmful';

export interface Planned {
  n: number;
  kind: Kind;
  /** Index of the protected person it is aimed at (mention, harmful). */
  recipient?: number;
  text: string;
}

const HARMFUL = [
  'you are a worthless stupid bitch and I will kill you',
  'shut up you pathetic ugly whore, everyone hates you, kill yourself',
  'you stupid fat idiot, I will hurt you and your family',
  'worthless piece of trash, I know where you live and I will find you',
];
const FRIENDLY = ['thanks for the notes from the meeting', 'can you review my pull request later today', 'lunch at noon?', 'great demo this morning, well done'];
const CHATTER = ['the build is green again', 'who has the projector adapter', 'standup moved to 10:15', 'deploy finished, all checks passed', 'coffee machine is fixed'];

/** Deterministic pseudo-random mix, so two runs send the same traffic. */
export class Traffic {
  private n = 0;
  constructor(
    private readonly protectedCount: number,
    private readonly harmfulShare = 0.075,
    private readonly mentionShare = 0.075,
  ) {}

  next(): Planned {
    this.n += 1;
    const n = this.n;
    const r = frac(n * 0.6180339887);
    const kind: Kind = r < this.harmfulShare ? 'harmful' : r < this.harmfulShare + this.mentionShare ? 'mention' : 'chatter';
    const pick = (list: string[]): string => list[n % list.length]!;
    const text = kind === 'harmful' ? `${pick(HARMFUL)} (${n})` : kind === 'mention' ? pick(FRIENDLY) : pick(CHATTER);
    return { n, kind, text, ...(kind === 'chatter' ? {} : { recipient: n % this.protectedCount }) };
  }
}

function frac(x: number): number {
  return x - Math.floor(x);
}
