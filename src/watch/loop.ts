/**
 * The watch loop: runs a cycle, waits until the next start, and stops when its signal aborts (between
 * cycles at once; during a cycle, once the cycle has finished, so no report line or textfile is left
 * half-written). Runs start every `intervalMs`; a run that overruns is followed at once by the next,
 * never by two at a time. Nothing is kept from one cycle to the next.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface LoopOptions {
  intervalMs: number;
  /** Run one cycle and return. */
  once?: boolean;
  signal: AbortSignal;
}

/** Returns the number of cycles run. `cycle` handles its own errors; one that throws ends the loop. */
export async function runLoop(options: LoopOptions, cycle: (n: number) => Promise<void>): Promise<number> {
  let cycles = 0;
  while (!options.signal.aborted) {
    const started = performance.now();
    await cycle(cycles + 1);
    cycles += 1;
    if (options.once || options.signal.aborted) break;
    const wait = Math.max(0, started + options.intervalMs - performance.now());
    try {
      await sleep(wait, undefined, { signal: options.signal });
    } catch {
      break; // aborted while waiting
    }
  }
  return cycles;
}
