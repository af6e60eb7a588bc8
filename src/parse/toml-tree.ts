/**
 * The typed TOML tree the go-toml ports (toml-gotoml1.ts, toml-gotoml2.ts) build: every value keeps its
 * TOML kind and the line and column where its key is written, so a check can say `file:line` and the
 * type a value was written as (`version = 2.0` is a float, not the integer 2). Integers are exact
 * (bigint); a table's entries are a Map, so keys such as `__proto__` are plain keys.
 *
 * Every walk here is iterative: no recursion depth depends on the input.
 */

export type TomlScalarKind =
  | 'string'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'offset-datetime'
  | 'local-datetime'
  | 'local-date'
  | 'local-time';

export interface TomlPosition {
  line: number;
  column: number;
}

export interface TomlScalar {
  kind: TomlScalarKind;
  /** string: the text; integer: bigint; float: number; boolean; date/time kinds: the text as written. */
  value: string | bigint | number | boolean;
  /** go-toml v1.9.5+ reads integers above int64 as uint64 (they print without a sign). */
  unsigned?: boolean;
  pos: TomlPosition;
}

export interface TomlArray {
  kind: 'array';
  items: TomlNode[];
  /** An array of tables: `[[x]]` headers, or (go-toml v1) an array whose every element is an inline table. */
  ofTables: boolean;
  pos: TomlPosition;
}

export interface TomlTable {
  kind: 'table';
  entries: Map<string, TomlNode>;
  /** Written as an inline table `{ … }`. */
  inline: boolean;
  pos: TomlPosition;
}

export type TomlNode = TomlScalar | TomlArray | TomlTable;

export const newTable = (pos: TomlPosition, inline = false): TomlTable => ({
  kind: 'table',
  entries: new Map(),
  inline,
  pos,
});

export const isTomlTable = (node: TomlNode | undefined): node is TomlTable => node?.kind === 'table';
export const isTomlArray = (node: TomlNode | undefined): node is TomlArray => node?.kind === 'array';

/** The node at a key path, or undefined. */
export function nodeAt(root: TomlTable, path: readonly string[]): TomlNode | undefined {
  let current: TomlNode | undefined = root;
  for (const key of path) {
    if (!isTomlTable(current)) return undefined;
    current = current.entries.get(key);
  }
  return current;
}

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);

/** A JSON-safe plain value: integers beyond ±2^53 stay exact as decimal strings, never rounded. */
export function plainInteger(value: bigint): number | string {
  return value <= SAFE_MAX && value >= SAFE_MIN ? Number(value) : value.toString();
}

/**
 * The tree as plain JSON-safe data (null-prototype objects, so no key reaches Object.prototype):
 * integers as numbers (or decimal strings beyond ±2^53), floats as numbers (NaN and ±Infinity as the
 * strings "nan", "inf", "-inf"), dates as their text.
 */
export function toPlain(root: TomlNode): unknown {
  const scalar = (node: TomlScalar): unknown => {
    if (node.kind === 'integer') return plainInteger(node.value as bigint);
    if (node.kind === 'float') {
      const n = node.value as number;
      if (Number.isNaN(n)) return 'nan';
      if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
      return n;
    }
    return node.value;
  };
  if (root.kind !== 'table' && root.kind !== 'array') return scalar(root);
  const make = (node: TomlTable | TomlArray): Record<string, unknown> | unknown[] =>
    node.kind === 'table' ? (Object.create(null) as Record<string, unknown>) : [];
  const out = make(root);
  const stack: [TomlTable | TomlArray, Record<string, unknown> | unknown[]][] = [[root, out]];
  while (stack.length > 0) {
    const [node, target] = stack.pop() as [TomlTable | TomlArray, Record<string, unknown> | unknown[]];
    const put = (key: string | number, child: TomlNode) => {
      let value: unknown;
      if (child.kind === 'table' || child.kind === 'array') {
        const made = make(child);
        stack.push([child, made]);
        value = made;
      } else value = scalar(child);
      if (Array.isArray(target)) target.push(value);
      else target[key as string] = value;
    };
    if (node.kind === 'table') for (const [key, child] of node.entries) put(key, child);
    else for (const [i, child] of node.items.entries()) put(i, child);
  }
  return out;
}

// Go's fmt, as go-toml's messages print values.

/** Go's %c of a rune; EOF (-1) and invalid code points print as U+FFFD. */
export function goChar(r: number): string {
  return r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(r);
}

/** Go's %U: U+0041. */
export function goU(r: number): string {
  return `U+${r.toString(16).toUpperCase().padStart(4, '0')}`;
}

const isPrintableRune = (r: number): boolean =>
  r >= 0x20 && r !== 0x7f && !(r >= 0x80 && r < 0xa0) && r !== 0xad && !(r >= 0xd800 && r <= 0xdfff) && r <= 0x10ffff;

/** Go's %#U: U+0041 'A' (the character only when printable). */
export function goUSharp(r: number): string {
  return isPrintableRune(r) ? `${goU(r)} '${String.fromCodePoint(r)}'` : goU(r);
}

/** Go's strconv.Quote (%q of a string), for the characters TOML text can hold. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0) as number;
    switch (r) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += '\\\\';
        continue;
      case 0x07:
        out += '\\a';
        continue;
      case 0x08:
        out += '\\b';
        continue;
      case 0x0c:
        out += '\\f';
        continue;
      case 0x0a:
        out += '\\n';
        continue;
      case 0x0d:
        out += '\\r';
        continue;
      case 0x09:
        out += '\\t';
        continue;
      case 0x0b:
        out += '\\v';
        continue;
    }
    if (isPrintableRune(r)) out += ch;
    else if (r < 0x80) out += `\\x${r.toString(16).padStart(2, '0')}`;
    else if (r <= 0xffff) out += `\\u${r.toString(16).padStart(4, '0')}`;
    else out += `\\U${r.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Go's %v of a float64 (strconv.FormatFloat(f, 'g', -1, 64)). */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Number.POSITIVE_INFINITY) return '+Inf';
  if (f === Number.NEGATIVE_INFINITY) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // Shortest round-trip digits, as JavaScript also produces them.
  const [mantissa, expText] = f.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  // strconv.FormatFloat(f, 'g', -1, 64): the exponent form below 1e-4 and from 1e6 on.
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${negative ? '-' : ''}${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  return `${negative ? '-' : ''}${fixed(digits, exp)}`;
}

function fixed(digits: string, exp: number): string {
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return digits + '0'.repeat(exp + 1 - digits.length);
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
