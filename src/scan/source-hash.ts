// The SHA-256 that marks evidence as imported from a particular export. For a file, the hash of its bytes
// (what `sha256sum` prints); for an unzipped folder, the hash of its sorted listing of "path NUL sha256".
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openContainer } from './container.js';

async function fileHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

export async function sourceSha256(file: string): Promise<string> {
  if (!(await stat(file)).isDirectory()) return fileHash(file);
  const folder = await openContainer(file);
  const listing = createHash('sha256');
  for (const entry of folder.entries) listing.update(`${entry.name}\0${await fileHash(path.join(file, ...entry.name.split('/')))}\n`);
  return listing.digest('hex');
}
