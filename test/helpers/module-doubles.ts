// Small deterministic stand-ins for the trained modules, so pipeline tests exercise the plumbing
// (per-recipient state, bursts, evidence hand-off) without depending on what a model learned.
import type { DetectionResult, EvidenceSink, IdentificationResult, Analysis } from '../../src/core/types.js';
import type { Detector, Identifier, OffenderProfile, Writeprint } from '../../src/pipeline/contracts.js';

/** "THREAT" → cyberstalking, "maybe" → grey, anything else → not. */
export class MarkerDetector implements Detector {
  readonly modelId = 'marker-detector';
  detect(text: string): DetectionResult {
    if (text.includes('THREAT')) return { label: 'cyberstalking', score: 0.9, topFeatures: ['THREAT'], modelId: this.modelId };
    if (text.includes('maybe')) return { label: 'grey', score: 0.5, topFeatures: ['maybe'], modelId: this.modelId };
    return { label: 'not', score: 0.05, topFeatures: [], modelId: this.modelId };
  }
}

interface TildeWriteprint extends Writeprint {
  tilde: boolean;
}
interface TildeProfile extends OffenderProfile {
  tilde: boolean;
}

/** Style = ending messages with "~~". A burst in which most messages do so matches a tilde profile. */
export class TildeIdentifier implements Identifier {
  readonly modelId = 'tilde-identifier';
  profilesBuilt = 0;
  writeprint(text: string): TildeWriteprint {
    return { length: text.length, tilde: text.trimEnd().endsWith('~~') };
  }
  buildProfile(texts: readonly string[]): TildeProfile {
    this.profilesBuilt++;
    return { size: texts.length, tilde: texts.filter((t) => t.trimEnd().endsWith('~~')).length * 2 > texts.length };
  }
  identify(profile: OffenderProfile | undefined, burst: readonly Writeprint[]): IdentificationResult {
    const p = profile as TildeProfile | undefined;
    const share = burst.filter((w) => (w as TildeWriteprint).tilde).length / Math.max(1, burst.length);
    const score = p?.tilde ? share : 0;
    const label = score >= 0.8 ? 'cyberstalking' : score >= 0.4 ? 'grey' : 'not';
    return { label, score, burstSize: burst.length, historySize: p?.size ?? 0, details: { share } };
  }
}

/** Keeps what it is given, dedups like the real archive (platform, message id, recipient). */
export class MemorySink implements EvidenceSink {
  readonly archived: Analysis[] = [];
  private readonly ids = new Map<string, string>();
  async archive(analysis: Analysis): Promise<{ id: string; duplicate: boolean }> {
    const key = `${analysis.message.platform}:${analysis.message.messageId}:${analysis.recipient.key}`;
    const known = this.ids.get(key);
    if (known) return { id: known, duplicate: true };
    const id = `ev-${this.archived.push(analysis)}`;
    this.ids.set(key, id);
    return { id, duplicate: false };
  }
}
