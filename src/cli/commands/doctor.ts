import { analyzeFacts } from '../../engine.js';
import { applyWhatIf } from '../../whatif.js';
import { bool, HELP_OPTION, OUTPUT_OPTIONS, parse, SELECTION_OPTIONS, WHAT_IF_OPTIONS, whatIfFlags } from '../args.js';
import type { Command } from '../command.js';
import { CHECK_OPTIONS, EXIT_HELP, OUTPUT_HELP, runOptions, SELECTION_HELP, WHAT_IF_HELP } from '../common.js';
import { collectHere, LIVE_HELP, LIVE_OPTIONS } from '../live.js';
import { writeStdout } from '../output.js';
import { REPORT_OUTPUT_HELP, REPORT_OUTPUT_OPTIONS, runReported } from '../report-output.js';

const HELP = `Usage: hostprocess-doctor [doctor] [options]

Checks this Windows node for what HostProcess containers need: the OS build, containerd (version,
service, account, config, default runtime), the runhcs shim, kubelet and local groups. Run it in
PowerShell on the node (elevated shows the most), or as a HostProcess pod. Off Windows it exits 3:
collect a snapshot on the node and use 'analyze' instead.

${LIVE_HELP}

${SELECTION_HELP}

${OUTPUT_HELP}

${REPORT_OUTPUT_HELP}

${WHAT_IF_HELP}

${EXIT_HELP}
`;

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check this Windows node (the default command)',
  help: HELP,
  async run(args) {
    const { values } = parse('doctor', args, {
      ...OUTPUT_OPTIONS,
      ...SELECTION_OPTIONS,
      ...WHAT_IF_OPTIONS,
      ...CHECK_OPTIONS,
      ...LIVE_OPTIONS,
      ...REPORT_OUTPUT_OPTIONS,
      ...HELP_OPTION,
    });
    if (bool(values, 'help')) {
      await writeStdout(HELP);
      return 0;
    }
    return runReported('doctor', values, async () => {
      const options = runOptions(values);
      const { facts: collected } = await collectHere('doctor', values);
      const { facts, applied } = await applyWhatIf(collected, { ...whatIfFlags(values), groups: [] });
      return analyzeFacts(facts, { ...options, source: 'live', whatIf: applied });
    });
  },
};
