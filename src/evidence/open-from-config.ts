// The one way the bot, `acts export` and `acts scan` open the evidence archive from the configuration, so
// none of them can forget the encryption key or point at another signing key.
import type { Config } from '../config/config.js';
import { openEvidenceArchive, type SignedEvidenceArchive } from './archive.js';

export function openArchiveFromConfig(config: Pick<Config, 'storeUrl' | 'signingKeyFile' | 'evidenceKeyFile'>): Promise<SignedEvidenceArchive> {
  return openEvidenceArchive({ storeUrl: config.storeUrl, keyFile: config.signingKeyFile, encryptionKeyFile: config.evidenceKeyFile });
}
