// The export the bot's chat commands use. Rule: a person may export the evidence about messages sent to
// them; a community's moderator may export the part of a member's archive from that community. The bot
// service checks who the caller is (the platform vouches for it) and calls `exportAccess` then
// `exportForCaller`; nothing here trusts a caller's claim about themselves.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parsePersonKey, personKey } from '../core/keys.js';
import type { Platform } from '../core/types.js';
import type { ExportResult } from './contracts.js';
import type { SignedEvidenceArchive } from './archive.js';
import { recipientTag } from './store-layout.js';

export interface ExportCaller {
  platform: Platform;
  userId: string;
  workspaceId?: string;
  /** The platform says the caller moderates `workspaceId`. */
  isModerator: boolean;
}

export type ExportAccess = { allowed: true; workspaceId?: string } | { allowed: false; reason: string };

export function exportAccess(caller: ExportCaller, recipientKey: string): ExportAccess {
  let own: string | undefined;
  try {
    own = personKey(caller.platform, caller.userId, caller.workspaceId);
  } catch {
    own = undefined;
  }
  if (own === recipientKey) return { allowed: true };
  // A recipient key names one platform, so a moderator's workspace id is only compared within it.
  if (caller.isModerator && caller.workspaceId && parsePersonKey(recipientKey)?.platform === caller.platform) {
    return { allowed: true, workspaceId: caller.workspaceId };
  }
  return { allowed: false, reason: 'only the person the messages were sent to, or a moderator of the community, can export this evidence' };
}

export interface ExportRequest {
  recipientKey: string;
  from?: Date;
  to?: Date;
  timeZone?: string;
  /** false = no report.pdf. */
  pdf?: boolean;
}

/** Writes a bundle into a new folder under `exportsDir`; applies the access rule's workspace limit. */
export async function exportForCaller(archive: SignedEvidenceArchive, caller: ExportCaller, request: ExportRequest, exportsDir: string): Promise<ExportResult> {
  const access = exportAccess(caller, request.recipientKey);
  if (!access.allowed) throw new Error(access.reason);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = path.join(exportsDir, `${recipientTag(request.recipientKey)}-${stamp}-${randomBytes(4).toString('hex')}`);
  return archive.exportBundle({ ...request, outDir, workspaceId: access.workspaceId });
}
