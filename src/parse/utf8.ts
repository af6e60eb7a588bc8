/**
 * UTF-8 as TextDecoder and Go read it: well-formed sequences (no overlongs, surrogates or code points
 * past U+10FFFF), and the "maximal subpart" that one U+FFFD replaces.
 */
import type { InvalidUtf8 } from '../contract/facts.js';

/**
 * The first byte sequence that is not UTF-8, where TextDecoder wrote one U+FFFD: its line and column in
 * the decoded text (columns count characters) and its bytes (the WHATWG "maximal subpart" one U+FFFD
 * replaces), so a later run can rebuild the bytes go-toml v2 reads.
 */
export function firstInvalidUtf8(body: Uint8Array): InvalidUtf8 | undefined {
  let line = 1;
  let column = 1;
  for (let i = 0; i < body.length; ) {
    const c = body[i] as number;
    const size = utf8SequenceLength(body, i);
    if (size > 0) {
      if (c === 0x0a) {
        line++;
        column = 1;
      } else column += 1;
      i += size;
      continue;
    }
    const subpart = maximalSubpart(body, i);
    const bytes = Array.from(body.subarray(i, i + subpart), (b) => b.toString(16).padStart(2, '0')).join('');
    return { line, column, bytes };
  }
  return undefined;
}

const inRange = (b: Uint8Array, j: number, lo: number, hi: number) => {
  const x = b[j];
  return x !== undefined && x >= lo && x <= hi;
};

function secondRange(c: number): [number, number] {
  if (c === 0xe0) return [0xa0, 0xbf];
  if (c === 0xed) return [0x80, 0x9f];
  if (c === 0xf0) return [0x90, 0xbf];
  if (c === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** The length of the well-formed UTF-8 sequence at i (1 for ASCII), or 0 where none starts. */
export function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  const size = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (size === 0) return 0;
  const [lo, hi] = secondRange(c);
  if (!inRange(b, i + 1, lo, hi)) return 0;
  for (let k = 2; k < size; k++) if (!inRange(b, i + k, 0x80, 0xbf)) return 0;
  return size;
}

function maximalSubpart(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  const size = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (size === 0) return 1;
  const [lo, hi] = secondRange(c);
  if (!inRange(b, i + 1, lo, hi)) return 1;
  let n = 2;
  while (n < size && inRange(b, i + n, 0x80, 0xbf)) n++;
  return n;
}
