// The manifest is checked for the types of what verify reads before anything reads it: a changed manifest
// fails its signature anyway, but a value of the wrong type (a number for the list of ranges, a list nested
// a hundred thousand deep for the count) must end in a problem that names the field, not in a crash.

type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const string: Check = (value) => typeof value === 'string';
const whole: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
const optional = (check: Check): Check => (value) => value === undefined || check(value);
const list = (check: Check): Check => (value) => Array.isArray(value) && value.every(check);
const object = (fields: Record<string, Check>): Check => (value) => isObject(value) && Object.entries(fields).every(([name, check]) => check(value[name]));

/** Field, what it must be, and the check; optional fields may be absent (verify reports that elsewhere). */
const FIELDS: Array<[string, string, Check]> = [
  ['recipient', 'a string', string],
  ['count', 'a whole number', whole],
  ['firstTime', 'a time', optional(string)],
  ['lastTime', 'a time', optional(string)],
  ['head', 'null or a chain position and hash', (value) => value === null || object({ seq: whole, hash: string })(value)],
  ['ranges', 'a list of chain ranges (firstSeq, lastSeq, prevHash, lastHash)', list(object({ firstSeq: whole, lastSeq: whole, prevHash: string, lastHash: string }))],
  ['anchorKeyId', 'a key id', string],
  ['keys', 'a list of keys (keyId, publicKey, and for a rotated-in key previousKeyId and endorsement)', list(object({ keyId: string, publicKey: string, previousKeyId: optional(string), endorsement: optional(string) }))],
  ['records', 'a file hash and size', optional(object({ sha256: string, bytes: whole }))],
  ['proofs', 'a file hash and size', optional(object({ sha256: string, bytes: whole }))],
  ['checkpoint', 'a log checkpoint (origin, size, rootHash, keyId, sig)', optional(object({ origin: string, size: whole, rootHash: string, keyId: string, sig: string }))],
  ['consistency', 'a list of consistency proofs (size, rootHash, proof)', optional(list(object({ size: whole, rootHash: string, proof: list(string) })))],
];

/** What is wrong with the manifest's shape, or undefined when every field verify reads has its type. */
export function manifestShapeProblem(manifest: unknown): string | undefined {
  if (!isObject(manifest)) return 'it is not a JSON object';
  for (const [name, what, check] of FIELDS) {
    if (!check(manifest[name])) return `${name} is not ${what}`;
  }
  return undefined;
}
