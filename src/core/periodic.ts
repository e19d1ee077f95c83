// A background job on timers that never keep the process alive: once after a first delay, then at a fixed
// interval. stop() clears both and waits for the run under way, so a shutdown does not cut a run in half.
export interface Periodic {
  stop(): Promise<void>;
}

export function runPeriodically(tick: () => void, firstRunMs: number, intervalMs: number, underWay: () => Promise<unknown> | undefined): Periodic {
  const first = setTimeout(tick, firstRunMs);
  const repeat = setInterval(tick, intervalMs);
  first.unref();
  repeat.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(repeat);
      await underWay();
    },
  };
}
