// keyv's default (de)serialisation of a string value, `{"value":…}` with strings starting ':' escaped by one
// more ':', written out without keyv's async calls: SQLite batches encode and decode thousands of values,
// and a promise per value was a measurable share of the archive's CPU. Byte-for-byte what keyv writes and
// reads (test/evidence/keyv-codec.test.ts compares them), so files stay readable by either.

/** What `keyv.serialize({ value })` returns for a string value. */
export function encodeKeyvString(value: string): string {
  return `{"value":${JSON.stringify(value.startsWith(':') ? `:${value}` : value)}}`;
}

/** What keyv's `deserialize(raw).value` is, when it is a string; undefined otherwise. */
export function decodeKeyvString(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const data = JSON.parse(raw) as { value?: unknown } | null;
  const value = data === null || typeof data !== 'object' ? undefined : data.value;
  if (typeof value !== 'string') return undefined;
  // keyv revives ':base64:…' as a Buffer (not a string value) and strips one ':' from other escaped strings.
  if (value.startsWith(':base64:')) return undefined;
  return value.startsWith(':') ? value.slice(1) : value;
}
