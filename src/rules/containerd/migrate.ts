/**
 * containerd 2.x's config migrations, on typed trees (nodes keep their file and line):
 *
 * - v1Migrate (cmd/containerd/server/config/config.go @v2.0.0:193-207): plugin keys and
 *   disabled/required entries without a dot get full IDs (v1MigratePluginName :152-191).
 * - The CRI runtime plugin's ConfigMigration (plugins/cri/runtime/plugin.go): v2.0.0–v2.0.1 put the whole
 *   io.containerd.grpc.v1.cri table in place of io.containerd.cri.v1.runtime (@v2.0.0:58-64); v2.0.2+ copy
 *   only the keys the runtime table lacks (@v2.2.7:214-307, commits 468079c5c/fb44e37ff), skipping image
 *   and stream-server keys and containerd.{snapshotter,disable_snapshot_annotations,discard_unpacked_layers};
 *   v2.1+ also merge `cni` per key and move bin_dir to bin_dirs (42effa3b9).
 * - The CRI images plugin's ConfigMigration (plugins/cri/images/plugin.go @v2.2.7:175-262): sandbox_image to
 *   pinned_images.sandbox, registry and the other image keys copied over (overwriting), the snapshotter
 *   settings of the `containerd` table too.
 * - The CRI gRPC plugin's ConfigMigration (plugins/cri/cri.go): after the runtime and images plugins took
 *   their keys (they come first in the plugin graph: it requires them), the table keeps only
 *   disable_tcp_service (@v2.0.0:62-82, deleted when absent) or the stream-server keys (@v2.0.1:239-265,
 *   be5eda069; @v2.3.4:277-303).
 * - The restart monitor's ConfigMigration (plugins/restart/monitor.go @v2.0.0:66-77): the 1.x
 *   io.containerd.internal.v1.restart table moves to io.containerd.monitor.container.v1.restart.
 * - serviceMigrate (3 → 4, @v2.3.4 config.go:228-339): [grpc], [ttrpc], [debug] and [metrics] addresses move
 *   into io.containerd.server.v1.* plugins when those keys are absent in the same file.
 *
 * The migrations assert Go types without checking (`c.(map[string]interface{})`): a value of another type
 * there panics, and containerd crashes; those are reported as MigrationPanic.
 */
import type { TomlNode, TomlTable } from '../../parse/toml-tree.js';
import type { Family } from './family.js';
import { CRI_GRPC_KEY, CRI_IMAGES_KEY, CRI_RUNTIME_KEY, migrateV1PluginName } from './model.js';
import { arr, sameOrigin, shallowCopy, str, table } from './tree.js';

export class MigrationPanic extends Error {
  constructor(
    readonly what: string,
    readonly got: TomlNode,
  ) {
    super(`interface conversion: interface {} is ${goDynamicType(got)}, not ${what}`);
  }
}

function goDynamicType(node: TomlNode): string {
  switch (node.kind) {
    case 'string':
      return 'string';
    case 'integer':
      return 'int64';
    case 'float':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'array':
      return '[]interface {}';
    case 'table':
      return 'map[string]interface {}';
    default:
      return 'toml.LocalDate';
  }
}

const MAP = 'map[string]interface {}';

function mustTable(node: TomlNode): TomlTable {
  if (node.kind !== 'table') throw new MigrationPanic(MAP, node);
  return node;
}

/** v1Migrate on one file's config view (the Config struct's fields). */
export function v1Migrate(view: TomlTable): TomlTable {
  const out = shallowCopy(view);
  const plugins = view.entries.get('plugins');
  if (plugins?.kind === 'table') {
    const renamed = shallowCopy(plugins);
    renamed.entries.clear();
    for (const [k, v] of plugins.entries) renamed.entries.set(migrateV1PluginName(k), v);
    out.entries.set('plugins', renamed);
  }
  for (const key of ['disabled_plugins', 'required_plugins']) {
    const list = view.entries.get(key);
    if (list?.kind !== 'array') continue;
    out.entries.set(
      key,
      sameOrigin(
        {
          ...list,
          items: list.items.map((i) =>
            i.kind === 'string' ? sameOrigin({ ...i, value: migrateV1PluginName(i.value as string) }, i) : i,
          ),
        },
        list,
      ),
    );
  }
  return out;
}

const RUNTIME_SKIPPED = new Set([
  'sandbox_image',
  'registry',
  'image_decryption',
  'max_concurrent_downloads',
  'image_pull_progress_timeout',
  'image_pull_with_sync_fs',
  'stats_collect_period',
  'disable_tcp_service',
  'stream_server_address',
  'stream_server_port',
  'stream_idle_timeout',
  'enable_tls_streaming',
  'x509_key_pair_streaming',
]);
const MOVED_TO_IMAGES = new Set(['snapshotter', 'disable_snapshot_annotations', 'discard_unpacked_layers']);

/** sandbox_mode becomes sandboxer in every runtime (both variants). */
function sandboxerStep(runtimes: TomlNode, remove: boolean): TomlTable {
  const out = shallowCopy(mustTable(runtimes));
  for (const [name, value] of out.entries) {
    const runtime = shallowCopy(mustTable(value));
    const mode = runtime.entries.get('sandbox_mode');
    if (mode !== undefined && !runtime.entries.has('sandboxer')) {
      runtime.entries.set('sandboxer', mode);
      if (remove) runtime.entries.delete('sandbox_mode');
    }
    out.entries.set(name, runtime);
  }
  return out;
}

/** The CRI runtime plugin's migration of a plugins table, per family. */
export function migrateRuntime(plugins: TomlTable, family: Family): void {
  const srcNode = plugins.entries.get(CRI_GRPC_KEY);
  if (srcNode === undefined) return;
  if (family.runtimeMigration === 'replace') {
    const conf = shallowCopy(mustTable(srcNode));
    const containerd = conf.entries.get('containerd');
    if (containerd !== undefined) {
      const c = shallowCopy(mustTable(containerd));
      const runtimes = c.entries.get('runtimes');
      if (runtimes !== undefined) c.entries.set('runtimes', sandboxerStep(runtimes, false));
      conf.entries.set('containerd', c);
    }
    plugins.entries.set(CRI_RUNTIME_KEY, conf);
    return;
  }
  if (srcNode.kind !== 'table') return;
  const src = srcNode;
  const existing = plugins.entries.get(CRI_RUNTIME_KEY);
  const dst = existing?.kind === 'table' ? shallowCopy(existing) : table({}, '(migrated)');
  for (const [k, v] of src.entries) {
    if (k === 'containerd' || (k === 'cni' && family.cniMigration) || RUNTIME_SKIPPED.has(k)) continue;
    if (!dst.entries.has(k)) dst.entries.set(k, v);
  }
  const cni = src.entries.get('cni');
  if (family.cniMigration && cni?.kind === 'table') {
    const dstCni = dst.entries.get('cni');
    const merged = dstCni?.kind === 'table' ? shallowCopy(dstCni) : table({}, '(migrated)');
    for (const [k, v] of cni.entries) {
      if (k === 'bin_dir') {
        // `newCniConf["bin_dirs"].([]string)` never holds for decoded TOML ([]interface{}): always overwritten.
        if (v.kind !== 'string') throw new MigrationPanic('string', v);
        merged.entries.set('bin_dirs', sameOrigin({ ...(arr([str(v.value as string)]) as TomlNode), pos: v.pos }, v));
      } else if (!merged.entries.has(k)) merged.entries.set(k, v);
    }
    dst.entries.set('cni', merged);
  }
  const containerd = src.entries.get('containerd');
  if (containerd?.kind === 'table') {
    const dstContainerd = dst.entries.get('containerd');
    const merged = dstContainerd?.kind === 'table' ? shallowCopy(dstContainerd) : table({}, '(migrated)');
    for (const [k, v] of containerd.entries) {
      if (MOVED_TO_IMAGES.has(k)) continue;
      if (!merged.entries.has(k)) merged.entries.set(k, v);
    }
    const runtimes = merged.entries.get('runtimes');
    if (runtimes !== undefined) merged.entries.set('runtimes', sandboxerStep(runtimes, true));
    dst.entries.set('containerd', merged);
  }
  plugins.entries.set(CRI_RUNTIME_KEY, dst);
}

const SERVER_KEYS = [
  'disable_tcp_service',
  'stream_server_address',
  'stream_server_port',
  'stream_idle_timeout',
  'enable_tls_streaming',
  'x509_key_pair_streaming',
];

/** The CRI gRPC plugin's migration of a plugins table: only its server keys stay. */
export function migrateCriGrpc(plugins: TomlTable, family: Family): void {
  const original = plugins.entries.get(CRI_GRPC_KEY);
  if (original === undefined) return;
  if (family.criGrpcMigration === 'tcpOnly') {
    // `src := original.(map[string]interface{})`: unchecked.
    const src = mustTable(original);
    const tcp = src.entries.get('disable_tcp_service');
    if (tcp !== undefined) plugins.entries.set(CRI_GRPC_KEY, table({ disable_tcp_service: tcp }, '(migrated)'));
    else plugins.entries.delete(CRI_GRPC_KEY);
    return;
  }
  if (original.kind !== 'table') return;
  const dst = table({}, '(migrated)');
  for (const key of SERVER_KEYS) {
    const v = original.entries.get(key);
    if (v !== undefined) dst.entries.set(key, v);
  }
  plugins.entries.set(CRI_GRPC_KEY, dst);
}

export const RESTART_V1_KEY = 'io.containerd.internal.v1.restart';
export const RESTART_KEY = 'io.containerd.monitor.container.v1.restart';

/** The restart monitor's migration: the 1.x table moves to the 2.x plugin ID (replacing it). */
export function migrateRestart(plugins: TomlTable): void {
  const c = plugins.entries.get(RESTART_V1_KEY);
  if (c === undefined) return;
  plugins.entries.set(RESTART_KEY, c);
  plugins.entries.delete(RESTART_V1_KEY);
}

const IMAGE_KEYS = [
  'registry',
  'image_decryption',
  'max_concurrent_downloads',
  'image_pull_progress_timeout',
  'image_pull_with_sync_fs',
  'stats_collect_period',
];

/** The CRI images plugin's migration of a plugins table (the same in every 2.x family). */
export function migrateImages(plugins: TomlTable): void {
  const original = plugins.entries.get(CRI_GRPC_KEY);
  if (original === undefined) return;
  const src = mustTable(original);
  const updated = plugins.entries.get(CRI_IMAGES_KEY);
  const dst = updated !== undefined ? shallowCopy(mustTable(updated)) : table({}, '(migrated)');
  const pinnedNode = dst.entries.get('pinned_images');
  const pinned = pinnedNode !== undefined ? shallowCopy(mustTable(pinnedNode)) : table({}, '(migrated)');
  const sandbox = src.entries.get('sandbox_image');
  if (sandbox !== undefined) pinned.entries.set('sandbox', sandbox);
  if (pinned.entries.size > 0) dst.entries.set('pinned_images', pinned);
  for (const key of IMAGE_KEYS) {
    const v = src.entries.get(key);
    if (v !== undefined) dst.entries.set(key, v);
  }
  const containerd = src.entries.get('containerd');
  if (containerd !== undefined) {
    const c = mustTable(containerd);
    const runtimes = c.entries.get('runtimes');
    if (runtimes !== undefined) {
      const platforms = table({}, '(migrated)');
      for (const [name, value] of mustTable(runtimes).entries) {
        // runtimeConf["snapshot"]: the key is a typo for "snapshotter", so this rarely fires (and writes a
        // key, runtime_platform, that ImageConfig does not read: runtime_platforms).
        const snapshot = mustTable(value).entries.get('snapshot');
        if (snapshot !== undefined && !(snapshot.kind === 'string' && snapshot.value === ''))
          platforms.entries.set(name, table({ platform: str('windows/amd64'), snapshotter: snapshot }, '(migrated)'));
      }
      if (platforms.entries.size > 0) dst.entries.set('runtime_platform', platforms);
    }
    for (const key of MOVED_TO_IMAGES) {
      const v = c.entries.get(key);
      if (v !== undefined) dst.entries.set(key, v);
    }
  }
  plugins.entries.set(CRI_IMAGES_KEY, dst);
}

/** serviceMigrate's gRPC part (3 → 4): the [grpc] address becomes plugins."io.containerd.server.v1.grpc". */
export function serviceMigrate(view: TomlTable): TomlTable {
  const out = shallowCopy(view);
  const plugins = out.entries.get('plugins');
  const p = plugins?.kind === 'table' ? shallowCopy(plugins) : table({}, '(migrated)');
  const grpc = out.entries.get('grpc');
  if (grpc?.kind === 'table' && !p.entries.has('io.containerd.server.v1.grpc')) {
    const moved = table({}, '(migrated)');
    for (const key of ['address', 'uid', 'gid', 'max_recv_message_size', 'max_send_message_size']) {
      const v = grpc.entries.get(key);
      if (v !== undefined && !(v.kind === 'string' && v.value === '') && !(v.kind === 'integer' && v.value === 0n))
        moved.entries.set(key, v);
    }
    if (moved.entries.size > 0) p.entries.set('io.containerd.server.v1.grpc', moved);
  }
  out.entries.set('plugins', p);
  return out;
}
