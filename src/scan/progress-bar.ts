// The progress bar on stderr (cli-progress) for long scans: it appears once a scan has read a few thousand
// messages, measures bytes of the export read, and stays silent when stderr is not a terminal.
import cliProgress from 'cli-progress';
import type { ScanProgress } from './scan-history.js';

/** Scans shorter than this never show a bar: they finish before one would help. */
export const BAR_AFTER_MESSAGES = 2000;

export interface ProgressBar {
  update(progress: ScanProgress): void;
  stop(): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(progress) {
      if (!stream.isTTY || progress.messages < BAR_AFTER_MESSAGES || progress.totalBytes <= 0) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { stream, format: 'scanning |{bar}| {percentage}% | {messages} messages | ETA {eta_formatted}', hideCursor: true, clearOnComplete: true, fps: 5, etaBuffer: 50 },
          cliProgress.Presets.shades_classic,
        );
        bar.start(progress.totalBytes, 0, { messages: 0 });
      }
      bar.update(Math.min(progress.bytesRead, progress.totalBytes), { messages: progress.messages });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
