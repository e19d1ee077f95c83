// `acts verify NEW --previous OLD`: the log NEW was proven against contains the log OLD was — nothing the
// archive held when OLD was made has been removed or rewritten since.
import { lstatSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BUNDLE_FILES, type Manifest } from '../bundle-format.js';
import { manifestShapeProblem } from './manifest-shape.js';
import type { VerifyProblem } from './problems.js';
import { verifyBundle } from './verify-bundle.js';

/**
 * NEW's manifest, when it is a plain file holding a manifest of the right shape with a checkpoint. NEW is
 * verified on its own as well, which names what is wrong; here it only must not be read past.
 */
async function readCurrentManifest(dir: string): Promise<Manifest | undefined> {
  const file = path.join(dir, BUNDLE_FILES.manifest);
  try {
    if (!lstatSync(file).isFile()) return undefined;
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
    return manifestShapeProblem(manifest) === undefined && manifest.checkpoint ? manifest : undefined;
  } catch {
    return undefined;
  }
}

export async function checkGrowth(currentDir: string, previousDir: string): Promise<VerifyProblem[]> {
  const problem = (message: string): VerifyProblem[] => [{ scope: 'bundle', message }];
  const previous = await verifyBundle(previousDir);
  if (!previous.ok || !previous.checkpoint) return problem(`the previous bundle ${previousDir} does not verify on its own`);
  const current = await readCurrentManifest(currentDir);
  if (!current) return problem(`this bundle's manifest holds no log checkpoint that can be read, so it cannot show that it extends the previous bundle`);
  const [old, now] = [previous.checkpoint, current.checkpoint];
  if (old.origin !== now.origin) return problem(`the previous bundle comes from another archive (${old.origin}, not ${now.origin})`);
  if (old.size > now.size) return problem(`the previous bundle's log holds ${old.size} records, more than this one's ${now.size}: it is the newer one`);
  if (old.size === now.size) return old.rootHash === now.rootHash ? [] : problem(`both logs hold ${now.size} records but their roots differ: the log was rewritten`);
  const proven = (current.consistency ?? []).some((c) => c.size === old.size && c.rootHash === old.rootHash);
  // The proof itself was checked by verifyBundle(currentDir); here it only has to be the one for OLD.
  return proven ? [] : problem(`this bundle carries no consistency proof from the previous bundle's log (${old.size} records, root ${old.rootHash.slice(0, 16)}…)`);
}
