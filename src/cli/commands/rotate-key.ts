// `acts rotate-key`: signs evidence with a new Ed25519 key from now on (after a suspected leak, or on a
// schedule). Every chain gets a key-rotation record signed by the new key and endorsed by the old one, so
// bundles with records from before and after stay verifiable. The running bot signs with the key it loaded
// at start, so the rotation refuses to run beside it: it takes the same data-folder lock as `npm start`.
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { DataDirLockedError, lockDataDir } from '../../app/data-dir-lock.js';
import { openArchiveFromConfig } from '../../evidence/open-from-config.js';
import { fingerprint } from '../../evidence/signing.js';
import { CliError } from '../command.js';

const USAGE = `usage: acts rotate-key

Stop the bot first (it keeps signing with the key it started with). Afterwards publish the new
fingerprint next to the old one: bundles exported from now on name both.
`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}'\n\n${USAGE}`);
  const config = loadConfig();
  let lock;
  try {
    lock = await lockDataDir(config.dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new CliError(`${error.message}; the bot signs with the key it started with, so rotate while it is stopped`, 1);
    throw error;
  }
  try {
    const archive = await openArchiveFromConfig(config);
    try {
      const rotated = await archive.rotateKey();
      process.stdout.write(
        `signing key rotated: ${rotated.chains} chains carry the hand-over\n` +
          `  previous key ${fingerprint(rotated.previousKeyId)}\n` +
          `  new key      ${fingerprint(rotated.keyId)}\n` +
          `publish the new fingerprint; records signed before stay verifiable with the old one\n`,
      );
      return 0;
    } finally {
      await archive.close();
    }
  } finally {
    await lock.release();
  }
}
