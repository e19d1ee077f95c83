import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../adapters/slack/listeners/commands.js';

describe('/acts command line', () => {
  it('splits the sub-command from its arguments, lower-casing the name only', () => {
    expect(parseCommandText('  Rules add phrase "Happy Birthday"  ')).toEqual({ name: 'rules', args: 'add phrase "Happy Birthday"' });
    expect(parseCommandText('status')).toEqual({ name: 'status', args: '' });
  });

  it('treats nothing, blanks or a non-string as help', () => {
    for (const text of ['', '   \n', undefined, 42]) expect(parseCommandText(text)).toEqual({ name: 'help', args: '' });
  });

  it('turns escaped user mentions into user ids and keeps channel mentions for the service', () => {
    expect(parseCommandText('rules add sender <@U0MALLORY|mallory>')).toEqual({ name: 'rules', args: 'add sender U0MALLORY' });
    expect(parseCommandText('logchannel <#C0MODS|mods>')).toEqual({ name: 'logchannel', args: '<#C0MODS|mods>' });
  });

  it('decodes entities, and a mention typed as text stays text', () => {
    expect(parseCommandText('rules add phrase a &amp; b &lt;@U1&gt;')).toEqual({ name: 'rules', args: 'add phrase a & b <@U1>' });
  });
});
