/**
 * Go's pattern matching, as containerd uses it:
 * - `goMatch` is `path/filepath.Match` (go1.19), for the globs in `imports`: on Windows `\\` is a
 *   separator, not an escape. A malformed pattern throws BadPattern.
 * - `goPathMatch` is `path.Match`, the same code with `/` as the separator, for annotation keys against
 *   `pod_annotations` and `container_annotations`: `*` and `?` never match `/`, so `microsoft.com/*` admits
 *   `microsoft.com/hostprocess-container` but a bare `*` does not. A malformed pattern matches nothing
 *   (containerd discards the ErrBadPattern).
 *
 * Grammar (Go's path package): '*' any sequence of non-separator characters; '?' any single
 * non-separator character; '[' [ '^' ] { character-range } ']' a non-empty class (which may match the
 * separator); '\\' c matches c literally (not on Windows). Names are matched as runes (code points).
 */

/** Windows flavour (Go on Windows: `\\` is a separator, not an escape) or the host's own (what-if files). */
export interface GoPathFlavour {
  windows: boolean;
}

const POSIX: GoPathFlavour = { windows: false };

/** filepath.Match's ErrBadPattern. */
export class BadPattern extends Error {
  constructor() {
    super('syntax error in pattern');
  }
}

type Chunk = { star: boolean; chunk: number[]; rest: number[] };

function scanChunk(pattern: number[], windows: boolean): Chunk {
  let i = 0;
  let star = false;
  while (i < pattern.length && pattern[i] === 0x2a) {
    i++;
    star = true;
  }
  const p = pattern.slice(i);
  let inrange = false;
  let j = 0;
  scan: for (; j < p.length; j++) {
    switch (p[j]) {
      case 0x5c:
        if (!windows && j + 1 < p.length) j++;
        break;
      case 0x5b:
        inrange = true;
        break;
      case 0x5d:
        inrange = false;
        break;
      case 0x2a:
        if (!inrange) break scan;
    }
  }
  return { star, chunk: p.slice(0, j), rest: p.slice(j) };
}

function getEsc(chunk: number[], windows: boolean): [number, number[]] {
  let c = chunk;
  if (c.length === 0 || c[0] === 0x2d || c[0] === 0x5d) throw new BadPattern();
  if (c[0] === 0x5c && !windows) {
    c = c.slice(1);
    if (c.length === 0) throw new BadPattern();
  }
  const r = c[0] as number;
  const rest = c.slice(1);
  if (rest.length === 0) throw new BadPattern();
  return [r, rest];
}

/** matchChunk: the rest of `s` after the chunk, or undefined; throws BadPattern. */
function matchChunk(chunkIn: number[], sIn: number[], windows: boolean): number[] | undefined {
  const sep = windows ? 0x5c : 0x2f;
  let chunk = chunkIn;
  let s = sIn;
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const c = chunk[0] as number;
    if (c === 0x5b) {
      let r = -1;
      if (!failed) {
        r = s[0] as number;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
      let negated = false;
      if (chunk.length > 0 && chunk[0] === 0x5e) {
        negated = true;
        chunk = chunk.slice(1);
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk.length > 0 && chunk[0] === 0x5d && nrange > 0) {
          chunk = chunk.slice(1);
          break;
        }
        let lo: number;
        [lo, chunk] = getEsc(chunk, windows);
        let hi = lo;
        if (chunk[0] === 0x2d) [hi, chunk] = getEsc(chunk.slice(1), windows);
        if (lo <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === 0x3f) {
      if (!failed) {
        if (s[0] === sep) failed = true;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
    } else {
      let literal = chunk;
      if (c === 0x5c && !windows) {
        literal = chunk.slice(1);
        if (literal.length === 0) throw new BadPattern();
      }
      if (!failed) {
        if (literal[0] !== s[0]) failed = true;
        s = s.slice(1);
      }
      chunk = literal.slice(1);
    }
  }
  return failed ? undefined : s;
}

/** filepath.Match (go1.19): case-sensitive on every OS; a malformed pattern throws BadPattern. */
export function goMatch(patternText: string, nameText: string, flavour: GoPathFlavour): boolean {
  const windows = flavour.windows;
  const sep = windows ? 0x5c : 0x2f;
  let pattern = Array.from(patternText, (ch) => ch.codePointAt(0) as number);
  let name = Array.from(nameText, (ch) => ch.codePointAt(0) as number);
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern, windows);
    pattern = rest;
    if (star && chunk.length === 0) return !name.includes(sep);
    let t: number[] | undefined;
    let error: unknown;
    try {
      t = matchChunk(chunk, name, windows);
    } catch (e) {
      error = e;
    }
    if (t !== undefined && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (error) throw error;
    if (star) {
      for (let i = 0; i < name.length && name[i] !== sep; i++) {
        const t2 = matchChunk(chunk, name.slice(i + 1), windows);
        if (t2 !== undefined) {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
      }
    }
    while (pattern.length > 0) {
      const next = scanChunk(pattern, windows);
      pattern = next.rest;
      matchChunk(next.chunk, [], windows);
    }
    return false;
  }
  return name.length === 0;
}

/** path.Match, with a malformed pattern matching nothing. */
export function goPathMatch(pattern: string, name: string): boolean {
  try {
    return goMatch(pattern, name, POSIX);
  } catch (error) {
    if (error instanceof BadPattern) return false;
    throw error;
  }
}
