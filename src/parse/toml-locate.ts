/**
 * Where a table or key is written in a TOML file, so findings can say file:line.
 * Finds `[a."b.c".d]` headers and `key =` lines; good enough for configs, not a TOML parser.
 */

/** Splits a dotted TOML key into segments, honouring "double" and 'single' quotes. */
export function splitDottedKey(key: string): string[] {
  const segments: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const c of key) {
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '.') {
      segments.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  segments.push(current.trim());
  return segments;
}

const HEADER = /^\s*\[\[?\s*(.+?)\s*\]\]?\s*(?:#.*)?$/;
const ASSIGNMENT = /^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=/;

const same = (a: string[], b: string[]) => a.length === b.length && a.every((s, i) => s === b[i]);
const startsWith = (a: string[], prefix: string[]) => prefix.length <= a.length && prefix.every((s, i) => s === a[i]);

/** The 1-based line where `segments` is defined: its table header, or a `key =` line under its parent table. */
export function locate(text: string, segments: string[]): number | undefined {
  const lines = text.split(/\r?\n/);
  let currentTable: string[] = [];
  let firstInside: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\s*#/.test(line)) continue;
    const header = HEADER.exec(line);
    if (header) {
      currentTable = splitDottedKey(header[1] as string);
      if (same(currentTable, segments)) return i + 1;
      if (firstInside === undefined && startsWith(currentTable, segments)) firstInside = i + 1;
      continue;
    }
    const assignment = ASSIGNMENT.exec(line);
    if (assignment) {
      const full = [...currentTable, ...splitDottedKey(assignment[1] as string)];
      if (
        same(full, segments) ||
        (startsWith(full, segments) && full.length > segments.length && firstInside === undefined)
      ) {
        return i + 1;
      }
    }
  }
  return firstInside;
}
