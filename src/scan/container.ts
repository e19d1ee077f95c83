// A folder of export files, whether the user unzipped it or not: lists entries and opens any of them as a
// stream. Zips are read with yauzl from the central directory, entry by entry, never extracted whole;
// several entries can be open at once (the per-channel streams of a chronological merge).
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ScanInputError } from './types.js';

export interface ContainerEntry {
  /** Forward-slash path inside the container, e.g. `general/2023-01-02.json`. */
  name: string;
  size: number;
}

export interface Container {
  /** The zip or folder, as the user named it. */
  path: string;
  entries: readonly ContainerEntry[];
  /** `chunkBytes` bounds how much of the entry is read ahead (many entries are open at once in a merge). */
  open(name: string, chunkBytes?: number): Promise<Readable>;
  close(): Promise<void>;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function isZipMagic(head: Buffer): boolean {
  return head.subarray(0, 4).equals(ZIP_MAGIC) || head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
}

export async function openContainer(file: string): Promise<Container> {
  const info = await stat(file);
  return info.isDirectory() ? openFolder(file) : openZip(file);
}

async function openFolder(root: string): Promise<Container> {
  const entries: ContainerEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const dirent of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, dirent.name);
      if (dirent.isDirectory()) await walk(full);
      else if (dirent.isFile()) entries.push({ name: path.relative(root, full).split(path.sep).join('/'), size: (await stat(full)).size });
    }
  };
  await walk(root);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    path: root,
    entries,
    open: (name, chunkBytes = 1 << 16) => Promise.resolve(createReadStream(path.join(root, ...name.split('/')), { highWaterMark: chunkBytes })),
    close: () => Promise.resolve(),
  };
}

async function openZip(file: string): Promise<Container> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, z) =>
      error || !z ? reject(new ScanInputError(file, 'zip central directory', `not a readable zip: ${error?.message ?? 'unknown error'}`)) : resolve(z),
    ),
  );
  const byName = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) byName.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (error: Error) => reject(new ScanInputError(file, `zip entry ${byName.size + 1}`, `damaged zip: ${error.message}`)));
    zip.readEntry();
  });
  const entries = [...byName.values()]
    .map((e) => ({ name: e.fileName, size: e.uncompressedSize }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    path: file,
    entries,
    open: (name) =>
      new Promise((resolve, reject) => {
        const entry = byName.get(name);
        if (!entry) return reject(new ScanInputError(file, name, 'no such entry in the zip'));
        if (entry.isEncrypted()) return reject(new ScanInputError(file, name, 'entry is encrypted'));
        zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(new ScanInputError(file, name, `cannot read zip entry: ${error?.message}`)) : resolve(stream)));
      }),
    close: () => Promise.resolve(zip.close()),
  };
}
