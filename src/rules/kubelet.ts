/**
 * Reading kubelet's settings from its command line and its KubeletConfiguration file.
 * kubelet often runs behind a wrapper (kube-log-runner.exe, nssm, a PowerShell start script), so the
 * kubelet's own arguments start after the `kubelet.exe` argument when there is one.
 */
import type { KubeletConfigInfo } from '../facts.js';
import {
  lastFlag,
  type ParsedFlags,
  parseFeatureGates,
  parseFlags,
  programName,
  splitWindowsCommandLine,
  unwrapEnvFile,
} from './commandline.js';

/** kubelet flags that take no value, so the token after them is not theirs. */
const KUBELET_BOOLEAN_FLAGS = new Set([
  'windows-service',
  'enable-debugging-handlers',
  'register-node',
  'register-schedulable',
  'fail-swap-on',
  'rotate-certificates',
  'rotate-server-certificates',
  'cgroups-per-qos',
  'enable-server',
  'anonymous-auth',
  'alsologtostderr',
  'logtostderr',
  'skip-headers',
  'add-dir-header',
  'one-output',
  'protect-kernel-defaults',
  'make-iptables-util-chains',
  'enable-controller-attach-detach',
  'exit-on-lock-contention',
  'kernel-memcg-notification',
  'local-storage-capacity-isolation',
  'seccomp-default',
  'serialize-image-pulls',
  'keep-terminated-pod-volumes',
  'help',
]);

const KUBELET_PROGRAMS = new Set(['kubelet', 'kubelet.exe']);

export interface KubeletInvocation {
  /** The program that starts kubelet, when it is not kubelet itself (kube-log-runner.exe, nssm.exe). */
  wrapper?: string;
  /** kubelet.exe was named on the line; false for a bare flag list. */
  kubeletNamed: boolean;
  args: string[];
  flags: ParsedFlags;
}

export function readKubeletCommandLine(commandLine: string): KubeletInvocation {
  const all = splitWindowsCommandLine(unwrapEnvFile(commandLine));
  const at = all.findIndex((arg) => KUBELET_PROGRAMS.has(programName(arg)));
  if (at >= 0) {
    const args = all.slice(at + 1);
    const invocation: KubeletInvocation = {
      kubeletNamed: true,
      args,
      flags: parseFlags(args, KUBELET_BOOLEAN_FLAGS),
    };
    if (at > 0) invocation.wrapper = programName(all[0] as string);
    return invocation;
  }
  const first = all[0];
  const startsWithProgram = first !== undefined && !first.startsWith('-');
  const args = startsWithProgram ? all.slice(1) : all;
  const invocation: KubeletInvocation = { kubeletNamed: false, args, flags: parseFlags(args, KUBELET_BOOLEAN_FLAGS) };
  if (startsWithProgram) invocation.wrapper = programName(first);
  return invocation;
}

export type Origin = 'flag' | 'config' | 'default';

export interface GateReading {
  /** The gate's effective value, when either source sets it. Flags win over the config file. */
  value?: boolean;
  origin?: Origin;
  flagValue?: boolean;
  configValue?: boolean;
  invalid: string[];
}

export function readFeatureGate(
  invocation: KubeletInvocation | undefined,
  config: KubeletConfigInfo | undefined,
  gate: string,
): GateReading {
  const { gates, invalid } = parseFeatureGates(invocation?.flags.values.get('feature-gates') ?? []);
  const configGates = config?.parse?.ok ? config.parse.featureGates : undefined;
  const configInvalid = config?.parse?.ok ? (config.parse.invalidFeatureGates ?? []) : [];
  const reading: GateReading = { invalid: [...invalid, ...configInvalid.map((e) => `${e} (in ${config?.path})`)] };
  if (gate in gates) reading.flagValue = gates[gate] as boolean;
  if (configGates && gate in configGates) reading.configValue = configGates[gate] as boolean;
  if (reading.flagValue !== undefined) {
    reading.value = reading.flagValue;
    reading.origin = 'flag';
  } else if (reading.configValue !== undefined) {
    reading.value = reading.configValue;
    reading.origin = 'config';
  }
  return reading;
}

export interface EndpointReading {
  endpoint?: string;
  origin?: Origin;
  /** --container-runtime (removed in 1.27): docker meant dockershim. */
  containerRuntime?: string;
}

export function readRuntimeEndpoint(
  invocation: KubeletInvocation | undefined,
  config: KubeletConfigInfo | undefined,
): EndpointReading {
  const reading: EndpointReading = {};
  const containerRuntime = invocation ? lastFlag(invocation.flags, 'container-runtime') : undefined;
  if (containerRuntime !== undefined) reading.containerRuntime = containerRuntime;
  const fromFlag = invocation ? lastFlag(invocation.flags, 'container-runtime-endpoint') : undefined;
  const fromConfig = config?.parse?.ok ? config.parse.containerRuntimeEndpoint : undefined;
  if (fromFlag) {
    reading.endpoint = fromFlag;
    reading.origin = 'flag';
  } else if (fromConfig) {
    reading.endpoint = fromConfig;
    reading.origin = 'config';
  }
  return reading;
}

/** The KubeletConfiguration path from `--config`, if kubelet was given one. */
export function kubeletConfigPath(invocation: KubeletInvocation): string | undefined {
  return lastFlag(invocation.flags, 'config');
}

/**
 * A named pipe endpoint in any of its spellings, reduced to the pipe name:
 * `npipe:////./pipe/containerd-containerd`, `npipe://./pipe/x`, `\\.\pipe\x` → `containerd-containerd`, `x`.
 */
export function pipeName(endpoint: string): string | undefined {
  const m = /^(?:npipe:)?[\\/]*\.[\\/]+pipe[\\/]+(.+)$/i.exec(endpoint.trim());
  return m?.[1]?.toLowerCase();
}
