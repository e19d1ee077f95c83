// Per-id cache of a word's or token's (offensive, targeted, idf²) contribution in one flat Float64Array,
// instead of a small object with three boxed numbers on every cached word: less memory, and a message's
// scoring reads doubles in place. Ids come from the tokenizer and are valid for one of its generations;
// a new generation forgets everything.

export class StatsCache {
  /** o, t, n of slot i at 3i, 3i + 1, 3i + 2. Slot 0 is scratch for uncached ids (-1). */
  values = new Float64Array(3 * 1024);
  private known = new Uint8Array(1024);
  private generation = -1;

  startGeneration(generation: number): void {
    if (generation === this.generation) return;
    this.known.fill(0);
    this.generation = generation;
  }

  /** The slot of an id (-1: the scratch slot, which is never known), grown to fit. */
  slotOf(id: number): number {
    const slot = id + 1;
    if (slot >= this.known.length) this.grow(slot + 1);
    return slot;
  }

  has(slot: number): boolean {
    return this.known[slot] === 1;
  }

  put(slot: number, o: number, t: number, n: number): void {
    const v = this.values;
    v[3 * slot] = o;
    v[3 * slot + 1] = t;
    v[3 * slot + 2] = n;
    if (slot !== 0) this.known[slot] = 1;
  }

  private grow(minSlots: number): void {
    let size = this.known.length;
    while (size < minSlots) size *= 2;
    const known = new Uint8Array(size);
    known.set(this.known);
    const values = new Float64Array(3 * size);
    values.set(this.values);
    this.known = known;
    this.values = values;
  }
}
