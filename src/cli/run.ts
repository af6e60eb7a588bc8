/**
 * Process entry: runs main with the real streams and exits with the code it chose, even when a timed-out
 * child process would otherwise keep Node alive. An exception main did not expect is a bug: one message
 * with the stack on stderr, exit 70.
 *
 * Stopped by a signal (SIGINT, SIGTERM; on Windows also Ctrl+Break and closing the console) while it
 * collects, the doctor first ends every probe's process tree, so nothing it started is left running, then
 * exits with the conventional 128 + signal number (130, 143). `watch` handles the signals itself: it
 * finishes the run under way.
 */
import { endAllProbes } from '../collect/exec.js';
import { EXIT_INTERNAL, EXIT_SIGNAL, STOP_SIGNALS } from '../contract/exit-codes.js';
import { processIo } from './io.js';
import { main } from './main.js';

const io = processIo();
/** How long ending the probes may take before the doctor leaves anyway. */
const STOP_GRACE_MS = 3000;

function onStop(signal: NodeJS.Signals): void {
  // A command that handles the signal itself (watch) has its own listener besides this one.
  if (process.listenerCount(signal) > 1) return;
  const code = EXIT_SIGNAL[signal] ?? 130;
  setTimeout(() => process.exit(code), STOP_GRACE_MS).unref();
  process.stderr.write(`hostprocess-doctor: ${signal} received, stopping\n`);
  void endAllProbes().finally(() => process.exit(code));
}
for (const signal of STOP_SIGNALS) process.on(signal, onStop);

function exitAfterFlush(code: number): void {
  process.exitCode = code;
  // Let stdout and stderr drain (writes to pipes are asynchronous on Windows), then leave even if a
  // hung probe still holds a handle.
  const done = () => process.exit(code);
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) setImmediate(done);
  else process.stderr.write('', () => process.stdout.write('', done));
}

main(process.argv.slice(2), io).then(exitAfterFlush, (error: unknown) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(
    `hostprocess-doctor: internal error: ${text}\nThis is a bug; please report it with the command you ran.\n`,
    () => process.exit(EXIT_INTERNAL),
  );
});
