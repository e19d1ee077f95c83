// Errors of the evidence module, each with a code a caller can act on and a message a person can read.

export type EvidenceErrorCode =
  | 'invalid-input'
  | 'too-large'
  | 'not-canonical'
  | 'key-file'
  | 'key-mismatch'
  | 'store'
  | 'export';

export class EvidenceError extends Error {
  constructor(
    readonly code: EvidenceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EvidenceError';
  }
}
