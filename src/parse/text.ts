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
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length;
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

const TEMPLATE_MARKER = /\{\{.*?\}\}|\{%.*?%\}/;

/**
 * The first unrendered Go-template / Jinja placeholder outside a comment line. Placeholders inside a
 * quoted TOML value count too: `sandbox = '{{pauseImage}}'` parses, but is still an unrendered template.
 */
export function findTemplateMarker(text: string): TemplateMarker | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*#/.test(line)) continue;
    const m = TEMPLATE_MARKER.exec(line);
    if (m) return { marker: m[0], line: i + 1, column: m.index + 1 };
  }
  return undefined;
}

/** A short excerpt for evidence: the first lines, bounded. */
export function excerpt(text: string, maxChars = 400): string {
  const trimmed = text.trim();
  return trimmed.length <= maxChars ? trimmed : `${trimmed.slice(0, maxChars)}…`;
}
