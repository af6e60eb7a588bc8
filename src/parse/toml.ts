/**
 * TOML parsing with positions. toml@5 reports syntax errors through `location.start` and semantic
 * errors (a key or table defined twice) through `line`/`column`; both become one ParseError.
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
    const document = toml.parse(text) as Record<string, unknown>;
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

/** TOML dates become ISO strings, so a parsed document survives JSON.stringify unchanged. */
function jsonSafe(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}

export function formatPosition(path: string, line?: number, column?: number): string {
  if (line === undefined) return path;
  return column === undefined ? `${path}:${line}` : `${path}:${line}:${column}`;
}
