/** The exit codes as the help shows them (kept apart so --help and --version load nothing else). */
export const EXIT_CODES =
  'Exit codes: 0 healthy · 1 a check failed · 2 usage or input error · 3 cannot run here ·\n4 inconclusive (nothing failed, but the doctor could not see everything it needed) · 74 output\ncould not be written';
