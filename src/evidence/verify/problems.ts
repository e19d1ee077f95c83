// What the verifier found wrong, pointing at the record (line and id) where it could.

export interface VerifyProblem {
  /** 'record' problems name a line of records.jsonl; the others concern a whole file. */
  scope: 'record' | 'manifest' | 'signatures' | 'bundle';
  line?: number;
  id?: string;
  message: string;
}

const ID_LIMIT = 100;
const MESSAGE_LIMIT = 500;

function shorten(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

export class Problems {
  readonly list: VerifyProblem[] = [];

  add(problem: VerifyProblem): void {
    // Messages quote what the bundle holds (an id, a key id, a recipient), which a changed bundle can make
    // megabytes long: a problem stays a line a person can read.
    const short = { ...problem, message: shorten(problem.message, MESSAGE_LIMIT) };
    if (problem.id !== undefined) short.id = shorten(problem.id, ID_LIMIT);
    this.list.push(short);
  }

  record(line: number, id: string | undefined, message: string): void {
    this.add({ scope: 'record', line, id, message });
  }

  manifest(message: string): void {
    this.add({ scope: 'manifest', message });
  }

  get firstBadRecord(): VerifyProblem | undefined {
    return this.list.find((p) => p.scope === 'record');
  }
}

export function describe(problem: VerifyProblem): string {
  if (problem.scope === 'record') return `record ${problem.id ?? '?'} (records.jsonl line ${problem.line}): ${problem.message}`;
  return `${problem.scope}: ${problem.message}`;
}
