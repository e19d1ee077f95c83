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
  resolve(): void;
  reject(error: unknown): void;
}

export class GroupCommit {
  private queue: Waiting[] = [];
  private active: Promise<void> | undefined;

  constructor(private readonly commit: (rows: Row[]) => Promise<void>) {}

  write(rows: Row[]): Promise<void> {
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
      () => batch.forEach((w) => w.resolve()),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    ).finally(() => {
      this.active = undefined;
      this.next();
    });
  }
}
