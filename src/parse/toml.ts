/**
 * TOML parsing with toml@5, the parser of the stored document (ConfigFile.parse). toml@5 reports syntax
 * errors through `location.start` and semantic errors (a key or table defined twice) through
 * `line`/`column`; both become one ParseError. Integers are read as BigInt (`{bigint: true}`), so none is
 * rounded: those beyond ±2^53 stay exact as decimal strings.
 *
 * toml@5 implements TOML 1.1 and containerd's parsers do not; what containerd accepts is decided by the
 * go-toml ports (toml-gotoml1.ts, toml-gotoml2.ts, read through toml-read.ts), never by this document.
 */
import toml from 'toml';
import type { ParseResult } from '../contract/facts.js';

interface TomlError extends Error {
  line?: number;
  column?: number;
  location?: { start?: { line?: number; column?: number } };
}

export function parseToml(text: string): ParseResult {
  try {
    const document = toml.parse(text, { bigint: true }) as Record<string, unknown>;
    return { ok: true, document: jsonSafe(document) as Record<string, unknown> };
  } catch (err) {
    const e = err as TomlError;
    const line = e.location?.start?.line ?? e.line;
    const column = e.location?.start?.column ?? e.column;
    const error: { message: string; line?: number; column?: number } = { message: e.message };
    if (typeof line === 'number') error.line = line;
    if (typeof column === 'number') error.column = column;
    return { ok: false, error };
  }
}

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);

/** One value made JSON-safe: BigInt to a number (or an exact decimal string), a date to its ISO text. */
function scalar(value: unknown): unknown {
  if (typeof value === 'bigint') return value <= SAFE_MAX && value >= SAFE_MIN ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  return value;
}

const isContainer = (v: unknown): v is object => v !== null && typeof v === 'object' && !(v instanceof Date);

/**
 * The document as JSON-safe data: integers as numbers (or exact strings beyond ±2^53), dates as ISO
 * strings; tables become null-prototype objects, so a `__proto__` key is a plain key. Iterative.
 */
function jsonSafe(root: unknown): unknown {
  if (!isContainer(root)) return scalar(root);
  const make = (v: object): Record<string, unknown> | unknown[] =>
    Array.isArray(v) ? [] : (Object.create(null) as Record<string, unknown>);
  const out = make(root);
  const stack: [object, Record<string, unknown> | unknown[]][] = [[root, out]];
  while (stack.length > 0) {
    const [from, to] = stack.pop() as [object, Record<string, unknown> | unknown[]];
    for (const [k, v] of Object.entries(from)) {
      let value: unknown = scalar(v);
      if (isContainer(v)) {
        value = make(v);
        stack.push([v, value as Record<string, unknown> | unknown[]]);
      }
      if (Array.isArray(to)) to.push(value);
      else to[k] = value;
    }
  }
  return out;
}

export function formatPosition(path: string, line?: number, column?: number): string {
  if (line === undefined) return path;
  return column === undefined ? `${path}:${line}` : `${path}:${line}:${column}`;
}
