// `acts hold --recipient ID on|off [--reason TEXT]`: puts a legal hold on a recipient's archive (retention
// deletes nothing of theirs while it is on) or lifts it. Each change is a signed record in their chain.
import { parseArgs } from 'node:util';
import { parsePersonKey } from '../../core/keys.js';
import { loadConfig } from '../../config/config.js';
import { openArchiveFromConfig } from '../../evidence/open-from-config.js';
import { CliError } from '../command.js';

const USAGE = `usage: acts hold --recipient ID on|off [--reason TEXT]
       acts hold --recipient ID          (shows whether a hold is on)

  --recipient ID   whose archive: telegram:123, discord:123, slack:T1:U1, email:a@b.c
  --reason TEXT    why (a case number, a court order); kept in the signed record
`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { recipient: { type: 'string' }, reason: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.recipient) throw new CliError(`--recipient is required\n\n${USAGE}`);
  if (!parsePersonKey(values.recipient)) throw new CliError(`'${values.recipient}' is not a recipient key (telegram:123, discord:123, slack:T1:U1, email:a@b.c)`);
  const [state, ...extra] = positionals;
  if (extra.length > 0 || (state !== undefined && state !== 'on' && state !== 'off')) throw new CliError(`say on or off\n\n${USAGE}`);
  if (values.reason !== undefined && state !== 'on' && state !== 'off') throw new CliError(`--reason goes with on or off\n\n${USAGE}`);
  const archive = await openArchiveFromConfig(loadConfig());
  try {
    if (state === undefined) {
      process.stdout.write(`legal hold for ${values.recipient}: ${(await archive.isHeld(values.recipient)) ? 'on' : 'off'}\n`);
      return 0;
    }
    const id = await archive.setHold(values.recipient, state === 'on', values.reason);
    process.stdout.write(`legal hold for ${values.recipient}: ${state} (signed record ${id})\n`);
    return 0;
  } finally {
    await archive.close();
  }
}
