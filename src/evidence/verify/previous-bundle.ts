// `acts verify NEW --previous OLD`: the log NEW was proven against contains the log OLD was — nothing the
// archive held when OLD was made has been removed or rewritten since.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BUNDLE_FILES, type Manifest } from '../bundle-format.js';
import type { VerifyProblem } from './problems.js';
import { verifyBundle } from './verify-bundle.js';

export async function checkGrowth(currentDir: string, previousDir: string): Promise<VerifyProblem[]> {
  const problem = (message: string): VerifyProblem[] => [{ scope: 'bundle', message }];
  const previous = await verifyBundle(previousDir);
  if (!previous.ok || !previous.checkpoint) return problem(`the previous bundle ${previousDir} does not verify on its own`);
  const current = JSON.parse(await readFile(path.join(currentDir, BUNDLE_FILES.manifest), 'utf8')) as Manifest;
  const [old, now] = [previous.checkpoint, current.checkpoint];
  if (old.origin !== now.origin) return problem(`the previous bundle comes from another archive (${old.origin}, not ${now.origin})`);
  if (old.size > now.size) return problem(`the previous bundle's log holds ${old.size} records, more than this one's ${now.size}: it is the newer one`);
  if (old.size === now.size) return old.rootHash === now.rootHash ? [] : problem(`both logs hold ${now.size} records but their roots differ: the log was rewritten`);
  const proven = (current.consistency ?? []).some((c) => c.size === old.size && c.rootHash === old.rootHash);
  // The proof itself was checked by verifyBundle(currentDir); here it only has to be the one for OLD.
  return proven ? [] : problem(`this bundle carries no consistency proof from the previous bundle's log (${old.size} records, root ${old.rootHash.slice(0, 16)}…)`);
}
