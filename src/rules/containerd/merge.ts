/**
 * How containerd merges each loaded file into the config so far (mergeConfig), on typed trees whose
 * nodes keep their file and line:
 *
 * - 1.x (services/server/config/config.go @v1.7.34:299-307): mergo.Merge(to, from, WithOverride,
 *   WithAppendSlice), then each key of plugins, stream_processors, proxy_plugins and timeouts is replaced
 *   whole by the later file. Top-level slices append with duplicates.
 * - 2.x (cmd/containerd/server/config/config.go @v2.0.0:432-489): mergo.Merge(to, from, WithOverride,
 *   WithTransformers(sliceTransformer)); plugins are merged key by key, arrays inside them are replaced and
 *   every scalar of a later file overrides (false, 0 and "" too); top-level slices append without
 *   duplicates; stream_processors, proxy_plugins and timeouts are replaced per key.
 * - Both: a struct field (version, root, [grpc], [debug] …) is overridden only by a non-zero value, so the
 *   last non-zero `version` wins.
 */
import type { GoStruct, GoType } from '../../parse/toml-decode.js';
import type { TomlNode, TomlTable } from '../../parse/toml-tree.js';
import { sameOrigin, shallowCopy } from './tree.js';

export type Line = '1.x' | '2.x';

/** mergo's isEmptyValue for a decoded value. */
export function isZero(node: TomlNode | undefined): boolean {
  if (node === undefined) return true;
  switch (node.kind) {
    case 'string':
      return node.value === '';
    case 'integer':
      return node.value === 0n;
    case 'float':
      return node.value === 0;
    case 'boolean':
      return node.value === false;
    case 'array':
      return node.items.length === 0;
    case 'table':
      return node.entries.size === 0;
    default:
      return false;
  }
}

const PER_KEY = new Set(['stream_processors', 'proxy_plugins', 'timeouts']);

function sameScalar(a: TomlNode, b: TomlNode): boolean {
  return (
    a.kind === b.kind &&
    a.kind !== 'table' &&
    a.kind !== 'array' &&
    (a as { value: unknown }).value === (b as { value: unknown }).value
  );
}

function appendSlice(to: TomlNode | undefined, from: TomlNode, dedupe: boolean): TomlNode {
  if (from.kind !== 'array') return from;
  const base = to?.kind === 'array' ? to.items : [];
  const items = [...base];
  for (const item of from.items) if (!dedupe || !items.some((x) => sameScalar(x, item))) items.push(item);
  return sameOrigin({ ...from, items }, from);
}

/** A struct field's merge: each sub-field overridden when the later value is non-zero (one level). */
function mergeStruct(to: TomlNode | undefined, from: TomlNode, type: GoStruct, line: Line): TomlNode {
  if (from.kind !== 'table') return isZero(from) ? (to ?? from) : from;
  const out = to?.kind === 'table' ? shallowCopy(to) : shallowCopy(from);
  if (to?.kind !== 'table') out.entries.clear();
  for (const f of type.fields) {
    const v = from.entries.get(f.toml);
    if (v === undefined) continue;
    if (f.type.kind === 'slice') out.entries.set(f.toml, appendSlice(out.entries.get(f.toml), v, line === '2.x'));
    else if (!isZero(v)) out.entries.set(f.toml, v);
    else if (!out.entries.has(f.toml)) out.entries.set(f.toml, v);
  }
  return out;
}

/** 2.x plugins: tables merge key by key, everything else (arrays, scalars, even zero) is replaced. */
export function deepMerge(to: TomlTable, from: TomlTable): TomlTable {
  const out = shallowCopy(to);
  const stack: [TomlTable, TomlTable][] = [[out, from]];
  while (stack.length > 0) {
    const [dst, src] = stack.pop() as [TomlTable, TomlTable];
    for (const [k, v] of src.entries) {
      const existing = dst.entries.get(k);
      if (existing?.kind === 'table' && v.kind === 'table') {
        const copy = shallowCopy(existing);
        dst.entries.set(k, copy);
        stack.push([copy, v]);
      } else dst.entries.set(k, v);
    }
  }
  return out;
}

/** Merges one file (already restricted to the Config struct's fields) into the config so far. */
export function mergeFile(to: TomlTable, from: TomlTable, schema: GoStruct, line: Line): TomlTable {
  const out = shallowCopy(to);
  for (const f of schema.fields) {
    const v = from.entries.get(f.toml);
    if (v === undefined) continue;
    const existing = out.entries.get(f.toml);
    const type: GoType = f.type;
    if (f.toml === 'plugins' && v.kind === 'table') {
      if (line === '1.x') {
        const plugins = existing?.kind === 'table' ? shallowCopy(existing) : shallowCopy(v);
        if (existing?.kind !== 'table') plugins.entries.clear();
        for (const [id, table] of v.entries) plugins.entries.set(id, table);
        out.entries.set('plugins', plugins);
      } else out.entries.set('plugins', existing?.kind === 'table' ? deepMerge(existing, v) : v);
    } else if (PER_KEY.has(f.toml) && v.kind === 'table') {
      const merged = existing?.kind === 'table' ? shallowCopy(existing) : shallowCopy(v);
      if (existing?.kind !== 'table') merged.entries.clear();
      for (const [k, x] of v.entries) merged.entries.set(k, x);
      out.entries.set(f.toml, merged);
    } else if (type.kind === 'slice') out.entries.set(f.toml, appendSlice(existing, v, line === '2.x'));
    else if (type.kind === 'struct') out.entries.set(f.toml, mergeStruct(existing, v, type, line));
    else if (!isZero(v)) out.entries.set(f.toml, v);
    else if (existing === undefined) out.entries.set(f.toml, v);
  }
  return out;
}
