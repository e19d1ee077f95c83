// Reproducible randomness for the crash tests: mulberry32, seeded from CRASH_SEED or a fresh seed that
// the test prints, so a failing run can be replayed exactly.
export function seedFrom(env: string | undefined): number {
  const parsed = env === undefined ? Number.NaN : Number(env);
  return Number.isSafeInteger(parsed) ? parsed >>> 0 : Math.floor(Math.random() * 2 ** 32);
}

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
