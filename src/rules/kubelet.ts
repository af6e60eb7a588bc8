/**
 * What kubelet's settings say, read as kubelet reads them: a feature gate, the runtime endpoint and the
 * Windows resource options, from its command line (flags win) and its KubeletConfiguration file; and the
 * flags a given kubelet version no longer knows. Sources for every rule are on the docs pages of the checks
 * that use them (kubelet-runtime-endpoint, kubelet-version).
 */
import type { KubeletConfigInfo } from '../contract/facts.js';
import { lastFlag, parseFeatureGates, parseGoBool } from '../parse/commandline.js';
import type { KubeletInvocation } from '../parse/kubelet-flags.js';
import { atLeast, below, type ParsedVersion } from '../parse/versions.js';

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
  if (Object.hasOwn(gates, gate)) reading.flagValue = gates[gate] as boolean;
  if (configGates && Object.hasOwn(configGates, gate)) reading.configValue = configGates[gate] as boolean;
  if (reading.flagValue !== undefined) {
    reading.value = reading.flagValue;
    reading.origin = 'flag';
  } else if (reading.configValue !== undefined) {
    reading.value = reading.configValue;
    reading.origin = 'config';
  }
  return reading;
}

/** The first kubelet that reads containerRuntimeEndpoint from its KubeletConfiguration (k8s.io/kubelet v0.27.0). */
export const CONFIG_ENDPOINT_SINCE = '1.27.0';

export interface EndpointReading {
  /** The endpoint kubelet uses, when the flag or (on a kubelet that reads it) the config file sets one. */
  endpoint?: string;
  origin?: Origin;
  /** --container-runtime-endpoint was on the command line, even with an empty value. */
  flagGiven: boolean;
  /** containerRuntimeEndpoint in the config file, whether or not this kubelet reads it. */
  configEndpoint?: string;
  /** The config file's containerRuntimeEndpoint is there, but this kubelet (< 1.27) does not read it. */
  configIgnored?: boolean;
  /** --container-runtime (removed in 1.27): docker meant dockershim, remote a CRI runtime. */
  containerRuntime?: string;
}

/**
 * kubelet's runtime endpoint. The flag wins; the config file's containerRuntimeEndpoint counts only on a
 * kubelet that reads it (1.27 and later), or when the version is unknown (the check then says so).
 */
export function readRuntimeEndpoint(
  invocation: KubeletInvocation | undefined,
  config: KubeletConfigInfo | undefined,
  version?: ParsedVersion,
): EndpointReading {
  const reading: EndpointReading = { flagGiven: false };
  const containerRuntime = invocation ? lastFlag(invocation.flags, 'container-runtime') : undefined;
  if (containerRuntime !== undefined) reading.containerRuntime = containerRuntime;
  const fromFlag = invocation ? lastFlag(invocation.flags, 'container-runtime-endpoint') : undefined;
  const fromConfig = config?.parse?.ok ? config.parse.containerRuntimeEndpoint : undefined;
  if (fromConfig !== undefined) reading.configEndpoint = fromConfig;
  if (fromFlag !== undefined) {
    reading.flagGiven = true;
    if (fromFlag !== '') {
      reading.endpoint = fromFlag;
      reading.origin = 'flag';
    }
  } else if (fromConfig) {
    if (version && below(version, CONFIG_ENDPOINT_SINCE)) {
      reading.configIgnored = true;
    } else {
      reading.endpoint = fromConfig;
      reading.origin = 'config';
    }
  }
  return reading;
}

// ---------------------------------------------------------------------------------------------------
// kubelet's Windows parseEndpoint (kubernetes/cri-client@kubernetes-1.31.0 pkg/util/util_windows.go:82-108,
// the same in kubernetes/kubernetes pkg/kubelet/util/util_windows.go): backslashes become slashes, Go's
// url.Parse splits the result, then tcp and npipe are dialled and everything else is an error. There is
// no fallback protocol on Windows.

export interface ParsedEndpoint {
  /** The URL scheme, lower-cased as Go's url.Parse does; '' when there is none. */
  scheme: string;
  /** What kubelet dials: host:port for tcp, //host/pipe/name for npipe. */
  address?: string;
  /** kubelet's error, in its own words, when it cannot use the endpoint. */
  error?: string;
}

/** Go's %q for the ASCII text kubelet quotes here. */
function goQuote(text: string): string {
  return JSON.stringify(text);
}

/** Go's url.getScheme: a letter, then letters, digits, + - . up to a colon. */
function getScheme(raw: string): { scheme: string; rest: string } | { error: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') {
      if (i === 0) return { error: 'missing protocol scheme' };
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

/** Characters Go's url package accepts unescaped in a host (shouldEscape with encodeHost). */
const HOST_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%]$/;

/** Go's url.unescape: every % must start a two-digit hex escape. */
function checkEscapes(text: string): string | undefined {
  const bad = /%(?![0-9A-Fa-f]{2})(.{0,2})/.exec(text);
  return bad ? `invalid URL escape ${goQuote(`%${bad[1] ?? ''}`)}` : undefined;
}

interface GoUrl {
  scheme: string;
  host: string;
  path: string;
  opaque: string;
}

/** The parts of Go's url.Parse that parseEndpoint reads, with its errors. */
function goUrlParse(raw: string): GoUrl | { error: string } {
  const wrap = (e: string) => ({ error: `parse ${goQuote(raw)}: ${e}` });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Go rejects exactly these bytes.
  if (/[\u0000-\u001f\u007f]/.test(raw)) return wrap('net/url: invalid control character in URL');
  const withoutFragment = raw.split('#', 1)[0] as string;
  const scheme = getScheme(withoutFragment);
  if ('error' in scheme) return wrap(scheme.error);
  const url: GoUrl = { scheme: scheme.scheme.toLowerCase(), host: '', path: '', opaque: '' };
  let rest = scheme.rest;
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest;
      return url;
    }
    const segment = rest.split('/', 1)[0] as string;
    if (segment.includes(':')) return wrap('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const host = authority.slice(authority.lastIndexOf('@') + 1);
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !host.startsWith('[') && !/^:\d*$/.test(host.slice(colon)))
      return wrap(`invalid port ${goQuote(host.slice(colon))} after host`);
    for (const c of host) {
      if (c.charCodeAt(0) < 0x80 && !HOST_CHAR.test(c)) return wrap(`invalid character ${goQuote(c)} in host name`);
    }
    const hostEscape = checkEscapes(host);
    if (hostEscape) return wrap(hostEscape);
    url.host = host;
  }
  const pathEscape = checkEscapes(rest);
  if (pathEscape) return wrap(pathEscape);
  url.path = decodeURIComponentSafe(rest);
  return url;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The endpoint as kubelet's Windows parseEndpoint reads it. */
export function parseEndpoint(endpoint: string): ParsedEndpoint {
  const replaced = endpoint.replace(/\\/g, '/');
  const url = goUrlParse(replaced);
  if ('error' in url) return { scheme: '', error: url.error };
  if (url.scheme === 'tcp') return { scheme: 'tcp', address: url.host };
  if (url.scheme === 'npipe') {
    if (url.path.startsWith('//./pipe')) return { scheme: 'npipe', address: url.path };
    return { scheme: 'npipe', address: `//${url.host || '.'}${url.path}` };
  }
  if (url.scheme === '') {
    return {
      scheme: '',
      error: `Using ${goQuote(replaced)} as endpoint is deprecated, please consider using full url format`,
    };
  }
  return { scheme: url.scheme, error: `protocol ${goQuote(url.scheme)} not supported` };
}

/** The local pipe an npipe address names (`//./pipe/containerd-containerd` → `containerd-containerd`). */
export function localPipeOf(address: string): { pipe?: string; host: string } {
  const m = /^\/\/([^/]*)\/pipe\/(.+)$/i.exec(address);
  if (!m) return { host: /^\/\/([^/]*)/.exec(address)?.[1] ?? '' };
  const host = m[1] as string;
  return host === '.' ? { host, pipe: (m[2] as string).toLowerCase() } : { host };
}

/**
 * A named pipe address in any of its spellings, reduced to the pipe name:
 * `npipe:////./pipe/containerd-containerd`, `npipe://./pipe/x`, `\\.\pipe\x` → `containerd-containerd`, `x`.
 * For containerd's own grpc address, which is a path and needs no scheme; kubelet's endpoint is read
 * with parseEndpoint instead.
 */
export function pipeName(endpoint: string): string | undefined {
  const m = /^(?:npipe:)?[\\/]*\.[\\/]+pipe[\\/]+(.+)$/i.exec(endpoint.trim());
  return m?.[1]?.toLowerCase();
}

// ---------------------------------------------------------------------------------------------------
// Flags a kubelet version no longer knows: pflag then stops kubelet with
// `failed to parse kubelet flag: unknown flag: --<name>` before it does anything else.

export interface RemovedFlag {
  flag: string;
  /** The first kubelet without it. */
  removedIn: string;
  /** Why it went and what replaces it. */
  why: string;
  source: string;
}

const DOCKERSHIM =
  'removed with dockershim in 1.24 (kubernetes#106907); HostProcess needs containerd, which takes CNI settings from its own config';

export const REMOVED_FLAGS: readonly RemovedFlag[] = [
  {
    flag: 'container-runtime',
    removedIn: '1.27.0',
    why: 'removed in 1.27, its only valid value was remote (kubernetes#114017); keep --container-runtime-endpoint',
    source: 'https://github.com/kubernetes/kubernetes/pull/114017',
  },
  ...[
    'network-plugin',
    'network-plugin-mtu',
    'cni-bin-dir',
    'cni-conf-dir',
    'cni-cache-dir',
    'docker-endpoint',
    'experimental-dockershim-root-directory',
    'image-pull-progress-deadline',
  ].map((flag) => ({
    flag,
    removedIn: '1.24.0',
    why: DOCKERSHIM,
    source: 'CHANGELOG-1.24 (kubernetes#106907), quoted in kubernetes-sigs/sig-windows-tools#230',
  })),
];

export interface RemovedFlagUse extends RemovedFlag {
  /** As written on the command line, e.g. --network-plugin=cni. */
  written: string;
}

/** The removed flags on the command line, with the version that removed each (all of them when version is undefined). */
export function removedFlags(invocation: KubeletInvocation, version: ParsedVersion | undefined): RemovedFlagUse[] {
  const out: RemovedFlagUse[] = [];
  for (const removed of REMOVED_FLAGS) {
    const values = invocation.flags.values.get(removed.flag);
    if (!values || values.length === 0) continue;
    if (version && below(version, removed.removedIn)) continue;
    const value = values[values.length - 1] as string;
    out.push({ ...removed, written: value === 'true' ? `--${removed.flag}` : `--${removed.flag}=${value}` });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// cgroupsPerQOS and enforceNodeAllocatable on Windows. Their defaults are Linux's (true and ["pods"],
// pkg/kubelet/apis/config/v1beta1/defaults.go), there is no Windows default, and:
// - kubelet 1.11–1.30 refuses to start on Windows with either (validation_windows.go @046d201c:
//   "invalid configuration: %v (%v) %v is not supported on Windows");
// - kubelet 1.31+ only warns ("ignored configuration option: ...", kubernetes#123137, @0bd6795b), and
//   no longer counts enforceNodeAllocatable ["none"];
// - on every OS and version, cgroupsPerQOS=false with an enforcement other than "none" is fatal
//   (validation.go: "cgroupsPerQOS (--cgroups-per-qos) must be set to true when %q contained in
//   enforceNodeAllocatable"; older: "EnforceNodeAllocatable ... is not supported unless CgroupsPerQOS ...").

/** The first kubelet that only warns about the two options on Windows. */
export const WINDOWS_OPTIONS_WARN_SINCE = '1.31.0';

export interface Setting<T> {
  value: T;
  origin: Origin;
}

export interface WindowsResourceReading {
  cgroupsPerQOS: Setting<boolean>;
  enforceNodeAllocatable: Setting<string[]>;
}

/**
 * The two settings as kubelet ends up with them, or undefined when a source that could set one was not
 * read and the others do not settle it: the command line (flags win over the file) is unknown, or the
 * config file named by --config is missing from the facts and the flags do not set both.
 */
export function readWindowsResources(
  invocation: KubeletInvocation | undefined,
  config: KubeletConfigInfo | undefined,
  configUnread: boolean,
): WindowsResourceReading | undefined {
  if (!invocation) return undefined;
  const qosFlag = lastFlag(invocation.flags, 'cgroups-per-qos');
  const enforceFlag = invocation.flags.values.get('enforce-node-allocatable');
  const parsed = config?.parse?.ok ? config.parse : undefined;
  let cgroupsPerQOS: Setting<boolean> | undefined;
  const qos = qosFlag === undefined ? undefined : parseGoBool(qosFlag);
  if (qos !== undefined) cgroupsPerQOS = { value: qos, origin: 'flag' };
  else if (parsed?.cgroupsPerQOS !== undefined) cgroupsPerQOS = { value: parsed.cgroupsPerQOS, origin: 'config' };
  else if (!configUnread) cgroupsPerQOS = { value: true, origin: 'default' };
  let enforce: Setting<string[]> | undefined;
  if (enforceFlag && enforceFlag.length > 0) {
    // pflag's StringSlice: the flag's values are CSV; "" is the empty list. Repeats accumulate.
    const value = enforceFlag.flatMap((v) => (v === '' ? [] : v.split(',').map((s) => s.trim())));
    enforce = { value, origin: 'flag' };
  } else if (parsed?.enforceNodeAllocatable !== undefined) {
    enforce = { value: parsed.enforceNodeAllocatable, origin: 'config' };
  } else if (!configUnread) {
    enforce = { value: ['pods'], origin: 'default' };
  }
  if (!cgroupsPerQOS || !enforce) return undefined;
  return { cgroupsPerQOS, enforceNodeAllocatable: enforce };
}

export type WindowsResourceVerdict =
  /** Both off: nothing to say. */
  | { kind: 'ok' }
  /** cgroupsPerQOS=false with an enforcement: fatal on every version. */
  | { kind: 'conflict'; enforce: string[] }
  /** Either on: fatal up to 1.30, a warning from 1.31, unknown without a version. */
  | { kind: 'fatal' | 'ignored' | 'versionUnknown'; qos: boolean; enforce: string[] };

export function judgeWindowsResources(
  reading: WindowsResourceReading,
  version: ParsedVersion | undefined,
): WindowsResourceVerdict {
  const qos = reading.cgroupsPerQOS.value;
  const enforce = reading.enforceNodeAllocatable.value;
  const enforcing = enforce.filter((e) => e !== 'none');
  if (!qos && enforcing.length > 0) return { kind: 'conflict', enforce };
  const warnsOnly = version !== undefined && atLeast(version, WINDOWS_OPTIONS_WARN_SINCE);
  // Up to 1.30 any non-empty list counts (len > 0), "none" included; 1.31+ leaves "none" out.
  const listed = warnsOnly ? enforcing : enforce;
  if (!qos && listed.length === 0) return { kind: 'ok' };
  if (!version) return { kind: 'versionUnknown', qos, enforce: listed };
  return { kind: warnsOnly ? 'ignored' : 'fatal', qos, enforce: listed };
}
