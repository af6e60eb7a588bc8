/** One CLI subcommand. `run` returns the exit code; UserErrors thrown from it are printed without a stack. */
export interface Command {
  name: string;
  summary: string;
  /** The full --help text. */
  help: string;
  run(args: string[]): Promise<number>;
}
