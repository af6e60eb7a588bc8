/** The exit-code contract (docs/json.md). */
export const EXIT_OK = 0;
/** At least one check failed. */
export const EXIT_FINDINGS = 1;
/** Usage or input error: unknown flag, unreadable file, not a snapshot. */
export const EXIT_USAGE = 2;
/** The doctor cannot run here (a live run off Windows). */
export const EXIT_CANNOT_RUN = 3;
