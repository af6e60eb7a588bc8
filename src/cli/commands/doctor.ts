import { analyzeFacts } from '../../engine.js';
import { applyWhatIf } from '../../sources/whatif.js';
import type { Command } from '../command.js';
import { EXIT_CODES, OUTPUT, runOptions, SELECTION, whatIfFlags, whatIfGroup } from '../common.js';
import { COLLECTION, collectHere } from '../live.js';
import { MONITORING, runReported } from '../report-output.js';

export const doctorCommand: Command = {
  spec: {
    name: 'doctor',
    summary: 'check this Windows node (the default command)',
    usage: ['[doctor] [options]'],
    description: `Checks this Windows node for what HostProcess containers need: the OS build, containerd (version,
service, account, config, default runtime), the runhcs shim, kubelet and local groups. Run it in
PowerShell on the node (elevated shows the most), or as a HostProcess pod. Off Windows it exits 3:
collect a snapshot on the node and use 'analyze' instead. Nothing on the node is changed.`,
    groups: [COLLECTION, SELECTION, OUTPUT, MONITORING, whatIfGroup(false)],
    positionals: false,
    footer: EXIT_CODES,
  },
  async run({ values }, io) {
    return runReported('doctor', values, io, async () => {
      const options = runOptions(values);
      const { facts: collected } = await collectHere('doctor', values, io);
      const { facts, applied } = await applyWhatIf(collected, whatIfFlags(values, io, false));
      return analyzeFacts(facts, { ...options, source: 'live', whatIf: applied });
    });
  },
};
