// The Discord adapter's public face for the composition root.
export { startDiscord, type DiscordAdapter, type DiscordStartOptions } from './start.js';
