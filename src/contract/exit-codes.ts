/** The exit-code contract (docs/json.md). */
export const EXIT_OK = 0;
/** At least one check failed. */
export const EXIT_FINDINGS = 1;
/** Usage or input error: unknown flag, unreadable file, not a snapshot. */
export const EXIT_USAGE = 2;
/** The doctor cannot run here (a live run off Windows). */
export const EXIT_CANNOT_RUN = 3;
/** Nothing failed, but the doctor could not see everything it needed (the verdict is inconclusive). */
export const EXIT_INCONCLUSIVE = 4;
/** A bug: an exception the doctor did not expect (sysexits EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;
/** The output could not be written (a full disk, a broken device; sysexits EX_IOERR). A closed pipe is not this. */
export const EXIT_OUTPUT = 74;
/** Stopped by a signal: 128 + its number, as shells report it. */
export const EXIT_SIGNAL: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129, SIGBREAK: 149 };
/** The signals that stop the doctor (on Windows also Ctrl+Break, and closing the console, SIGHUP). */
export const STOP_SIGNALS: readonly NodeJS.Signals[] =
  process.platform === 'win32' ? ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
