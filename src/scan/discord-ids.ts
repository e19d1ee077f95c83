// Facts every Discord id carries, shared by both Discord importers.

const DISCORD_EPOCH = 1420070400000n;

/** A snowflake's creation time (ISO 8601): for a user id, when the account was made. */
export function snowflakeTime(id: string): string | undefined {
  if (!/^\d{15,20}$/.test(id)) return undefined;
  const ms = (BigInt(id) >> 22n) + DISCORD_EPOCH;
  return new Date(Number(ms)).toISOString();
}

export function discordPermalink(guildId: string | undefined, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}`;
}
