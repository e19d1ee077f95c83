// The signing key on disk: an Ed25519 private key in PKCS#8 PEM, created at first start with mode 0600 in a
// 0700 folder, and replaced atomically on rotation (the next key is written beside it first, so a crash in
// the middle of a rotation leaves either the old key or a completed rotation; see archive-keys.ts).
import { generateKeyPairSync, createPrivateKey, type KeyObject } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, existsSync } from 'node:fs';
import path from 'node:path';
import { EvidenceError } from './errors.js';

export interface LoadedKey {
  privateKey: KeyObject;
  created: boolean;
  /** Problems worth a warning (a key file others can read). */
  warnings: string[];
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot fsync a directory; the rename is still atomic.
  }
}

function writeNewKey(file: string): KeyObject {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = String(privateKey.export({ format: 'pem', type: 'pkcs8' }));
  // 'wx': never overwrite a key another process created a moment ago; mode applies at creation, umask can only narrow it.
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, pem);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDir(path.dirname(file));
  return privateKey;
}

function readKey(file: string): LoadedKey['privateKey'] {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new EvidenceError('key-file', `signing key ${file} cannot be read as a PEM private key: ${(error as Error).message}`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new EvidenceError('key-file', `signing key ${file} is a ${key.asymmetricKeyType} key; ACTS signs with Ed25519`);
  }
  return key;
}

export function loadOrCreateKey(file: string): LoadedKey {
  if (!existsSync(file)) {
    try {
      return { privateKey: writeNewKey(file), created: true, warnings: [] };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new EvidenceError('key-file', `cannot create signing key ${file}: ${(error as Error).message}`, { cause: error });
      }
    }
  }
  const warnings: string[] = [];
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) warnings.push(`signing key ${file} has mode ${mode.toString(8)}; run chmod 600 on it`);
  return { privateKey: readKey(file), created: false, warnings };
}

export const nextKeyFile = (file: string): string => `${file}.next`;

/** Writes the key a rotation will switch to, beside the current one. */
export function writeNextKey(file: string): KeyObject {
  const next = nextKeyFile(file);
  if (existsSync(next)) unlinkSync(next);
  return writeNewKey(next);
}

export function readNextKey(file: string): KeyObject | undefined {
  return existsSync(nextKeyFile(file)) ? readKey(nextKeyFile(file)) : undefined;
}

export function promoteNextKey(file: string): void {
  renameSync(nextKeyFile(file), file);
  syncDir(path.dirname(file));
}

export function discardNextKey(file: string): void {
  if (existsSync(nextKeyFile(file))) unlinkSync(nextKeyFile(file));
}
