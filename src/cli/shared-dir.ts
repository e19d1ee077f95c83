// Where the team's labelled development data lives: ACTS_SHARED_DIR, else ../shared beside the project.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function sharedDir(): string {
  return process.env.ACTS_SHARED_DIR ? path.resolve(process.env.ACTS_SHARED_DIR) : path.resolve(REPO_ROOT, '..', 'shared');
}
