/**
 * Merging a config with its imports the way each containerd line does.
 *
 * Both lines load the main file, then its imports in order, then their imports (breadth first), skipping
 * a path already loaded; later files win. They differ in how:
 * - 1.x (services/server/config mergeConfig): each plugin's table is replaced whole by a later file that
 *   defines it ("it merges the plugin's configuration by section", containerd#5837); top-level slices
 *   append; other values override when non-zero; the last non-zero `version` wins.
 * - 2.x (PR #9982): plugin tables merge key by key; top-level slices append without duplicates. An import
 *   with a lower version is migrated first; one with a higher version than the root is an error.
 */
import {
  type ContainerdLine,
  CRI_GRPC_KEY,
  CRI_IMAGES_KEY,
  CRI_RUNTIME_KEY,
  isTable,
  migrateV1PluginName,
  type Table,
} from './model.js';

export interface LoadedDocument {
  path: string;
  document: Table;
}

export interface MergedConfig {
  /** The schema version containerd reads the merged config as (no `version` key means 1). */
  version: number;
  /** Whether any file set `version`. */
  explicitVersion: boolean;
  document: Table;
  problems: MergeProblem[];
}

export interface MergeProblem {
  id: 'importVersionHigher';
  path: string;
  importVersion: number;
  rootVersion: number;
  /** containerd's own words for it. */
  message: string;
}

const SLICE_KEYS = new Set(['imports', 'disabled_plugins', 'required_plugins']);
const REPLACED_PER_KEY = new Set(['timeouts', 'stream_processors', 'proxy_plugins']);

export function versionOf(document: Table): number | undefined {
  const v = document.version;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

const isZero = (value: unknown) => value === undefined || value === '' || value === 0 || value === false;

/** mergo.Merge(to, from, WithOverride): non-zero values of `from` win; tables merge recursively. */
function mergeOverride(to: Table, from: Table): Table {
  const out: Table = { ...to };
  for (const [key, value] of Object.entries(from)) {
    const existing = out[key];
    if (isTable(existing) && isTable(value)) out[key] = mergeOverride(existing, value);
    else if (!isZero(value)) out[key] = value;
    else if (!(key in out)) out[key] = value;
  }
  return out;
}

/** Deep merge where a later value always wins and arrays are replaced (2.x plugin tables). */
export function deepMerge(to: Table, from: Table): Table {
  const out: Table = { ...to };
  for (const [key, value] of Object.entries(from)) {
    const existing = out[key];
    out[key] = isTable(existing) && isTable(value) ? deepMerge(existing, value) : value;
  }
  return out;
}

function appendSlice(to: unknown, from: unknown, dedupe: boolean): unknown {
  const a = Array.isArray(to) ? to : [];
  const b = Array.isArray(from) ? from : [];
  return dedupe ? [...a, ...b.filter((x) => !a.includes(x))] : [...a, ...b];
}

function mergeTopLevel(to: Table, from: Table, line: ContainerdLine): Table {
  const out: Table = { ...to };
  for (const [key, value] of Object.entries(from)) {
    if (SLICE_KEYS.has(key)) {
      out[key] = appendSlice(out[key], value, line === '2.x');
    } else if (key === 'plugins' && isTable(value)) {
      const plugins = isTable(out.plugins) ? out.plugins : {};
      out.plugins = line === '1.x' ? { ...plugins, ...value } : deepMerge(plugins, value);
    } else if (REPLACED_PER_KEY.has(key) && isTable(value)) {
      out[key] = { ...(isTable(out[key]) ? out[key] : {}), ...value };
    } else if (isTable(out[key]) && isTable(value)) {
      out[key] = mergeOverride(out[key] as Table, value);
    } else if (!isZero(value) || !(key in out)) {
      out[key] = value;
    }
  }
  return out;
}

function renameKeys(table: Table, rename: (key: string) => string): Table {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [rename(k), v]));
}

const MOVED_TO_IMAGES = new Set(['snapshotter', 'disable_snapshot_annotations', 'discard_unpacked_layers']);

/**
 * containerd 2.x's migration of a v1/v2 document to v3, reduced to what the checks read: plugin keys
 * renamed from v1 short names, and the CRI `containerd` section moved to io.containerd.cri.v1.runtime with
 * its snapshotter moved to io.containerd.cri.v1.images.
 */
export function migrateToV3(document: Table, fromVersion: number): Table {
  let plugins = isTable(document.plugins) ? document.plugins : {};
  if (fromVersion < 2) plugins = renameKeys(plugins, migrateV1PluginName);
  if (fromVersion < 3) {
    const cri = plugins[CRI_GRPC_KEY];
    if (isTable(cri)) {
      const { containerd, cni, registry, sandbox_image: sandboxImage, ...serverSettings } = cri;
      const runtimeSection: Table = {};
      const imagesSection: Table = {};
      for (const [k, v] of Object.entries(isTable(containerd) ? containerd : {})) {
        if (MOVED_TO_IMAGES.has(k)) imagesSection[k] = v;
        else runtimeSection[k] = v;
      }
      if (isTable(registry)) imagesSection.registry = registry;
      if (typeof sandboxImage === 'string') imagesSection.pinned_images = { sandbox: sandboxImage };
      const runtimePlugin: Table = isTable(plugins[CRI_RUNTIME_KEY]) ? (plugins[CRI_RUNTIME_KEY] as Table) : {};
      const imagesPlugin: Table = isTable(plugins[CRI_IMAGES_KEY]) ? (plugins[CRI_IMAGES_KEY] as Table) : {};
      const moved: Table = {};
      if (isTable(containerd)) moved.containerd = runtimeSection;
      if (isTable(cni)) moved.cni = cni;
      plugins = {
        ...plugins,
        // What stays under io.containerd.grpc.v1.cri in 2.x is the server part (stream server, TLS).
        [CRI_GRPC_KEY]: serverSettings,
        [CRI_RUNTIME_KEY]: deepMerge(moved, runtimePlugin),
        [CRI_IMAGES_KEY]: deepMerge(imagesSection, imagesPlugin),
      };
    }
  }
  return { ...document, plugins, version: Math.max(fromVersion, 3) };
}

export function mergeDocuments(documents: LoadedDocument[], line: ContainerdLine): MergedConfig {
  const problems: MergeProblem[] = [];
  let merged: Table = {};
  let explicitVersion = false;
  let rootVersion: number | undefined;
  for (const { path, document } of documents) {
    const version = versionOf(document);
    if (version !== undefined) explicitVersion = true;
    if (line === '2.x') {
      rootVersion ??= version;
      if (version !== undefined && rootVersion !== undefined && version > rootVersion) {
        problems.push({
          id: 'importVersionHigher',
          path,
          importVersion: version,
          rootVersion,
          message: `drop-in config version ${version} higher than root config version ${rootVersion}`,
        });
        continue;
      }
      const target = Math.max(rootVersion ?? 1, 3);
      merged = mergeTopLevel(merged, migrateToV3(document, version ?? 1), line);
      merged.version = target;
    } else {
      merged = mergeTopLevel(merged, document, line);
    }
  }
  const version = line === '2.x' ? (rootVersion ?? 1) : (versionOf(merged) ?? 1);
  return { version, explicitVersion, document: merged, problems };
}
