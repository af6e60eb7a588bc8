/**
 * The hostprocess-doctor command line. `main(argv, io)` returns the exit code; the process entry
 * (run.ts) gives it the real streams, tests give it captured ones.
 *
 * Bad input ends in a message that names the file or flag, says what was wrong and what to do, and exit
 * code 2; never in a stack trace. Output that cannot be written (a full disk) is a one-line message and
 * exit 74; a reader that goes away (a closed pipe) is not an error.
 */
import { isUserError } from '../contract/errors.js';
import { EXIT_OK, EXIT_OUTPUT, EXIT_USAGE } from '../contract/exit-codes.js';
import { TOOL_NAME, TOOL_VERSION } from '../contract/version.js';
import type { Command } from './command.js';
import { EXIT_CODES } from './exit-help.js';
import { type Io, log } from './io.js';
import { parseOptions, renderHelp } from './options.js';

/**
 * Commands load on demand (dynamic import, kept lazy in the bundle), so --version and a command's own run
 * evaluate only the modules they use.
 */
const COMMANDS = {
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
  analyze: async () => (await import('./commands/analyze.js')).analyzeCommand,
  collect: async () => (await import('./commands/collect.js')).collectCommand,
  redact: async () => (await import('./commands/redact.js')).redactCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  checks: async () => (await import('./commands/checks.js')).checksCommand,
  watch: async () => (await import('./commands/watch.js')).watchCommand,
  fleet: async () => (await import('./commands/fleet.js')).fleetCommand,
  lint: async () => (await import('./commands/lint.js')).lintCommand,
  'config-dump': async () => (await import('./commands/config-dump.js')).configDumpCommand,
} satisfies Record<string, () => Promise<Command>>;

type Name = keyof typeof COMMANDS;

const commandNamed = (name: string | undefined): Name | undefined =>
  name !== undefined && Object.hasOwn(COMMANDS, name) ? (name as Name) : undefined;

async function globalHelp(): Promise<string> {
  const loaded = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  const width = Math.max(...loaded.map((c) => c.spec.name.length));
  const commands = loaded.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`).join('\n');
  return `${TOOL_NAME} ${TOOL_VERSION}: preflight and troubleshooting for Windows nodes that run HostProcess containers

Usage: hostprocess-doctor [COMMAND] [options]

Commands:
${commands}

Run 'hostprocess-doctor help COMMAND' or 'hostprocess-doctor COMMAND --help' for a command's options.
${EXIT_CODES}
`;
}

/** An error writing the output (not a closed pipe, which the streams absorb). */
function isOutputError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && ['ENOSPC', 'EIO', 'EBADF', 'EDQUOT', 'EFBIG', 'EROFS'].includes(code);
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  // The hidden child of --inventory (collect/inventory.ts's INVENTORY_COMMAND; its test runs it through bin/).
  if (first === '__inventory') return (await import('../collect/inventory.js')).runInventoryChild(io);
  if (first === '--version' || first === 'version') {
    await io.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const named = commandNamed(rest[0]);
    await io.stdout.write(named ? renderHelp((await COMMANDS[named]()).spec) : await globalHelp());
    return EXIT_OK;
  }
  const named = commandNamed(first);
  if (!named && first !== undefined && !first.startsWith('-')) {
    await log(io, `hostprocess-doctor: unknown command '${first.slice(0, 40)}'.\n\n${await globalHelp()}`);
    return EXIT_USAGE;
  }
  const command = await COMMANDS[named ?? 'doctor']();
  const parsed = parseOptions(command.spec, named ? rest : argv);
  if (parsed.values.bool('help')) {
    await io.stdout.write(renderHelp(command.spec));
    return EXIT_OK;
  }
  return command.run(parsed, io);
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (isUserError(error)) {
      await log(io, `hostprocess-doctor: ${error.message}`);
      return error.exitCode;
    }
    if (isOutputError(error)) {
      await log(io, `hostprocess-doctor: cannot write the output: ${error.code} (${error.message}).`).catch(() => {});
      return EXIT_OUTPUT;
    }
    throw error;
  }
}
