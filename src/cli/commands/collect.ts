import { writeFile } from 'node:fs/promises';
import { redactFacts } from '../../collect/redact.js';
import { usageError } from '../../errors.js';
import { bool, HELP_OPTION, parse, str } from '../args.js';
import type { Command } from '../command.js';
import { collectHere, LIVE_HELP, LIVE_OPTIONS } from '../live.js';
import { writeStderr, writeStdout } from '../output.js';

const HELP = `Usage: hostprocess-doctor collect [-o FILE] [--redact] [options]

Reads this node's facts into a snapshot (a support bundle) without judging them. Analyse it on any
machine with 'hostprocess-doctor analyze FILE'; the results are the same as the live doctor's.

  -o, --output FILE      write the snapshot to FILE (default: stdout)
  --redact               replace host, user and domain names (and account SIDs) with placeholders

${LIVE_HELP}
`;

export const collectCommand: Command = {
  name: 'collect',
  summary: "write this node's facts to a snapshot for analyze, on any machine",
  help: HELP,
  async run(args) {
    const { values } = parse('collect', args, {
      output: { type: 'string', short: 'o' },
      redact: { type: 'boolean' },
      ...LIVE_OPTIONS,
      ...HELP_OPTION,
    });
    if (bool(values, 'help')) {
      await writeStdout(HELP);
      return 0;
    }
    const { facts } = await collectHere('collect', values);
    const snapshot = bool(values, 'redact') ? redactFacts(facts) : facts;
    const text = `${JSON.stringify(snapshot, null, 2)}\n`;
    const output = str(values, 'output');
    if (output === undefined || output === '-') {
      await writeStdout(text);
      return 0;
    }
    try {
      await writeFile(output, text, 'utf8');
    } catch (error) {
      throw usageError(
        `collect: cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Give a writable path with -o.`,
      );
    }
    writeStderr(`hostprocess-doctor: wrote ${output}; analyse it anywhere with: hostprocess-doctor analyze ${output}`);
    return 0;
  },
};
