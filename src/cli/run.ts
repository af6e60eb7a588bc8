/**
 * Process entry: runs main, survives a closed stdout (`| Select-Object -First 3`), and exits with the
 * code main chose, even when a timed-out child process would otherwise keep Node alive.
 */
import { main } from './main.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Let stdout drain, then leave even if a hung probe still holds a handle.
    setImmediate(() => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(
      `hostprocess-doctor: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n` +
        'This is a bug; please report it with the command you ran.\n',
    );
    process.exit(70);
  },
);
