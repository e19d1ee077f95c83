// A double of OUR port (BotService), not of discord.js: records what the adapter hands the service and
// answers commands with a fixed reply.
import type { BotService, Caller, CommandRequest, OutboundMessage } from '../../../src/bot/ports.js';
import type { Message } from '../../../src/core/types.js';
import type { MessageRef } from '../../../src/evidence/contracts.js';

export type Recorded =
  | { kind: 'message'; message: Message; dedupKey: string }
  | { kind: 'edit'; ref: MessageRef; edit: { text: string; editedAt: string }; dedupKey: string; message?: Message }
  | { kind: 'delete'; ref: MessageRef; deletedAt: string; dedupKey: string }
  | { kind: 'document'; message: Message; requester: Caller }
  | { kind: 'command'; request: CommandRequest }
  | { kind: 'action'; caller: Caller; actionId: string; value: string };

export class RecordingBotService implements BotService {
  readonly calls: Recorded[] = [];
  reply: OutboundMessage = { text: 'ok' };
  /** Makes every answer wait this long (to exercise deferred interaction replies). */
  answerDelayMs = 0;

  async onMessage(message: Message, dedupKey: string): Promise<void> {
    this.calls.push({ kind: 'message', message, dedupKey });
  }
  async onEdit(ref: MessageRef, edit: { text: string; editedAt: string }, dedupKey: string, message?: Message): Promise<void> {
    this.calls.push({ kind: 'edit', ref, edit, dedupKey, ...(message ? { message } : {}) });
  }
  async onDelete(ref: MessageRef, deletedAt: string, dedupKey: string): Promise<void> {
    this.calls.push({ kind: 'delete', ref, deletedAt, dedupKey });
  }
  async onDocumentRequest(message: Message, requester: Caller): Promise<OutboundMessage> {
    this.calls.push({ kind: 'document', message, requester });
    return this.answer();
  }
  async onCommand(request: CommandRequest): Promise<OutboundMessage> {
    this.calls.push({ kind: 'command', request });
    return this.answer();
  }
  async onAction(caller: Caller, actionId: string, value: string): Promise<OutboundMessage> {
    this.calls.push({ kind: 'action', caller, actionId, value });
    return this.answer();
  }

  of<K extends Recorded['kind']>(kind: K): Array<Extract<Recorded, { kind: K }>> {
    return this.calls.filter((c): c is Extract<Recorded, { kind: K }> => c.kind === kind);
  }

  async waitFor<K extends Recorded['kind']>(kind: K, count = 1, timeoutMs = 10_000): Promise<Array<Extract<Recorded, { kind: K }>>> {
    const deadline = Date.now() + timeoutMs;
    while (this.of(kind).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} ${kind} call(s), saw ${this.of(kind).length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.of(kind);
  }

  private async answer(): Promise<OutboundMessage> {
    if (this.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs));
    return this.reply;
  }
}
