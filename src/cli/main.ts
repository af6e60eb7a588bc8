/**
 * The hostprocess-doctor command line. Bad input ends in a message that names the file or flag, says
 * what was wrong and what to do, and exit code 2; never in a stack trace.
 */
import { UserError } from '../errors.js';
import { EXIT_USAGE } from '../exit-codes.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { Command } from './command.js';
import { analyzeCommand } from './commands/analyze.js';
import { checksCommand } from './commands/checks.js';
import { collectCommand } from './commands/collect.js';
import { doctorCommand } from './commands/doctor.js';
import { explainCommand } from './commands/explain.js';
import { writeStderr, writeStdout } from './output.js';

const COMMANDS: Command[] = [doctorCommand, analyzeCommand, collectCommand, explainCommand, checksCommand];

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
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
    await writeStdout(globalHelp());
    return 0;
  }
  const named = COMMANDS.find((c) => c.name === first);
  const command = named ?? doctorCommand;
  const args = named ? rest : argv;
  if (!named && first !== undefined && !first.startsWith('-')) {
    writeStderr(`hostprocess-doctor: unknown command '${first}'.\n\n${globalHelp()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UserError) {
      writeStderr(`hostprocess-doctor: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
