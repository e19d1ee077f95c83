// export: the caller's own evidence bundle, nobody else's. Shared by the command and the button.
import path from 'node:path';
import type { BotContext } from '../context.js';
import { exportStamp, safeDirName } from '../export-folder.js';
import type { OutboundMessage } from '../ports.js';
import { reply } from './syntax.js';

/** Which file to show first (and alone, where a platform takes one): a single archive, else the report. */
const PREFERRED = ['.zip', 'report.pdf', 'report.html', 'records.jsonl'];
const MAX_ATTACHED = 10;

export async function exportFor(ctx: BotContext, recipientKey: string, howToRun: string): Promise<OutboundMessage> {
  const wait = ctx.exportLimiter.take(recipientKey);
  if (wait > 0) return reply(`An export was made a moment ago. You can ask again in ${Math.ceil(wait / 60_000)} min.`);
  const stamp = exportStamp(ctx.clock.now());
  const outDir = path.join(ctx.exportDir, safeDirName(recipientKey), stamp);
  const result = await ctx.archive.exportBundle({ recipientKey, outDir });
  ctx.log.info({ person: recipientKey, records: result.count, files: result.files.length }, 'evidence exported');
  if (result.count === 0) return reply('There is no evidence for you yet. Flagged messages and messages you document are kept here.');
  const files = result.files.map((f) => (path.isAbsolute(f) ? f : path.join(result.outDir, f)));
  const file = PREFERRED.map((name) => files.find((f) => path.basename(f) === name || (name === '.zip' && f.endsWith('.zip')))).find(Boolean) ?? files[0];
  const fields = [
    { label: 'Records', value: String(result.count) },
    { label: 'Verify', value: 'Every record is hash-chained and signed; `acts verify` checks the bundle offline with the public key inside it.' },
  ];
  if (result.pdfSkipped) fields.push({ label: 'Report', value: 'The PDF report could not be rendered on the server; the signed records are complete.' });
  if (file && files.length <= MAX_ATTACHED) {
    fields.push({ label: 'Files', value: 'Keep all of them together: the report is for reading, the others let anyone check the records are genuine and complete.' });
    return {
      text: `Your evidence bundle (${result.count} records) is attached.`,
      fields,
      file: { path: file, name: path.basename(file) },
      files: files.map((f) => ({ path: f, name: path.basename(f) })),
    };
  }
  const kept = ctx.exportKeepMs === undefined ? '' : ` It is removed from the server after ${keptFor(ctx.exportKeepMs)}; export again for a new copy (the evidence itself stays archived).`;
  fields.push({ label: 'Where', value: `The bundle (${files.length} files) is saved on the bot's server. Ask the person who runs this bot for it, or, if that is you, run ${howToRun}.${kept}` });
  return { text: `Your evidence bundle (${result.count} records) is ready.`, fields };
}

function keptFor(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  return hours % 24 === 0 ? `${hours / 24} day${hours === 24 ? '' : 's'}` : `${hours} hour${hours === 1 ? '' : 's'}`;
}
