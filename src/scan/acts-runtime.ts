// The real ScanRuntime: the bot's analyser, recipient state and evidence archive, opened on the data folder.
// Wired once the trained detection and identification models and the evidence archive are in the build.
import { CliError } from '../cli/command.js';
import type { RuntimeOptions, ScanRuntime } from './runtime.js';

export function openActsRuntime(_options: RuntimeOptions): Promise<ScanRuntime> {
  return Promise.reject(new CliError('acts scan needs the trained models and the evidence archive, which are not in this build yet', 1));
}
