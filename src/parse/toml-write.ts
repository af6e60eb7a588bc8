/**
 * TOML text as go-toml v1 writes a tree (tomltree_write.go writeTo, what `containerd config dump` prints on
 * 1.x): in each table, simple values first, then tables and arrays of tables, each group sorted by key;
 * a blank line before each table header, two spaces of indent per level. Also Go's `%v` of a decoded
 * value, which go-toml v1's "Can't convert" messages print. Iterative.
 */
import { goFloat, type TomlNode, type TomlScalar, type TomlTable } from './toml-tree.js';

const isBare = (k: string) => /^[A-Za-z0-9_-]*$/.test(k);

/** encodeTomlString. */
export function encodeTomlString(value: string): string {
  let out = '';
  for (const ch of value) {
    const r = ch.codePointAt(0) as number;
    switch (ch) {
      case '\b':
        out += '\\b';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\r':
        out += '\\r';
        break;
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      default:
        out += (r & 0xffff) < 0x1f ? `\\u${(r & 0xffff).toString(16).toUpperCase().padStart(4, '0')}` : ch;
    }
  }
  return out;
}

export const quoteKeyIfNeeded = (k: string): string =>
  k.length >= 2 && k.startsWith('"') && k.endsWith('"') ? k : isBare(k) ? k : `"${encodeTomlString(k)}"`;

/** Shortest decimal digits that round-trip through float32 (strconv's bits = 32). */
function shortest32(f: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return String(Number(s));
  }
  return String(f);
}

/** Positional digits of a JavaScript number string (no exponent). */
function positional(text: string): string {
  if (!/e/i.test(text)) return text;
  const [m, e] = text.toLowerCase().split('e') as [string, string];
  const negative = m.startsWith('-');
  const digits = m.replace('-', '').replace('.', '');
  const point =
    (m.replace('-', '').indexOf('.') < 0 ? m.replace('-', '').length : m.replace('-', '').indexOf('.')) + Number(e);
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + out;
}

/** tomlValueStringRepresentation of a float64. */
export function tomlFloat(f: number): string {
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f > 0 ? '+inf' : '-inf';
  const exact32 = Math.fround(f) === f;
  if (Math.trunc(f) === f) return `${Object.is(f, -0) ? '-' : ''}${BigInt(f).toString()}.0`;
  return positional(exact32 ? shortest32(f) : String(f));
}

function scalarText(node: TomlScalar): string {
  switch (node.kind) {
    case 'string':
      return `"${encodeTomlString(node.value as string)}"`;
    case 'integer':
      return (node.value as bigint).toString();
    case 'float':
      return tomlFloat(node.value as number);
    case 'boolean':
      return node.value ? 'true' : 'false';
    case 'local-datetime':
    case 'local-time':
      return localTimeText(node.value as string);
    case 'offset-datetime':
      return rfc3339(node.value as string);
    default:
      return node.value as string;
  }
}

/** LocalTime.String / LocalDateTime.String: nanoseconds as nine digits, or none when zero. */
function localTimeText(value: string): string {
  const text = value.replace(/^(\d{4}-\d\d-\d\d)[ t]/, '$1T');
  const m = /^(.*?\d\d:\d\d:\d\d)(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  const nanos = (m[2] ?? '').slice(0, 9).padEnd(9, '0');
  return /^0+$/.test(nanos) ? (m[1] as string) : `${m[1]}.${nanos}`;
}

/** time.Time.Format(time.RFC3339): no fraction; a zero offset is Z. */
function rfc3339(value: string): string {
  const m = /^(\d{4}-\d\d-\d\d)[Tt ](\d\d:\d\d:\d\d)(?:\.\d+)?([Zz]|[+-]\d\d:\d\d)$/.exec(value);
  if (!m) return value;
  const zone = /^[Zz]$|^[+-]00:00$/.test(m[3] as string) ? 'Z' : (m[3] as string);
  return `${m[1]}T${m[2]}${zone}`;
}

/** A value on one line: scalars, arrays and (inside arrays) inline tables. */
export function inlineValue(root: TomlNode): string {
  // Post-order without recursion: render children first, then their parent.
  const done = new Map<TomlNode, string>();
  const stack: [TomlNode, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [node, expanded] = stack.pop() as [TomlNode, boolean];
    if (node.kind !== 'array' && node.kind !== 'table') {
      done.set(node, scalarText(node));
      continue;
    }
    const children = node.kind === 'array' ? node.items : [...node.entries.values()];
    if (!expanded) {
      stack.push([node, true]);
      for (const c of children) stack.push([c, false]);
      continue;
    }
    if (node.kind === 'array') done.set(node, `[${node.items.map((c) => done.get(c)).join(', ')}]`);
    else {
      const keys = [...node.entries.keys()].sort(byteOrder);
      const parts = keys.map((k) => `${quoteKeyIfNeeded(k)} = ${done.get(node.entries.get(k) as TomlNode)}`);
      done.set(node, `{ ${parts.join(', ')} }`);
    }
  }
  return done.get(root) as string;
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

const isComplex = (node: TomlNode) => node.kind === 'table' || (node.kind === 'array' && node.ofTables);

/** A marker table whose only job is to print a header line at its place in the order. */
function headerTable(text: string): TomlTable {
  const t: TomlTable = { kind: 'table', entries: new Map(), inline: false, pos: { line: 0, column: 0 } };
  HEADERS.set(t, text);
  return t;
}
const HEADERS = new WeakMap<TomlTable, string>();

/**
 * go-toml v1's Tree.WriteTo of a table. `annotate` may add a `# comment` to each value line and table
 * header (config-dump --show-origin).
 */
export function writeToml(root: TomlTable, annotate?: (node: TomlNode) => string | undefined): string {
  const note = (node: TomlNode) => {
    const text = annotate?.(node);
    return text ? `  # ${text}` : '';
  };
  let out = '';
  const stack: { table: TomlTable; indent: string; keyspace: string }[] = [{ table: root, indent: '', keyspace: '' }];
  while (stack.length > 0) {
    const item = stack.pop() as { table: TomlTable; indent: string; keyspace: string };
    const header = HEADERS.get(item.table);
    if (header !== undefined) {
      out += header;
      continue;
    }
    const { table, indent, keyspace } = item;
    const keys = [...table.entries.keys()];
    const simple = keys.filter((k) => !isComplex(table.entries.get(k) as TomlNode)).sort(byteOrder);
    const complex = keys.filter((k) => isComplex(table.entries.get(k) as TomlNode)).sort(byteOrder);
    for (const k of simple) {
      const v = table.entries.get(k) as TomlNode;
      out += `${indent}${quoteKeyIfNeeded(k)} = ${inlineValue(v)}${note(v)}\n`;
    }
    const pending: { header: string; table: TomlTable; keyspace: string }[] = [];
    for (const k of complex) {
      const node = table.entries.get(k) as TomlNode;
      const combined = keyspace ? `${keyspace}.${quoteKeyIfNeeded(k)}` : quoteKeyIfNeeded(k);
      if (node.kind === 'table') pending.push({ header: `[${combined}]`, table: node, keyspace: combined });
      else if (node.kind === 'array')
        for (const el of node.items)
          if (el.kind === 'table') pending.push({ header: `[[${combined}]]`, table: el, keyspace: combined });
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      const p = pending[i] as (typeof pending)[number];
      stack.push({ table: p.table, indent: `${indent}  `, keyspace: p.keyspace });
      stack.push({ table: headerTable(`\n${indent}${p.header}${note(p.table)}\n`), indent: '', keyspace: '' });
    }
  }
  return out;
}

/** Go's %v of a value go-toml v1 decoded, for its "Can't convert %v(%T)" messages. */
export function goValueText(root: TomlNode): string {
  if (root.kind === 'table') return writeToml(root);
  if (root.kind === 'array') {
    if (root.ofTables) return `[${root.items.map((t) => (t.kind === 'table' ? writeToml(t) : '')).join(' ')}]`;
    const stack: (TomlNode | string)[] = [...root.items].reverse();
    let text = '[';
    while (stack.length > 0) {
      const item = stack.pop() as TomlNode | string;
      if (typeof item === 'string') {
        text += item;
        continue;
      }
      if (!text.endsWith('[')) text += ' ';
      if (item.kind === 'array') {
        text += '[';
        stack.push(']');
        for (let i = item.items.length - 1; i >= 0; i--) stack.push(item.items[i] as TomlNode);
      } else if (item.kind === 'table') text += `map[${[...item.entries.keys()].sort(byteOrder).join(' ')}]`;
      else text += goScalarText(item);
    }
    return `${text}]`;
  }
  return goScalarText(root);
}

function goScalarText(node: TomlScalar): string {
  switch (node.kind) {
    case 'string':
      return node.value as string;
    case 'integer':
      return (node.value as bigint).toString();
    case 'float':
      return goFloat(node.value as number);
    case 'boolean':
      return String(node.value);
    case 'offset-datetime': {
      const m = /^(\d{4}-\d\d-\d\d)[Tt ](\d\d:\d\d:\d\d(?:\.\d+)?)([Zz]|[+-]\d\d:\d\d)$/.exec(node.value as string);
      if (!m) return node.value as string;
      const zone =
        m[3]?.toUpperCase() === 'Z'
          ? '+0000 UTC'
          : `${(m[3] as string).replace(':', '')} ${(m[3] as string).replace(':', '')}`;
      return `${m[1]} ${m[2]} ${zone}`;
    }
    default:
      return (node.value as string).replace(' ', 'T');
  }
}

/** Go's %T of a value go-toml v1 decoded. */
export function goTypeText(node: TomlNode): string {
  switch (node.kind) {
    case 'string':
      return 'string';
    case 'integer':
      return node.unsigned ? 'uint64' : 'int64';
    case 'float':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'offset-datetime':
      return 'time.Time';
    case 'local-date':
      return 'toml.LocalDate';
    case 'local-time':
      return 'toml.LocalTime';
    case 'local-datetime':
      return 'toml.LocalDateTime';
    case 'table':
      return '*toml.Tree';
    case 'array':
      return node.ofTables ? '[]*toml.Tree' : '[]interface {}';
  }
}
