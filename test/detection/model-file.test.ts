// A missing, foreign, truncated or damaged model file is refused with a clear reason.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_FILE, loadDetector } from '../../src/detection/detector.js';
import { ModelFileError } from '../../src/detection/model-file.js';
import { tempDir } from '../helpers/temp-dir.js';

const good = readFileSync(DEFAULT_MODEL_FILE);
const dir = tempDir('model');

function loadBytes(bytes: Buffer | string): () => unknown {
  const file = path.join(dir, `m-${Math.random().toString(36).slice(2)}.bin`);
  writeFileSync(file, bytes);
  return () => loadDetector(file);
}

describe('model file loading', () => {
  it('names a missing file', () => {
    expect(() => loadDetector(path.join(dir, 'nope.bin'))).toThrow(/model file not found/);
  });

  it('refuses a file that is not a detector model', () => {
    expect(loadBytes('{"weights": [1, 2, 3]}')).toThrow(ModelFileError);
    expect(loadBytes('{"weights": [1, 2, 3]}')).toThrow(/not an ACTS detector model/);
    expect(loadBytes(Buffer.alloc(0))).toThrow(/not an ACTS detector model/);
  });

  it('refuses a truncated file', () => {
    expect(loadBytes(good.subarray(0, good.length - 7))).toThrow(/truncated or corrupt/);
    expect(loadBytes(good.subarray(0, 40))).toThrow(ModelFileError);
  });

  it('refuses a file whose weights were altered (checksum)', () => {
    const bad = Buffer.from(good);
    bad[bad.length - 100] = (bad[bad.length - 100] as number) ^ 0xff;
    expect(loadBytes(bad)).toThrow(/checksum mismatch/);
  });

  it('refuses a damaged header', () => {
    const bad = Buffer.from(good);
    bad[14] = 0x00; // inside the JSON header
    expect(loadBytes(bad)).toThrow(/corrupt header|bad/);
  });

  it('loads an intact copy', () => {
    expect(() => loadBytes(good)()).not.toThrow();
  });
});
