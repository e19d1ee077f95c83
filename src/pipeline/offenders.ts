// Module 1: the recipient's known-offender list. A sender the recipient confirmed is flagged at once.
import type { OffenderResult } from '../core/types.js';

export function checkKnownOffender(offenders: ReadonlySet<string>, senderKey: string): OffenderResult {
  return { listed: offenders.has(senderKey), senderKey };
}
