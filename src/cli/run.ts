/**
 * Process entry: runs main with the real streams and exits with the code it chose, even when a timed-out
 * child process would otherwise keep Node alive. An exception main did not expect is a bug: one message
 * with the stack on stderr, exit 70.
 */
import { EXIT_INTERNAL } from '../contract/exit-codes.js';
import { processIo } from './io.js';
import { main } from './main.js';

const io = processIo();

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
