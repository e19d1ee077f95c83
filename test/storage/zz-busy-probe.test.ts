import path from 'node:path';
import { it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { APPEND_ONLY_PREFIXES } from '../../src/evidence/store-layout.js';
import { tempDir } from '../helpers/temp-dir.js';
it('probe', async () => {
  const dir = tempDir('busy');
  const errors: string[] = [];
  for (let attempt = 0; attempt < 30; attempt++) {
    const url = `sqlite://${path.join(dir, `a-${attempt}.sqlite`)}`;
    const opened = await Promise.allSettled(Array.from({ length: 4 }, () => openStore({ url, namespace: 'evidence', appendOnlyPrefixes: APPEND_ONLY_PREFIXES })));
    for (const o of opened) if (o.status === 'rejected') errors.push(String((o.reason as Error).stack).slice(0, 600));
    for (const o of opened) if (o.status === 'fulfilled') { try { await o.value.writeBatch([['x:1','1']]); } catch (e) { errors.push('write: ' + String((e as Error).stack).slice(0, 600)); } await o.value.close(); }
  }
  console.log(errors.length, errors.slice(0, 2).join('\n----\n'));
}, 120000);
