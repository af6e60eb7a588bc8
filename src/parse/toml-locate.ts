/**
 * Where a table or key is written in a TOML file, for text no go-toml port has read (the containerd model
 * takes positions from its parsed trees). Finds `[a."b.c".d]` headers and `key =` lines; good enough for
 * configs, not a TOML parser.
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

/** Every table header and `key =` line of a text, found in one pass: path → first line, and each prefix's first line. */
interface LocateIndex {
  exact: Map<string, number>;
  /** The first line of anything under a path (a sub-table or a dotted key below it). */
  under: Map<string, number>;
}

const joinPath = (segments: readonly string[]) => segments.join('\u0000');

function buildIndex(text: string): LocateIndex {
  const exact = new Map<string, number>();
  const under = new Map<string, number>();
  const note = (path: string[], line: number) => {
    const key = joinPath(path);
    if (!exact.has(key)) exact.set(key, line);
    // Prefixes: a header or key below a path marks where that path first shows up.
    for (let n = 1; n < path.length; n++) {
      const prefix = joinPath(path.slice(0, n));
      if (!under.has(prefix)) under.set(prefix, line);
    }
  };
  let currentTable: string[] = [];
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (/^\s*#/.test(line)) continue;
    const header = HEADER.exec(line);
    if (header) {
      currentTable = splitDottedKey(header[1] as string);
      note(currentTable, lineNo);
      continue;
    }
    const assignment = ASSIGNMENT.exec(line);
    if (assignment) note([...currentTable, ...splitDottedKey(assignment[1] as string)], lineNo);
    if (end === text.length) break;
  }
  return { exact, under };
}

let cached: { text: string; index: LocateIndex } | undefined;

/**
 * The 1-based line where `segments` is defined: its table header, or a `key =` line under its parent
 * table, else the first line under it. The text is indexed once (and the last index is kept), so many
 * lookups in one file are linear in the file, not quadratic.
 */
export function locate(text: string, segments: string[]): number | undefined {
  if (cached?.text !== text) cached = { text, index: buildIndex(text) };
  const key = joinPath(segments);
  return cached.index.exact.get(key) ?? cached.index.under.get(key);
}
