/**
 * Shared by the commands that read this node (doctor, collect, watch): where collection may run, and
 * the options that bound it.
 */
import { canCollectHere, FAKE_HOST_ENV } from '../collect/host.js';
import { type Collection, collectLiveFacts, DEFAULT_PROBE_TIMEOUT_MS } from '../collect/live.js';
import { UserError } from '../contract/errors.js';
import { EXIT_CANNOT_RUN } from '../contract/exit-codes.js';
import { GROUP_OPTION, MAX_PROBE_TIMEOUT_MS } from './common.js';
import { type Io, log } from './io.js';
import { type OptionGroup, parseDuration, type Values } from './options.js';
import { startProgress } from './progress.js';

export const COLLECTION: OptionGroup = {
  title: 'Collection',
  options: [
    {
      name: 'timeout',
      kind: 'value',
      arg: 'DUR',
      help: `time limit per probe (PowerShell, --version, file reads; default ${DEFAULT_PROBE_TIMEOUT_MS / 1000}s, at most 1h)`,
    },
    GROUP_OPTION,
    {
      name: 'inventory',
      kind: 'flag',
      help: 'also read host inventory with systeminformation, in a child doctor (which starts\nabout four more PowerShells on Windows); bounded by --timeout',
    },
  ],
};

export function notOnWindows(command: string, platform: string): UserError {
  return new UserError(
    `${command} reads the Windows node it runs on, and this is ${platform}.\n` +
      'To check a node from here, collect its facts on the node and analyse them anywhere:\n' +
      '  on the node:  hostprocess-doctor collect -o node.json\n' +
      '  here:         hostprocess-doctor analyze node.json\n' +
      'To try it now, from a checkout of hostprocess-doctor:  hostprocess-doctor analyze examples/nodes/access-denied.json',
    EXIT_CANNOT_RUN,
  );
}

export function probeTimeout(values: Values): number | undefined {
  const timeout = values.str('timeout');
  return timeout === undefined ? undefined : parseDuration('--timeout', timeout, MAX_PROBE_TIMEOUT_MS);
}

/** Machine output on stdout (JSON, Prometheus, NPD) wants no progress; neither does a pipe. */
function machineOutput(values: Values): boolean {
  return values.bool('json') || values.bool('npd') || (values.str('format') ?? 'human') !== 'human';
}

export async function collectHere(
  command: string,
  values: Values,
  io: Io,
  options: { progress?: boolean } = {},
): Promise<Collection> {
  // Bad flags are usage errors first, wherever the doctor runs.
  const timeoutMs = probeTimeout(values);
  if (!canCollectHere(io.env, io.platform)) throw notOnWindows(command, io.platform);
  const fake = io.env[FAKE_HOST_ENV];
  if (fake) await log(io, `hostprocess-doctor: test mode, collecting from the fake host ${fake} (${FAKE_HOST_ENV})`);
  const stop = startProgress(io, options.progress === false || machineOutput(values));
  try {
    return await collectLiveFacts({
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      groups: values.list('group'),
      inventory: values.bool('inventory'),
      ...(io.self ? { self: io.self } : {}),
      env: io.env,
    });
  } finally {
    await stop();
  }
}
