// A PlatformClient double that records what the bot service sends and can be told to fail.
import type { Platform } from '../../src/core/types.js';
import { DeliveryError, type DeliveryFailure, type OutboundMessage, type PlatformClient } from '../../src/bot/ports.js';

export interface Sent {
  kind: 'direct' | 'channel';
  to: string;
  workspaceId?: string;
  message: OutboundMessage;
}

export class RecordingClient implements PlatformClient {
  readonly sent: Sent[] = [];
  readonly attempts: Sent[] = [];
  /** Failures to throw, in order, before sending succeeds again. */
  readonly failures: DeliveryFailure[] = [];

  constructor(readonly platform: Platform = 'telegram') {}

  async sendDirect(userId: string, message: OutboundMessage, workspaceId?: string): Promise<void> {
    this.deliver({ kind: 'direct', to: userId, ...(workspaceId ? { workspaceId } : {}), message });
  }

  async postToChannel(channelId: string, message: OutboundMessage, workspaceId?: string): Promise<void> {
    this.deliver({ kind: 'channel', to: channelId, ...(workspaceId ? { workspaceId } : {}), message });
  }

  directTo(userId: string): Sent[] {
    return this.sent.filter((s) => s.kind === 'direct' && s.to === userId);
  }

  private deliver(item: Sent): void {
    this.attempts.push(item);
    const failure = this.failures.shift();
    if (failure) throw new DeliveryError(failure);
    this.sent.push(item);
  }
}
