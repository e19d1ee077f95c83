// Child process of crash-restart.test.ts: archives messages 0..N-1 (32 in flight) and prints "ack N ID" for
// each one only after archive() resolved, exactly as a platform adapter would acknowledge a delivery.
import { writeSync } from 'node:fs';
import { openEvidenceArchive } from '../../src/evidence/archive.js';
import { analysis } from './fixtures.js';

const [storeUrl, keyFile, encryptionKeyFile, total] = process.argv.slice(2);
const archive = await openEvidenceArchive({ storeUrl: storeUrl!, keyFile: keyFile!, encryptionKeyFile: encryptionKeyFile! });
let next = 0;
async function worker(): Promise<void> {
  for (let n = next++; n < Number(total); n = next++) {
    const { id } = await archive.archive(analysis(n, {}, `discord:U${n % 3}`));
    writeSync(1, `ack ${n} ${id}\n`);
  }
}
await Promise.all(Array.from({ length: 32 }, worker));
await archive.close();
writeSync(1, 'done\n');
