/**
 * Typed TOML trees as the containerd model uses them: every node knows the file (and line) it came from,
 * so a merged, migrated config still says where each value was written. Walks are iterative.
 */
import type { GoStruct } from '../../parse/toml-decode.js';
import { newTable, type TomlNode, type TomlScalar, type TomlTable, toPlain } from '../../parse/toml-tree.js';

/** Where a node came from. */
export interface Origin {
  file: string;
  line: number;
  column: number;
}

const ORIGINS = new WeakMap<TomlNode, string>();
export const BUILT_IN = '(built-in default)';

/** Marks every node of a file's tree with the file's path. */
export function stampFile(root: TomlTable, file: string): void {
  const stack: TomlNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TomlNode;
    ORIGINS.set(node, file);
    if (node.kind === 'table') for (const c of node.entries.values()) stack.push(c);
    else if (node.kind === 'array') for (const c of node.items) stack.push(c);
  }
}

export function originOf(node: TomlNode): Origin {
  return { file: ORIGINS.get(node) ?? BUILT_IN, line: node.pos.line, column: node.pos.column };
}

export const fileOf = (node: TomlNode): string => ORIGINS.get(node) ?? BUILT_IN;

// Building trees (built-in defaults, migrated tables).

export const str = (value: string, file = BUILT_IN): TomlScalar =>
  mark({ kind: 'string', value, pos: { line: 0, column: 0 } }, file);
export const int = (value: number | bigint, file = BUILT_IN): TomlScalar =>
  mark({ kind: 'integer', value: BigInt(value), pos: { line: 0, column: 0 } }, file);
export const bool = (value: boolean, file = BUILT_IN): TomlScalar =>
  mark({ kind: 'boolean', value, pos: { line: 0, column: 0 } }, file);
export const arr = (items: TomlNode[], file = BUILT_IN): TomlNode =>
  mark({ kind: 'array', items, ofTables: false, pos: { line: 0, column: 0 } }, file);
export function table(entries: Record<string, TomlNode>, file = BUILT_IN): TomlTable {
  const t = newTable({ line: 0, column: 0 });
  for (const [k, v] of Object.entries(entries)) t.entries.set(k, v);
  return mark(t, file);
}

/** `node` now comes from where `like` came from. */
export function sameOrigin<T extends TomlNode>(node: T, like: TomlNode): T {
  return mark(node, fileOf(like));
}

function mark<T extends TomlNode>(node: T, file: string): T {
  ORIGINS.set(node, file);
  return node;
}

/** A new table that reuses a table's children (so they keep their origins) and its own origin. */
export function shallowCopy(t: TomlTable): TomlTable {
  const copy = newTable(t.pos, t.inline);
  for (const [k, v] of t.entries) copy.entries.set(k, v);
  ORIGINS.set(copy, fileOf(t));
  return copy;
}

/** The node at a path of exact keys (map keys, plugin IDs, runtime names). */
export function at(root: TomlTable | undefined, ...path: string[]): TomlNode | undefined {
  let current: TomlNode | undefined = root;
  for (const key of path) current = current?.kind === 'table' ? current.entries.get(key) : undefined;
  return current;
}

export type Matching = 'go-toml-v1' | 'go-toml-v2';

/**
 * The key a struct field is read from. go-toml v1 tries the tag, its lower case, its upper case and a lower
 * first letter, and takes the first present; go-toml v2 matches any key whose lower case is the field's,
 * in document order, so the last such key wins.
 */
export function fieldKey(t: TomlTable | undefined, tag: string, matching: Matching): string | undefined {
  if (!t) return undefined;
  if (matching === 'go-toml-v1') {
    const tries = [tag, tag.toLowerCase(), tag.toUpperCase(), (tag[0] ?? '').toLowerCase() + tag.slice(1)];
    return tries.find((k) => t.entries.has(k));
  }
  let found: string | undefined;
  for (const k of t.entries.keys()) if (k === tag || k.toLowerCase() === tag.toLowerCase()) found = k;
  return found;
}

export function field(t: TomlTable | undefined, tag: string, matching: Matching): TomlNode | undefined {
  const key = fieldKey(t, tag, matching);
  return key === undefined ? undefined : t?.entries.get(key);
}

/** The table restricted to a struct's fields, each under its tag (the struct's decode drops other keys). */
export function structView(t: TomlTable, type: GoStruct, matching: Matching): TomlTable {
  const out = newTable(t.pos, t.inline);
  ORIGINS.set(out, fileOf(t));
  for (const f of type.fields) {
    const v = field(t, f.toml, matching);
    if (v !== undefined) out.entries.set(f.toml, v);
  }
  return out;
}

export const stringOf = (node: TomlNode | undefined): string | undefined =>
  node?.kind === 'string' ? (node.value as string) : undefined;

export function integerOf(node: TomlNode | undefined): bigint | undefined {
  return node?.kind === 'integer' ? (node.value as bigint) : undefined;
}

export function stringsOf(node: TomlNode | undefined): string[] {
  if (node?.kind !== 'array') return [];
  return node.items.flatMap((i) => (i.kind === 'string' ? [i.value as string] : []));
}

export const plain = (node: TomlNode): unknown => toPlain(node);

/** The path of `target` inside `root` (a search; used for the few nodes a finding names). */
export function pathTo(root: TomlTable, target: TomlNode): string[] | undefined {
  const stack: [TomlNode, string[]][] = [[root, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [TomlNode, string[]];
    if (node === target) return path;
    if (node.kind === 'table') for (const [k, c] of node.entries) stack.push([c, [...path, k]]);
  }
  return undefined;
}
