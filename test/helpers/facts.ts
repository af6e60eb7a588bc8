/**
 * Builders for NodeFacts in tests. They build plain snapshots, the same shape `collect` writes; config
 * text goes through the production decoder and parsers, so tests never hand-write parse results.
 */

import type {
  CommandLineInfo,
  ConfigFile,
  ContainerdConfig,
  Fact,
  FactState,
  KubeletConfigInfo,
  NodeFacts,
  Provenance,
  ServiceInfo,
} from '../../src/contract/facts.js';
import { FACTS_SCHEMA_VERSION } from '../../src/contract/facts.js';
import { parseKubeletConfig } from '../../src/parse/kubelet-config.js';
import { decodeText, findTemplateMarker } from '../../src/parse/text.js';
import { parseToml } from '../../src/parse/toml.js';

const source: Provenance = { kind: 'derived', key: 'test' };

export const ok = <T>(value: T): Fact<T> => ({ state: 'ok', value, source });
export const not = <T>(state: Exclude<FactState, 'ok'>, reason = `test ${state}`): Fact<T> => ({
  state,
  reason,
  source,
});

export function node(parts: Omit<NodeFacts, 'schemaVersion'> = {}): NodeFacts {
  return { schemaVersion: FACTS_SCHEMA_VERSION, ...parts };
}

export const version = (output: string) => ok({ output });

export const DEFAULT_CONFIG_PATH = 'C:\\Program Files\\containerd\\config.toml';

export interface FileSpec {
  path?: string;
  text?: string;
  /** Raw bytes, for encoding tests. */
  bytes?: Uint8Array;
  state?: FactState;
  importedBy?: string;
  refused?: ConfigFile['refused'];
}

export function configFile(spec: FileSpec): ConfigFile {
  const file: ConfigFile = { path: spec.path ?? DEFAULT_CONFIG_PATH, state: spec.state ?? 'ok' };
  if (spec.importedBy) file.importedBy = spec.importedBy;
  if (file.state !== 'ok') {
    file.reason = `test ${file.state}`;
    if (spec.refused) file.refused = spec.refused;
    return file;
  }
  const decoded = spec.bytes
    ? decodeText(spec.bytes)
    : { text: spec.text ?? '', encoding: 'utf8' as const, lineEndings: 'lf' as const };
  file.text = decoded.text;
  file.encoding = decoded.encoding;
  file.lineEndings = decoded.lineEndings;
  const template = findTemplateMarker(decoded.text);
  if (template) file.template = template;
  file.parse = parseToml(decoded.text);
  return file;
}

/** A containerd config fact: the main file first, then imports. */
export function config(
  files: FileSpec[],
  pathSource: ContainerdConfig['pathSource'] = 'command-line',
): Fact<ContainerdConfig> {
  const built = files.map(configFile);
  return ok({ path: built[0]?.path ?? DEFAULT_CONFIG_PATH, pathSource, files: built });
}

export const configText = (text: string) => config([{ text }]);

export function kubeletConfig(text: string, path = 'C:\\var\\lib\\kubelet\\config.yaml') {
  return ok(parseKubeletConfig(path, text));
}

export const commandLine = (line: string) => ok({ commandLine: line });

export interface KubeletParts {
  version?: string;
  /** Flags after a kubelet.exe program name (the default one, or `program`). */
  flags?: string;
  program?: string;
  line?: Fact<CommandLineInfo>;
  config?: Fact<KubeletConfigInfo>;
  containerdConfig?: Fact<ContainerdConfig>;
  /** containerd's version with containerdConfig (default 1.7.20). */
  containerdVersion?: string;
  /** The kubelet service, when a test needs it (absent: not collected). */
  service?: Fact<ServiceInfo>;
}

const DEFAULT_KUBELET = '"C:\\k\\kubelet.exe" --windows-service --hostname-override=winnode-07';

/** The same facts with containerd's version denied (collected, and could not be read). */
export function withContainerdVersionDenied(f: NodeFacts): NodeFacts {
  if (f.containerd) f.containerd.version = not('denied', 'Access is denied.');
  return f;
}

/** A node with kubelet facts: version, command line (program + flags) and config file. */
export function kubeletFacts(parts: KubeletParts): NodeFacts {
  const program = parts.program ?? DEFAULT_KUBELET;
  const line = parts.line ?? (parts.flags === undefined ? undefined : commandLine(`${program} ${parts.flags}`.trim()));
  return node({
    kubelet: {
      ...(parts.version ? { version: version(`Kubernetes v${parts.version}`) } : {}),
      ...(line ? { commandLine: line } : {}),
      ...(parts.config ? { config: parts.config } : {}),
      ...(parts.service ? { service: parts.service } : {}),
    },
    ...(parts.containerdConfig
      ? { containerd: { config: parts.containerdConfig, version: version(parts.containerdVersion ?? '1.7.20') } }
      : {}),
  });
}

/** A Win32_Service reading, as the collector records it (state Running/Stopped/Paused, start mode Auto/Manual/Disabled). */
export function serviceInfo(name: string, state: string, startMode: string, extra: Partial<ServiceInfo> = {}) {
  return ok<ServiceInfo>({ name, state, startMode, ...extra });
}

/** A KubeletConfiguration document: the apiVersion and kind kubelet requires, then `body`. */
export function kubeletConfigDoc(body: string, path?: string) {
  return kubeletConfig(`apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body}`, path);
}
