// Group commit for a store whose every commit costs an fsync: writes that arrive while one is being
// committed wait and go together in the next (one statement, one fsync). Each caller's promise still
// resolves only after its own row is committed, so durability is what it was with one commit per write;
// only the number of fsyncs under load drops (from one per write to one per batch).

export interface Row {
  key: string;
  value: string;
}

interface Waiting {
  rows: Row[];
  resolve(written: boolean[]): void;
  reject(error: unknown): void;
}

export class GroupCommit {
  private queue: Waiting[] = [];
  private active: Promise<void> | undefined;

  /** `commit` returns the keys it wrote when it may skip some (an insert-if-absent); undefined means all. */
  constructor(private readonly commit: (rows: Row[]) => Promise<Set<string> | void>) {}

  /** Resolves, once committed, with whether each row was written. */
  write(rows: Row[]): Promise<boolean[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.next();
    });
  }

  /** Resolves when every write queued so far is committed (or failed): for deletes that must come after. */
  async settled(): Promise<void> {
    while (this.active) await this.active;
  }

  private next(): void {
    if (this.active || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.active = this.commit(batch.flatMap((w) => w.rows)).then(
      (written) => batch.forEach((w) => w.resolve(w.rows.map((r) => !written || written.has(r.key)))),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    ).finally(() => {
      this.active = undefined;
      this.next();
    });
  }
}
