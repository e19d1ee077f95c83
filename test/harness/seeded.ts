// Reproducible randomness for the crash tests: mulberry32, seeded from CRASH_SEED or a fresh seed that
// the test prints, so a failing run can be replayed exactly.
export function seedFrom(env: string | undefined): number {
  const parsed = env === undefined ? Number.NaN : Number(env);
  return Number.isSafeInteger(parsed) ? parsed >>> 0 : Math.floor(Math.random() * 2 ** 32);
}

export { prng as rng } from '../../src/core/prng.js';

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
