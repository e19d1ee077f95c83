// Snowflakes for fake payloads, built with BigInt like Discord's own (ms since 2015 << 22 | counter).
const DISCORD_EPOCH_MS = 1_420_070_400_000n;
let counter = 0n;

export function snowflakeAt(time: Date | number, increment?: bigint): string {
  const ms = BigInt(typeof time === 'number' ? time : time.getTime());
  const inc = increment ?? (counter = (counter + 1n) & 0xfffn);
  return (((ms - DISCORD_EPOCH_MS) << 22n) | inc).toString();
}

export function newSnowflake(): string {
  return snowflakeAt(Date.now());
}
