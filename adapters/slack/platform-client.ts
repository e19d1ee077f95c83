// The PlatformClient for Slack: a DM is conversations.open + chat.postMessage with Block Kit; an
// evidence bundle is uploaded into the same conversation with files.uploadV2. The WebClient is built
// with `retries: 0` and `rejectRateLimitedCalls`, so every failure comes straight back as a
// DeliveryError and the service's queue alone decides about retries.
import type { webApi } from '@slack/bolt';
import type { OutboundMessage, PlatformClient } from '../../src/bot/ports.js';
import type { Logger } from '../../src/observability/logger.js';
import { renderBlocks } from './blocks.js';
import { CREDENTIAL_ERRORS, slackErrorCode, toDeliveryError } from './delivery-errors.js';

const DM_CACHE_LIMIT = 10_000;

export class SlackPlatformClient implements PlatformClient {
  readonly platform = 'slack' as const;
  /** DM channel ids never change for a (bot, person) pair; caching saves a call per verdict. */
  private readonly dmChannels = new Map<string, string>();

  constructor(
    private readonly web: webApi.WebClient,
    private readonly log: Logger,
  ) {}

  async sendDirect(userId: string, message: OutboundMessage, _workspaceId?: string): Promise<void> {
    const channel = await this.openDm(userId);
    await this.post(channel, message);
  }

  async postToChannel(channelId: string, message: OutboundMessage, _workspaceId?: string): Promise<void> {
    await this.post(channelId, message);
  }

  /** The id of the bot's DM with a person (opening it if needed). Throws DeliveryError. */
  async openDm(userId: string): Promise<string> {
    const cached = this.dmChannels.get(userId);
    if (cached) return cached;
    const result = await this.call('conversations.open', () => this.web.conversations.open({ users: userId }));
    const channel = result.channel?.id;
    if (!channel) throw toDeliveryError(Object.assign(new Error('no channel'), { code: 'slack_webapi_platform_error', data: { error: 'no_channel_returned' } }));
    if (this.dmChannels.size >= DM_CACHE_LIMIT) this.dmChannels.clear();
    this.dmChannels.set(userId, channel);
    return channel;
  }

  /** Slack's own link to a message (chat.getPermalink), for workspaces whose URL we do not know. */
  async permalink(channel: string, messageTs: string): Promise<string | undefined> {
    const result = await this.call('chat.getPermalink', () => this.web.chat.getPermalink({ channel, message_ts: messageTs }));
    return result.permalink;
  }

  async post(channel: string, message: OutboundMessage): Promise<void> {
    const { text, blocks } = renderBlocks(message);
    await this.call('chat.postMessage', () => this.web.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false }));
    if (message.file) await this.attach(channel, message.file);
  }

  /**
   * The text is already delivered when the file goes up, so a failed upload is not thrown back to the
   * queue (a retry would repeat the DM): the person is told, and the failure is logged.
   */
  private async attach(channel: string, file: NonNullable<OutboundMessage['file']>): Promise<void> {
    try {
      await this.call('files.uploadV2', () => this.web.files.uploadV2({ channel_id: channel, file: file.path, filename: file.name }));
    } catch (error) {
      this.log.error({ channel, failure: toDeliveryError(error).failure }, 'slack file upload failed');
      const note = { text: 'The evidence file could not be attached here. Ask again with `/acts export`, or use `acts export` on the server.' };
      await this.call('chat.postMessage', () => this.web.chat.postMessage({ channel, ...note })).catch(() => undefined);
    }
  }

  private async call<T>(method: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && CREDENTIAL_ERRORS.has(code)) this.log.error({ method, code }, 'slack rejected the bot token or its scopes');
      throw toDeliveryError(error);
    }
  }
}
