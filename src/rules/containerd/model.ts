/**
 * What containerd knows about its own config: schema versions, plugin IDs, CRI table names and the
 * built-in Windows runtimes. Sources (see docs/checks/containerd-config.md for quotes):
 * - containerd services/server/config/config.go (1.x) and cmd/containerd/server/config/config.go (2.x)
 * - pkg/cri/config/config_windows.go (1.x), internal/cri/config/config_windows.go (2.x)
 */

import semver from 'semver';
import type { TomlTable } from '../../parse/toml-tree.js';
import type { ParsedVersion } from '../../parse/versions.js';
import type { Family } from './family.js';
import { arr, bool, int, str, table } from './tree.js';

export type Table = Record<string, unknown>;

export const isTable = (value: unknown): value is Table =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const CRI_V1_KEY = 'cri';
export const CRI_GRPC_KEY = 'io.containerd.grpc.v1.cri';
export const CRI_RUNTIME_KEY = 'io.containerd.cri.v1.runtime';
export const CRI_IMAGES_KEY = 'io.containerd.cri.v1.images';

export const RUNHCS = 'io.containerd.runhcs.v1';
export const DEFAULT_WINDOWS_RUNTIME = 'runhcs-wcow-process';
export const DEFAULT_GRPC_PIPE = '\\\\.\\pipe\\containerd-containerd';
export const LCOW_SNAPSHOTTER = 'windows-lcow';
export const HOSTPROCESS_ANNOTATION = 'microsoft.com/hostprocess-container';

/** The 1.7 release fixes suggest: the newest 1.7 patch in containerd's tags when this was written; any newer patch is fine. */
export const SUGGESTED_CONTAINERD = '1.7.34';

/** The release line decides how the config is read. */
export type ContainerdLine = '1.x' | '2.x';

/** v1 short plugin names and what containerd 2.x migrates them to (v1MigratePluginName). */
export const V1_CORE_PLUGINS: Record<string, string> = {
  cri: CRI_GRPC_KEY,
  cgroups: 'io.containerd.monitor.v1.cgroups',
  linux: 'io.containerd.runtime.v1.linux',
  scheduler: 'io.containerd.gc.v1.scheduler',
  bolt: 'io.containerd.metadata.v1.bolt',
  task: 'io.containerd.runtime.v2.task',
  opt: 'io.containerd.internal.v1.opt',
  restart: 'io.containerd.internal.v1.restart',
  tracing: 'io.containerd.internal.v1.tracing',
  otlp: 'io.containerd.tracing.processor.v1.otlp',
  aufs: 'io.containerd.snapshotter.v1.aufs',
  btrfs: 'io.containerd.snapshotter.v1.btrfs',
  devmapper: 'io.containerd.snapshotter.v1.devmapper',
  native: 'io.containerd.snapshotter.v1.native',
  overlayfs: 'io.containerd.snapshotter.v1.overlayfs',
  zfs: 'io.containerd.snapshotter.v1.zfs',
};

export function migrateV1PluginName(name: string): string {
  if (name.includes('.')) return name;
  const core = V1_CORE_PLUGINS[name];
  if (core) return core;
  if (name.endsWith('-service')) return `io.containerd.service.v1.${name}`;
  if (name === 'windows' || name === 'windows-lcow') return `io.containerd.snapshotter.v1.${name}`;
  return `io.containerd.grpc.v1.${name}`;
}

/** Plugin IDs `containerd config default` prints on Windows (1.6, 1.7, 2.x) plus other common ones. */
export const KNOWN_PLUGIN_IDS = [
  CRI_GRPC_KEY,
  CRI_RUNTIME_KEY,
  CRI_IMAGES_KEY,
  'io.containerd.gc.v1.scheduler',
  'io.containerd.internal.v1.opt',
  'io.containerd.internal.v1.restart',
  'io.containerd.internal.v1.tracing',
  'io.containerd.metadata.v1.bolt',
  'io.containerd.monitor.v1.cgroups',
  'io.containerd.monitor.container.v1.restart',
  'io.containerd.monitor.task.v1.cgroups',
  'io.containerd.nri.v1.nri',
  'io.containerd.runtime.v1.linux',
  'io.containerd.runtime.v2.task',
  'io.containerd.service.v1.diff-service',
  'io.containerd.service.v1.tasks-service',
  'io.containerd.tracing.processor.v1.otlp',
  'io.containerd.transfer.v1.local',
  'io.containerd.image-verifier.v1.bindir',
  'io.containerd.shim.v1.manager',
  'io.containerd.snapshotter.v1.windows',
  'io.containerd.snapshotter.v1.windows-lcow',
  'io.containerd.server.v1.grpc',
  'io.containerd.server.v1.grpc-tcp',
  'io.containerd.server.v1.ttrpc',
  'io.containerd.server.v1.debug',
  'io.containerd.server.v1.metrics',
  'io.containerd.metrics.v1.grpc-prometheus',
];

/** Plugin types: an ID `io.containerd.<type>.v<N>.<name>` with a known type is accepted as a plugin. */
export const KNOWN_PLUGIN_TYPES = new Set(
  [
    'content',
    'cri',
    'differ',
    'event',
    'gc',
    'grpc',
    'image-verifier',
    'internal',
    'lease',
    'metadata',
    'metrics',
    'monitor',
    'monitor.container',
    'monitor.task',
    'nri',
    'podsandbox',
    'runtime',
    'sandbox',
    'sandbox.controller',
    'sandbox.store',
    'server',
    'service',
    'shim',
    'snapshotter',
    'streaming',
    'tracing',
    'tracing.processor',
    'transfer',
    'ttrpc',
    'warning',
    'mount-handler',
    'mount-manager',
  ].map((t) => t),
);

export const KNOWN_TOP_LEVEL = [
  'version',
  'root',
  'state',
  'temp',
  'plugin_dir',
  'disabled_plugins',
  'required_plugins',
  'oom_score',
  'imports',
  'grpc',
  'ttrpc',
  'debug',
  'metrics',
  'cgroup',
  'plugins',
  'timeouts',
  'proxy_plugins',
  'stream_processors',
];

/** Tables and keys of the CRI `containerd` section (1.x and 2.x). */
export const KNOWN_CONTAINERD_SECTION = [
  'default_runtime_name',
  'runtimes',
  'default_runtime',
  'untrusted_workload_runtime',
  'snapshotter',
  'no_pivot',
  'disable_snapshot_annotations',
  'discard_unpacked_layers',
  'ignore_blockio_not_enabled_errors',
  'ignore_rdt_not_enabled_errors',
];

/** Keys of one runtime entry. */
export const KNOWN_RUNTIME_KEYS = [
  'runtime_type',
  'runtime_engine',
  'runtime_root',
  'runtime_path',
  'pod_annotations',
  'container_annotations',
  'privileged_without_host_devices',
  'privileged_without_host_devices_all_devices_allowed',
  'base_runtime_spec',
  'cni_conf_dir',
  'cni_max_conf_num',
  'snapshotter',
  'sandbox_mode',
  'sandboxer',
  'io_type',
  'options',
  'treat_ro_mounts_as_rro',
  'cgroup_writable',
];

/** runhcs `options` keys (hcsshim cmd/containerd-shim-runhcs-v1/options/runhcs.proto). */
export const KNOWN_RUNHCS_OPTIONS = [
  'Debug',
  'DebugType',
  'RegistryRoot',
  'SandboxImage',
  'SandboxPlatform',
  'SandboxIsolation',
  'BootFilesRootPath',
  'VmProcessorCount',
  'VmMemorySizeInMb',
  'GPUVHDPath',
  'ScaleCpuLimitsToSandbox',
  'DefaultContainerScratchSizeInGb',
  'DefaultVmScratchSizeInGb',
  'ShareScratch',
  'NCProxyAddr',
  'IoRetryTimeoutInSec',
  'DefaultContainerAnnotations',
  'LogLevel',
  'ScrubLogs',
  'NoInheritHostTimezone',
];

/** Tables directly under the CRI plugin that hold runtime settings (1.x layout). */
export const KNOWN_CRI_TABLES = [
  'containerd',
  'cni',
  'registry',
  'image_decryption',
  'x509_key_pair_streaming',
  'pinned_images',
  'runtime_platforms',
];

/**
 * The Windows CRI runtimes containerd has before a config is applied (config_windows.go DefaultConfig /
 * DefaultRuntimeConfig): 1.6 has only runhcs-wcow-process, with no annotations (@v1.6.0:40-44); 1.7.0+ and
 * 2.x add runhcs-wcow-hypervisor (SandboxIsolation 1) and the io.microsoft.* allow-lists (@v1.7.0:43-66,
 * @v2.0.0:55-76); 2.2.7 and 2.3.4 add options.ScrubLogs = true to both.
 */
export function builtInRuntimes(family: Family): TomlTable {
  const process = table({ runtime_type: str(RUNHCS) });
  if (!family.hypervisorBuiltIn) return table({ [DEFAULT_WINDOWS_RUNTIME]: process });
  process.entries.set('container_annotations', arr([str('io.microsoft.container.*')]));
  const hypervisorOptions = table({ SandboxIsolation: int(1), ScaleCpuLimitsToSandbox: bool(true) });
  if (family.scrubLogs) {
    process.entries.set('options', table({ ScrubLogs: bool(true) }));
    hypervisorOptions.entries.set('ScrubLogs', bool(true));
  }
  const hypervisor = table({
    runtime_type: str(RUNHCS),
    pod_annotations: arr([str('io.microsoft.virtualmachine.*')]),
    container_annotations: arr([str('io.microsoft.container.*')]),
    options: hypervisorOptions,
  });
  return table({ [DEFAULT_WINDOWS_RUNTIME]: process, 'runhcs-wcow-hypervisor': hypervisor });
}

/** Renders a table path the way it is written in TOML: plugins."io.containerd.grpc.v1.cri".containerd */
export function tablePath(segments: string[]): string {
  return segments.map((s) => (/^[A-Za-z0-9_-]+$/.test(s) ? s : `"${s}"`)).join('.');
}

/**
 * hcsshim prints "UVM does not support HostProcess containers" from v0.15.0-rc.2 on
 * (microsoft/hcsshim@v0.15.0-rc.2 cmd/containerd-shim-runhcs-v1/pod.go:504; absent in v0.9.x–v0.14.x and
 * v0.15.0-rc.1).
 */
export function reportsUvmHostProcess(shim: ParsedVersion): boolean {
  const text = `${shim.core}${shim.prerelease ? `-${shim.prerelease}` : ''}`;
  return semver.valid(text) !== null && semver.gte(text, '0.15.0-rc.2');
}
