// Small readers for untrusted JSON: Slack payloads are read field by field, never trusted as typed.

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function obj(value: unknown): Obj | undefined {
  return isObj(value) ? value : undefined;
}

/** A Slack id (users, channels, teams): upper-case letters and digits, bounded, so ids are safe in keys and logs. */
export function slackId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Z0-9]{1,40}$/.test(value) ? value : undefined;
}
