// What the pipeline derives from a recipient's state (compiled rules, dictionary additions, the α profile),
// cached until their state changes: fitting PCA per message would cost far more than the message.
import { dictionaryMatcher, type PersonalisationProfile } from '../personalisation/personalise.js';
import { CompiledRules } from '../personalisation/rules.js';
import type { RecipientState } from '../state/recipient-state.js';
import type { Identifier, OffenderProfile } from './contracts.js';

export interface PreparedRecipient {
  state: RecipientState;
  personalisation: PersonalisationProfile;
  offenderProfile?: OffenderProfile;
}

export function prepareRecipient(state: RecipientState, identifier: Identifier): PreparedRecipient {
  const personalisation: PersonalisationProfile = {
    rules: new CompiledRules(state.rules),
    additions: dictionaryMatcher(state.dictionaryAdditions.map((e, i) => ({ id: `own-${i + 1}`, phrase: e.phrase, category: e.category, severity: 'high' as const }))),
    allow: state.allow,
  };
  const prepared: PreparedRecipient = { state, personalisation };
  if (state.confirmedTexts.length > 0) prepared.offenderProfile = identifier.buildProfile(state.confirmedTexts);
  return prepared;
}

/** Caches prepared recipients by key and state version; bounded, least recently used dropped first. */
export class PreparedRecipientCache {
  private readonly cache = new Map<string, PreparedRecipient>();

  constructor(
    private readonly identifier: Identifier,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, state: RecipientState): PreparedRecipient {
    const hit = this.cache.get(key);
    if (hit && hit.state.version === state.version) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const prepared = prepareRecipient(state, this.identifier);
    this.cache.delete(key);
    this.cache.set(key, prepared);
    if (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return prepared;
  }
}
