// A test double of OUR BotService port (not of Bolt): records what the adapter hands over and answers
// commands, actions and document requests with what the test sets.
import type { Message } from '../../../src/core/types.js';
import type { MessageRef } from '../../../src/evidence/contracts.js';
import type { BotService, Caller, CommandRequest, OutboundMessage } from '../../../src/bot/ports.js';

export class RecordingBotService implements BotService {
  readonly messages: Array<{ message: Message; dedupKey: string }> = [];
  readonly edits: Array<{ ref: MessageRef; edit: { text: string; editedAt: string }; dedupKey: string }> = [];
  readonly deletions: Array<{ ref: MessageRef; deletedAt: string; dedupKey: string }> = [];
  readonly documentRequests: Array<{ message: Message; requester: Caller }> = [];
  readonly commands: CommandRequest[] = [];
  readonly actions: Array<{ caller: Caller; actionId: string; value: string }> = [];

  /** Override to block, fail or delay; the default records and resolves. */
  messageHook: (message: Message) => Promise<void> = async () => undefined;
  commandReply: (request: CommandRequest) => Promise<OutboundMessage> = async (r) => ({ text: `ok: ${r.name}` });
  actionReply: OutboundMessage = { text: 'Thanks, noted.' };
  documentReply: OutboundMessage = { text: 'Documented.' };

  async onMessage(message: Message, dedupKey: string): Promise<void> {
    this.messages.push({ message, dedupKey });
    await this.messageHook(message);
  }

  async onEdit(ref: MessageRef, edit: { text: string; editedAt: string }, dedupKey: string): Promise<void> {
    this.edits.push({ ref, edit, dedupKey });
  }

  async onDelete(ref: MessageRef, deletedAt: string, dedupKey: string): Promise<void> {
    this.deletions.push({ ref, deletedAt, dedupKey });
  }

  async onDocumentRequest(message: Message, requester: Caller): Promise<OutboundMessage> {
    this.documentRequests.push({ message, requester });
    return this.documentReply;
  }

  async onCommand(request: CommandRequest): Promise<OutboundMessage> {
    this.commands.push(request);
    return this.commandReply(request);
  }

  async onAction(caller: Caller, actionId: string, value: string): Promise<OutboundMessage> {
    this.actions.push({ caller, actionId, value });
    return this.actionReply;
  }
}
