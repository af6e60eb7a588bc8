/** One CLI subcommand: its option table (parser and --help) and what it does. */
import type { Io } from './io.js';
import type { CommandSpec, Parsed } from './options.js';

export interface Command {
  spec: CommandSpec;
  /** Returns the exit code; UserErrors thrown from it are printed without a stack. */
  run(parsed: Parsed, io: Io): Promise<number>;
}
