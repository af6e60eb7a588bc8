/**
 * What go-toml v2 (github.com/pelletier/go-toml/v2, the parser of containerd 2.x) accepts: a port of its
 * parser and scanner (unstable/parser.go, unstable/scanner.go), its duplicate tracker
 * (internal/tracker/seen.go) and the value checks its decoder runs (decode.go), with its error texts and
 * byte positions. Written from go-toml v2.0.6 (Debian golang-github-pelletier-go-toml.v2-dev) and compared
 * with the v2.2.3 and v2.3.0 copies vendored by containerd v2.0.0 and v2.3.0: their parser, scanner,
 * tracker and value checks accept the same documents, except leap seconds (v2.3.0 refuses `:60`).
 *
 * go-toml v2 works in three steps per top-level expression: parse it, check it against the keys seen so
 * far, decode it. A value is checked (dates, number ranges, underscores, leading zeros) only when it is
 * decoded, so where containerd skips a key (an unknown top-level key) a bad value there is never seen;
 * `decodeMapV2` decodes everything, as `toml.Unmarshal(b, &map[string]interface{}{})` does.
 *
 * Positions: row = line, column = bytes since the line start + 1 (go-toml's positionAtEnd). Everything
 * is iterative: nested arrays and inline tables use explicit stacks.
 */
import { goChar, goQuote, goUSharp, newTable, type TomlNode, type TomlPosition, type TomlTable } from './toml-tree.js';
import { utf8SequenceLength } from './utf8.js';

export type GoTomlV2Version = '2.0.6' | '2.2' | '2.3';

export type NodeKind =
  | 'String'
  | 'Bool'
  | 'Integer'
  | 'Float'
  | 'DateTime'
  | 'LocalDate'
  | 'LocalTime'
  | 'LocalDateTime'
  | 'Array'
  | 'InlineTable'
  | 'KeyValue'
  | 'Table'
  | 'ArrayTable';

/** An AST node. `offset`/`length` are the bytes of its raw text (the highlight of errors about it). */
export interface V2Node {
  kind: NodeKind;
  /** Strings and keys: the decoded text. Numbers, dates, booleans: the raw text. */
  data: string;
  offset: number;
  length: number;
  children?: V2Node[];
}

export interface KeyPart {
  name: string;
  offset: number;
  /** A basic string with escapes: go-toml v2 holds a copy of its text, not a slice of the document. */
  escaped?: boolean;
}

export interface V2Expr {
  kind: 'KeyValue' | 'Table' | 'ArrayTable';
  key: KeyPart[];
  value?: V2Node;
  /** Offset of the expression's first byte (the key or the `[`). */
  offset: number;
}

export interface V2Error {
  /** go-toml's message without the `toml: ` prefix. */
  message: string;
  /** Byte offset of the highlight; absent for errors go-toml reports without a position. */
  offset?: number;
  line?: number;
  column?: number;
  /** go-toml panicked (a runtime error): containerd crashes. */
  panic?: boolean;
}

export interface V2Parsed {
  data: Uint8Array;
  expressions: V2Expr[];
  /** The parser error after the last expression, if any. */
  parseError?: V2Error;
}

class ParserError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}
class GoPanic extends Error {}

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
const isUnquotedKeyChar = (c: number) =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || isDigit(c) || c === 0x2d || c === 0x5f;
const isValidHexRune = (c: number) => (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46) || isDigit(c) || c === 0x5f;
const isValidOctalRune = (c: number) => (c >= 0x30 && c <= 0x37) || c === 0x5f;
const isValidBinaryRune = (c: number) => c === 0x30 || c === 0x31 || c === 0x5f;

/** characters.InvalidAscii: control characters other than TAB, LF and CR, and DEL. */
const invalidAscii = (c: number) => c <= 0x08 || (c >= 0x0b && c <= 0x0c) || (c >= 0x0e && c <= 0x1f) || c === 0x7f;

const utf8Decoder = new TextDecoder('utf-8');

export class V2Parser {
  readonly data: Uint8Array;
  readonly expressions: V2Expr[] = [];
  constructor(data: Uint8Array) {
    this.data = data;
  }

  at(i: number): number | undefined {
    return this.data[i];
  }
  text(start: number, end: number): string {
    return utf8Decoder.decode(this.data.subarray(start, end));
  }
  err(message: string, offset: number): never {
    throw new ParserError(message, offset);
  }

  /** characters.Utf8ValidNext: the size of a valid character at i (ASCII control characters excluded), or 0. */
  validNext(i: number): number {
    const c = this.data[i] as number;
    if (c < 0x80) return invalidAscii(c) ? 0 : 1;
    return utf8SequenceLength(this.data, i);
  }

  /** characters.Utf8TomlValidAlreadyEscaped over [start, end): the index of the first bad byte, or -1. */
  firstInvalid(start: number, end: number): number {
    for (let i = start; i < end; ) {
      const c = this.data[i] as number;
      if (c < 0x80) {
        if (invalidAscii(c)) return i;
        i++;
        continue;
      }
      // A sequence that runs past `end` is invalid too (the slice ends there).
      const size = this.validNext(i);
      if (size === 0 || i + size > end) return i;
      i += size;
    }
    return -1;
  }

  ws(i: number): number {
    while (i < this.data.length && (this.data[i] === 0x20 || this.data[i] === 0x09)) i++;
    return i;
  }

  /** Parses the whole document; returns the parse error, if any. */
  run(): V2Error | undefined {
    let i = 0;
    let first = true;
    const len = this.data.length;
    try {
      while (i < len) {
        if (!first) i = this.parseNewline(i);
        if (i >= len) break;
        const [expr, next] = this.parseExpression(i);
        i = next;
        first = false;
        if (expr) this.expressions.push(expr);
      }
    } catch (error) {
      if (error instanceof ParserError) return { message: error.message, offset: error.offset };
      if (error instanceof GoPanic) return { message: error.message, panic: true };
      throw error;
    }
    return undefined;
  }

  parseNewline(i: number): number {
    const c = this.data[i] as number;
    if (c === 0x0a) return i + 1;
    if (c === 0x0d) {
      if (this.data.length - i < 2) this.err('windows new line expected', i);
      if (this.data[i + 1] !== 0x0a) this.err('windows new line should be \\r\\n', i);
      return i + 2;
    }
    return this.err(`expected newline but got ${goUSharp(c)}`, i);
  }

  parseExpression(start: number): [V2Expr | undefined, number] {
    let i = this.ws(start);
    if (i >= this.data.length) return [undefined, i];
    const c = this.data[i];
    if (c === 0x23) return [undefined, this.scanComment(i)];
    if (c === 0x0a || c === 0x0d) return [undefined, i];
    let expr: V2Expr;
    if (c === 0x5b) [expr, i] = this.parseTable(i);
    else {
      const [key, afterKey] = this.parseKeyvalHead(i);
      const [value, afterValue] = this.parseVal(afterKey);
      expr = { kind: 'KeyValue', key, value, offset: i };
      i = afterValue;
    }
    i = this.ws(i);
    if (i < this.data.length && this.data[i] === 0x23) i = this.scanComment(i);
    return [expr, i];
  }

  parseTable(start: number): [V2Expr, number] {
    const array = this.data[start + 1] === 0x5b && this.data.length - start > 1;
    let i = this.ws(start + (array ? 2 : 1));
    const [key, afterKey] = this.parseKey(i);
    i = this.ws(afterKey);
    i = this.expect(0x5d, i);
    if (array) i = this.expect(0x5d, i);
    return [{ kind: array ? 'ArrayTable' : 'Table', key, offset: start }, i];
  }

  /** parseKeyval up to the value: key, `=`, whitespace. */
  parseKeyvalHead(start: number): [KeyPart[], number] {
    const [key, afterKey] = this.parseKey(start);
    let i = this.ws(afterKey);
    if (i >= this.data.length) this.err('expected = after a key, but the document ends there', i);
    i = this.expect(0x3d, i);
    return [key, this.ws(i)];
  }

  expect(c: number, i: number): number {
    if (i >= this.data.length) this.err(`expected character ${goChar(c)} but the document ended here`, i);
    if (this.data[i] !== c) this.err(`expected character ${goChar(c)}`, i);
    return i + 1;
  }

  parseKey(start: number): [KeyPart[], number] {
    const parts: KeyPart[] = [];
    const part = (at: number): number => {
      const [name, end] = this.parseSimpleKey(at);
      const escaped = this.data[at] === 0x22 && this.data.subarray(at, end).includes(0x5c);
      parts.push({ name, offset: at, ...(escaped ? { escaped } : {}) });
      return end;
    };
    let i = part(start);
    for (;;) {
      i = this.ws(i);
      if (i < this.data.length && this.data[i] === 0x2e) i = part(this.ws(i + 1));
      else break;
    }
    return [parts, i];
  }

  parseSimpleKey(i: number): [string, number] {
    if (i >= this.data.length) this.err('expected key but found none', i);
    const c = this.data[i] as number;
    if (c === 0x27) {
      const [, value, end] = this.parseLiteralString(i);
      return [value, end];
    }
    if (c === 0x22) {
      const [, value, end] = this.parseBasicString(i);
      return [value, end];
    }
    if (isUnquotedKeyChar(c)) {
      let j = i;
      while (j < this.data.length && isUnquotedKeyChar(this.data[j] as number)) j++;
      return [this.text(i, j), j];
    }
    return this.err(`invalid character at start of key: ${goChar(c)}`, i);
  }

  scanComment(start: number): number {
    const b = this.data;
    for (let i = start + 1; i < b.length; ) {
      if (b[i] === 0x0a) return i;
      if (b[i] === 0x0d) {
        if (i + 1 < b.length && b[i + 1] === 0x0a) return i + 1;
        this.err('invalid character in comment', i);
      }
      const size = this.validNext(i);
      if (size === 0) this.err('invalid character in comment', i);
      i += size;
    }
    return b.length;
  }

  /** scanBasicString: [end (after the closing quote), escaped]. */
  scanBasicString(start: number): [number, boolean] {
    const b = this.data;
    let escaped = false;
    for (let i = start + 1; i < b.length; i++) {
      const c = b[i];
      if (c === 0x22) return [i + 1, escaped];
      if (c === 0x0a || c === 0x0d) this.err('basic strings cannot have new lines', i);
      if (c === 0x5c) {
        if (b.length < i + 2) this.err('need a character after \\', i);
        escaped = true;
        i++;
      }
    }
    return this.err('basic string not terminated by "', b.length);
  }

  hexToRune(start: number, available: number, length: number): number {
    if (available < length) this.err(`unicode point needs ${length} character, not ${available}`, start);
    let r = 0;
    for (let i = 0; i < length; i++) {
      const c = this.data[start + i] as number;
      let d: number;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x61 + 10;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x41 + 10;
      else return this.err('non-hex character', start + i);
      r = r * 16 + d;
    }
    if (r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) this.err('escape sequence is invalid Unicode code point', start);
    return r;
  }

  escape(c: number): string | undefined {
    switch (c) {
      case 0x22:
        return '"';
      case 0x5c:
        return '\\';
      case 0x62:
        return '\b';
      case 0x66:
        return '\f';
      case 0x6e:
        return '\n';
      case 0x72:
        return '\r';
      case 0x74:
        return '\t';
      case 0x65:
        return '\u001b';
      default:
        return undefined;
    }
  }

  /** [raw start, decoded value, end]. */
  parseBasicString(start: number): [number, string, number] {
    const [end, escaped] = this.scanBasicString(start);
    const from = start + 1;
    const to = end - 1;
    if (!escaped) {
      const bad = this.firstInvalid(from, to);
      if (bad >= 0) this.err('invalid UTF-8', bad);
      return [start, this.text(from, to), end];
    }
    let out = '';
    let i = from;
    while (i < to) {
      const c = this.data[i] as number;
      if (c === 0x5c) {
        i++;
        const e = this.data[i] as number;
        const simple = this.escape(e);
        if (simple !== undefined) out += simple;
        else if (e === 0x75) {
          out += String.fromCodePoint(this.hexToRune(i + 1, to - (i + 1), 4));
          i += 4;
        } else if (e === 0x55) {
          out += String.fromCodePoint(this.hexToRune(i + 1, to - (i + 1), 8));
          i += 8;
        } else this.err(`invalid escaped character ${goUSharp(e)}`, i);
        i++;
      } else {
        const size = this.validNext(i);
        if (size === 0) this.err(`invalid character ${goUSharp(c)}`, i);
        out += this.text(i, i + size);
        i += size;
      }
    }
    return [start, out, end];
  }

  parseLiteralString(start: number): [number, string, number] {
    const b = this.data;
    for (let i = start + 1; i < b.length; ) {
      const c = b[i];
      if (c === 0x27) return [start, this.text(start + 1, i), i + 1];
      if (c === 0x0a || c === 0x0d) this.err('literal strings cannot have new lines', i);
      const size = this.validNext(i);
      if (size === 0) this.err('invalid character', i);
      i += size;
    }
    return this.err('unterminated literal string', b.length);
  }

  parseMultilineLiteralString(start: number): [string, number] {
    const b = this.data;
    let i = start + 3;
    let end = -1;
    while (i < b.length) {
      const c = b[i];
      if (c === 0x27 && b[i + 1] === 0x27 && b[i + 2] === 0x27) {
        i += 3;
        if (i >= b.length || b[i] !== 0x27) {
          end = i;
          break;
        }
        i++;
        if (i >= b.length || b[i] !== 0x27) {
          end = i;
          break;
        }
        i++;
        if (i < b.length && b[i] === 0x27) this.err("''' not allowed in multiline literal string", i - 3);
        end = i;
        break;
      }
      if (c === 0x0d) {
        if (b.length < i + 2) this.err('need a \\n after \\r', b.length);
        if (b[i + 1] !== 0x0a) this.err('need a \\n after \\r', i);
        i += 2;
        continue;
      }
      const size = this.validNext(i);
      if (size === 0) this.err('invalid character', i);
      i += size;
    }
    if (end < 0) this.err("multiline literal string not terminated by '''", b.length);
    let from = start + 3;
    if (b[from] === 0x0a) from++;
    else if (b[from] === 0x0d && b[from + 1] === 0x0a) from += 2;
    return [this.text(from, end - 3), end];
  }

  parseMultilineBasicString(start: number): [string, number] {
    const b = this.data;
    let escaped = false;
    let i = start + 3;
    let end = -1;
    for (; i < b.length; i++) {
      const c = b[i];
      if (c === 0x22 && b[i + 1] === 0x22 && b[i + 2] === 0x22) {
        i += 3;
        if (i >= b.length || b[i] !== 0x22) {
          end = i;
          break;
        }
        i++;
        if (i >= b.length || b[i] !== 0x22) {
          end = i;
          break;
        }
        i++;
        if (i < b.length && b[i] === 0x22) this.err('""" not allowed in multiline basic string', i - 3);
        end = i;
        break;
      }
      if (c === 0x5c) {
        if (b.length < i + 2) this.err('need a character after \\', b.length);
        escaped = true;
        i++;
      } else if (c === 0x0d) {
        if (b.length < i + 2) this.err('need a \\n after \\r', b.length);
        if (b[i + 1] !== 0x0a) this.err('need a \\n after \\r', i);
        i++;
      }
    }
    if (end < 0) this.err('multiline basic string not terminated by """', b.length);
    let from = start + 3;
    if (b[from] === 0x0a) from++;
    else if (b[from] === 0x0d && b[from + 1] === 0x0a) from += 2;
    const to = end - 3;
    if (!escaped) {
      const bad = this.firstInvalid(from, to);
      if (bad >= 0) this.err('invalid UTF-8', bad);
      return [this.text(from, to), end];
    }
    let out = '';
    i = from;
    while (i < to) {
      const c = b[i] as number;
      if (c === 0x5c) {
        // A backslash that is the last non-blank character of its line trims the newline and the blanks after.
        let lastOnLine = false;
        let j = 1;
        for (; j < to - i; j++) {
          const x = b[i + j];
          if (x === 0x20 || x === 0x09) continue;
          if (x === 0x0d && b[i + j + 1] === 0x0a) continue;
          if (x === 0x0a) lastOnLine = true;
          break;
        }
        if (lastOnLine) {
          i += j;
          for (; i < to; i++) {
            const x = b[i];
            if (!(x === 0x0a || x === 0x0d || x === 0x20 || x === 0x09)) {
              i--;
              break;
            }
          }
          i++;
          continue;
        }
        i++;
        const e = b[i] as number;
        const simple = this.escape(e);
        if (simple !== undefined) out += simple;
        else if (e === 0x75) {
          out += String.fromCodePoint(this.hexToRune(i + 1, Math.min(4, b.length - (i + 1)), 4));
          i += 4;
        } else if (e === 0x55) {
          out += String.fromCodePoint(this.hexToRune(i + 1, Math.min(8, b.length - (i + 1)), 8));
          i += 8;
        } else this.err(`invalid escaped character ${goUSharp(e)}`, i);
        i++;
      } else {
        const size = this.validNext(i);
        if (size === 0) this.err(`invalid character ${goUSharp(c)}`, i);
        out += this.text(i, i + size);
        i += size;
      }
    }
    return [out, end];
  }

  follows(i: number, pattern: string): boolean {
    for (let k = 0; k < pattern.length; k++) if (this.data[i + k] !== pattern.charCodeAt(k)) return false;
    return true;
  }

  scalar(kind: NodeKind, start: number, end: number): V2Node {
    return { kind, data: this.text(start, end), offset: start, length: end - start };
  }

  /** A value that is not an array or an inline table. */
  parseScalarVal(i: number): [V2Node, number] {
    const b = this.data;
    const c = b[i] as number;
    switch (c) {
      case 0x22: {
        if (this.follows(i, '"""')) {
          const [value, end] = this.parseMultilineBasicString(i);
          return [{ kind: 'String', data: value, offset: i, length: end - i }, end];
        }
        const [, value, end] = this.parseBasicString(i);
        return [{ kind: 'String', data: value, offset: i, length: end - i }, end];
      }
      case 0x27: {
        if (this.follows(i, "'''")) {
          const [value, end] = this.parseMultilineLiteralString(i);
          return [{ kind: 'String', data: value, offset: i, length: end - i }, end];
        }
        const [, value, end] = this.parseLiteralString(i);
        return [{ kind: 'String', data: value, offset: i, length: end - i }, end];
      }
      case 0x74:
        if (!this.follows(i, 'true')) this.err("expected 'true'", i);
        return [this.scalar('Bool', i, i + 4), i + 4];
      case 0x66:
        if (!this.follows(i, 'false')) this.err("expected 'false'", i);
        return [this.scalar('Bool', i, i + 5), i + 5];
      default:
        return this.parseIntOrFloatOrDateTime(i);
    }
  }

  parseIntOrFloatOrDateTime(i: number): [V2Node, number] {
    const b = this.data;
    const c = b[i] as number;
    if (c === 0x69) {
      if (!this.follows(i, 'inf')) this.err("expected 'inf'", i);
      return [this.scalar('Float', i, i + 3), i + 3];
    }
    if (c === 0x6e) {
      if (!this.follows(i, 'nan')) this.err("expected 'nan'", i);
      return [this.scalar('Float', i, i + 3), i + 3];
    }
    if (c === 0x2b || c === 0x2d) return this.scanIntOrFloat(i);
    if (b.length - i < 3) return this.scanIntOrFloat(i);
    const s = Math.min(5, b.length - i);
    for (let idx = 0; idx < s; idx++) {
      const x = b[i + idx] as number;
      if (isDigit(x)) continue;
      if ((idx === 2 && x === 0x3a) || (idx === 4 && x === 0x2d)) return this.scanDateTime(i);
      break;
    }
    return this.scanIntOrFloat(i);
  }

  scanDateTime(start: number): [V2Node, number] {
    const b = this.data;
    let hasDate = false;
    let hasTime = false;
    let hasTz = false;
    let seenSpace = false;
    let i = 0;
    for (; start + i < b.length; i++) {
      const c = b[start + i] as number;
      if (isDigit(c)) continue;
      if (c === 0x2d) {
        hasDate = true;
        if (i >= 8) hasTz = true;
      } else if (c === 0x54 || c === 0x74 || c === 0x3a || c === 0x2e) hasTime = true;
      else if (c === 0x2b || c === 0x2d || c === 0x5a || c === 0x7a) hasTz = true;
      else if (c === 0x20) {
        if (!seenSpace && start + i + 1 < b.length && isDigit(b[start + i + 1])) {
          i += 2;
          if (start + i >= b.length) i--;
          seenSpace = true;
          hasTime = true;
        } else break;
      } else break;
    }
    const kind: NodeKind = hasTime ? (hasDate ? (hasTz ? 'DateTime' : 'LocalDateTime') : 'LocalTime') : 'LocalDate';
    return [this.scalar(kind, start, start + i), start + i];
  }

  scanIntOrFloat(start: number): [V2Node, number] {
    const b = this.data;
    const n = b.length - start;
    let i = 0;
    if (n > 2 && b[start] === 0x30 && b[start + 1] !== 0x2e && b[start + 1] !== 0x65 && b[start + 1] !== 0x45) {
      const base = b[start + 1];
      const valid =
        base === 0x78
          ? isValidHexRune
          : base === 0x6f
            ? isValidOctalRune
            : base === 0x62
              ? isValidBinaryRune
              : undefined;
      if (valid) {
        i += 2;
        while (i < n && valid(b[start + i] as number)) i++;
      } else i++;
      return [this.scalar('Integer', start, start + i), start + i];
    }
    let isFloat = false;
    for (; i < n; i++) {
      const c = b[start + i] as number;
      if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x5f) continue;
      if (c === 0x2e || c === 0x65 || c === 0x45) {
        isFloat = true;
        continue;
      }
      if (c === 0x69) {
        if (this.follows(start + i, 'inf')) return [this.scalar('Float', start, start + i + 3), start + i + 3];
        this.err("unexpected character 'i' while scanning for a number", start + i);
      }
      if (c === 0x6e) {
        if (this.follows(start + i, 'nan')) return [this.scalar('Float', start, start + i + 3), start + i + 3];
        this.err("unexpected character 'n' while scanning for a number", start + i);
      }
      break;
    }
    if (i === 0) this.err('incomplete number', start);
    return [this.scalar(isFloat ? 'Float' : 'Integer', start, start + i), start + i];
  }

  /** parseOptionalWhitespaceCommentNewline. */
  wsCommentNewline(start: number): number {
    let i = start;
    while (i < this.data.length) {
      i = this.ws(i);
      if (i < this.data.length && this.data[i] === 0x23) i = this.scanComment(i);
      if (i >= this.data.length) break;
      const c = this.data[i];
      if (c === 0x0a || c === 0x0d) i = this.parseNewline(i);
      else break;
    }
    return i;
  }

  /** parseVal, parseValArray and parseInlineTable with an explicit stack. */
  parseVal(start: number): [V2Node, number] {
    interface Frame {
      node: V2Node;
      start: number;
      first: boolean;
      key?: KeyPart[];
      keyOffset?: number;
    }
    const stack: Frame[] = [];
    const len = this.data.length;
    let i = start;
    let result: V2Node | undefined;
    let mode: 'val' | 'ret' | 'array' | 'inline' = 'val';
    for (;;) {
      if (mode === 'val') {
        if (i >= len) this.err('expected value, not eof', i);
        const c = this.data[i];
        if (c === 0x5b) {
          stack.push({ node: { kind: 'Array', data: '', offset: i, length: 1, children: [] }, start: i, first: true });
          i++;
          mode = 'array';
          continue;
        }
        if (c === 0x7b) {
          stack.push({
            node: { kind: 'InlineTable', data: '', offset: i, length: 1, children: [] },
            start: i,
            first: true,
          });
          i++;
          mode = 'inline';
          continue;
        }
        [result, i] = this.parseScalarVal(i);
        mode = 'ret';
        continue;
      }
      if (mode === 'ret') {
        const frame = stack[stack.length - 1];
        if (!frame) return [result as V2Node, i];
        if (frame.node.kind === 'Array') {
          frame.node.children?.push(result as V2Node);
          i = this.wsCommentNewline(i);
          frame.first = false;
          mode = 'array';
        } else {
          frame.node.children?.push({
            kind: 'KeyValue',
            data: '',
            offset: frame.keyOffset as number,
            length: 0,
            children: [
              ...(frame.key as KeyPart[]).map(
                (k): V2Node => ({ kind: 'String', data: k.name, offset: k.offset, length: k.escaped ? 1 : 0 }),
              ),
              result as V2Node,
            ],
          });
          frame.first = false;
          mode = 'inline';
        }
        continue;
      }
      const frame = stack[stack.length - 1] as Frame;
      if (mode === 'array') {
        let done = i >= len;
        if (!done) {
          i = this.wsCommentNewline(i);
          if (i >= len) this.err('array is incomplete', frame.start);
          if (this.data[i] === 0x5d) done = true;
          else {
            if (this.data[i] === 0x2c) {
              if (frame.first) this.err('array cannot start with comma', i);
              i = this.wsCommentNewline(i + 1);
            } else if (!frame.first) this.err('array elements must be separated by commas', i);
            if (i < len && this.data[i] === 0x5d) done = true;
          }
        }
        if (done) {
          i = this.expect(0x5d, i);
          stack.pop();
          frame.node.length = i - frame.start;
          result = frame.node;
          mode = 'ret';
        } else mode = 'val';
        continue;
      }
      // inline table
      let done = i >= len;
      if (!done) {
        const previous = i;
        i = this.ws(i);
        if (i >= len) this.err('inline table is incomplete', previous);
        if (this.data[i] === 0x7d) done = true;
        else {
          if (!frame.first) {
            i = this.expect(0x2c, i);
            i = this.ws(i);
          }
          frame.keyOffset = i;
          [frame.key, i] = this.parseKeyvalHead(i);
          mode = 'val';
          continue;
        }
      }
      i = this.expect(0x7d, i);
      stack.pop();
      frame.node.length = i - frame.start;
      result = frame.node;
      mode = 'ret';
    }
  }
}

/** The key parts and value of an inline table's KeyValue child. */
export function keyValueOf(node: V2Node): [KeyPart[], V2Node] {
  const children = node.children as V2Node[];
  const key = children
    .slice(0, -1)
    .map((k) => ({ name: k.data, offset: k.offset, ...(k.length === 1 ? { escaped: true } : {}) }));
  return [key, children[children.length - 1] as V2Node];
}

export function parseV2(data: Uint8Array): V2Parsed {
  const parser = new V2Parser(data);
  const parseError = parser.run();
  return { data, expressions: parser.expressions, ...(parseError ? { parseError } : {}) };
}

/** go-toml's positionAtEnd: row and column (in bytes) of an offset. */
export function positionOf(data: Uint8Array, offset: number): TomlPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, data.length);
  for (let i = data.indexOf(0x0a); i >= 0 && i < end; i = data.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** Positions for many offsets of one document, computed with one index of its line starts. */
export class ByteLines {
  readonly starts: number[] = [0];
  constructor(readonly data: Uint8Array) {
    for (let i = data.indexOf(0x0a); i >= 0; i = data.indexOf(0x0a, i + 1)) this.starts.push(i + 1);
  }
  at(offset: number): TomlPosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }
}

// The seen tracker (internal/tracker/seen.go), one entry per key with its kind.

type SeenKind = 'invalid' | 'value' | 'table' | 'array table';

interface SeenEntry {
  children: Map<string, SeenEntry>;
  kind: SeenKind;
  explicit: boolean;
  kv: boolean;
}

const newEntry = (kind: SeenKind, explicit: boolean, kv: boolean): SeenEntry => ({
  children: new Map(),
  kind,
  explicit,
  kv,
});

export class SeenTracker {
  readonly root = newEntry('invalid', false, false);
  current: SeenEntry = this.root;

  /** setExplicitFlag: every kv-created table under the current table becomes explicit. */
  private setExplicit(entry: SeenEntry): void {
    const stack = [entry];
    while (stack.length > 0) {
      const e = stack.pop() as SeenEntry;
      for (const child of e.children.values()) {
        if (child.kv) {
          child.explicit = true;
          child.kv = false;
        }
        stack.push(child);
      }
    }
  }

  /** CheckExpression: an error text (with the `toml: ` prefix), or undefined. */
  check(expr: V2Expr): string | undefined {
    if (expr.kind === 'KeyValue') return this.checkKeyValue(this.current, expr.key, expr.value as V2Node);
    this.setExplicit(this.current);
    let parent = this.root;
    const key = expr.key;
    for (let p = 0; p < key.length - 1; p++) {
      const k = (key[p] as KeyPart).name;
      let entry = parent.children.get(k);
      if (!entry) {
        entry = newEntry('table', false, false);
        parent.children.set(k, entry);
      } else if (entry.kind === 'value') return `toml: expected ${k} to be a table, not a ${entry.kind}`;
      parent = entry;
    }
    const k = (key[key.length - 1] as KeyPart).name;
    let entry = parent.children.get(k);
    if (expr.kind === 'Table') {
      if (entry) {
        if (entry.kind !== 'table') return `toml: key ${k} should be a table, not a ${entry.kind}`;
        if (entry.explicit) return `toml: table ${k} already exists`;
        entry.explicit = true;
      } else {
        entry = newEntry('table', true, false);
        parent.children.set(k, entry);
      }
    } else if (entry) {
      if (entry.kind !== 'array table')
        return `toml: key ${entry.kind} already exists as a ${k},  but should be an array table`;
      entry.children.clear();
    } else {
      entry = newEntry('array table', true, false);
      parent.children.set(k, entry);
    }
    this.current = entry;
    return undefined;
  }

  /** checkKeyValue; the value's own inline tables and arrays are checked when `value` is given. */
  checkKeyValue(start: SeenEntry, key: KeyPart[], value: V2Node | undefined): string | undefined {
    let parent = start;
    for (let p = 0; p < key.length; p++) {
      const k = (key[p] as KeyPart).name;
      let entry = parent.children.get(k);
      if (!entry) {
        entry = newEntry('table', false, true);
        parent.children.set(k, entry);
      } else if (p === key.length - 1) return `toml: key ${k} is already defined`;
      else if (entry.kind !== 'table') return `toml: expected ${k} to be a table, not a ${entry.kind}`;
      else if (entry.explicit) return `toml: cannot redefine table ${k} that has already been explicitly defined`;
      parent = entry;
    }
    parent.kind = 'value';
    return value ? checkValue(value) : undefined;
  }
}

/**
 * checkInlineTable / checkArray, in go-toml's order: each inline table gets a fresh tracker, and a
 * key-value's nested tables and arrays are checked before the next key-value.
 */
function checkValue(value: V2Node): string | undefined {
  type Task = { node: V2Node } | { tracker: SeenTracker; kvs: V2Node[]; index: number };
  const stack: Task[] = [{ node: value }];
  while (stack.length > 0) {
    const task = stack.pop() as Task;
    if ('node' in task) {
      const node = task.node;
      if (node.kind === 'InlineTable') stack.push({ tracker: new SeenTracker(), kvs: node.children ?? [], index: 0 });
      else if (node.kind === 'Array') {
        const children = node.children ?? [];
        for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as V2Node });
      }
      continue;
    }
    if (task.index >= task.kvs.length) continue;
    const [key, v] = keyValueOf(task.kvs[task.index] as V2Node);
    const error = task.tracker.checkKeyValue(task.tracker.root, key, undefined);
    if (error) return error;
    task.index++;
    stack.push(task);
    if (v.kind === 'InlineTable' || v.kind === 'Array') stack.push({ node: v });
  }
  return undefined;
}

// decode.go: the checks a value gets when it is decoded.

export interface DecodeIssue {
  message: string;
  offset?: number;
  panic?: boolean;
}

const issue = (message: string, offset: number): DecodeIssue => ({ message, offset });

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

function strconvError(fn: string, s: string, range: boolean): string {
  return `strconv.${fn}: parsing ${goQuote(s)}: ${range ? 'value out of range' : 'invalid syntax'}`;
}

/** checkAndRemoveUnderscoresIntegers; `offset` is the byte offset of b. */
function cleanIntegerUnderscores(b: string, offset: number): string | DecodeIssue {
  let start = 0;
  if (b.length === 0) return { message: 'runtime error: index out of range [0] with length 0', panic: true };
  if (b[0] === '+' || b[0] === '-') start++;
  if (b.length === start) return b;
  if (b[start] === '_') return issue('number cannot start with underscore', offset + start);
  if (b[b.length - 1] === '_') return issue('number cannot end with underscore', offset + b.length - 1);
  const first = b.indexOf('_');
  if (first < 0) return b;
  let before = false;
  let cleaned = b.slice(0, first);
  for (let i = first + 1; i < b.length; i++) {
    const c = b[i];
    if (c === '_') {
      if (!before) return issue('number must have at least one digit between underscores', offset + i - 1);
      before = false;
    } else {
      before = true;
      cleaned += c;
    }
  }
  return cleaned;
}

function parseGoInt(s: string, base: number): bigint | 'syntax' | 'range' {
  let body = s;
  let negative = false;
  if (body.startsWith('+') || body.startsWith('-')) {
    negative = body.startsWith('-');
    body = body.slice(1);
  }
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(body)) return 'syntax';
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const value = negative ? -BigInt(prefix + body) : BigInt(prefix + body);
  return value > INT64_MAX || value < INT64_MIN ? 'range' : value;
}

/** parseInteger: the value, or the issue. */
export function decodeInteger(b: string, offset: number): bigint | DecodeIssue {
  if (b.length > 2 && b[0] === '0') {
    const base = b[1] === 'x' ? 16 : b[1] === 'b' ? 2 : b[1] === 'o' ? 8 : 0;
    if (base === 0)
      return { message: `invalid base '${b[1]}', should have been checked by scanIntOrFloat`, panic: true };
    const cleaned = cleanIntegerUnderscores(b.slice(2), offset + 2);
    if (typeof cleaned !== 'string') return cleaned;
    const name = base === 16 ? 'hexadecimal' : base === 2 ? 'binary' : 'octal';
    const v = parseGoInt(cleaned, base);
    if (typeof v === 'bigint') return v;
    return issue(`couldn't parse ${name} number: ${strconvError('ParseInt', cleaned, v === 'range')}`, offset);
  }
  const cleaned = cleanIntegerUnderscores(b, offset);
  if (typeof cleaned !== 'string') return cleaned;
  const start = cleaned[0] === '+' || cleaned[0] === '-' ? 1 : 0;
  if (cleaned.length > start + 1 && cleaned[start] === '0')
    return issue('leading zero not allowed on decimal number', offset);
  const v = parseGoInt(cleaned, 10);
  if (typeof v === 'bigint') return v;
  return issue(`couldn't parse decimal number: ${strconvError('ParseInt', cleaned, v === 'range')}`, offset);
}

/** strconv.ParseFloat(s, 64) on what the scanner lets through. */
function goParseFloat(s: string): number | 'syntax' | 'range' {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^nan$/i.test(s)) return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return 'syntax';
  const f = Number(s);
  return Number.isFinite(f) ? f : 'range';
}

/** parseFloat: the value, or the issue. */
export function decodeFloat(b: string, offset: number): number | DecodeIssue {
  if (b.length === 4 && (b[0] === '+' || b[0] === '-') && b.slice(1) === 'nan') return Number.NaN;
  // checkAndRemoveUnderscoresFloats
  if (b[0] === '_') return issue('number cannot start with underscore', offset);
  if (b[b.length - 1] === '_') return issue('number cannot end with underscore', offset + b.length - 1);
  let cleaned = b;
  if (b.includes('_')) {
    let before = false;
    cleaned = '';
    for (let i = 0; i < b.length; i++) {
      const c = b[i] as string;
      if (c === '_') {
        if (!before) return issue('number must have at least one digit between underscores', offset + i - 1);
        if (i < b.length - 1 && (b[i + 1] === 'e' || b[i + 1] === 'E'))
          return issue('cannot have underscore before exponent', offset + i + 1);
        before = false;
      } else if (c === '+' || c === '-') {
        cleaned += c;
        before = false;
      } else if (c === 'e' || c === 'E') {
        if (i < b.length - 1 && b[i + 1] === '_') return issue('cannot have underscore after exponent', offset + i + 1);
        cleaned += c;
      } else if (c === '.') {
        if (i < b.length - 1 && b[i + 1] === '_')
          return issue('cannot have underscore after decimal point', offset + i + 1);
        if (i > 0 && b[i - 1] === '_') return issue('cannot have underscore before decimal point', offset + i - 1);
        cleaned += c;
      } else {
        before = true;
        cleaned += c;
      }
    }
  }
  if (cleaned[0] === '.') return issue('float cannot start with a dot', offset);
  if (cleaned[cleaned.length - 1] === '.') return issue('float cannot end with a dot', offset);
  let dotSeen = false;
  for (let i = 0; i < cleaned.length; i++) {
    if (cleaned[i] !== '.') continue;
    if (dotSeen) return issue('float can have at most one decimal point', offset + i);
    if (!isDigit(cleaned.charCodeAt(i - 1)))
      return issue('float decimal point must be preceded by a digit', offset + i - 1);
    if (!isDigit(cleaned.charCodeAt(i + 1)))
      return issue('float decimal point must be followed by a digit', offset + i);
    dotSeen = true;
  }
  const start = cleaned[0] === '+' || cleaned[0] === '-' ? 1 : 0;
  if (cleaned[start] === '0' && cleaned.length > start + 1 && isDigit(cleaned.charCodeAt(start + 1)))
    return issue('float integer part cannot have leading zeroes', offset);
  const f = goParseFloat(cleaned);
  if (typeof f === 'number') return f;
  return issue(`unable to parse float: ${strconvError('ParseFloat', cleaned, f === 'range')}`, offset);
}

function decimalDigits(b: string, offset: number): number | DecodeIssue {
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (!isDigit(c)) return issue('expected digit (0-9)', offset + i);
    v = v * 10 + (c - 0x30);
  }
  return v;
}

const daysIn = (month: number, year: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

function checkLocalDate(b: string, offset: number): DecodeIssue | undefined {
  if (b.length !== 10 || b[4] !== '-' || b[7] !== '-')
    return issue('dates are expected to have the format YYYY-MM-DD', offset);
  const parts: number[] = [];
  for (const [from, to] of [
    [0, 4],
    [5, 7],
    [8, 10],
  ] as const) {
    const v = decimalDigits(b.slice(from, to), offset + from);
    if (typeof v !== 'number') return v;
    parts.push(v);
  }
  const [year, month, day] = parts as [number, number, number];
  if (!(month > 0 && month < 13 && day > 0 && day <= daysIn(month, year))) return issue('impossible date', offset);
  return undefined;
}

/** parseLocalTime: the bytes it did not use, or the issue. */
function checkLocalTime(b: string, offset: number, version: GoTomlV2Version): string | DecodeIssue {
  if (b.length < 8) return issue('times are expected to have the format HH:MM:SS[.NNNNNN]', offset);
  const hour = decimalDigits(b.slice(0, 2), offset);
  if (typeof hour !== 'number') return hour;
  if (hour > 23) return issue('hour cannot be greater 23', offset);
  if (b[2] !== ':') return issue('expecting colon between hours and minutes', offset + 2);
  const minute = decimalDigits(b.slice(3, 5), offset + 3);
  if (typeof minute !== 'number') return minute;
  if (minute > 59) return issue('minutes cannot be greater 59', offset + 3);
  if (b[5] !== ':') return issue('expecting colon between minutes and seconds', offset + 5);
  const second = decimalDigits(b.slice(6, 8), offset + 6);
  if (typeof second !== 'number') return second;
  // go-toml PR #1019 "Fix leap second handling found by fuzz", first in v2.3.0.
  if (version === '2.3' && second > 59) return issue('seconds cannot be greater than 59', offset + 6);
  if (second > 60) return issue('seconds cannot be greater 60', offset + 6);
  const rest = b.slice(8);
  if (rest.length >= 1 && rest[0] === '.') {
    let digits = 0;
    for (let i = 1; i < rest.length; i++) {
      if (!isDigit(rest.charCodeAt(i))) {
        if (i === 1) return issue('need at least one digit after fraction point', offset + 8);
        break;
      }
      digits++;
    }
    if (digits === 0) return issue('nanoseconds need at least one digit', offset + 8);
    return rest.slice(1 + digits);
  }
  return rest;
}

function checkLocalDateTime(b: string, offset: number, version: GoTomlV2Version): string | DecodeIssue {
  if (b.length < 11)
    return issue('local datetimes are expected to have the format YYYY-MM-DDTHH:MM:SS[.NNNNNNNNN]', offset);
  const date = checkLocalDate(b.slice(0, 10), offset);
  if (date) return date;
  const sep = b[10];
  if (sep !== 'T' && sep !== ' ' && sep !== 't')
    return issue('datetime separator is expected to be T or a space', offset + 10);
  return checkLocalTime(b.slice(11), offset + 11, version);
}

function checkDateTime(b: string, offset: number, version: GoTomlV2Version): DecodeIssue | undefined {
  const rest = checkLocalDateTime(b, offset, version);
  if (typeof rest !== 'string') return rest;
  const at = offset + b.length - rest.length;
  if (rest.length === 0) return { message: 'date time should have a timezone', panic: true };
  let tail = rest;
  if (rest[0] === 'Z' || rest[0] === 'z') tail = rest.slice(1);
  else {
    if (rest.length !== 6) return issue('invalid date-time timezone', at);
    if (rest[0] !== '-' && rest[0] !== '+') return issue('invalid timezone offset character', at);
    if (rest[3] !== ':') return issue('expected a : separator', at + 3);
    const hours = decimalDigits(rest.slice(1, 3), at + 1);
    if (typeof hours !== 'number') return hours;
    if (hours > 23) return issue('invalid timezone offset hours', at);
    const minutes = decimalDigits(rest.slice(4, 6), at + 4);
    if (typeof minutes !== 'number') return minutes;
    if (minutes > 59) return issue('invalid timezone offset minutes', at);
    tail = rest.slice(6);
  }
  if (tail.length > 0) return issue('extra bytes at the end of the timezone', offset + b.length - tail.length);
  return undefined;
}

/** The check a scalar gets when it is decoded into any Go type (dates, numbers). */
export function checkScalar(node: V2Node, version: GoTomlV2Version): DecodeIssue | undefined {
  switch (node.kind) {
    case 'Integer': {
      const v = decodeInteger(node.data, node.offset);
      return typeof v === 'bigint' ? undefined : v;
    }
    case 'Float': {
      const v = decodeFloat(node.data, node.offset);
      return typeof v === 'number' ? undefined : v;
    }
    case 'DateTime':
      return checkDateTime(node.data, node.offset, version);
    case 'LocalDate':
      return checkLocalDate(node.data, node.offset);
    case 'LocalTime': {
      const rest = checkLocalTime(node.data, node.offset, version);
      if (typeof rest !== 'string') return rest;
      return rest.length > 0
        ? issue('extra characters at the end of a local time', node.offset + node.data.length - rest.length)
        : undefined;
    }
    case 'LocalDateTime': {
      const rest = checkLocalDateTime(node.data, node.offset, version);
      if (typeof rest !== 'string') return rest;
      return rest.length > 0
        ? issue('extra characters at the end of a local date time', node.offset + node.data.length - rest.length)
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Decodes a value into interface{}: every scalar inside it is checked, in document order. */
export function checkDecodedValue(value: V2Node, version: GoTomlV2Version): DecodeIssue | undefined {
  const stack: V2Node[] = [value];
  while (stack.length > 0) {
    const node = stack.pop() as V2Node;
    if (node.kind === 'Array' || node.kind === 'InlineTable') {
      const children = node.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i] as V2Node;
        stack.push(child.kind === 'KeyValue' ? keyValueOf(child)[1] : child);
      }
      continue;
    }
    const found = checkScalar(node, version);
    if (found) return found;
  }
  return undefined;
}

/** A scalar's value in the typed tree. */
export function scalarValue(node: V2Node): TomlNode['kind'] extends never ? never : TomlNode {
  const pos = { line: 0, column: 0 };
  switch (node.kind) {
    case 'String':
      return { kind: 'string', value: node.data, pos };
    case 'Bool':
      return { kind: 'boolean', value: node.data === 'true', pos };
    case 'Integer': {
      const v = decodeInteger(node.data, node.offset);
      return { kind: 'integer', value: typeof v === 'bigint' ? v : 0n, pos };
    }
    case 'Float': {
      const v = decodeFloat(node.data, node.offset);
      return { kind: 'float', value: typeof v === 'number' ? v : Number.NaN, pos };
    }
    case 'DateTime':
      return { kind: 'offset-datetime', value: node.data, pos };
    case 'LocalDate':
      return { kind: 'local-date', value: node.data, pos };
    case 'LocalTime':
      return { kind: 'local-time', value: node.data, pos };
    default:
      return { kind: 'local-datetime', value: node.data, pos };
  }
}

export interface V2Verdict {
  ok: boolean;
  error?: V2Error;
}

/** Adds a row and column to an error that has an offset. */
export function locateError(data: Uint8Array, error: V2Error): V2Error {
  if (error.offset === undefined) return error;
  const { line, column } = positionOf(data, error.offset);
  return { ...error, line, column };
}

/**
 * toml.Unmarshal(data, &map[string]interface{}{}): per expression, the tracker check, then the decode of
 * its value; the parse error, if any, comes after the last expression that parsed.
 */
export function decodeMapV2(parsed: V2Parsed, version: GoTomlV2Version = '2.2'): V2Verdict {
  const tracker = new SeenTracker();
  for (const expr of parsed.expressions) {
    const seen = tracker.check(expr);
    if (seen) return { ok: false, error: { message: seen.replace(/^toml: /, '') } };
    if (expr.value) {
      const found = checkDecodedValue(expr.value, version);
      if (found) return { ok: false, error: locateError(parsed.data, found) };
    }
  }
  if (parsed.parseError) return { ok: false, error: locateError(parsed.data, parsed.parseError) };
  return { ok: true };
}

/**
 * The document as go-toml v2 decodes it into map[string]interface{}, as a typed tree. Call it on a document
 * decodeMapV2 accepted; positions are each key's line and byte column.
 */
export function treeOfV2(parsed: V2Parsed): TomlTable {
  const lines = new ByteLines(parsed.data);
  const root = newTable({ line: 1, column: 1 });
  let current = root;
  const descend = (table: TomlTable, name: string, offset: number): TomlTable => {
    const existing = table.entries.get(name);
    if (existing?.kind === 'table') return existing;
    if (existing?.kind === 'array' && existing.ofTables) {
      const last = existing.items[existing.items.length - 1];
      if (last?.kind === 'table') return last;
    }
    const created = newTable(lines.at(offset));
    table.entries.set(name, created);
    return created;
  };
  for (const expr of parsed.expressions) {
    if (expr.kind === 'Table' || expr.kind === 'ArrayTable') {
      let t = root;
      for (const part of expr.key.slice(0, -1)) t = descend(t, part.name, part.offset);
      const last = expr.key[expr.key.length - 1] as KeyPart;
      if (expr.kind === 'Table') {
        t = descend(t, last.name, expr.offset);
        t.pos = lines.at(expr.offset);
      } else {
        let array = t.entries.get(last.name);
        if (array?.kind !== 'array') {
          array = { kind: 'array', items: [], ofTables: true, pos: lines.at(expr.offset) };
          t.entries.set(last.name, array);
        }
        const element = newTable(lines.at(expr.offset));
        array.items.push(element);
        t = element;
      }
      current = t;
      continue;
    }
    assign(current, expr.key, expr.value as V2Node, lines, descend);
  }
  return root;
}

function assign(
  table: TomlTable,
  key: KeyPart[],
  value: V2Node,
  lines: ByteLines,
  descend: (t: TomlTable, name: string, offset: number) => TomlTable,
): void {
  // An explicit stack of (target table, key, value) assignments; inline tables push their children.
  const work: [TomlTable | TomlNode[], KeyPart[] | undefined, V2Node][] = [[table, key, value]];
  while (work.length > 0) {
    const [target, k, v] = work.pop() as [TomlTable | TomlNode[], KeyPart[] | undefined, V2Node];
    const pos = lines.at(k?.[0]?.offset ?? v.offset);
    let node: TomlNode;
    const pending: [TomlTable | TomlNode[], KeyPart[] | undefined, V2Node][] = [];
    if (v.kind === 'InlineTable') {
      const t = newTable(pos, true);
      node = t;
      for (const kv of v.children ?? []) {
        const [ck, cv] = keyValueOf(kv);
        pending.push([t, ck, cv]);
      }
    } else if (v.kind === 'Array') {
      const items: TomlNode[] = [];
      node = { kind: 'array', items, ofTables: false, pos };
      for (const child of v.children ?? []) pending.push([items, undefined, child]);
    } else {
      node = { ...scalarValue(v), pos };
    }
    if (Array.isArray(target)) target.push(node);
    else {
      const parts = k as KeyPart[];
      let t = target;
      for (const part of parts.slice(0, -1)) t = descend(t, part.name, part.offset);
      t.entries.set((parts[parts.length - 1] as KeyPart).name, node);
    }
    // Children are assigned in document order: push them reversed.
    for (let i = pending.length - 1; i >= 0; i--)
      work.push(pending[i] as [TomlTable | TomlNode[], KeyPart[] | undefined, V2Node]);
  }
}
