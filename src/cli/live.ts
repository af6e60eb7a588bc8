/**
 * Shared by the commands that read this node (doctor, collect, watch): where collection may run, and
 * the options that bound it.
 */

import { canCollectHere, FAKE_HOST_ENV } from '../collect/host.js';
import { type Collection, collectLiveFacts, DEFAULT_PROBE_TIMEOUT_MS } from '../collect/live.js';
import { UserError } from '../errors.js';
import { EXIT_CANNOT_RUN } from '../exit-codes.js';
import { list, parseDuration, str, type Values } from './args.js';
import { writeStderr } from './output.js';

export const LIVE_OPTIONS = {
  timeout: { type: 'string' as const },
  group: { type: 'string' as const, multiple: true },
  inventory: { type: 'boolean' as const },
};

export const LIVE_HELP = `Collection:
  --timeout DUR          time limit per probe (PowerShell, --version, file reads; default ${DEFAULT_PROBE_TIMEOUT_MS / 1000}s)
  --group NAME           a local group your pods use in runAsUserName (repeatable; also
                         HOSTPROCESS_DOCTOR_GROUPS=a,b in a DaemonSet)
  --inventory            also read host inventory with systeminformation (starts about four more
                         PowerShells on Windows; bounded by --timeout)`;

export function notOnWindows(command: string, platform: string): UserError {
  return new UserError(
    `hostprocess-doctor ${command} reads the Windows node it runs on, and this is ${platform}.\n` +
      'To check a node from here, collect its facts on the node and analyse them anywhere:\n' +
      '  on the node:  hostprocess-doctor collect -o node.json\n' +
      '  here:         hostprocess-doctor analyze node.json\n' +
      'To try it now:  hostprocess-doctor analyze examples/nodes/access-denied.json',
    EXIT_CANNOT_RUN,
  );
}

export async function collectHere(command: string, values: Values): Promise<Collection> {
  if (!canCollectHere()) throw notOnWindows(command, process.platform);
  const fake = process.env[FAKE_HOST_ENV];
  if (fake) writeStderr(`hostprocess-doctor: test mode, collecting from the fake host ${fake} (${FAKE_HOST_ENV})`);
  const timeout = str(values, 'timeout');
  return collectLiveFacts({
    ...(timeout === undefined ? {} : { timeoutMs: parseDuration('--timeout', timeout) }),
    groups: list(values, 'group'),
    inventory: values.inventory === true,
  });
}
