/**
 * Decoding into Go structs as go-toml does it, with Go types described as data (GoType): which keys are
 * unknown, and the type errors with each version's wording and position. containerd decodes every config
 * file into its Config struct and each plugin's table into the plugin's config struct; the schemas of
 * those structs are in src/rules/containerd/schema.ts.
 *
 * - go-toml v1 (`Tree.Unmarshal`, marshal.go valueFromTree/valueFromToml): fields in struct order, each
 *   tried as written, lower case, upper case and with a lower first letter; a wrong type is
 *   `(row, col): Can't convert <value>(<Go type>) to <type>` at the key.
 * - go-toml v2 (unmarshaler.go): expression by expression, a struct field matched as written or in lower
 *   case, an unknown key skipped (an unknown table skips its key-values until the next table, without
 *   checking them), wrong types worded per version: v2.0.6 `cannot store TOML string into a Go slice`,
 *   v2.1+ `cannot decode TOML string into struct field config.Config.Imports of type []string` (go-toml
 *   4835627 "Decode: improve errors on integers and strings (#891)").
 *
 * Walks are iterative; only the schema's own (fixed) depth is ever recursed into.
 */
import type { GoTomlV1Version } from './toml-gotoml1.js';
import {
  checkScalar,
  type DecodeIssue,
  decodeInteger,
  type GoTomlV2Version,
  type KeyPart,
  keyValueOf,
  SeenTracker,
  type V2Error,
  type V2Expr,
  type V2Node,
} from './toml-gotoml2.js';
import type { TomlNode, TomlScalar, TomlTable } from './toml-tree.js';
import { goTypeText, goValueText } from './toml-write.js';

export type GoType =
  /** `name` for a named type over the kind (time.Duration over int64). */
  | { kind: 'string' | 'int' | 'int64' | 'int32' | 'uint32' | 'bool' | 'float64' | 'interface'; name?: string }
  | { kind: 'slice'; elem: GoType }
  | { kind: 'map'; elem: GoType }
  | { kind: 'ptr'; elem: GoType }
  /** go-toml v1's toml.Tree (containerd 1.x keeps each plugin's table as one). */
  | { kind: 'tree' }
  /**
   * A type whose pointer is an encoding.TextUnmarshaler that calls time.ParseDuration: containerd's
   * `duration` types (an int64, or a struct embedding time.Duration when `structured`).
   */
  | { kind: 'duration'; name: string; structured?: boolean }
  | { kind: 'struct'; name: string; fields: GoField[] };

export interface GoField {
  /** The Go field name (go-toml's messages print it). */
  name: string;
  /** The toml tag. */
  toml: string;
  type: GoType;
  /** An embedded field: go-toml v1 decodes it from the parent table when its own key is absent. */
  anonymous?: boolean;
}

export type GoStruct = Extract<GoType, { kind: 'struct' }>;

/** reflect.Type.String(). */
export function goTypeName(t: GoType): string {
  switch (t.kind) {
    case 'slice':
      return `[]${goTypeName(t.elem)}`;
    case 'map':
      return `map[string]${goTypeName(t.elem)}`;
    case 'ptr':
      return `*${goTypeName(t.elem)}`;
    case 'interface':
      return 'interface {}';
    case 'tree':
      return 'toml.Tree';
    case 'struct':
    case 'duration':
      return t.name;
    default:
      return t.name ?? t.kind;
  }
}

/** reflect.Kind.String(). */
export function goKindName(t: GoType): string {
  switch (t.kind) {
    case 'tree':
    case 'struct':
      return 'struct';
    case 'duration':
      return t.structured ? 'struct' : 'int64';
    default:
      return t.kind;
  }
}

// ---- time.ParseDuration ------------------------------------------------------------------------------

const DURATION_UNITS = new Map<string, bigint>([
  ['ns', 1n],
  ['us', 1000n],
  ['\u00b5s', 1000n],
  ['\u03bcs', 1000n],
  ['ms', 1000000n],
  ['s', 1000000000n],
  ['m', 60000000000n],
  ['h', 3600000000000n],
]);

/** Go's time.quote: non-ASCII and control bytes as \x escapes, `"` and `\` escaped. */
function timeQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0) as number;
    if (code >= 0x80 || code < 0x20) {
      for (const b of new TextEncoder().encode(c)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else out += c === '"' || c === '\\' ? `\\${c}` : c;
  }
  return `${out}"`;
}

/**
 * time.ParseDuration's error for a text, or undefined when it parses (go1.19 src/time/format.go:1522; the
 * same through go1.23). Bytes, not runes: the text is UTF-8 and units compare as bytes.
 */
export function parseDurationError(text: string): string | undefined {
  const invalid = `time: invalid duration ${timeQuote(text)}`;
  const limit = 1n << 63n;
  let s = text;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  if (s === '0') return undefined;
  if (s === '') return invalid;
  let d = 0n;
  const digit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  while (s !== '') {
    if (!(s[0] === '.' || digit(s[0]))) return invalid;
    let i = 0;
    let v = 0n;
    for (; i < s.length && digit(s[i]); i++) {
      if (v > limit / 10n) return invalid;
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > limit) return invalid;
    }
    const pre = i > 0;
    s = s.slice(i);
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && digit(s[j]); j++) {
        if (overflow) continue;
        if (f > (limit - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > limit) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid;
    let k = 0;
    for (; k < s.length; k++) if (s[k] === '.' || digit(s[k])) break;
    if (k === 0) return `time: missing unit in duration ${timeQuote(text)}`;
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = DURATION_UNITS.get(u);
    if (unit === undefined) return `time: unknown unit ${timeQuote(u)} in duration ${timeQuote(text)}`;
    if (v > limit / unit) return invalid;
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > limit) return invalid;
    }
    d += v;
    if (d > limit) return invalid;
  }
  if (!text.startsWith('-') && d > limit - 1n) return invalid;
  return undefined;
}

function embeddedDuration(t: Extract<GoType, { kind: 'duration' }>): GoStruct {
  return {
    kind: 'struct',
    name: t.name,
    fields: [{ name: 'Duration', toml: 'Duration', type: { kind: 'int64', name: 'time.Duration' } }],
  };
}

// ---- go-toml v1 ---------------------------------------------------------------------------------------

export interface V1DecodeError {
  /** As Unmarshal returns it, e.g. `(3, 1): Can't convert 5(int64) to string`. */
  message: string;
  line: number;
  column: number;
  /** The key path of the value that failed. */
  key: string[];
}

const isPrimitiveV1 = (t: GoType) => ['string', 'int', 'int64', 'int32', 'uint32', 'bool', 'float64'].includes(t.kind);
const isTreeV1 = (t: GoType): boolean =>
  t.kind === 'ptr' ? isTreeV1(t.elem) : t.kind === 'map' || t.kind === 'tree' || t.kind === 'struct';
const isTreeSequenceV1 = (t: GoType) => t.kind === 'slice' && isTreeV1(t.elem);
const isOtherSequenceV1 = (t: GoType) => t.kind === 'slice' && !isTreeSequenceV1(t);

const cannot = (node: TomlNode, to: string) => `Can't convert ${goValueText(node)}(${goTypeText(node)}) to ${to}`;

/** valueFromToml for one scalar into a primitive Go type: an error text, or undefined. */
function scalarIntoV1(node: TomlScalar, t: GoType): string | undefined {
  const type = goTypeText(node);
  switch (t.kind) {
    case 'bool':
      return type === 'bool' ? undefined : cannot(node, 'bool');
    case 'string':
      // int64 is convertible to string in Go, so go-toml v1 special-cases it; uint64 converts (to a rune).
      return type === 'string' || type === 'uint64' ? undefined : cannot(node, 'string');
    case 'int':
    case 'int64':
    case 'int32': {
      // A string into time.Duration itself goes through time.ParseDuration (marshal.go valueFromToml).
      if (t.name === 'time.Duration' && type === 'string') {
        const error = parseDurationError(node.value as string);
        return error === undefined ? undefined : `${cannot(node, 'time.Duration')}. ${error}`;
      }
      if (type !== 'int64' && type !== 'uint64') return cannot(node, goTypeName(t));
      if (t.kind === 'int32') {
        const v = node.value as bigint;
        if (v > 2147483647n || v < -2147483648n) return `${goValueText(node)}(${type}) would overflow int32`;
      }
      return undefined;
    }
    case 'uint32': {
      if (type !== 'int64' && type !== 'uint64') return cannot(node, 'uint32');
      const v = node.value as bigint;
      if (type === 'int64' && v < 0n) return `${goValueText(node)}(${type}) is negative so does not fit in uint32`;
      if (v > 4294967295n) return `${goValueText(node)}(${type}) would overflow uint32`;
      return undefined;
    }
    case 'float64':
      return type === 'float64' || type === 'uint64' ? undefined : cannot(node, 'float64');
    default:
      return undefined;
  }
}

/** One valueFromToml step: an error text, or the (type, node) pairs to decode next. */
function stepV1(node: TomlNode, t: GoType): string | [GoType, TomlNode, string | undefined][] {
  if (t.kind === 'ptr') return [[t.elem, node, undefined]];
  if (node.kind === 'table') {
    if (t.kind === 'tree' || t.kind === 'interface') return [];
    if (t.kind === 'map') return [...node.entries].map(([k, v]) => [t.elem, v, k]);
    if (t.kind === 'struct') return structStepV1(node, t);
    // A struct that embeds time.Duration decodes a table field by field (its one key is "Duration").
    if (t.kind === 'duration' && t.structured) return structStepV1(node, embeddedDuration(t));
    return `Can't convert ${goValueText(node)}(${goTypeText(node)}) to a tree`;
  }
  if (node.kind === 'array' && node.ofTables) {
    if (isTreeSequenceV1(t)) return node.items.map((item) => [(t as { elem: GoType }).elem, item, undefined]);
    if (t.kind === 'interface') return [];
    return `Can't convert ${goValueText(node)}(${goTypeText(node)}) to trees`;
  }
  if (node.kind === 'array') {
    if (isOtherSequenceV1(t)) return node.items.map((item) => [(t as { elem: GoType }).elem, item, undefined]);
    if (t.kind === 'interface') return [];
    return `Can't convert ${goValueText(node)}(${goTypeText(node)}) to a slice`;
  }
  if (t.kind === 'interface') return [];
  if (isPrimitiveV1(t)) return scalarIntoV1(node as TomlScalar, t) ?? [];
  // valueFromToml: a TextUnmarshaler gets the value as fmt.Fprint prints it.
  if (t.kind === 'duration') {
    const error = parseDurationError(goValueText(node));
    return error === undefined ? [] : `unmarshal text: ${error}`;
  }
  if (t.kind === 'tree' || t.kind === 'struct') return cannot(node, t.kind === 'tree' ? 'toml.Tree' : t.name);
  return `Can't convert ${goValueText(node)}(${goTypeText(node)}) to ${goTypeName(t)}(${goKindName(t)})`;
}

function structStepV1(table: TomlTable, t: GoStruct): [GoType, TomlNode, string | undefined][] {
  const out: [GoType, TomlNode, string | undefined][] = [];
  for (const field of t.fields) {
    const base = field.toml;
    const tries = [base, base.toLowerCase(), base.toUpperCase(), (base[0] ?? '').toLowerCase() + base.slice(1)];
    const key = tries.find((k) => table.entries.has(k));
    if (key !== undefined) out.push([field.type, table.entries.get(key) as TomlNode, key]);
    // valueFromTree: an embedded struct whose key is absent is decoded from the parent table itself.
    else if (field.anonymous && field.type.kind === 'struct') out.push([field.type, table, undefined]);
  }
  return out;
}

/** The position go-toml v1 reports for a key: the value's key, a table's header, an array table's last element. */
function positionV1(node: TomlNode): [number, number] {
  if (node.kind === 'array' && node.ofTables) {
    const last = node.items[node.items.length - 1];
    return [last?.pos.line ?? 0, last?.pos.column ?? 0];
  }
  return [node.pos.line, node.pos.column];
}

/**
 * Tree.Unmarshal into `type`: the first type error in go-toml v1's order (struct fields in declaration
 * order, map keys in document order; Go's map order is random, so with two bad map entries either may be
 * the one containerd reports).
 */
export function decodeV1(
  root: TomlTable,
  type: GoType,
  _version: GoTomlV1Version = '1.9.5',
): V1DecodeError | undefined {
  // Depth-first in go-toml's order: a stack of pending (type, node, key, position, path) steps.
  interface Step {
    type: GoType;
    node: TomlNode;
    /** The position formatError adds: the key's, in its parent table. */
    at: [number, number] | undefined;
    path: string[];
  }
  const stack: Step[] = [{ type, node: root, at: undefined, path: [] }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    const next = stepV1(step.node, step.type);
    if (typeof next === 'string') {
      const [line, column] = step.at ?? [0, 0];
      return { message: `(${line}, ${column}): ${next}`, line, column, key: step.path };
    }
    const children: Step[] = next.map(([t, n, key]) => ({
      type: t,
      node: n,
      // A key of a table or struct sets the position; an array element keeps its array's.
      at: key === undefined ? step.at : positionV1(n),
      path: key === undefined ? step.path : [...step.path, key],
    }));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Step);
  }
  return undefined;
}

// ---- go-toml v2 ---------------------------------------------------------------------------------------

export interface V2DecodeResult {
  error?: V2Error & {
    /** The key path of the value or table that failed. */
    key?: string[];
    /** go-toml returned a plain error (no row and column in containerd's message). */
    plain?: boolean;
  };
  /** Keys DisallowUnknownFields reports ("Ignoring unknown key in TOML"), with their offsets. */
  unknown: { key: string[]; offset: number }[];
}

interface ErrorContext {
  struct: string;
  field: GoField;
}

class DecodeStop extends Error {
  constructor(readonly result: NonNullable<V2DecodeResult['error']>) {
    super(result.message);
  }
}

function structField(t: GoStruct, name: string): GoField | undefined {
  return t.fields.find((f) => f.toml === name) ?? t.fields.find((f) => f.toml.toLowerCase() === name.toLowerCase());
}

const deref = (t: GoType): GoType => {
  let x = t;
  while (x.kind === 'ptr') x = x.elem;
  return x;
};

/** A key walks into a struct that embeds time.Duration as into any struct. */
const navigable = (t: GoType): GoType => {
  const x = deref(t);
  return x.kind === 'duration' && x.structured ? embeddedDuration(x) : x;
};

/**
 * The decoder of `toml.NewDecoder(r).DisallowUnknownFields().Decode(&v)` over parsed expressions, as far
 * as errors and unknown keys go. `positions: false` for a document containerd re-marshalled (plugin
 * configs): its errors print without a position.
 */
export function decodeV2(
  expressions: V2Expr[],
  type: GoStruct,
  version: GoTomlV2Version,
  options: { positions?: boolean; parseError?: V2Error } = {},
): V2DecodeResult {
  const positions = options.positions ?? true;
  const unknown: V2DecodeResult['unknown'] = [];
  /**
   * go-toml before v2.3.0 locates a reported key by its parts' data (strict.go keyLocation); an escaped
   * quoted part is a copy, not part of the document, and building the report then panics.
   */
  let strictPanics = false;
  const missing = (key: KeyPart[], names: string[]) => {
    unknown.push({ key: names, offset: (key[0] as KeyPart).offset });
    if (version !== '2.3' && (key[0]?.escaped || key[key.length - 1]?.escaped)) strictPanics = true;
  };
  const seen = new SeenTracker();
  /** Slices that hold elements (by value path), for `[x]` after `[[x]]` and the like. */
  const sliceLengths = new Map<string, number>();
  const stop = (message: string, offset: number | undefined, key: string[], plain = false, panic = false): never => {
    throw new DecodeStop({
      message,
      ...(offset !== undefined && positions && !plain ? { offset } : {}),
      key,
      ...(plain ? { plain: true } : {}),
      ...(panic ? { panic: true } : {}),
    });
  };
  const mismatch = (toml: string, t: GoType, ctx: ErrorContext | undefined): string =>
    ctx
      ? `cannot decode TOML ${toml} into struct field ${ctx.struct}.${ctx.field.name} of type ${goTypeName(ctx.field.type)}`
      : `cannot decode TOML ${toml} into a Go value of type ${goTypeName(t)}`;

  /** handleValue, iterative over arrays and inline tables. */
  const decodeValue = (
    value: V2Node,
    target: GoType,
    ctx0: ErrorContext | undefined,
    path: string[],
    strictKey: string[],
  ): void => {
    const work: { node: V2Node; type: GoType; ctx: ErrorContext | undefined; path: string[]; strictKey: string[] }[] = [
      { node: value, type: target, ctx: ctx0, path, strictKey },
    ];
    while (work.length > 0) {
      const { node, type: t0, ctx, path: p, strictKey: sk } = work.pop() as (typeof work)[number];
      const t = deref(t0);
      // tryTextUnmarshaler comes first, with the node's data (none for an array or an inline table).
      if (t.kind === 'duration') {
        const error = parseDurationError(node.kind === 'Array' || node.kind === 'InlineTable' ? '' : node.data);
        if (error !== undefined) stop(error, node.offset, p);
        continue;
      }
      const check = (): void => {
        const found: DecodeIssue | undefined = checkScalar(node, version);
        if (found) stop(found.message, found.offset, p, found.offset === undefined, found.panic);
      };
      switch (node.kind) {
        case 'String':
          if (t.kind === 'string' || t.kind === 'interface') break;
          if (version === '2.0.6') stop(`cannot store TOML string into a Go ${goKindName(t)}`, node.offset, p);
          stop(mismatch('string', t, ctx), node.offset, p);
          break;
        case 'Integer':
          if (version !== '2.0.6' && t.kind === 'float64') {
            check();
            break;
          }
          check();
          if (['int', 'int64', 'int32', 'uint32', 'interface'].includes(t.kind)) {
            const v = decodeInteger(node.data, node.offset) as bigint;
            if (t.kind === 'int32' && (v > 2147483647n || v < -2147483648n))
              stop(`toml: number ${v} does not fit in an int32`, undefined, p, true);
            if (t.kind === 'uint32' && (v < 0n || v > 4294967295n))
              stop(`toml: negative number ${v} does not fit in an uint32`, undefined, p, true);
            break;
          }
          if (version === '2.0.6') stop(`toml: ${mismatch('integer', t, ctx)}`, undefined, p, true);
          stop(mismatch('integer', t, ctx), node.offset, p);
          break;
        case 'Float':
          check();
          if (t.kind === 'float64' || t.kind === 'interface') break;
          stop(`float cannot be assigned to ${goKindName(t)}`, node.offset, p);
          break;
        case 'Bool':
          if (t.kind === 'bool' || t.kind === 'interface') break;
          stop(`cannot assign boolean to a ${node.data === 'true'}`, node.offset, p);
          break;
        case 'DateTime':
        case 'LocalDate':
        case 'LocalTime':
        case 'LocalDateTime':
          check();
          if (t.kind === 'interface') break;
          // v.Set(reflect.ValueOf(date)) into a non-time field: reflect panics.
          stop(
            `reflect.Set: value of type time.Time is not assignable to type ${goTypeName(t)}`,
            undefined,
            p,
            true,
            true,
          );
          break;
        case 'InlineTable': {
          if (t.kind !== 'map' && t.kind !== 'struct' && t.kind !== 'interface')
            stop(`cannot store inline table in Go type ${goKindName(t)}`, node.offset, p);
          // Its key-values decode in order, each as a key-value of that table.
          const kvs = node.children ?? [];
          const pending: (typeof work)[number][] = [];
          for (const kv of kvs) {
            const [key, v] = keyValueOf(kv);
            const resolved = walkKeyValue(key, t, ctx, p, sk);
            const inner = [...sk, ...key.map((k) => k.name)];
            if (resolved)
              pending.push({ node: v, type: resolved.type, ctx: resolved.ctx, path: resolved.path, strictKey: inner });
          }
          for (let i = pending.length - 1; i >= 0; i--) work.push(pending[i] as (typeof work)[number]);
          break;
        }
        case 'Array': {
          if (t.kind === 'slice') sliceLengths.set(p.join('\u0000'), node.children?.length ?? 0);
          else if (t.kind !== 'interface') stop(`toml: ${mismatch('array', t, ctx)}`, undefined, p, true);
          const elem = t.kind === 'slice' ? t.elem : t;
          const children = node.children ?? [];
          for (let i = children.length - 1; i >= 0; i--)
            work.push({ node: children[i] as V2Node, type: elem, ctx, path: [...p, String(i)], strictKey: sk });
          break;
        }
        default:
          break;
      }
    }
  };

  /** handleKeyValue's key walk from a table's type: the value's type, or undefined when the key is unknown. */
  function walkKeyValue(
    key: KeyPart[],
    start: GoType,
    ctx0: ErrorContext | undefined,
    base: string[],
    strictKey: string[],
  ): { type: GoType; ctx: ErrorContext | undefined; path: string[] } | undefined {
    let t = start;
    let ctx = ctx0;
    const path = [...base];
    for (const part of key) {
      t = navigable(t);
      if (t.kind === 'struct') {
        const field = structField(t, part.name);
        if (!field) {
          // strict.MissingField: the table's key and the whole key as written, at the key's start.
          missing(key, [...strictKey, ...key.map((k) => k.name)]);
          return undefined;
        }
        ctx = { struct: t.name, field };
        t = field.type;
      } else if (t.kind === 'map') t = t.elem;
      else if (t.kind === 'interface') t = { kind: 'interface' };
      else stop(`unhandled kv part: ${goKindName(t)}`, undefined, [...path, part.name], true);
      path.push(part.name);
    }
    return { type: t, ctx, path };
  }

  /** handleTable / handleArrayTable: the target of the key-values that follow, or undefined to skip them. */
  function walkTable(expr: V2Expr): { type: GoType; ctx: ErrorContext | undefined; path: string[] } | undefined {
    let t: GoType = type;
    let ctx: ErrorContext | undefined;
    const path: string[] = [];
    const array = expr.kind === 'ArrayTable';
    const parts = expr.key;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as KeyPart;
      const last = i === parts.length - 1;
      t = navigable(t);
      // handleTable looks through a slice to its last element before each key part.
      if (t.kind === 'slice' && !array) {
        const length = sliceLengths.get(path.join('\u0000')) ?? 0;
        if (length === 0) stop('cannot store a table in a slice', part.offset, path);
        t = deref(t.elem);
        path.push(String(length - 1));
      }
      if (t.kind === 'slice' && array) {
        const length = sliceLengths.get(path.join('\u0000')) ?? 0;
        if (length === 0) stop('reflect: slice index out of range', undefined, path, true, true);
        t = deref(t.elem);
        path.push(String(length - 1));
      }
      if (t.kind === 'struct') {
        const field = structField(t, part.name);
        if (!field) {
          // strict.MissingTable: the table's whole key, at its start.
          missing(
            parts,
            parts.map((k) => k.name),
          );
          return undefined;
        }
        ctx = { struct: t.name, field };
        t = field.type;
      } else if (t.kind === 'map') t = t.elem;
      else if (t.kind === 'interface') t = { kind: 'interface' };
      else stop(`unhandled part: ${goKindName(t)}`, undefined, [...path, part.name], true, true);
      path.push(part.name);
      if (last && array) {
        t = deref(t);
        if (t.kind === 'slice') {
          const at = path.join('\u0000');
          const length = (sliceLengths.get(at) ?? 0) + 1;
          sliceLengths.set(at, length);
          path.push(String(length - 1));
          t = t.elem;
        } else if (t.kind !== 'interface') stop(`toml: ${mismatch('array table', t, ctx)}`, undefined, path, true);
      }
    }
    t = deref(t);
    if (!array && t.kind === 'slice') {
      const length = sliceLengths.get(path.join('\u0000')) ?? 0;
      if (length === 0) stop('cannot store a table in a slice', (parts[parts.length - 1] as KeyPart).offset, path);
      path.push(String(length - 1));
      t = t.elem;
    }
    return { type: t, ctx, path };
  }

  let skipUntilTable = false;
  let tableKey: string[] = [];
  let current: { type: GoType; ctx: ErrorContext | undefined; path: string[] } | undefined = {
    type,
    ctx: undefined,
    path: [],
  };
  try {
    for (const expr of expressions) {
      if (expr.kind === 'KeyValue' && skipUntilTable) continue;
      const seenError = seen.check(expr);
      if (seenError)
        stop(
          seenError,
          undefined,
          expr.key.map((k) => k.name),
          true,
        );
      if (expr.kind !== 'KeyValue') {
        skipUntilTable = false;
        tableKey = expr.key.map((k) => k.name);
        current = walkTable(expr);
        if (!current) skipUntilTable = true;
        continue;
      }
      if (!current) continue;
      const resolved = walkKeyValue(expr.key, current.type, current.ctx, current.path, tableKey);
      if (resolved)
        decodeValue(expr.value as V2Node, resolved.type, resolved.ctx, resolved.path, [
          ...tableKey,
          ...expr.key.map((k) => k.name),
        ]);
    }
  } catch (error) {
    if (error instanceof DecodeStop) return { error: error.result, unknown };
    throw error;
  }
  // The parser's error comes after the last expression; only a clean decode reaches the strict report.
  if (options.parseError) return { error: options.parseError, unknown };
  if (strictPanics)
    return {
      error: {
        message: 'subslice address is before data address (go-toml strict.go keyLocation)',
        plain: true,
        panic: true,
      },
      unknown,
    };
  return { unknown };
}

/**
 * The expressions `toml.Marshal` writes for a table (go-toml v2 marshaler.go encodeMap): in each table its
 * key-values sorted by key, then its tables and arrays of tables sorted by key, depth first. Offsets are 0:
 * errors about a re-marshalled document carry no position.
 */
export function marshalledExpressions(root: TomlTable): V2Expr[] {
  const out: V2Expr[] = [];
  const stack: { table: TomlTable; path: string[]; array: boolean; header: boolean }[] = [
    { table: root, path: [], array: false, header: false },
  ];
  const toNode = (node: TomlNode): V2Node => {
    // Values inside key-values: scalars, arrays and inline tables, built without recursion.
    const made = new Map<TomlNode, V2Node>();
    const order: TomlNode[] = [];
    const visit: TomlNode[] = [node];
    while (visit.length > 0) {
      const n = visit.pop() as TomlNode;
      order.push(n);
      if (n.kind === 'array') visit.push(...n.items);
      if (n.kind === 'table') visit.push(...n.entries.values());
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i] as TomlNode;
      if (n.kind === 'array')
        made.set(n, {
          kind: 'Array',
          data: '',
          offset: 0,
          length: 0,
          children: n.items.map((c) => made.get(c) as V2Node),
        });
      else if (n.kind === 'table')
        made.set(n, {
          kind: 'InlineTable',
          data: '',
          offset: 0,
          length: 0,
          children: [...n.entries]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, c]) => ({
              kind: 'KeyValue',
              data: '',
              offset: 0,
              length: 0,
              children: [{ kind: 'String', data: k, offset: 0, length: 0 }, made.get(c) as V2Node],
            })),
        });
      else made.set(n, scalarNode(n as TomlScalar));
    }
    return made.get(node) as V2Node;
  };
  const isTableValue = (n: TomlNode) =>
    n.kind === 'table' || (n.kind === 'array' && n.items.length > 0 && n.items.every((i) => i.kind === 'table'));
  while (stack.length > 0) {
    const { table, path, array, header } = stack.pop() as (typeof stack)[number];
    if (header)
      out.push({ kind: array ? 'ArrayTable' : 'Table', key: path.map((name) => ({ name, offset: 0 })), offset: 0 });
    const keys = [...table.entries.keys()].sort();
    const tables: { table: TomlTable; path: string[]; array: boolean; header: boolean }[] = [];
    for (const k of keys) {
      const v = table.entries.get(k) as TomlNode;
      if (isTableValue(v)) {
        if (v.kind === 'table') tables.push({ table: v, path: [...path, k], array: false, header: true });
        else if (v.kind === 'array')
          for (const item of v.items)
            tables.push({ table: item as TomlTable, path: [...path, k], array: true, header: true });
        continue;
      }
      out.push({ kind: 'KeyValue', key: [{ name: k, offset: 0 }], value: toNode(v), offset: 0 });
    }
    for (let i = tables.length - 1; i >= 0; i--) stack.push(tables[i] as (typeof tables)[number]);
  }
  return out;
}

function scalarNode(n: TomlScalar): V2Node {
  const data = (kind: V2Node['kind'], text: string): V2Node => ({ kind, data: text, offset: 0, length: 0 });
  switch (n.kind) {
    case 'string':
      return data('String', n.value as string);
    case 'integer':
      return data('Integer', (n.value as bigint).toString());
    case 'float': {
      const f = n.value as number;
      return data(
        'Float',
        Number.isNaN(f)
          ? 'nan'
          : !Number.isFinite(f)
            ? f > 0
              ? 'inf'
              : '-inf'
            : String(f).includes('.') || /e/.test(String(f))
              ? String(f)
              : `${f}.0`,
      );
    }
    case 'boolean':
      return data('Bool', n.value ? 'true' : 'false');
    case 'offset-datetime':
      return data('DateTime', n.value as string);
    case 'local-date':
      return data('LocalDate', n.value as string);
    case 'local-time':
      return data('LocalTime', n.value as string);
    default:
      return data('LocalDateTime', n.value as string);
  }
}
