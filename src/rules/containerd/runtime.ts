/**
 * The effective default CRI runtime: the handler HostProcess pods get, since they have no RuntimeClass.
 *
 * 1.x (pkg/cri/config config.go, go-toml v1 decode into DefaultConfig): a `runtimes` table replaces the
 * built-in map, each declared runtime starting from zero values (go-toml v1 marshal.go:890-902 MakeMap); a
 * legacy `default_runtime` with a non-empty runtime_type becomes runtime "default" and the default
 * (@v1.7.34 config.go:446-452); the containerd table is an embedded struct, so without a `containerd` key
 * its fields are read from the CRI table itself (valueFromTree, anonymous fields); runtime-level
 * `snapshotter` exists from v1.7.0 (@v1.7.0 config.go:88).
 * 2.x (internal/cri/config): the runtime plugin's table decodes onto the built-ins, field by field
 * (go-toml v2 copies an existing map value and sets its fields); there is no legacy default_runtime.
 */
import type { TomlNode, TomlTable } from '../../parse/toml-tree.js';
import type { Family } from './family.js';
import { criDisabled, type LoadResult, matchingOf } from './load.js';
import { deepMerge } from './merge.js';
import {
  builtInRuntimes,
  CRI_GRPC_KEY,
  CRI_IMAGES_KEY,
  CRI_RUNTIME_KEY,
  CRI_V1_KEY,
  DEFAULT_GRPC_PIPE,
  DEFAULT_WINDOWS_RUNTIME,
  tablePath,
} from './model.js';
import { at, BUILT_IN, field, fileOf, type Origin, originOf, pathTo, sameOrigin, stringOf, stringsOf } from './tree.js';

/** A value and where it was set. */
export interface Sourced<T> {
  value: T;
  origin: Origin;
  /** The key path as written in that file (e.g. plugins.cri.containerd.default_runtime_name). */
  path?: string[];
}

export interface RuntimeView {
  name: string;
  chosenBy: 'legacy default_runtime' | 'default_runtime_name' | 'built-in default';
  /** Where default_runtime_name (or the legacy table) was set; absent for the built-in default. */
  nameSource?: Sourced<string>;
  /** Where the runtime is declared: the TOML table, or the built-in defaults. */
  definedIn: string;
  declaredAt?: Origin;
  runtimeType: string;
  runtimeTypeSource?: Sourced<string>;
  podAnnotations: string[];
  containerAnnotations: string[];
  sandboxIsolation?: number;
  sandboxIsolationSource?: Sourced<number>;
  sandboxPlatform?: string;
  sandboxPlatformSource?: Sourced<string>;
  /** The snapshotter pods of this runtime use (runtime-level where read, else the CRI default, else windows). */
  snapshotter: string;
  snapshotterSource?: Sourced<string>;
}

export type ResolutionProblem =
  | { id: 'emptyDefaultName'; source: Sourced<string> }
  | { id: 'unknownDefaultName'; name: string; known: string[]; source: Sourced<string> };

export interface RuntimeResolution {
  family: Family;
  schemaVersion: number;
  /** Where this containerd reads the runtime settings, e.g. plugins."io.containerd.grpc.v1.cri".containerd */
  sectionPath: string;
  runtime?: RuntimeView;
  problem?: ResolutionProblem;
  /** The CRI service is off: a CRI plugin is in disabled_plugins. */
  criDisabledBy?: string;
  notes: IgnoredTable[];
}

export interface IgnoredTable {
  table: string;
  why: string;
  file?: string;
  line?: number;
}

/** The effective runtime tables of the CRI runtime, after the declared ones are applied. */
export interface CriView {
  section: TomlTable | undefined;
  runtimes: Map<string, TomlTable>;
  defaultName: Sourced<string> | undefined;
  legacy: TomlTable | undefined;
  defaultSnapshotter: Sourced<string> | undefined;
}

function sourced<T>(value: T, node: TomlNode, result: LoadResult): Sourced<T> {
  const origin = originOf(node);
  const tree = result.files.find((f) => f.file.path === origin.file)?.tree;
  const path = tree ? pathTo(tree, node) : undefined;
  return { value, origin, ...(path ? { path } : {}) };
}

/** The CRI plugin key 1.x decodes, by merged version (Config.Decode @v1.7.34:181-184). */
export const criKey1x = (version: number) => (version === 1 ? CRI_V1_KEY : CRI_GRPC_KEY);

export function criView(result: LoadResult): CriView {
  const family = result.family;
  const matching = matchingOf(family);
  const plugins = at(result.config, 'plugins');
  const builtIns = builtInRuntimes(family);
  const runtimes = new Map<string, TomlTable>();
  for (const [k, v] of builtIns.entries) if (v.kind === 'table') runtimes.set(k, v);
  if (family.line === '1.x') {
    const cri = at(plugins?.kind === 'table' ? plugins : undefined, criKey1x(result.version));
    const criTable = cri?.kind === 'table' ? cri : undefined;
    const containerd = field(criTable, 'containerd', matching);
    // The embedded ContainerdConfig is read from the CRI table itself when it has no `containerd` key.
    const section = containerd?.kind === 'table' ? containerd : containerd === undefined ? criTable : undefined;
    const declared = field(section, 'runtimes', matching);
    if (declared?.kind === 'table') {
      runtimes.clear();
      for (const [k, v] of declared.entries) if (v.kind === 'table') runtimes.set(k, v);
    }
    const name = field(section, 'default_runtime_name', matching);
    const legacy = field(section, 'default_runtime', matching);
    const snapshotter = field(section, 'snapshotter', matching);
    return {
      section,
      runtimes,
      defaultName: name?.kind === 'string' ? sourced(name.value as string, name, result) : undefined,
      legacy: legacy?.kind === 'table' ? legacy : undefined,
      defaultSnapshotter:
        snapshotter?.kind === 'string' ? sourced(snapshotter.value as string, snapshotter, result) : undefined,
    };
  }
  const runtimePlugin = at(plugins?.kind === 'table' ? plugins : undefined, CRI_RUNTIME_KEY);
  const section = field(runtimePlugin?.kind === 'table' ? runtimePlugin : undefined, 'containerd', matching);
  const containerd = section?.kind === 'table' ? section : undefined;
  const declared = field(containerd, 'runtimes', matching);
  if (declared?.kind === 'table')
    for (const [k, v] of declared.entries) {
      if (v.kind !== 'table') continue;
      const base = runtimes.get(k);
      // go-toml v2 decodes onto a copy of the existing runtime: fields set, options merged key by key.
      runtimes.set(k, base ? sameOrigin(deepMerge(base, v), v) : v);
    }
  const name = field(containerd, 'default_runtime_name', matching);
  const images = at(plugins?.kind === 'table' ? plugins : undefined, CRI_IMAGES_KEY);
  const snapshotter = field(images?.kind === 'table' ? images : undefined, 'snapshotter', matching);
  const legacy = field(containerd, 'default_runtime', matching);
  return {
    section: containerd,
    runtimes,
    defaultName: name?.kind === 'string' ? sourced(name.value as string, name, result) : undefined,
    legacy: legacy?.kind === 'table' ? legacy : undefined,
    defaultSnapshotter:
      snapshotter?.kind === 'string' ? sourced(snapshotter.value as string, snapshotter, result) : undefined,
  };
}

function sectionKeys(result: LoadResult): string[] {
  if (result.family.line === '2.x') return ['plugins', CRI_RUNTIME_KEY, 'containerd'];
  return ['plugins', criKey1x(result.version), 'containerd'];
}

function view(
  name: string,
  entry: TomlTable,
  chosenBy: RuntimeView['chosenBy'],
  definedIn: string,
  cri: CriView,
  result: LoadResult,
): RuntimeView {
  const matching = matchingOf(result.family);
  const options = field(entry, 'options', matching);
  const optionsTable = options?.kind === 'table' ? options : undefined;
  const type = field(entry, 'runtime_type', matching);
  const runtime: RuntimeView = {
    name,
    chosenBy,
    definedIn,
    runtimeType: stringOf(type) ?? '',
    podAnnotations: stringsOf(field(entry, 'pod_annotations', matching)),
    containerAnnotations: stringsOf(field(entry, 'container_annotations', matching)),
    snapshotter: 'windows',
  };
  if (fileOf(entry) !== BUILT_IN) runtime.declaredAt = originOf(entry);
  if (type?.kind === 'string') runtime.runtimeTypeSource = sourced(type.value as string, type, result);
  const own = result.family.runtimeSnapshotter ? field(entry, 'snapshotter', matching) : undefined;
  if (own?.kind === 'string' && own.value !== '') {
    runtime.snapshotter = own.value as string;
    runtime.snapshotterSource = sourced(own.value as string, own, result);
  } else if (cri.defaultSnapshotter && cri.defaultSnapshotter.value !== '') {
    runtime.snapshotter = cri.defaultSnapshotter.value;
    runtime.snapshotterSource = cri.defaultSnapshotter;
  }
  // options is map[string]interface{}: the keys are exact (runhcs reads its own protobuf JSON names).
  const isolation = optionsTable?.entries.get('SandboxIsolation');
  if (isolation?.kind === 'integer') {
    runtime.sandboxIsolation = Number(isolation.value);
    runtime.sandboxIsolationSource = sourced(runtime.sandboxIsolation, isolation, result);
  }
  const platform = optionsTable?.entries.get('SandboxPlatform');
  if (platform?.kind === 'string') {
    runtime.sandboxPlatform = platform.value as string;
    runtime.sandboxPlatformSource = sourced(runtime.sandboxPlatform, platform, result);
  }
  return runtime;
}

function disabledCri(result: LoadResult): string | undefined {
  if (result.family.line === '1.x') {
    if (criDisabled(result, CRI_GRPC_KEY)) return result.version === 1 ? CRI_V1_KEY : CRI_GRPC_KEY;
    return undefined;
  }
  return [CRI_GRPC_KEY, CRI_RUNTIME_KEY, CRI_IMAGES_KEY].find((id) => criDisabled(result, id));
}

function ignoredTables(result: LoadResult): IgnoredTable[] {
  const notes: IgnoredTable[] = [];
  const family = result.family;
  for (const loaded of result.files) {
    const plugins = at(loaded.tree, 'plugins');
    if (plugins?.kind !== 'table') continue;
    const file = loaded.file.path;
    if (family.line === '1.x' && plugins.entries.has(CRI_RUNTIME_KEY))
      notes.push({
        table: `plugins."${CRI_RUNTIME_KEY}"`,
        why: 'it is a containerd 2.x table; containerd 1.x does not read it',
        file,
        line: (plugins.entries.get(CRI_RUNTIME_KEY) as TomlNode).pos.line,
      });
  }
  return notes;
}

export function resolveDefaultRuntime(result: LoadResult): RuntimeResolution {
  const family = result.family;
  const keys = sectionKeys(result);
  const resolution: RuntimeResolution = {
    family,
    schemaVersion: result.version,
    sectionPath: tablePath(keys),
    notes: ignoredTables(result),
  };
  const off = disabledCri(result);
  if (off) resolution.criDisabledBy = off;
  const cri = criView(result);
  const matching = matchingOf(family);
  const legacyType = stringOf(field(cri.legacy, 'runtime_type', matching)) ?? '';
  if (family.line === '1.x' && legacyType !== '' && cri.legacy) {
    const runtime = view(
      'default',
      cri.legacy,
      'legacy default_runtime',
      `${tablePath(keys)}.default_runtime`,
      cri,
      result,
    );
    const type = field(cri.legacy, 'runtime_type', matching) as TomlNode;
    runtime.nameSource = sourced('default', type, result);
    resolution.runtime = runtime;
    return resolution;
  }
  if (family.line === '2.x' && legacyType !== '' && cri.legacy)
    resolution.notes.push({
      table: `${tablePath(keys)}.default_runtime`,
      why: 'containerd 2.x has no legacy default_runtime table (it is an unknown key); default_runtime_name decides the default',
      file: fileOf(cri.legacy),
      line: cri.legacy.pos.line,
    });
  const configured = cri.defaultName;
  if (configured && configured.value === '') {
    resolution.problem = { id: 'emptyDefaultName', source: configured };
    return resolution;
  }
  const name = configured?.value ?? DEFAULT_WINDOWS_RUNTIME;
  const entry = cri.runtimes.get(name);
  if (!entry) {
    resolution.problem = {
      id: 'unknownDefaultName',
      name,
      known: [...cri.runtimes.keys()],
      source: configured ?? { value: name, origin: { file: BUILT_IN, line: 0, column: 0 } },
    };
    return resolution;
  }
  const declared = fileOf(entry) !== BUILT_IN;
  const definedIn = declared ? tablePath([...keys, 'runtimes', name]) : 'built-in defaults';
  const runtime = view(name, entry, configured ? 'default_runtime_name' : 'built-in default', definedIn, cri, result);
  if (configured) runtime.nameSource = configured;
  resolution.runtime = runtime;
  return resolution;
}

/** containerd's gRPC pipe: [grpc] address (v1–v3), io.containerd.server.v1.grpc (v4), else the default. */
export function grpcAddress(merged: { document: Record<string, unknown> }): string {
  const doc = merged.document as Record<string, Record<string, unknown> | undefined>;
  const topLevel = doc.grpc?.address;
  if (typeof topLevel === 'string' && topLevel !== '') return topLevel;
  const plugins = doc.plugins as Record<string, Record<string, unknown> | undefined> | undefined;
  const v4 = plugins?.['io.containerd.server.v1.grpc']?.address;
  if (typeof v4 === 'string' && v4 !== '') return v4;
  return DEFAULT_GRPC_PIPE;
}
