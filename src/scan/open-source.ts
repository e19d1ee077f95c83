// Opens an export in the format named (or detected) as an ImportSource.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { detectFormat } from './detect.js';
import { openDiscordExporter } from './discord-exporter.js';
import { openDiscordPackage } from './discord-package.js';
import { openEml } from './eml.js';
import { openMbox } from './mbox.js';
import { openSlack } from './slack.js';
import { openTelegram } from './telegram.js';
import { ScanInputError, type ImportSource, type ScanFormat } from './types.js';

const OPENERS: Record<ScanFormat, (file: string) => Promise<ImportSource>> = {
  telegram: openTelegram,
  discord: openDiscordExporter,
  'discord-package': openDiscordPackage,
  slack: (file) => openSlack(file),
  mbox: openMbox,
  eml: openEml,
};

export async function openSource(file: string, format: ScanFormat | 'auto' = 'auto'): Promise<ImportSource> {
  const chosen = format === 'auto' ? await detectFormat(file) : format;
  let target = file;
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new ScanInputError(file, 'opening it', 'no such file or folder');
  // Telegram Desktop saves a folder (ChatExport_…) with result.json and the media beside it.
  if (chosen === 'telegram' && info.isDirectory()) target = path.join(file, 'result.json');
  const needsFile = chosen === 'telegram' || chosen === 'mbox' || chosen === 'eml';
  if (needsFile && info.isDirectory() && chosen !== 'telegram') throw new ScanInputError(file, 'opening it', `a folder, not an ${chosen} file`);
  return OPENERS[chosen](target);
}
