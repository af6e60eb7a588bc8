import { UserError } from '../../errors.js';
import { EXIT_CANNOT_RUN } from '../../exit-codes.js';
import { bool, HELP_OPTION, OUTPUT_OPTIONS, parse, SELECTION_OPTIONS, WHAT_IF_OPTIONS } from '../args.js';
import type { Command } from '../command.js';
import { CHECK_OPTIONS, EXIT_HELP, OUTPUT_HELP, runOptions, SELECTION_HELP, WHAT_IF_HELP } from '../common.js';
import { writeStdout } from '../output.js';

const HELP = `Usage: hostprocess-doctor [doctor] [options]

Checks this Windows node for what HostProcess containers need: the OS build, containerd (version,
service, account, config, default runtime), the runhcs shim, kubelet and local groups. Run it in
PowerShell on the node (elevated shows the most), or as a HostProcess pod.

${SELECTION_HELP}

${OUTPUT_HELP}

${WHAT_IF_HELP}

${EXIT_HELP}
`;

export function notOnWindows(platform: string): UserError {
  return new UserError(
    `hostprocess-doctor doctor inspects the Windows node it runs on, and this is ${platform}.\n` +
      'To check a node from here, collect its facts on the node and analyse them anywhere:\n' +
      '  on the node:  hostprocess-doctor collect -o node.json\n' +
      '  here:         hostprocess-doctor analyze node.json\n' +
      'To try it now:  hostprocess-doctor analyze examples/nodes/access-denied.json',
    EXIT_CANNOT_RUN,
  );
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check this Windows node (the default command)',
  help: HELP,
  async run(args) {
    const { values } = parse('doctor', args, { ...OUTPUT_OPTIONS, ...SELECTION_OPTIONS, ...WHAT_IF_OPTIONS, ...CHECK_OPTIONS, ...HELP_OPTION });
    if (bool(values, 'help')) {
      await writeStdout(HELP);
      return 0;
    }
    runOptions(values);
    throw notOnWindows(process.platform);
  },
};
