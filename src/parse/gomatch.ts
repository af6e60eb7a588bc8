/**
 * Go's `path.Match`, which containerd uses to test annotation keys against `pod_annotations` and
 * `container_annotations` patterns. Its `*` and `?` never match `/`, so `microsoft.com/*` admits
 * `microsoft.com/hostprocess-container` but a bare `*` does not. A malformed pattern matches nothing
 * (containerd discards the ErrBadPattern).
 *
 * Grammar (from Go's path package):
 *   '*' any sequence of non-/ characters; '?' any single non-/ character;
 *   '[' [ '^' ] { character-range } ']' a non-empty class; '\\' c matches c literally.
 */

type Token =
  | { kind: 'star' }
  | { kind: 'any' }
  | { kind: 'char'; c: string }
  | { kind: 'class'; negated: boolean; ranges: [string, string][] };

function readClassChar(pattern: string[], i: number): [string, number] | undefined {
  let c = pattern[i];
  if (c === undefined || c === '-' || c === ']') return undefined;
  if (c === '\\') {
    c = pattern[i + 1];
    if (c === undefined) return undefined;
    return [c, i + 2];
  }
  return [c, i + 1];
}

function readClass(pattern: string[], start: number): [Token, number] | undefined {
  let i = start + 1;
  const negated = pattern[i] === '^';
  if (negated) i += 1;
  const ranges: [string, string][] = [];
  while (pattern[i] !== ']' || ranges.length === 0) {
    const lo = readClassChar(pattern, i);
    if (!lo) return undefined;
    let hi: [string, number] | undefined = lo;
    i = lo[1];
    if (pattern[i] === '-') {
      hi = readClassChar(pattern, i + 1);
      if (!hi) return undefined;
      i = hi[1];
    }
    ranges.push([lo[0], hi[0]]);
  }
  return [{ kind: 'class', negated, ranges }, i + 1];
}

/** Tokens of a pattern, or undefined when Go would report ErrBadPattern. */
export function tokenize(text: string): Token[] | undefined {
  const pattern = Array.from(text);
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '*') {
      tokens.push({ kind: 'star' });
      i += 1;
    } else if (c === '?') {
      tokens.push({ kind: 'any' });
      i += 1;
    } else if (c === '[') {
      const read = readClass(pattern, i);
      if (!read) return undefined;
      tokens.push(read[0]);
      i = read[1];
    } else if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return undefined;
      tokens.push({ kind: 'char', c: next });
      i += 2;
    } else {
      tokens.push({ kind: 'char', c });
      i += 1;
    }
  }
  return tokens;
}

function matchOne(token: Token, c: string): boolean {
  switch (token.kind) {
    case 'any':
      return c !== '/';
    case 'char':
      return token.c === c;
    case 'class': {
      // Unlike * and ?, a class may match '/' (Go's matchChunk has no separator test for '[').
      const inside = token.ranges.some(([lo, hi]) => lo <= c && c <= hi);
      return inside !== token.negated;
    }
    default:
      return false;
  }
}

/** `name` as code points: Go matches runes, not UTF-16 units. */
function matchFrom(tokens: Token[], ti: number, name: string[], ni: number): boolean {
  if (ti === tokens.length) return ni === name.length;
  const token = tokens[ti] as Token;
  if (token.kind === 'star') {
    for (let end = ni; end <= name.length; end++) {
      if (matchFrom(tokens, ti + 1, name, end)) return true;
      if (name[end] === '/') return false;
    }
    return false;
  }
  const c = name[ni];
  return c !== undefined && matchOne(token, c) && matchFrom(tokens, ti + 1, name, ni + 1);
}

export function goPathMatch(pattern: string, name: string): boolean {
  const tokens = tokenize(pattern);
  return tokens !== undefined && matchFrom(tokens, 0, Array.from(name), 0);
}
