/**
 * The effective default CRI runtime: the handler HostProcess pods get, since they have no RuntimeClass.
 *
 * 1.x (pkg/cri/config ValidatePluginConfig): a legacy `default_runtime` table with a non-empty runtime_type
 * becomes runtime "default" and forces default_runtime_name = "default"; an empty one is ignored. A config
 * that declares any `runtimes.*` table replaces the built-in map (go-toml v1 builds a fresh map), and a
 * declared runtime starts from zero values.
 * 2.x (internal/cri/config): no legacy table; declared runtimes merge field by field onto the built-ins.
 */

import { deepMerge, type MergedConfig } from './merge.js';
import {
  builtInRuntimes,
  type ContainerdLine,
  CRI_GRPC_KEY,
  CRI_IMAGES_KEY,
  CRI_RUNTIME_KEY,
  CRI_V1_KEY,
  DEFAULT_GRPC_PIPE,
  DEFAULT_WINDOWS_RUNTIME,
  isTable,
  type Table,
  tablePath,
} from './model.js';

export interface RuntimeView {
  name: string;
  /** How the name was chosen. */
  chosenBy: 'legacy default_runtime' | 'default_runtime_name' | 'built-in default';
  /** Where it is defined: the TOML table, or the built-in defaults. */
  definedIn: string;
  runtimeType: string;
  podAnnotations: string[];
  containerAnnotations: string[];
  sandboxIsolation?: number;
  sandboxPlatform?: string;
  /** The snapshotter pods of this runtime use (runtime-level, else the CRI default, else `windows`). */
  snapshotter: string;
}

export type ResolutionProblem =
  | { id: 'unsupportedVersion'; version: number; max: number }
  | { id: 'emptyDefaultName' }
  | { id: 'unknownDefaultName'; name: string; known: string[] };

export interface RuntimeResolution {
  line: ContainerdLine;
  schemaVersion: number;
  /** Where the runtime settings are read from, e.g. plugins."io.containerd.grpc.v1.cri".containerd */
  sectionPath: string;
  runtime?: RuntimeView;
  problem?: ResolutionProblem;
  /** Tables this containerd does not read: a legacy table 2.x ignores, settings in a table of the other line. */
  notes: IgnoredTable[];
}

export interface IgnoredTable {
  table: string;
  why: string;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const table = (v: unknown): Table => (isTable(v) ? v : {});

function criSectionKeys(line: ContainerdLine, version: number): string[] {
  if (line === '2.x') return ['plugins', CRI_RUNTIME_KEY, 'containerd'];
  return version >= 2 ? ['plugins', CRI_GRPC_KEY, 'containerd'] : ['plugins', CRI_V1_KEY, 'containerd'];
}

function dig(document: Table, keys: string[]): unknown {
  let current: unknown = document;
  for (const key of keys) current = isTable(current) ? current[key] : undefined;
  return current;
}

function runtimesFor(section: Table, line: ContainerdLine, minor: number | undefined): Record<string, Table> {
  const builtIns = builtInRuntimes(line, minor) as unknown as Record<string, Table>;
  const declared = isTable(section.runtimes) ? (section.runtimes as Record<string, unknown>) : undefined;
  if (!declared) return builtIns;
  if (line === '1.x') return Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, table(v)]));
  const merged: Record<string, Table> = { ...builtIns };
  for (const [name, value] of Object.entries(declared)) merged[name] = deepMerge(builtIns[name] ?? {}, table(value));
  return merged;
}

function view(
  name: string,
  entry: Table,
  chosenBy: RuntimeView['chosenBy'],
  definedIn: string,
  defaultSnapshotter: string,
): RuntimeView {
  const options = table(entry.options);
  const runtime: RuntimeView = {
    name,
    chosenBy,
    definedIn,
    runtimeType: typeof entry.runtime_type === 'string' ? entry.runtime_type : '',
    podAnnotations: strings(entry.pod_annotations),
    containerAnnotations: strings(entry.container_annotations),
    snapshotter:
      typeof entry.snapshotter === 'string' && entry.snapshotter !== '' ? entry.snapshotter : defaultSnapshotter,
  };
  if (typeof options.SandboxIsolation === 'number') runtime.sandboxIsolation = options.SandboxIsolation;
  if (typeof options.SandboxPlatform === 'string') runtime.sandboxPlatform = options.SandboxPlatform;
  return runtime;
}

function settingsOutsideSection(merged: MergedConfig, line: ContainerdLine): IgnoredTable[] {
  const notes: IgnoredTable[] = [];
  const plugins = table(merged.document.plugins);
  if (line === '1.x' && isTable(plugins[CRI_RUNTIME_KEY])) {
    notes.push({
      table: `plugins."${CRI_RUNTIME_KEY}"`,
      why: 'it is a containerd 2.x table; containerd 1.x does not read it',
    });
  }
  if (line === '2.x' && merged.version >= 3) {
    const grpcCri = table(plugins[CRI_GRPC_KEY]);
    for (const moved of ['containerd', 'cni', 'registry']) {
      if (isTable(grpcCri[moved])) {
        notes.push({
          table: `plugins."${CRI_GRPC_KEY}".${moved}`,
          why: `in a version ${merged.version} config containerd 2.x reads it from plugins."${moved === 'registry' ? CRI_IMAGES_KEY : CRI_RUNTIME_KEY}"`,
        });
      }
    }
  }
  return notes;
}

export function resolveDefaultRuntime(merged: MergedConfig, line: ContainerdLine, minor?: number): RuntimeResolution {
  const keys = criSectionKeys(line, merged.version);
  const resolution: RuntimeResolution = {
    line,
    schemaVersion: merged.version,
    sectionPath: tablePath(keys),
    notes: settingsOutsideSection(merged, line),
  };
  if (line === '1.x' && merged.version > 2) {
    resolution.problem = { id: 'unsupportedVersion', version: merged.version, max: 2 };
    return resolution;
  }
  const section = table(dig(merged.document, keys));
  const criDefaultSnapshotter =
    line === '2.x' ? dig(merged.document, ['plugins', CRI_IMAGES_KEY, 'snapshotter']) : section.snapshotter;
  const defaultSnapshotter =
    typeof criDefaultSnapshotter === 'string' && criDefaultSnapshotter !== '' ? criDefaultSnapshotter : 'windows';
  const legacy = table(section.default_runtime);
  const legacyType = typeof legacy.runtime_type === 'string' ? legacy.runtime_type : '';

  if (line === '1.x' && legacyType !== '') {
    resolution.runtime = view(
      'default',
      legacy,
      'legacy default_runtime',
      `${tablePath(keys)}.default_runtime`,
      defaultSnapshotter,
    );
    return resolution;
  }
  if (line === '2.x' && legacyType !== '') {
    resolution.notes.push({
      table: `${tablePath(keys)}.default_runtime`,
      why: 'containerd 2.x ignores the legacy default_runtime table; default_runtime_name decides the default',
    });
  }
  const runtimes = runtimesFor(section, line, minor);
  const configured = section.default_runtime_name;
  if (configured === '') {
    resolution.problem = { id: 'emptyDefaultName' };
    return resolution;
  }
  const name = typeof configured === 'string' ? configured : DEFAULT_WINDOWS_RUNTIME;
  const entry = runtimes[name];
  if (!entry) {
    resolution.problem = { id: 'unknownDefaultName', name, known: Object.keys(runtimes) };
    return resolution;
  }
  const declared = isTable(section.runtimes) && isTable((section.runtimes as Table)[name]);
  const definedIn = declared ? `${tablePath([...keys, 'runtimes', name])}` : 'built-in defaults';
  resolution.runtime = view(
    name,
    entry,
    typeof configured === 'string' ? 'default_runtime_name' : 'built-in default',
    definedIn,
    defaultSnapshotter,
  );
  return resolution;
}

/** containerd's gRPC address: [grpc] address (v1–v3), io.containerd.server.v1.grpc (v4), else the default pipe. */
export function grpcAddress(merged: MergedConfig): string {
  const topLevel = dig(merged.document, ['grpc', 'address']);
  if (typeof topLevel === 'string' && topLevel !== '') return topLevel;
  const v4 = dig(merged.document, ['plugins', 'io.containerd.server.v1.grpc', 'address']);
  if (typeof v4 === 'string' && v4 !== '') return v4;
  return DEFAULT_GRPC_PIPE;
}
