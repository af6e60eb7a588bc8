/**
 * What kubelet's settings say: a feature gate and the runtime endpoint, from its command line (flags win)
 * and its KubeletConfiguration file.
 */
import type { KubeletConfigInfo } from '../contract/facts.js';
import { lastFlag, parseFeatureGates } from '../parse/commandline.js';
import type { KubeletInvocation } from '../parse/kubelet-flags.js';

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

/**
 * A named pipe endpoint in any of its spellings, reduced to the pipe name:
 * `npipe:////./pipe/containerd-containerd`, `npipe://./pipe/x`, `\\.\pipe\x` → `containerd-containerd`, `x`.
 */
export function pipeName(endpoint: string): string | undefined {
  const m = /^(?:npipe:)?[\\/]*\.[\\/]+pipe[\\/]+(.+)$/i.exec(endpoint.trim());
  return m?.[1]?.toLowerCase();
}
