// Finds the person `--recipient` / `--offender` names within an export: by id in any of the forms people
// copy (`user123`, `<@123>`, `discord:123`, an address), or by display name. Names are looked up in the
// export's header first and, only when that fails, in one extra streaming pass over its messages.
import { parsePersonKey, personKey } from '../core/keys.js';
import type { Platform } from '../core/types.js';
import { ScanInputError, type ImportSource } from './types.js';

export interface ResolvedPerson {
  platform: Platform;
  userId: string;
  displayName?: string;
  /** `telegram:ID`, `discord:ID`, `slack:TEAM:USER`, `email:ADDRESS`. */
  key: string;
  /** False when the id was taken as given without seeing it in the export. */
  seen: boolean;
}

export class PersonNotFoundError extends Error {
  constructor(
    readonly query: string,
    readonly candidates: string[],
    ambiguous = false,
  ) {
    super(
      ambiguous
        ? `'${query}' names more than one person in this export: ${candidates.join('; ')}. Give the id instead.`
        : `nobody called '${query}' in this export${candidates.length ? `; people who wrote most: ${candidates.join('; ')}` : ''}. Give their id or display name.`,
    );
    this.name = 'PersonNotFoundError';
  }
}

const ID_SHAPES: Record<Platform, RegExp> = {
  telegram: /^(-?\d+|channel\d+)$/,
  discord: /^\d{15,20}$/,
  slack: /^[UWB][A-Z0-9]{6,}$/,
  email: /^[^@\s]+@[^@\s]+$/,
};

/** The id inside the usual ways of writing one, or the text itself (a display name). */
export function normaliseQuery(platform: Platform, query: string): string {
  let q = query.trim();
  const key = parsePersonKey(q);
  if (key && key.platform === platform) return platform === 'email' ? key.userId.toLowerCase() : key.userId;
  q = q.replace(/^<@!?([A-Za-z0-9]+)(\|[^>]*)?>$/, '$1');
  if (platform === 'telegram' && /^user\d+$/.test(q)) q = q.slice(4);
  if (platform === 'email') q = q.replace(/^mailto:/i, '').replace(/^<(.+)>$/, '$1').toLowerCase();
  return q;
}

export async function resolvePerson(source: ImportSource, query: string, reopen: () => Promise<ImportSource>): Promise<ResolvedPerson> {
  const platform = source.platform;
  const q = normaliseQuery(platform, query);
  const make = (userId: string, displayName: string | undefined, seen: boolean): ResolvedPerson => ({
    platform,
    userId,
    ...(displayName ? { displayName } : {}),
    key: personKey(platform, userId, platform === 'slack' ? (source.workspaceId ?? 'unknown-team') : undefined),
    seen,
  });
  const byName = (people: Iterable<{ id: string; displayName: string }>): Array<{ id: string; displayName: string }> => {
    const wanted = q.replace(/^@/, '').toLowerCase();
    const found = new Map<string, { id: string; displayName: string }>();
    for (const p of people) if (p.displayName.toLowerCase() === wanted) found.set(p.id, p);
    return [...found.values()];
  };
  const direct = source.directory.find((p) => p.id === q);
  if (direct) return make(direct.id, direct.displayName, true);
  const named = byName(source.directory);
  if (named.length === 1) return make(named[0]!.id, named[0]!.displayName, true);
  if (named.length > 1) throw new PersonNotFoundError(query, named.map((p) => `${p.displayName} (${p.id})`), true);
  if (ID_SHAPES[platform].test(q)) return make(q, undefined, false);

  // One pass over the messages: every author and every person the export names, with how often they wrote.
  const seen = new Map<string, { id: string; displayName: string; count: number }>();
  const pass = await reopen();
  try {
    for await (const item of pass.items()) {
      const who = 'message' in item ? item.message.author : 'person' in item ? item.person : undefined;
      if (!who) continue;
      const entry = seen.get(who.id) ?? { id: who.id, displayName: who.displayName, count: 0 };
      if ('message' in item) entry.count++;
      seen.set(who.id, entry);
    }
  } catch (error) {
    // A damaged export is reported by the scan itself; the people read before the damage still count here.
    if (!(error instanceof ScanInputError)) throw error;
  } finally {
    await pass.close();
  }
  const exact = seen.get(q);
  if (exact) return make(exact.id, exact.displayName, true);
  const matches = byName(seen.values());
  if (matches.length === 1) return make(matches[0]!.id, matches[0]!.displayName, true);
  if (matches.length > 1) throw new PersonNotFoundError(query, matches.map((p) => `${p.displayName} (${p.id})`), true);
  const top = [...seen.values()].sort((a, b) => b.count - a.count).slice(0, 8);
  throw new PersonNotFoundError(query, top.map((p) => `${p.displayName} (${p.id})`));
}
