// Discord ids are 64-bit "snowflakes" whose top 42 bits are milliseconds since the Discord epoch.
// They exceed 2^53, so they stay strings and are only ever taken apart with BigInt.

const DISCORD_EPOCH_MS = 1_420_070_400_000n;
const MAX_SNOWFLAKE = (1n << 64n) - 1n;

/** A decimal string that is a valid 64-bit snowflake. Numbers are refused: they already lost precision. */
export function isSnowflake(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{1,20}$/.test(value)) return false;
  return BigInt(value) <= MAX_SNOWFLAKE;
}

/** The ISO 8601 time a snowflake was minted (a user id gives the account creation time). */
export function snowflakeTime(id: string): string {
  const ms = (BigInt(id) >> 22n) + DISCORD_EPOCH_MS;
  return new Date(Number(ms)).toISOString();
}
