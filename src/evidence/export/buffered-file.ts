// Appends text to a file in ~1 MB writes, so exporting 100,000 records neither holds them all in memory nor
// makes 100,000 system calls; `close` flushes and fsyncs (a bundle handed over should be on disk).
import { open, type FileHandle } from 'node:fs/promises';
import { createHash, type Hash } from 'node:crypto';

const CHUNK = 1 << 20;

export class BufferedFile {
  private parts: string[] = [];
  private size = 0;
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(file: string): Promise<BufferedFile> {
    return new BufferedFile(await open(file, 'wx', 0o600));
  }

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) await this.drain();
  }

  private async drain(): Promise<void> {
    if (this.parts.length === 0) return;
    const data = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.size = 0;
    this.hash.update(data);
    this.bytes += data.length;
    await this.handle.write(data);
  }

  /** Flushes, fsyncs and closes; resolves with the file's SHA-256 (hex). */
  async close(): Promise<string> {
    try {
      await this.drain();
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
    return this.hash.digest('hex');
  }
}
