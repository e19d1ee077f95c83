// Which of a bundle's files are there, and that each is a plain file of the bundle folder itself: a folder
// in a file's place cannot be read, a device (a link to /dev/zero) never ends, and a symbolic link means
// the evidence is not in the bundle that was handed over but wherever the link points, which can change.
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_FILES } from '../bundle-format.js';
import type { Problems } from './problems.js';

const REQUIRED: readonly string[] = [BUNDLE_FILES.records, BUNDLE_FILES.manifest, BUNDLE_FILES.signatures];
const OPTIONAL = [BUNDLE_FILES.proofs];

/** Notes what is missing or not a plain file; returns the files present, or undefined when the bundle cannot be read. */
export function checkBundleFiles(dir: string, problems: Problems): Set<string> | undefined {
  const present = new Set<string>();
  const missing: string[] = [];
  let readable = true;
  for (const name of [...REQUIRED, ...OPTIONAL]) {
    let stat;
    try {
      stat = lstatSync(path.join(dir, name));
    } catch {
      if (REQUIRED.includes(name)) missing.push(name);
      continue;
    }
    if (stat.isSymbolicLink()) problems.add({ scope: 'bundle', message: `${name} is a symbolic link, not a file of the bundle: the evidence must be in the bundle folder itself` });
    else if (!stat.isFile()) problems.add({ scope: 'bundle', message: `${name} is not a plain file (it is a folder or a device)` });
    else {
      present.add(name);
      continue;
    }
    readable = false;
  }
  if (missing.length > 0) problems.add({ scope: 'bundle', message: `${missing.join(', ')} missing from ${dir}` });
  return readable && missing.length === 0 ? present : undefined;
}
