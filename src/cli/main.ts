/**
 * The hostprocess-doctor command line. Bad input ends in a message that names the file or flag, says
 * what was wrong and what to do, and exit code 2; never in a stack trace.
 */
import { isUserError } from '../errors.js';
import { EXIT_USAGE } from '../exit-codes.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { Command } from './command.js';
import { writeStderr, writeStdout } from './stdio.js';

/**
 * Commands load on demand (dynamic import, kept lazy in the CJS bundle), so --version and a command's
 * own run evaluate only the modules they use.
 */
const COMMANDS = {
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
  analyze: async () => (await import('./commands/analyze.js')).analyzeCommand,
  collect: async () => (await import('./commands/collect.js')).collectCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  checks: async () => (await import('./commands/checks.js')).checksCommand,
  watch: async () => (await import('./commands/watch.js')).watchCommand,
  fleet: async () => (await import('./commands/fleet.js')).fleetCommand,
} satisfies Record<string, () => Promise<Command>>;

const commandNamed = (name: string | undefined) =>
  name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name as keyof typeof COMMANDS] : undefined;

async function globalHelp(): Promise<string> {
  const loaded = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  const width = Math.max(...loaded.map((c) => c.name.length));
  const commands = loaded.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `${TOOL_NAME} ${TOOL_VERSION}: preflight and troubleshooting for Windows nodes that run HostProcess containers

Usage: hostprocess-doctor [COMMAND] [options]

Commands:
${commands}

Run 'hostprocess-doctor COMMAND --help' for a command's options.
Exit codes: 0 no check failed · 1 at least one check failed · 2 usage or input error · 3 cannot run here
`;
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === 'version') {
    await writeStdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    await writeStdout(await globalHelp());
    return 0;
  }
  const named = commandNamed(first);
  const args = named ? rest : argv;
  if (!named && first !== undefined && !first.startsWith('-')) {
    writeStderr(`hostprocess-doctor: unknown command '${first}'.\n\n${await globalHelp()}`);
    return EXIT_USAGE;
  }
  try {
    const command = await (named ?? COMMANDS.doctor)();
    return await command.run(args);
  } catch (error) {
    if (isUserError(error)) {
      writeStderr(`hostprocess-doctor: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
