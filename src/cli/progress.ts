/**
 * Progress for long-running live work (doctor, collect, watch's first run): on a terminal only, one
 * line on stderr that says which probes are still running and for how long, rewritten in place and
 * cleared when collection ends. Nothing in JSON or machine formats, and nothing in a pipe.
 */
import { probesInFlight } from '../collect/exec.js';
import type { Io } from './io.js';

const EVERY_MS = 250;
/** Quick runs show nothing at all. */
const QUIET_FOR_MS = 700;

export function progressLine(probes: { display: string; ms: number }[]): string {
  if (probes.length === 0) return 'collecting…';
  const shown = probes.slice(0, 3).map((p) => `${p.display} (${(p.ms / 1000).toFixed(1)} s)`);
  const more = probes.length > 3 ? `, +${probes.length - 3} more` : '';
  return `waiting for ${shown.join(', ')}${more}`;
}

/** Starts the progress line when stderr is a terminal and `quiet` is false; returns the function that ends it. */
export function startProgress(io: Io, quiet: boolean): () => Promise<void> {
  if (quiet || !io.stderr.isTTY) return async () => undefined;
  const began = performance.now();
  let shown = false;
  const width = Math.max(20, (io.stderr.columns ?? 80) - 1);
  const timer = setInterval(() => {
    if (performance.now() - began < QUIET_FOR_MS) return;
    shown = true;
    void io.stderr.write(`\r\u001b[K${`hostprocess-doctor: ${progressLine(probesInFlight())}`.slice(0, width)}`);
  }, EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    if (shown) await io.stderr.write('\r\u001b[K');
  };
}
