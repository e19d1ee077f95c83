// Runs tasks one after another per key (a channel), in arrival order, so that the edit of a message is
// never handled before the message itself. Different keys run concurrently.

export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private closed = false;
  /** Tasks refused after close(). */
  refused = 0;

  /** Queues `task` after the earlier tasks of `key`. The returned promise never rejects. */
  run(key: string, task: () => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    if (this.closed) {
      this.refused += 1;
      return Promise.resolve();
    }
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task).catch(onError);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  /** Refuses new tasks; those already queued still run (see drain). */
  close(): void {
    this.closed = true;
  }

  /** Resolves when every task queued so far has finished. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  get pendingKeys(): number {
    return this.tails.size;
  }
}
