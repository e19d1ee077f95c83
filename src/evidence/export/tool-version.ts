// The bot's name and version from package.json, recorded in every manifest.
import { readFileSync } from 'node:fs';

let cached: { name: string; version: string } | undefined;

export function toolVersion(): { name: string; version: string } {
  if (!cached) {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { name?: string; version?: string };
    cached = { name: pkg.name ?? 'acts-bot', version: pkg.version ?? '0.0.0' };
  }
  return cached;
}
