// `npm start`: the composition root. Loads the configuration and starts every platform whose
// credentials are set; with none, says what to set and exits non-zero.
import { ConfigError, loadConfig, noPlatformHelp } from '../src/config/config.js';

function main(): number {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`acts: ${error.message}\n`);
      return 78;
    }
    throw error;
  }
  if (!config.telegram && !config.discord && !config.slack) {
    process.stderr.write(`${noPlatformHelp()}\n`);
    return 78;
  }
  process.stderr.write('acts: platform adapters are not wired yet\n');
  return 1;
}

process.exitCode = main();
