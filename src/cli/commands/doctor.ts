import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { usageError } from '../../contract/errors.js';
import { analyzeFacts } from '../../engine.js';
import { applyWhatIf } from '../../sources/whatif.js';
import type { Command } from '../command.js';
import { EXIT_CODES, OUTPUT, runOptions, SELECTION, whatIfFlags, whatIfGroup } from '../common.js';
import { type Io, resolvePath } from '../io.js';
import { COLLECTION, collectHere } from '../live.js';
import type { OptionGroup, Values } from '../options.js';
import { MONITORING, runReported } from '../report-output.js';
import { writeSnapshot } from './redact.js';

const SNAPSHOT: OptionGroup = {
  title: 'Snapshot',
  options: [
    {
      name: 'save-snapshot',
      kind: 'value',
      arg: 'FILE',
      help: "also write the facts this run collected to FILE, as 'collect -o FILE' would (one\ncollection for both; unredacted: 'hostprocess-doctor redact FILE' before sharing it)",
    },
  ],
};

/** --save-snapshot's file, its directory checked before the collection so a typo costs no collection. */
async function snapshotTarget(values: Values, io: Io): Promise<string | undefined> {
  const file = values.str('save-snapshot');
  if (file === undefined) return undefined;
  if (file.trim() === '' || file === '-')
    throw usageError('doctor: --save-snapshot needs a file (the report goes to stdout).');
  const dir = path.dirname(resolvePath(io, file));
  try {
    await access(dir, constants.W_OK);
  } catch (error) {
    throw usageError(
      `doctor: --save-snapshot ${file}: cannot write in ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Give a path in an existing, writable directory.`,
    );
  }
  return file;
}

export const doctorCommand: Command = {
  spec: {
    name: 'doctor',
    summary: 'check this Windows node (the default command)',
    usage: ['[doctor] [options]'],
    description: `Checks this Windows node for what HostProcess containers need: the OS build, containerd (version,
service, account, config, default runtime), the runhcs shim, kubelet and local groups. Run it in
PowerShell on the node (elevated shows the most), or as a HostProcess pod. Off Windows it exits 3:
collect a snapshot on the node and use 'analyze' instead. Nothing on the node is changed.`,
    groups: [COLLECTION, SELECTION, OUTPUT, MONITORING, SNAPSHOT, whatIfGroup(false)],
    positionals: false,
    footer: EXIT_CODES,
  },
  async run({ values }, io) {
    return runReported('doctor', values, io, async () => {
      const options = runOptions(values);
      const snapshotFile = await snapshotTarget(values, io);
      const { facts: collected } = await collectHere('doctor', values, io);
      // What the node said, before any what-if: analyze FILE with the same what-if flags judges the same.
      if (snapshotFile !== undefined) await writeSnapshot(collected, snapshotFile, io, 'doctor', '--save-snapshot');
      const { facts, applied } = await applyWhatIf(collected, whatIfFlags(values, io, false));
      return analyzeFacts(facts, { ...options, source: 'live', whatIf: applied });
    });
  },
};
