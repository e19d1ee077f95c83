// The hash an AllowEntry ("Not harassment") stores instead of the text itself. The bot computes it when a
// recipient presses the button; personalisation must compute the same to recognise the text again, so
// the one definition lives here. Normalised so that case, spacing and Unicode forms do not matter.
import { createHash } from 'node:crypto';

export function normaliseForAllow(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

export function allowTextHash(text: string): string {
  return createHash('sha256').update(normaliseForAllow(text), 'utf8').digest('hex');
}
