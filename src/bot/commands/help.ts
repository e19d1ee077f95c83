import type { Platform } from '../../core/types.js';
import type { OutboundMessage } from '../ports.js';
import { cmd } from './syntax.js';

export function helpMessage(platform: Platform, welcome = false): OutboundMessage {
  const c = (line: string): string => cmd(platform, line);
  const intro = welcome
    ? 'Hello. ACTS helps people who are harassed: it checks messages aimed at you, keeps signed evidence, and tells only you.'
    : 'ACTS commands. Every reply goes only to you; the sender of a flagged message is never told anything.';
  return {
    text: intro,
    fields: [
      { label: 'Start / stop', value: `${c('protect')} start protecting you · ${c('unprotect')} stop (your evidence is kept) · ${c('status')} what is on` },
      { label: 'Your rules', value: `${c('rules add word birthday')} · ${c('rules add phrase "see you soon"')} · ${c('rules add window 03-01..03-07 and word birthday')} · ${c('rules list')} · ${c('rules remove 1')}` },
      { label: 'Known offenders', value: `${c('offenders list')} · ${c('offenders remove 1')} (the Confirm button adds one)` },
      { label: 'Evidence', value: `${c('export')} sends you your signed evidence bundle${platform === 'telegram' ? '; forward a message to me to document it' : ''}` },
      { label: 'How you are told', value: `${c('digest on')} one summary a day · ${c('digest off')} a message each time · ${c('grey off')} skip uncertain cases` },
      { label: 'Moderators', value: `${c('watch on')} / ${c('watch off')} watch the whole community · ${c('logchannel <channel>')} where moderators are told` },
    ],
  };
}
