// The contract between the platform-neutral bot service (src/bot) and the platform adapters (adapters/).
// Adapters translate platform events into these calls and render OutboundMessage for their platform;
// they know nothing of the ACTS modules. The service knows nothing of any platform SDK.
import type { Message, Platform } from '../core/types.js';
import type { MessageRef } from '../evidence/contracts.js';

/**
 * A button on a verdict DM. `actionId` is one of ACTIONS; `value` carries what the action is about (opaque to
 * adapters). The service keeps `value` to at most 32 characters of [A-Za-z0-9_-], so that actionId + value fit
 * Telegram's 64-byte callback_data, Discord's 100-character custom_id and Slack's action value.
 */
export interface OutboundButton {
  actionId: string;
  label: string;
  value: string;
  style?: 'primary' | 'danger' | 'default';
}

/** A platform-neutral rich message; each adapter renders it (Discord embeds/components, Slack Block Kit, Telegram HTML + inline keyboard). */
export interface OutboundMessage {
  /** Plain-text summary, used for notifications and as the fallback text. */
  text: string;
  /** Labelled fields (who, where, when, verdict, why, record id, link). */
  fields?: Array<{ label: string; value: string }>;
  /** Text that may be upsetting: shown behind a spoiler / content warning where the platform has one. */
  sensitive?: { warning: string; text: string };
  link?: { label: string; url: string };
  buttons?: OutboundButton[];
  /** A file to attach where the platform allows it (the main file of an evidence bundle: its report). */
  file?: { path: string; name: string };
  /**
   * Every file of a multi-file attachment (an evidence bundle: records, manifest, signatures, report), `file`
   * among them. Optional: an adapter that sends only `file` still sends the most useful one.
   */
  files?: Array<{ path: string; name: string }>;
}

export const ACTIONS = {
  notHarassment: 'acts_not_harassment',
  confirm: 'acts_confirm',
  exportEvidence: 'acts_export',
} as const;

/** Why a delivery failed, so the queue knows whether to retry. */
export type DeliveryFailure =
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'transient'; detail: string }
  /** The person blocked the bot, closed DMs, or left: do not retry; the evidence is kept regardless. */
  | { kind: 'unreachable'; detail: string };

export class DeliveryError extends Error {
  constructor(readonly failure: DeliveryFailure) {
    super(`delivery failed: ${failure.kind}`);
    this.name = 'DeliveryError';
  }
}

/** What an adapter offers the service: sending, and nothing else. */
export interface PlatformClient {
  readonly platform: Platform;
  /** Sends a direct message to a person (platform user id) who started a conversation with the bot. Throws DeliveryError. */
  sendDirect(userId: string, message: OutboundMessage, workspaceId?: string): Promise<void>;
  /** Posts to a moderator log channel. Throws DeliveryError. */
  postToChannel(channelId: string, message: OutboundMessage, workspaceId?: string): Promise<void>;
}

/** The person who used a command or pressed a button, as the platform vouches for them. */
export interface Caller {
  platform: Platform;
  userId: string;
  workspaceId?: string;
  /** Where the command was used; replies never go there unless it is the caller's own DM or ephemeral. */
  channelId?: string;
  /** The platform says the caller may moderate the workspace (Discord Manage Server, Slack admin, Telegram group admin). */
  isModerator: boolean;
  displayName?: string;
  /** The caller's public handle where mentions use one that does not carry the id (a Telegram @username, without the @). Optional. */
  handle?: string;
}

export interface CommandRequest {
  caller: Caller;
  /** protect, unprotect, status, rules, offenders, export, help, watch, digest, … */
  name: string;
  /** The rest of the command line, e.g. `add word birthday`. */
  args: string;
}

/** A platform event as the durable inbox keeps it (JSON); `dedupKey` is the platform's own id of the delivery. */
export type InboundEvent =
  | { kind: 'message'; message: Message; dedupKey: string }
  | { kind: 'edit'; ref: MessageRef; edit: { text: string; editedAt: string }; dedupKey: string; message?: Message }
  | { kind: 'delete'; ref: MessageRef; deletedAt: string; dedupKey: string };

/** Events the adapters hand to the service. `dedupKey` is the platform's own id of the delivery. */
export interface BotService {
  onMessage(message: Message, dedupKey: string): Promise<void>;
  /**
   * For platforms that need a fast acknowledgement (Slack): stores the event durably and resolves, before
   * it is processed; 'duplicate' when it was accepted or processed before. Rejects if it could not be
   * stored (do not acknowledge then). Optional: without it adapters call onMessage/onEdit/onDelete.
   */
  accept?(event: InboundEvent): Promise<'accepted' | 'duplicate'>;
  /**
   * `accept` for a platform batch (a Telegram getUpdates answer): one durable write for all of them.
   * Rejects if the batch could not be stored (confirm none of it then).
   */
  acceptMany?(events: readonly InboundEvent[]): Promise<Array<'accepted' | 'duplicate'>>;
  /**
   * `message`, when the adapter has it, is the whole message as edited (text = the new text): a message that
   * was never archived (benign at first) is then analysed as edited, so an edit into a threat is caught.
   */
  onEdit(ref: MessageRef, edit: { text: string; editedAt: string }, dedupKey: string, message?: Message): Promise<void>;
  onDelete(ref: MessageRef, deletedAt: string, dedupKey: string): Promise<void>;
  /** A person asked to document a message (forward, shortcut, context menu): analysed and archived for them. */
  onDocumentRequest(message: Message, requester: Caller): Promise<OutboundMessage>;
  /** Every reply goes only to the caller (ephemeral or DM). */
  onCommand(request: CommandRequest): Promise<OutboundMessage>;
  onAction(caller: Caller, actionId: string, value: string): Promise<OutboundMessage>;
  /**
   * The user id of a *protected* person by the handle they last used a command with (Caller.handle), for
   * platforms whose mentions name a handle, not an id (Telegram @username). Optional; undefined when unknown.
   */
  resolveHandle?(platform: Platform, handle: string): Promise<string | undefined>;
}
