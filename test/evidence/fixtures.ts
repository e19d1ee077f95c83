// Builders for the evidence tests: analyses as the pipeline hands them over, and a fresh archive in a
// temporary folder.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Analysis, Message } from '../../src/core/types.js';
import { openEvidenceArchive, type SignedEvidenceArchive } from '../../src/evidence/archive.js';
import { tempDir } from '../helpers/temp-dir.js';

export function message(n: number, overrides: Partial<Message> = {}): Message {
  return {
    platform: 'discord',
    workspaceId: 'G1',
    channelId: 'C1',
    channelName: 'general',
    messageId: String(1_000_000 + n),
    author: { id: 'U666', displayName: 'stalker', createdAt: '2024-02-28T09:00:00.000Z' },
    text: `message number ${n}: you cannot hide from me`,
    sentAt: new Date(Date.UTC(2024, 2, 1, 12, 0, n)).toISOString(),
    mentions: ['U1'],
    attachments: [],
    isDirect: false,
    permalink: `https://discord.com/channels/G1/C1/${1_000_000 + n}`,
    audience: { count: 42 },
    ...overrides,
  };
}

export function analysis(n: number, overrides: Partial<Message> = {}, recipientKey = 'discord:U1'): Analysis {
  return {
    message: message(n, overrides),
    recipient: { key: recipientKey, platform: 'discord', userId: recipientKey.split(':').pop()!, reason: 'mention' },
    verdict: {
      label: 'cyberstalking',
      score: 0.93,
      rule: 'β=1 ∧ λ=1',
      modules: {
        offender: { listed: false, senderKey: 'discord:U666' },
        detection: { label: 'cyberstalking', score: 0.93, topFeatures: ['hide', 'cannot'], modelId: 'test-model' },
        identification: { label: 'not', score: 0.1, burstSize: 1, historySize: 0, details: {} },
        personalisation: { value: 1, matches: [{ source: 'dictionary', id: 'threat-1', description: 'threat of pursuit' }], allowed: false },
      },
    },
    analysedAt: new Date(Date.UTC(2024, 2, 1, 12, 0, n, 500)).toISOString(),
  };
}

export interface TempArchive {
  dir: string;
  storeUrl: string;
  keyFile: string;
  encryptionKeyFile: string;
  open(): Promise<SignedEvidenceArchive>;
  /** Removes the folder now; tempDir removes it anyway when the test (or file) that made it ends. */
  cleanup(): void;
}

export function tempArchive(): TempArchive {
  const dir = tempDir('evidence');
  const storeUrl = `sqlite://${path.join(dir, 'data', 'acts.sqlite')}`;
  const keyFile = path.join(dir, 'data', 'signing-key.pem');
  const encryptionKeyFile = path.join(dir, 'data', 'evidence.key');
  return {
    dir,
    storeUrl,
    keyFile,
    encryptionKeyFile,
    open: () => openEvidenceArchive({ storeUrl, keyFile, encryptionKeyFile }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
