// Dedup keys are built only from what Discord sends, so a gateway resume that replays an event yields
// the same key again and the store can refuse the duplicate.

export function createKey(messageId: string): string {
  return `discord:message:${messageId}`;
}

/** One key per edit: the edit time tells two edits of the same message apart. */
export function editKey(messageId: string, editedTimestampMs: number): string {
  return `discord:edit:${messageId}:${editedTimestampMs}`;
}

/** A message is deleted once. */
export function deleteKey(messageId: string): string {
  return `discord:delete:${messageId}`;
}
