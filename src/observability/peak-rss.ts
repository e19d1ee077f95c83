// Peak resident memory of this process in MB. On Linux, getrusage's maxRSS carries the parent's RSS at the
// time of fork across exec (a child started by a 400 MB parent reports 400 MB), so the kernel's per-address-
// space high-water mark (VmHWM) is read instead; elsewhere maxRSS is the best there is.
import { readFileSync } from 'node:fs';

export function peakRssMb(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}
