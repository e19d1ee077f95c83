// Dispatches `acts <command>` to src/cli/commands/<command>.ts. Commands are imported only when used,
// so `acts classify` never pays for loading the platform SDKs, and vice versa.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadDotEnv } from '../config/dotenv.js';
import { CliError, type CommandModule } from './command.js';

const COMMANDS: Record<string, string> = {
  classify: 'classify messages (JSONL {"id","text"}) as clean, grey or cyberstalking',
  identify: 'score messages against one known offender\'s earlier messages',
  scan: 'scan an exported chat history or mailbox offline and archive what it finds',
  export: 'write a recipient\'s evidence bundle (records, signatures, report)',
  verify: 'check an evidence bundle offline',
  retention: 'apply the retention period now (expired evidence becomes signed tombstones)',
  hold: 'put a legal hold on a recipient\'s archive (stops retention) or lift it',
  'rotate-key': 'sign evidence with a new key from now on (with the bot stopped)',
  train: 'train the detection and writeprint models from ../shared/data',
  eval: 'evaluate the shipped models on the development data',
  bench: 'measure pipeline and evidence throughput',
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(width)}  ${what}`);
  return `usage: acts <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun \`acts <command> --help\` for a command's options.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    process.stderr.write(`acts: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const file = fileURLToPath(new URL(`./commands/${name}.ts`, import.meta.url));
  if (!existsSync(file)) {
    process.stderr.write(`acts: '${name}' is not available in this build\n`);
    return 2;
  }
  loadDotEnv();
  const command = (await import(pathToFileURL(file).href)) as CommandModule;
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`acts ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    if (isArgumentError(error)) {
      // A mistyped option is the user's slip, not the tool's failure: say which, and where the options are.
      process.stderr.write(`acts ${name}: ${firstSentence(error.message)}\nRun \`acts ${name} --help\` for its options.\n`);
      return 2;
    }
    throw error;
  }
}

/** node:util parseArgs rejects unknown options, missing option values and stray arguments with these codes. */
function isArgumentError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

function firstSentence(message: string): string {
  const end = message.indexOf('. ');
  return end === -1 ? message : message.slice(0, end + 1);
}
