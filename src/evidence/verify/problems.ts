// What the verifier found wrong, pointing at the record (line and id) where it could.

export interface VerifyProblem {
  /** 'record' problems name a line of records.jsonl; the others concern a whole file. */
  scope: 'record' | 'manifest' | 'signatures' | 'bundle';
  line?: number;
  id?: string;
  message: string;
}

export class Problems {
  readonly list: VerifyProblem[] = [];

  add(problem: VerifyProblem): void {
    this.list.push(problem);
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
