// What every `acts` sub-command module exports, and the error it throws for a user's mistake.

export interface CommandModule {
  /** Runs the command with the arguments after its name; resolves with the process exit code. */
  run(args: string[]): Promise<number>;
}

/** A problem the user can fix (bad flag, missing file): printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
