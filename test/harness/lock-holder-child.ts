// Child process for the data-folder lock tests: takes the lock, says so, and holds it until killed or stdin closes.
import { lockDataDir } from '../../src/app/data-dir-lock.js';

const lock = await lockDataDir(process.argv[2]!);
process.stdout.write('locked\n');
process.stdin.resume();
process.stdin.on('end', () => void lock.release().then(() => process.exit(0)));
