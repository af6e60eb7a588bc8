/**
 * The nodes of the win32 suite: the Linux fake host's scenarios (test/helpers/scenarios.ts,
 * test/collect/scenarios.test.ts) and the bundled example nodes, plus probes that are slow, hung, missing,
 * failing or print garbage, and paths with spaces and non-ASCII characters. Each runs on the Linux fake
 * host and on win32 (under wine), and the two must agree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTAINERD, type FakeHostSpec, KUBELET, POWERSHELL, ROOT, SHIM } from '../helpers/fakehost.js';
import { CONFIG_PATH, healthyNode, psFixture, withPowershell } from '../helpers/scenarios.js';

export interface Scenario {
  name: string;
  spec: () => FakeHostSpec;
  /** doctor's and collect's options; --timeout is 60s unless given (nothing may depend on speed). */
  args?: string[];
  /** Whose grandchildren or hangs make the run end at --timeout. */
  timeoutMs?: number;
}

/** The config.toml text of a bundled example node. */
function exampleConfig(name: string): string {
  const snapshot = JSON.parse(readFileSync(path.join(ROOT, 'examples', 'nodes', `${name}.json`), 'utf8'));
  return snapshot.containerd.config.value.files[0].text as string;
}

const CONTAINERD_1_5_9 =
  'containerd github.com/containerd/containerd v1.5.9 1407cab509ff0d96baa4f0eb6ff9980270e6e620\r\n';

/** Where the non-ASCII scenario installs containerd, and its config. */
export const ODD_DIR = 'C:\\Program Files\\contäinerd ✓';
export const ODD_CONFIG = 'C:\\Zürich ✓\\config.toml';

/** The healthy node with containerd, its shim and config under paths with spaces and non-ASCII. */
function oddPaths(): FakeHostSpec {
  const spec = healthyNode();
  const text = psFixture('synthetic-ws2022-containerd1.7-healthy.json')
    .toString('utf8')
    .replaceAll('C:\\\\Program Files\\\\containerd\\\\config.toml', ODD_CONFIG.replaceAll('\\', '\\\\'))
    .replaceAll('C:\\\\Program Files\\\\containerd\\\\', `${ODD_DIR.replaceAll('\\', '\\\\')}\\\\`);
  const containerd = spec.programs[CONTAINERD];
  const shim = spec.programs[SHIM];
  const config = spec.files?.[CONFIG_PATH];
  delete spec.programs[CONTAINERD];
  delete spec.programs[SHIM];
  delete spec.files?.[CONFIG_PATH];
  spec.programs[POWERSHELL] = { stdoutBytes: Buffer.from(text, 'utf8') };
  if (containerd) spec.programs[`${ODD_DIR}\\containerd.exe`] = containerd;
  if (shim) spec.programs[`${ODD_DIR}\\containerd-shim-runhcs-v1.exe`] = shim;
  if (config !== undefined) spec.files = { ...spec.files, [ODD_CONFIG]: config };
  return spec;
}

/**
 * The --timeout of the scenarios whose PowerShell hangs: every other probe of the run must answer within it
 * on win32 too, where a wine process start on a loaded machine can take seconds (each such run costs it
 * twice: doctor and collect).
 */
const HUNG_TIMEOUT_MS = 8000;
const HUNG_TIMEOUT = `${HUNG_TIMEOUT_MS}ms`;

export const SCENARIOS: Scenario[] = [
  { name: 'healthy', spec: () => healthyNode(), args: ['--group', 'hpc-readers'] },
  { name: 'access-denied', spec: () => withPowershell('synthetic-containerd-user-account.json') },
  {
    name: 'containerd-1.5-no-annotations',
    spec: () => {
      const spec = healthyNode();
      spec.programs[CONTAINERD] = { stdout: CONTAINERD_1_5_9 };
      spec.files = { ...spec.files, [CONFIG_PATH]: exampleConfig('containerd-1.5-no-annotations') };
      return spec;
    },
  },
  {
    name: 'hyperv-default-runtime',
    spec: () => {
      const spec = healthyNode();
      spec.files = { ...spec.files, [CONFIG_PATH]: exampleConfig('hyperv-default-runtime') };
      return spec;
    },
  },
  { name: 'missing-group', spec: () => healthyNode(), args: ['--group', 'hpc-readers', '--group', 'hpc-missing'] },
  { name: 'not-elevated', spec: () => withPowershell('synthetic-non-admin.json') },
  { name: 'kubelet-nssm', spec: () => withPowershell('synthetic-kubelet-nssm.json') },
  {
    name: 'german-utf16',
    spec: () => withPowershell('synthetic-german-locale.utf16le-bom.json'),
    args: ['--group', 'Leser-HPC'],
  },
  { name: 'slow', spec: () => healthyNode({ latency: { powershell: 1500, programs: 500 } }) },
  {
    name: 'hung-powershell',
    spec: () => healthyNode({ hang: 'powershell' }),
    args: ['--timeout', HUNG_TIMEOUT],
    timeoutMs: HUNG_TIMEOUT_MS,
  },
  {
    name: 'powershell-grandchild',
    spec: () => {
      const spec = healthyNode();
      spec.programs[POWERSHELL] = { grandchild: 'hang' };
      return spec;
    },
    args: ['--timeout', HUNG_TIMEOUT],
    timeoutMs: HUNG_TIMEOUT_MS,
  },
  {
    name: 'missing-programs',
    spec: () => {
      const spec = healthyNode();
      delete spec.programs[CONTAINERD];
      delete spec.programs[SHIM];
      delete spec.programs[KUBELET];
      return spec;
    },
  },
  {
    name: 'missing-powershell',
    spec: () => {
      const spec = healthyNode();
      delete spec.programs[POWERSHELL];
      return spec;
    },
  },
  {
    name: 'failing-probes',
    spec: () => {
      const spec = healthyNode();
      spec.programs[CONTAINERD] = { stderr: 'panic: runtime error\r\n', exitCode: 2 };
      spec.programs[KUBELET] = { stderr: 'Access is denied.\r\n', exitCode: 5 };
      return spec;
    },
  },
  {
    name: 'garbage-powershell',
    spec: () => {
      const spec = healthyNode();
      spec.programs[POWERSHELL] = { stdout: 'Get-CimInstance : Invalid class\r\n+ CategoryInfo : ...\r\n' };
      spec.programs[SHIM] = { stdoutBytes: Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]) };
      return spec;
    },
  },
  { name: 'odd-paths', spec: oddPaths },
];

export const byName = (name: string): Scenario => {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario ${name}`);
  return found;
};

/** A scenario's options for doctor and collect. */
/** The --timeout of every scenario that gives none: long, so no speed can make one side time out alone. */
export const DEFAULT_TIMEOUT_MS = 60_000;

export function optionsOf(s: Scenario): string[] {
  const args = s.args ?? [];
  return args.includes('--timeout') ? args : ['--timeout', `${DEFAULT_TIMEOUT_MS}ms`, ...args];
}
