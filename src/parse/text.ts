/**
 * Text as Windows tools write it: UTF-8 with or without a BOM, UTF-16 (PowerShell 5.1's `Out-File`
 * default), CRLF or LF line endings.
 */
import type { TemplateMarker, TextEncoding } from '../contract/facts.js';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  lineEndings: 'lf' | 'crlf' | 'mixed';
}

function looksLikeUtf16(bytes: Uint8Array, zeroAt: 0 | 1): boolean {
  const sample = Math.min(bytes.length - (bytes.length % 2), 512);
  if (sample < 4) return false;
  let zeros = 0;
  for (let i = zeroAt; i < sample; i += 2) if (bytes[i] === 0) zeros += 1;
  return zeros >= (sample / 2) * 0.6;
}

export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf8-bom', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', bomLength: 2 };
  if (looksLikeUtf16(bytes, 1)) return { encoding: 'utf16le', bomLength: 0 };
  if (looksLikeUtf16(bytes, 0)) return { encoding: 'utf16be', bomLength: 0 };
  return { encoding: 'utf8', bomLength: 0 };
}

export function lineEndingsOf(text: string): 'lf' | 'crlf' | 'mixed' {
  let crlf = 0;
  let lf = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    lf += 1;
    if (nl > 0 && text.charCodeAt(nl - 1) === 13) crlf += 1;
  }
  if (crlf === 0) return 'lf';
  return crlf === lf ? 'crlf' : 'mixed';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const { encoding, bomLength } = detectEncoding(bytes);
  const body = bytes.subarray(bomLength);
  let text: string;
  if (encoding === 'utf16le') text = new TextDecoder('utf-16le').decode(body);
  else if (encoding === 'utf16be') text = new TextDecoder('utf-16be').decode(body);
  else text = new TextDecoder('utf-8').decode(body);
  // A BOM can also survive inside already-decoded text (PowerShell pipelines); it is never content.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding, lineEndings: lineEndingsOf(text) };
}

/** Strips a leading BOM and normalises CRLF to LF, for text that arrives already decoded. */
export function normaliseText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

/**
 * The first `{{…}}` or `{%…%}` in a line, as the regex /\{\{.*?\}\}|\{%.*?%\}/ finds it (`.` stops at CR,
 * U+2028 and U+2029), in time linear in the line: that regex rescans the rest of the line from every
 * unclosed `{{`, which is quadratic on a long line of them.
 */
function markerIn(line: string): { marker: string; index: number } | undefined {
  let from = 0;
  for (const stop of [...line.matchAll(/[\r\u2028\u2029]/g), { index: line.length }]) {
    const found = markerInRun(line, from, stop.index);
    if (found) return found;
    from = stop.index + 1;
  }
  return undefined;
}

/** The leftmost marker within line[from, to), a run without line terminators. */
function markerInRun(line: string, from: number, to: number): { marker: string; index: number } | undefined {
  const lastClose: Record<string, number> = {
    '{': line.lastIndexOf('}}', to - 2),
    '%': line.lastIndexOf('%}', to - 2),
  };
  let braces = line.indexOf('{{', from);
  let percent = line.indexOf('{%', from);
  for (;;) {
    if (braces >= to - 1) braces = -1;
    if (percent >= to - 1) percent = -1;
    if (braces === -1 && percent === -1) return undefined;
    const at = braces === -1 ? percent : percent === -1 ? braces : Math.min(braces, percent);
    // At one position `{{` is tried first, then `{%` (never both: the second characters differ).
    const kind = at === braces ? '{' : '%';
    if ((lastClose[kind] as number) >= at + 2) {
      const close = line.indexOf(kind === '{' ? '}}' : '%}', at + 2);
      return { marker: line.slice(at, close + 2), index: at };
    }
    if (kind === '{') braces = line.indexOf('{{', at + 1);
    else percent = line.indexOf('{%', at + 1);
  }
}

/**
 * The first unrendered Go-template / Jinja placeholder outside a comment line. Placeholders inside a
 * quoted TOML value count too: `sandbox = '{{pauseImage}}'` parses, but is still an unrendered template.
 */
export function findTemplateMarker(text: string): TemplateMarker | undefined {
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    line += 1;
    if (!/^\s*#/.test(raw)) {
      const m = markerIn(raw);
      if (m) return { marker: m.marker, line, column: m.index + 1 };
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return undefined;
}

/** A short excerpt for evidence: the first lines, bounded. */
export function excerpt(text: string, maxChars = 400): string {
  const trimmed = text.trim();
  return trimmed.length <= maxChars ? trimmed : `${trimmed.slice(0, maxChars)}…`;
}
