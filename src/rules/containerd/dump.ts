/**
 * The effective config as a containerd family would load it, for `hostprocess-doctor config-dump`: like
 * `containerd config dump`, the merged files with the Windows defaults filled in, migrations applied, the
 * CRI runtime settings as the CRI plugin decodes them (declared runtimes replacing the built-ins on 1.x,
 * merged onto them on 2.x) and the disabled plugins' tables left out. Every node keeps the file and line
 * it came from (`(built-in default)` otherwise), for --show-origin.
 *
 * What it does not print: the defaults of plugins the doctor does not model (they are printed as the
 * config sets them, if at all), and 2.0.0–2.0.5's dump quirk of printing the CRI settings unmigrated
 * (cmd/containerd/command/config.go @v2.0.0:94-106): it prints what the daemon uses.
 */
import type { TomlNode, TomlTable } from '../../parse/toml-tree.js';
import { type LoadResult, matchingOf, topSchema } from './load.js';
import { mergeFile } from './merge.js';
import { CRI_GRPC_KEY, CRI_IMAGES_KEY, CRI_RUNTIME_KEY, DEFAULT_GRPC_PIPE, DEFAULT_WINDOWS_RUNTIME } from './model.js';
import { criKey1x, criView, resolveDefaultRuntime } from './runtime.js';
import { arr, at, field, int, originOf, shallowCopy, str, table } from './tree.js';

export interface DumpedRuntime {
  name: string;
  runtime_type: string;
  pod_annotations: string[];
  container_annotations: string[];
  options: Record<string, unknown>;
  origin: string;
}

export interface ConfigDump {
  containerd: string;
  family: string;
  /** containerd would start with this config (it may still run without CRI: see cri.enabled). */
  loads: boolean;
  /** containerd's words for its refusal, as it prints them ("containerd: <message>"). */
  refusal?: { message: string; file?: string; line?: number };
  /** The files containerd reads, in its order. */
  files: string[];
  /** The files the doctor could not read (the dump is then incomplete). */
  unread: string[];
  disabledPlugins: string[];
  cri: {
    enabled: boolean;
    defaultRuntime?: string;
    defaultRuntimeOrigin?: string;
    runtimes: DumpedRuntime[];
  };
  /** The effective config tree (TOML-able). */
  config: TomlTable;
}

const where = (node: TomlNode) => {
  const o = originOf(node);
  return o.line > 0 ? `${o.file}:${o.line}` : o.file;
};

function defaults(load: LoadResult): TomlTable {
  const family = load.family;
  return table({
    version: int(family.line === '1.x' ? 2 : family.maxVersion),
    root: str('C:\\ProgramData\\containerd\\root'),
    state: str('C:\\ProgramData\\containerd\\state'),
    disabled_plugins: arr([]),
    required_plugins: arr([]),
    grpc: table({
      address: str(DEFAULT_GRPC_PIPE),
      max_recv_message_size: int(16777216),
      max_send_message_size: int(16777216),
    }),
    plugins: table({}),
  });
}

/** The CRI runtime table as the plugin decodes it: defaults, the effective runtimes and default name. */
function criRuntimeTable(load: LoadResult, existing: TomlNode | undefined): TomlTable {
  const family = load.family;
  const view = criView(load);
  const base = existing?.kind === 'table' ? shallowCopy(existing) : table({});
  // 1.x without a `containerd` table reads the embedded struct from the CRI table itself: a new section.
  const section = view.section && view.section !== existing ? shallowCopy(view.section) : table({});
  const name = field(view.section, 'default_runtime_name', matchingOf(family));
  section.entries.set('default_runtime_name', name ?? str(DEFAULT_WINDOWS_RUNTIME));
  if (family.line === '1.x' && !field(view.section, 'snapshotter', matchingOf(family)))
    section.entries.set('snapshotter', str('windows'));
  const runtimes = table({});
  for (const [name, t] of view.runtimes) runtimes.entries.set(name, t);
  section.entries.set('runtimes', runtimes);
  base.entries.set('containerd', section);
  if (!base.entries.has('cni'))
    base.entries.set(
      'cni',
      family.line === '1.x' || family.version?.minor === 0
        ? table({
            bin_dir: str('C:\\Program Files\\containerd\\cni\\bin'),
            conf_dir: str('C:\\Program Files\\containerd\\cni\\conf'),
            max_conf_num: int(1),
          })
        : table({
            bin_dirs: arr([str('C:\\Program Files\\containerd\\cni\\bin')]),
            conf_dir: str('C:\\Program Files\\containerd\\cni\\conf'),
            max_conf_num: int(1),
          }),
    );
  if (family.line === '1.x' && !base.entries.has('sandbox_image'))
    base.entries.set('sandbox_image', str(family.sandboxImage));
  return base;
}

function imagesTable(load: LoadResult, existing: TomlNode | undefined): TomlTable {
  const base = existing?.kind === 'table' ? shallowCopy(existing) : table({});
  if (!base.entries.has('snapshotter')) base.entries.set('snapshotter', str('windows'));
  const pinned = base.entries.get('pinned_images');
  const p = pinned?.kind === 'table' ? shallowCopy(pinned) : table({});
  if (!p.entries.has('sandbox')) p.entries.set('sandbox', str(load.family.sandboxImage));
  base.entries.set('pinned_images', p);
  return base;
}

function runtimeOf(name: string, t: TomlTable, load: LoadResult): DumpedRuntime {
  const m = matchingOf(load.family);
  const strings = (node: TomlNode | undefined) =>
    node?.kind === 'array' ? node.items.flatMap((i) => (i.kind === 'string' ? [i.value as string] : [])) : [];
  const type = field(t, 'runtime_type', m);
  const options = field(t, 'options', m);
  const plain: Record<string, unknown> = {};
  if (options?.kind === 'table')
    for (const [k, v] of options.entries)
      plain[k] =
        v.kind === 'integer' ? Number(v.value) : v.kind === 'table' || v.kind === 'array' ? '(table)' : v.value;
  return {
    name,
    runtime_type: type?.kind === 'string' ? (type.value as string) : '',
    pod_annotations: strings(field(t, 'pod_annotations', m)),
    container_annotations: strings(field(t, 'container_annotations', m)),
    options: plain,
    origin: where(t),
  };
}

export function dumpConfig(load: LoadResult): ConfigDump {
  const family = load.family;
  const schema = topSchema(family);
  const config = mergeFile(defaults(load), load.config, schema, family.line);
  // 1.x's dump prints version 2 whatever was loaded (cmd/containerd/command/config.go @v1.6.0:86).
  config.entries.set('version', int(family.line === '1.x' ? 2 : Math.max(load.version, 3)));
  config.entries.set(
    'imports',
    family.line === '1.x' ? arr(load.files.map((f) => str(f.file.path))) : (config.entries.get('imports') ?? arr([])),
  );
  const plugins = at(config, 'plugins');
  const out = plugins?.kind === 'table' ? shallowCopy(plugins) : table({});
  for (const id of load.disabled) out.entries.delete(id);
  const resolution = resolveDefaultRuntime(load);
  const criEnabled = !resolution.criDisabledBy;
  if (family.line === '1.x') {
    const key = criKey1x(load.version);
    const existing = out.entries.get(key);
    out.entries.delete(key);
    if (criEnabled) out.entries.set(CRI_GRPC_KEY, criRuntimeTable(load, existing));
  } else {
    if (!load.disabled.includes(CRI_RUNTIME_KEY))
      out.entries.set(CRI_RUNTIME_KEY, criRuntimeTable(load, out.entries.get(CRI_RUNTIME_KEY)));
    if (!load.disabled.includes(CRI_IMAGES_KEY))
      out.entries.set(CRI_IMAGES_KEY, imagesTable(load, out.entries.get(CRI_IMAGES_KEY)));
  }
  config.entries.set('plugins', out);
  const view = criView(load);
  const runtime = resolution.runtime;
  return {
    containerd: family.label.replace(/^containerd /, ''),
    family: family.id,
    loads: !load.refusal,
    ...(load.refusal
      ? {
          refusal: {
            message: load.refusal.message,
            ...(load.refusal.file ? { file: load.refusal.file } : {}),
            ...(load.refusal.line ? { line: load.refusal.line } : {}),
          },
        }
      : {}),
    files: load.files.map((f) => f.file.path),
    unread: load.unseen.map((f) => f.path),
    disabledPlugins: load.disabled,
    cri: {
      enabled: criEnabled,
      // The name CRI looks up, set or built in, whether or not a runtime of that name is declared.
      ...(criEnabled ? { defaultRuntime: runtime?.name ?? view.defaultName?.value ?? DEFAULT_WINDOWS_RUNTIME } : {}),
      ...(runtime?.nameSource
        ? { defaultRuntimeOrigin: `${runtime.nameSource.origin.file}:${runtime.nameSource.origin.line}` }
        : {}),
      runtimes: [...view.runtimes].map(([name, t]) => runtimeOf(name, t, load)),
    },
    config,
  };
}

/** `file:line` of a node, for --show-origin. */
export const originText = where;
