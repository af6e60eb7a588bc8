/**
 * What go-toml v1 (github.com/pelletier/go-toml v1.9.x, the parser of containerd 1.5–1.7) accepts, and
 * the tree it builds: a port of its lexer (lexer.go), key parser (keysparsing.go) and parser (parser.go,
 * toml.go LoadBytes), quirks included, with its error texts and `(row, col)` positions. Written from
 * go-toml v1.9.4 (Debian golang-github-pelletier-go-toml-dev) and the v1.9.5 diff vendored by containerd
 * v1.7.0; checked against the real library by test/oracles.
 *
 * Quirks this reproduces (each seen in the real library): newlines inside inline tables, control
 * characters and invalid UTF-8 in comments, bare CR line ends and leading zeros (`02`) are accepted;
 * `012` fails with "invalid base"; a bare local date at the end of a line is refused; `\e`, `\x` and
 * trailing commas in inline tables are refused; duplicate keys inside an inline table are accepted.
 *
 * Positions count runes (code points), lines count LF only. The parser is iterative: nested arrays and
 * inline tables use an explicit stack, never the call stack.
 */
import { goChar, goFloat, goQuote, goU, type TomlNode, type TomlPosition, type TomlTable } from './toml-tree.js';

export type GoTomlV1Version = '1.9.3' | '1.9.4' | '1.9.5';

export type GoTomlV1Result =
  | { ok: true; tree: TomlTable }
  | {
      ok: false;
      /** The error exactly as LoadBytes returns it, e.g. `(2, 1): The following key was defined twice: a`. */
      message: string;
      line?: number;
      column?: number;
      /** go-toml panicked with a runtime error: containerd crashes instead of reporting. */
      panic?: boolean;
    };

const EOF = -1;

enum T {
  Error,
  EOF,
  Comment,
  Key,
  String,
  Integer,
  True,
  False,
  Float,
  Inf,
  NaN,
  Equal,
  LeftBracket,
  RightBracket,
  LeftCurly,
  RightCurly,
  LeftParen,
  RightParen,
  DoubleLeftBracket,
  DoubleRightBracket,
  LocalDate,
  LocalTime,
  TimeOffset,
  KeyGroup,
  KeyGroupArray,
  Comma,
}

/** token.go tokenTypeNames (the two double-bracket names are swapped there too). */
const TYPE_NAMES = [
  'Error',
  'EOF',
  'Comment',
  'Key',
  'String',
  'Integer',
  'True',
  'False',
  'Float',
  'Inf',
  'NaN',
  '=',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
  ']]',
  '[[',
  'LocalDate',
  'LocalTime',
  'TimeOffset',
  'KeyGroup',
  'KeyGroupArray',
  ',',
];

interface Token {
  typ: T;
  val: string;
  line: number;
  col: number;
}

const tokenString = (t: Token): string => (t.typ === T.EOF ? 'EOF' : t.typ === T.Error ? t.val : goQuote(t.val));
const position = (line: number, col: number) => `(${line}, ${col})`;

const isSpace = (r: number) => r === 0x20 || r === 0x09;
const isAlphanumeric = (r: number) => (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f;
const isDigit = (r: number) => r >= 0x30 && r <= 0x39;
const isHexDigit = (r: number) => isDigit(r) || (r >= 0x61 && r <= 0x66) || (r >= 0x41 && r <= 0x46);
const isKeyChar = (r: number) => !(r === 0x0d || r === 0x0a || r === EOF || r === 0x3d);
const isKeyStartChar = (r: number) => !(isSpace(r) || r === 0x0d || r === 0x0a || r === EOF || r === 0x5b);
const isValidBareChar = (r: number) => isAlphanumeric(r) || r === 0x2d || isDigit(r);
const isValidHexRune = (r: number) => isHexDigit(r) || r === 0x5f;
const isValidOctalRune = (r: number) => (r >= 0x30 && r <= 0x37) || r === 0x5f;
const isValidBinaryRune = (r: number) => r === 0x30 || r === 0x31 || r === 0x5f;

const fromRunes = (runes: number[], start: number, stop: number): string => {
  let s = '';
  for (let i = start; i < stop; i++) s += goChar(runes[i] as number);
  return s;
};

type State = (() => State) | null;

class Lexer {
  inputIdx = 0;
  currentTokenStart = 0;
  currentTokenStop = 0;
  readonly tokens: Token[] = [];
  readonly brackets: number[] = [];
  line = 1;
  col = 1;
  endbufferLine = 1;
  endbufferCol = 1;
  constructor(readonly input: number[]) {}

  read(): number {
    const r = this.peek();
    if (r === 0x0a) {
      this.endbufferLine++;
      this.endbufferCol = 1;
    } else this.endbufferCol++;
    this.inputIdx++;
    return r;
  }
  next(): number {
    const r = this.read();
    if (r !== EOF) this.currentTokenStop++;
    return r;
  }
  ignore(): void {
    this.currentTokenStart = this.currentTokenStop;
    this.line = this.endbufferLine;
    this.col = this.endbufferCol;
  }
  skip(): void {
    this.next();
    this.ignore();
  }
  fastForward(n: number): void {
    for (let i = 0; i < n; i++) this.next();
  }
  emitWithValue(typ: T, val: string): void {
    this.tokens.push({ typ, val, line: this.line, col: this.col });
    this.ignore();
  }
  emit(typ: T): void {
    this.emitWithValue(typ, fromRunes(this.input, this.currentTokenStart, this.currentTokenStop));
  }
  peek(): number {
    return this.inputIdx >= this.input.length ? EOF : (this.input[this.inputIdx] as number);
  }
  peekAt(offset: number): number {
    const i = this.inputIdx + offset;
    return i >= this.input.length ? EOF : (this.input[i] as number);
  }
  follow(pattern: string): boolean {
    for (let i = 0; i < pattern.length; i++) if (this.peekAt(i) !== pattern.charCodeAt(i)) return false;
    return true;
  }
  errorf(message: string): State {
    this.tokens.push({ typ: T.Error, val: message, line: this.line, col: this.col });
    return null;
  }

  run(): void {
    let state: State = this.lexVoid;
    while (state !== null) state = state();
  }

  lexVoid = (): State => {
    for (;;) {
      const next = this.peek();
      switch (next) {
        case 0x7d:
          return this.lexRightCurlyBrace;
        case 0x5b:
          return this.lexTableKey;
        case 0x23:
          return this.lexComment(this.lexVoid);
        case 0x3d:
          return this.lexEqual;
        case 0x0d:
        case 0x0a:
          this.skip();
          continue;
      }
      if (isSpace(next)) this.skip();
      if (isKeyStartChar(next)) return this.lexKey;
      if (next === EOF) {
        this.next();
        break;
      }
    }
    this.emit(T.EOF);
    return null;
  };

  lexRvalue = (): State => {
    for (;;) {
      const next = this.peek();
      switch (next) {
        case 0x2e:
          return this.errorf('cannot start float with a dot');
        case 0x3d:
          return this.lexEqual;
        case 0x5b:
          return this.lexLeftBracket;
        case 0x5d:
          return this.lexRightBracket;
        case 0x7b:
          return this.lexLeftCurlyBrace;
        case 0x7d:
          return this.lexRightCurlyBrace;
        case 0x23:
          return this.lexComment(this.lexRvalue);
        case 0x22:
          return this.lexString;
        case 0x27:
          return this.lexLiteralString;
        case 0x2c:
          return this.lexComma;
        case 0x0d:
        case 0x0a:
          this.skip();
          if (this.brackets.length > 0 && this.brackets[this.brackets.length - 1] === 0x5b) return this.lexRvalue;
          return this.lexVoid;
      }
      if (this.follow('true')) return this.lexTrue;
      if (this.follow('false')) return this.lexFalse;
      if (this.follow('inf')) return this.lexInf;
      if (this.follow('nan')) return this.lexNan;
      if (isSpace(next)) {
        this.skip();
        continue;
      }
      if (next === EOF) {
        this.next();
        break;
      }
      if (next === 0x2b || next === 0x2d) return this.lexNumber;
      if (isDigit(next)) return this.lexDateTimeOrNumber;
      return this.errorf(`no value can start with ${goChar(next)}`);
    }
    this.emit(T.EOF);
    return null;
  };

  lexDateTimeOrNumber = (): State => {
    // peekString(5) and a byte length test; digits are one byte, so runes decide the same way.
    const look: number[] = [];
    for (let i = 0; i < 5 && this.peekAt(i) !== EOF; i++) look.push(this.peekAt(i));
    if (utf8Length(look) < 3) return this.lexNumber();
    for (let idx = 0; idx < look.length; idx++) {
      const r = look[idx] as number;
      if (!isDigit(r)) {
        if (idx === 2 && r === 0x3a) return this.lexDateTimeOrTime();
        if (idx === 4 && r === 0x2d) return this.lexDateTimeOrTime();
        return this.lexNumber();
      }
    }
    return this.lexNumber();
  };

  lexLeftCurlyBrace = (): State => {
    this.next();
    this.emit(T.LeftCurly);
    this.brackets.push(0x7b);
    return this.lexVoid;
  };

  lexRightCurlyBrace = (): State => {
    this.next();
    this.emit(T.RightCurly);
    if (this.brackets.length === 0 || this.brackets[this.brackets.length - 1] !== 0x7b)
      return this.errorf("cannot have '}' here");
    this.brackets.pop();
    return this.lexRvalue;
  };

  lexDateTimeOrTime = (): State => {
    this.next();
    this.next();
    const r = this.next();
    if (r === 0x3a) return this.lexTime();
    return this.lexDateTime();
  };

  digits(n: number, message: string): State | undefined {
    for (let i = 0; i < n; i++) {
      const r = this.next();
      if (!isDigit(r)) return this.errorf(`${message}${goChar(r)}`);
    }
    return undefined;
  }

  lexDateTime = (): State => {
    this.next();
    this.next();
    const month = this.digits(2, 'invalid month digit in date: ');
    if (month !== undefined) return month;
    let r = this.next();
    if (r !== 0x2d) return this.errorf(`expected - to separate month of a date, not ${goChar(r)}`);
    const day = this.digits(2, 'invalid day digit in date: ');
    if (day !== undefined) return day;
    this.emit(T.LocalDate);
    r = this.peek();
    if (r === EOF) return this.lexRvalue;
    if (r !== 0x20 && r !== 0x54) return this.errorf(`incorrect date/time separation character: ${goChar(r)}`);
    if (r === 0x20) {
      // peekString(3)[1:]: the two runes after the space, which must both be digits.
      const a = this.peekAt(1);
      const b = this.peekAt(2);
      const lookAhead = [a, b].filter((x) => x !== EOF);
      if (utf8Length(lookAhead) < 2) return this.lexRvalue;
      for (const x of lookAhead) if (!isDigit(x)) return this.lexRvalue;
    }
    this.skip();
    const hour = this.digits(2, 'invalid hour digit in time: ');
    if (hour !== undefined) return hour;
    r = this.next();
    if (r !== 0x3a) return this.errorf(`time hour/minute separator should be :, not ${goChar(r)}`);
    const minute = this.digits(2, 'invalid minute digit in time: ');
    if (minute !== undefined) return minute;
    r = this.next();
    if (r !== 0x3a) return this.errorf(`time minute/second separator should be :, not ${goChar(r)}`);
    const second = this.digits(2, 'invalid second digit in time: ');
    if (second !== undefined) return second;
    const fraction = this.fraction();
    if (fraction !== undefined) return fraction;
    this.emit(T.LocalTime);
    return this.lexTimeOffset;
  };

  fraction(): State | undefined {
    if (this.peek() === 0x2e) {
      this.next();
      const r = this.next();
      if (!isDigit(r)) return this.errorf(`expected at least one digit in time's fraction, not ${goChar(r)}`);
      while (isDigit(this.peek())) this.next();
    }
    return undefined;
  }

  lexTimeOffset = (): State => {
    const r = this.peek();
    if (r === 0x5a) {
      this.next();
      this.emit(T.TimeOffset);
    } else if (r === 0x2b || r === 0x2d) {
      this.next();
      const hour = this.digits(2, 'invalid hour digit in time offset: ');
      if (hour !== undefined) return hour;
      const sep = this.next();
      if (sep !== 0x3a) return this.errorf(`time offset hour/minute separator should be :, not ${goChar(sep)}`);
      const minute = this.digits(2, 'invalid minute digit in time offset: ');
      if (minute !== undefined) return minute;
      this.emit(T.TimeOffset);
    }
    return this.lexRvalue;
  };

  lexTime = (): State => {
    const minute = this.digits(2, 'invalid minute digit in time: ');
    if (minute !== undefined) return minute;
    const r = this.next();
    if (r !== 0x3a) return this.errorf(`time minute/second separator should be :, not ${goChar(r)}`);
    const second = this.digits(2, 'invalid second digit in time: ');
    if (second !== undefined) return second;
    const fraction = this.fraction();
    if (fraction !== undefined) return fraction;
    this.emit(T.LocalTime);
    return this.lexRvalue;
  };

  lexTrue = (): State => {
    this.fastForward(4);
    this.emit(T.True);
    return this.lexRvalue;
  };
  lexFalse = (): State => {
    this.fastForward(5);
    this.emit(T.False);
    return this.lexRvalue;
  };
  lexInf = (): State => {
    this.fastForward(3);
    this.emit(T.Inf);
    return this.lexRvalue;
  };
  lexNan = (): State => {
    this.fastForward(3);
    this.emit(T.NaN);
    return this.lexRvalue;
  };
  lexEqual = (): State => {
    this.next();
    this.emit(T.Equal);
    return this.lexRvalue;
  };
  lexComma = (): State => {
    this.next();
    this.emit(T.Comma);
    if (this.brackets.length > 0 && this.brackets[this.brackets.length - 1] === 0x7b) return this.lexVoid;
    return this.lexRvalue;
  };

  lexKey = (): State => {
    let sb = '';
    for (let r = this.peek(); isKeyChar(r) || r === 0x0a || r === 0x0d; r = this.peek()) {
      if (r === 0x22) {
        this.next();
        const str = this.lexStringAsString('"', false, true);
        if (str instanceof Error) return this.errorf(str.message);
        sb += `"${str}"`;
        this.next();
        continue;
      } else if (r === 0x27) {
        this.next();
        const str = this.lexLiteralStringAsString("'", false);
        if (str instanceof Error) return this.errorf(str.message);
        sb += `'${str}'`;
        this.next();
        continue;
      } else if (r === 0x0a) {
        return this.errorf('keys cannot contain new lines');
      } else if (isSpace(r)) {
        let str = ' ';
        this.next();
        for (r = this.peek(); isSpace(r); r = this.peek()) {
          str += goChar(r);
          this.next();
        }
        if (r !== 0x2e) break;
        str += '.';
        this.next();
        for (r = this.peek(); isSpace(r); r = this.peek()) {
          str += goChar(r);
          this.next();
        }
        sb += str;
        continue;
      } else if (r === 0x2e) {
        // a dot is kept
      } else if (!isValidBareChar(r)) {
        return this.errorf(`keys cannot contain ${goChar(r)} character`);
      }
      sb += goChar(r);
      this.next();
    }
    this.emitWithValue(T.Key, sb);
    return this.lexVoid;
  };

  lexComment(previous: () => State): () => State {
    return () => {
      for (let next = this.peek(); next !== 0x0a && next !== EOF; next = this.peek()) {
        if (next === 0x0d && this.follow('\r\n')) break;
        this.next();
      }
      this.ignore();
      return previous;
    };
  }

  lexLeftBracket = (): State => {
    this.next();
    this.emit(T.LeftBracket);
    this.brackets.push(0x5b);
    return this.lexRvalue;
  };

  lexLiteralStringAsString(terminator: string, discardLeadingNewLine: boolean): string | Error {
    let sb = '';
    if (discardLeadingNewLine) {
      if (this.follow('\r\n')) {
        this.skip();
        this.skip();
      } else if (this.peek() === 0x0a) this.skip();
    }
    for (;;) {
      if (this.follow(terminator)) return sb;
      if (this.peek() === EOF) break;
      sb += goChar(this.next());
    }
    return new Error('unclosed string');
  }

  lexLiteralString = (): State => {
    this.skip();
    let terminator = "'";
    let discard = false;
    if (this.follow("''")) {
      this.skip();
      this.skip();
      terminator = "'''";
      discard = true;
    }
    const str = this.lexLiteralStringAsString(terminator, discard);
    if (str instanceof Error) return this.errorf(str.message);
    this.emitWithValue(T.String, str);
    this.fastForward(terminator.length);
    this.ignore();
    return this.lexRvalue;
  };

  hexEscape(n: number): string | Error {
    let code = '';
    for (let i = 0; i < n; i++) {
      const c = this.peek();
      if (!isHexDigit(c)) return new Error('unfinished unicode escape');
      this.next();
      code += String.fromCharCode(c);
    }
    // strconv.ParseInt then WriteRune(rune(x)): a surrogate or anything above U+10FFFF becomes U+FFFD.
    const value = Number.parseInt(code, 16);
    return goChar(value > 0x7fffffff ? -1 : value);
  }

  lexStringAsString(terminator: string, discardLeadingNewLine: boolean, acceptNewLines: boolean): string | Error {
    let sb = '';
    if (discardLeadingNewLine) {
      if (this.follow('\r\n')) {
        this.skip();
        this.skip();
      } else if (this.peek() === 0x0a) this.skip();
    }
    for (;;) {
      if (this.follow(terminator)) return sb;
      if (this.follow('\\')) {
        this.next();
        const c = this.peek();
        switch (c) {
          case 0x0d:
          case 0x0a:
          case 0x09:
          case 0x20:
            while ([0x0d, 0x0a, 0x09, 0x20].includes(this.peek())) this.next();
            break;
          case 0x22:
            sb += '"';
            this.next();
            break;
          case 0x6e:
            sb += '\n';
            this.next();
            break;
          case 0x62:
            sb += '\b';
            this.next();
            break;
          case 0x66:
            sb += '\f';
            this.next();
            break;
          case 0x2f:
            sb += '/';
            this.next();
            break;
          case 0x74:
            sb += '\t';
            this.next();
            break;
          case 0x72:
            sb += '\r';
            this.next();
            break;
          case 0x5c:
            sb += '\\';
            this.next();
            break;
          case 0x75: {
            this.next();
            const x = this.hexEscape(4);
            if (x instanceof Error) return x;
            sb += x;
            break;
          }
          case 0x55: {
            this.next();
            const x = this.hexEscape(8);
            if (x instanceof Error) return x;
            sb += x;
            break;
          }
          default:
            return new Error(`invalid escape sequence: \\${goChar(c)}`);
        }
      } else {
        const r = this.peek();
        if (r >= 0 && r <= 0x1f && r !== 0x09 && !(acceptNewLines && (r === 0x0a || r === 0x0d)))
          return new Error(`unescaped control character ${goU(r)}`);
        this.next();
        sb += goChar(r);
      }
      if (this.peek() === EOF) break;
    }
    return new Error('unclosed string');
  }

  lexString = (): State => {
    this.skip();
    let terminator = '"';
    let discard = false;
    let acceptNewLines = false;
    if (this.follow('""')) {
      this.skip();
      this.skip();
      terminator = '"""';
      discard = true;
      acceptNewLines = true;
    }
    const str = this.lexStringAsString(terminator, discard, acceptNewLines);
    if (str instanceof Error) return this.errorf(str.message);
    this.emitWithValue(T.String, str);
    this.fastForward(terminator.length);
    this.ignore();
    return this.lexRvalue;
  };

  lexTableKey = (): State => {
    this.next();
    if (this.peek() === 0x5b) {
      this.next();
      this.emit(T.DoubleLeftBracket);
      return this.lexInsideTableArrayKey;
    }
    this.emit(T.LeftBracket);
    return this.lexInsideTableKey;
  };

  lexInsideTableArrayKey = (): State => {
    for (let r = this.peek(); r !== EOF; r = this.peek()) {
      if (r === 0x5d) {
        if (this.currentTokenStop > this.currentTokenStart) this.emit(T.KeyGroupArray);
        this.next();
        if (this.peek() !== 0x5d) continue;
        this.next();
        this.emit(T.DoubleRightBracket);
        return this.lexVoid;
      }
      if (r === 0x5b) return this.errorf("table array key cannot contain ']'");
      this.next();
    }
    return this.errorf('unclosed table array key');
  };

  lexInsideTableKey = (): State => {
    for (let r = this.peek(); r !== EOF; r = this.peek()) {
      if (r === 0x5d) {
        if (this.currentTokenStop > this.currentTokenStart) this.emit(T.KeyGroup);
        this.next();
        this.emit(T.RightBracket);
        return this.lexVoid;
      }
      if (r === 0x5b) return this.errorf("table key cannot contain ']'");
      this.next();
    }
    return this.errorf('unclosed table key');
  };

  lexRightBracket = (): State => {
    this.next();
    this.emit(T.RightBracket);
    if (this.brackets.length === 0 || this.brackets[this.brackets.length - 1] !== 0x5b)
      return this.errorf("cannot have ']' here");
    this.brackets.pop();
    return this.lexRvalue;
  };

  lexNumber = (): State => {
    const r = this.peek();
    if (r === 0x30) {
      const second = this.peekAt(1);
      if (second !== EOF) {
        let valid: ((x: number) => boolean) | undefined;
        if (second === 0x78) valid = isValidHexRune;
        else if (second === 0x6f) valid = isValidOctalRune;
        else if (second === 0x62) valid = isValidBinaryRune;
        else if ((second >= 0x61 && second <= 0x7a) || (second >= 0x41 && second <= 0x5a))
          return this.errorf(
            `unknown number base: ${goChar(second)}. possible options are x (hex) o (octal) b (binary)`,
          );
        if (valid) {
          this.next();
          this.next();
          let digitSeen = false;
          while (valid(this.peek())) {
            digitSeen = true;
            this.next();
          }
          if (!digitSeen) return this.errorf('number needs at least one digit');
          this.emit(T.Integer);
          return this.lexRvalue;
        }
      }
    }
    if (r === 0x2b || r === 0x2d) {
      this.next();
      if (this.follow('inf')) return this.lexInf;
      if (this.follow('nan')) return this.lexNan;
    }
    let pointSeen = false;
    let expSeen = false;
    let digitSeen = false;
    for (;;) {
      const next = this.peek();
      if (next === 0x2e) {
        if (pointSeen) return this.errorf('cannot have two dots in one float');
        this.next();
        if (!isDigit(this.peek())) return this.errorf('float cannot end with a dot');
        pointSeen = true;
      } else if (next === 0x65 || next === 0x45) {
        expSeen = true;
        this.next();
        const s = this.peek();
        if (s === 0x2b || s === 0x2d) this.next();
      } else if (isDigit(next)) {
        digitSeen = true;
        this.next();
      } else if (next === 0x5f) {
        this.next();
      } else break;
      if (pointSeen && !digitSeen) return this.errorf('cannot start float with a dot');
    }
    if (!digitSeen) return this.errorf('no digit in that number');
    this.emit(pointSeen || expSeen ? T.Float : T.Integer);
    return this.lexRvalue;
  };
}

function utf8Length(runes: number[]): number {
  let n = 0;
  for (const r of runes) n += r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4;
  return n;
}

// keysparsing.go

function parseKey(key: string): string[] | Error {
  const runes = Array.from(key, (c) => c.codePointAt(0) as number);
  const groups: string[] = [];
  if (key.length === 0) return new Error('empty key');
  let idx = 0;
  while (idx < runes.length) {
    while (idx < runes.length && isSpace(runes[idx] as number)) idx++;
    if (idx >= runes.length) break;
    let r = runes[idx] as number;
    if (isValidBareChar(r)) {
      const start = idx;
      let end = -1;
      idx++;
      while (idx < runes.length) {
        r = runes[idx] as number;
        if (isValidBareChar(r)) idx++;
        else if (r === 0x2e) {
          end = idx;
          break;
        } else if (isSpace(r)) {
          end = idx;
          while (idx < runes.length && isSpace(runes[idx] as number)) idx++;
          if (idx < runes.length && runes[idx] !== 0x2e)
            return new Error(`invalid key character after whitespace: ${goChar(runes[idx] as number)}`);
          break;
        } else return new Error(`invalid bare key character: ${goChar(r)}`);
      }
      if (end === -1) end = idx;
      groups.push(fromRunes(runes, start, end));
    } else if (r === 0x27 || r === 0x22) {
      const quote = r;
      idx++;
      const start = idx;
      for (;;) {
        if (idx >= runes.length)
          return new Error(quote === 0x27 ? 'unclosed single-quoted key' : 'unclosed double-quoted key');
        if (runes[idx] === quote) {
          groups.push(fromRunes(runes, start, idx));
          idx++;
          break;
        }
        idx++;
      }
    } else if (r === 0x2e) {
      idx++;
      if (idx >= runes.length) return new Error('unexpected end of key');
      r = runes[idx] as number;
      if (!isValidBareChar(r) && r !== 0x27 && r !== 0x22 && r !== 0x20)
        return new Error('expecting key part after dot');
    } else return new Error(`invalid key character: ${goChar(r)}`);
  }
  if (groups.length === 0) return new Error('empty key');
  return groups;
}

// toml.go: the Tree.

interface V1Value {
  value: V1Raw;
  line: number;
  col: number;
}
type V1Raw = string | bigint | number | boolean | V1Time | V1Raw[] | V1Tree | V1Tree[];
interface V1Time {
  kind: 'offset-datetime' | 'local-datetime' | 'local-date' | 'local-time';
  text: string;
}
type V1Node = V1Tree | V1TreeArray | V1ValueBox;

class V1Tree {
  readonly values = new Map<string, V1Node>();
  inline = false;
  constructor(
    public line = 0,
    public col = 0,
  ) {}
}
class V1TreeArray {
  constructor(readonly trees: V1Tree[]) {}
}
class V1ValueBox implements V1Value {
  constructor(
    public value: V1Raw,
    public line: number,
    public col: number,
  ) {}
}

/** A Go runtime panic (nil dereference and the like): LoadBytes re-panics it, and containerd crashes. */
class GoPanic extends Error {}
/** panic(fmt.Errorf(…)): v1.9.5 recovers it as an error; earlier versions fail the `r.(string)` assertion and crash. */
class ErrorPanic extends Error {}
/** raiseError's panic(string), recovered by LoadBytes as the error text. */
class Raised extends Error {}

const isV1Time = (v: unknown): v is V1Time => typeof v === 'object' && v !== null && 'text' in v && 'kind' in v;

/** GetPath: the tree, the tree array (its slice), the value, or undefined. */
function getPath(tree: V1Tree, keys: string[]): V1Tree | V1Tree[] | V1Raw | undefined {
  if (keys.length === 0) return tree;
  let subtree = tree;
  for (let i = 0; i < keys.length - 1; i++) {
    const value = subtree.values.get(keys[i] as string);
    if (value === undefined) return undefined;
    if (value instanceof V1Tree) subtree = value;
    else if (value instanceof V1TreeArray) {
      if (value.trees.length === 0) return undefined;
      subtree = value.trees[value.trees.length - 1] as V1Tree;
    } else return undefined;
  }
  const node = subtree.values.get(keys[keys.length - 1] as string);
  if (node === undefined) return undefined;
  if (node instanceof V1ValueBox) return node.value;
  if (node instanceof V1TreeArray) return node.trees;
  return node;
}

function wrap(value: V1Raw | V1Tree[], line: number, col: number): V1Node {
  if (value instanceof V1Tree) return value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof V1Tree) && isTreeSlice(value))
    return new V1TreeArray(value as V1Tree[]);
  return new V1ValueBox(value as V1Raw, line, col);
}

/** A []*Tree (as opposed to an []interface{} holding trees): marked by the parser. */
const TREE_SLICES = new WeakSet<object>();
const isTreeSlice = (value: unknown[]): boolean => TREE_SLICES.has(value);
const markTreeSlice = (value: V1Tree[]): V1Tree[] => {
  TREE_SLICES.add(value);
  return value;
};

/** SetPathWithOptions with empty options. */
function setPath(tree: V1Tree, keys: string[], value: V1Raw | V1Tree[]): void {
  let subtree = tree;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i] as string;
    let nextTree = subtree.values.get(key);
    if (nextTree === undefined) {
      nextTree = new V1Tree(tree.line + i, tree.col);
      subtree.values.set(key, nextTree);
    }
    if (nextTree instanceof V1Tree) subtree = nextTree;
    else if (nextTree instanceof V1TreeArray) {
      if (nextTree.trees.length === 0) nextTree.trees.push(new V1Tree(tree.line + i, tree.col));
      subtree = nextTree.trees[nextTree.trees.length - 1] as V1Tree;
    }
  }
  let toInsert: V1Node;
  if (value instanceof V1Tree) toInsert = value;
  else if (Array.isArray(value) && isTreeSlice(value)) toInsert = new V1TreeArray(value as V1Tree[]);
  else toInsert = new V1ValueBox(value as V1Raw, subtree.line + subtree.values.size + 1, subtree.col);
  subtree.values.set(keys[keys.length - 1] as string, toInsert);
}

function goTypeOf(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'interface {}';
}

/** Go's %#v of a decoded value (scalars and flat arrays; other shapes are abbreviated). */
function goSharpV(v: V1Raw): string {
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && !isTreeSlice(v)) {
    if (v.length === 0) return '[]interface {}(nil)';
    const flat = v.every((x) => typeof x !== 'object');
    if (flat) return `[]interface {}{${v.map((x) => goSharpV(x)).join(', ')}}`;
  }
  return '…';
}

/** createSubTree; returns an error text. */
function createSubTree(tree: V1Tree, keys: string[], line: number, col: number): string | undefined {
  let subtree = tree;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    let nextTree = subtree.values.get(key);
    if (nextTree === undefined) {
      const created = new V1Tree(line, col);
      created.inline = subtree.inline;
      subtree.values.set(key, created);
      nextTree = created;
    }
    if (nextTree instanceof V1TreeArray) subtree = nextTree.trees[nextTree.trees.length - 1] as V1Tree;
    else if (nextTree instanceof V1Tree) subtree = nextTree;
    else {
      const v = nextTree.value;
      return `unknown type for path ${keys.join('.')} (${key}): *toml.tomlValue (&toml.tomlValue{value:${goSharpV(v)}, comment:"", commented:false, multiline:false, literal:false, position:toml.Position{Line:${nextTree.line}, Col:${nextTree.col}}})`;
    }
  }
  return undefined;
}

// Go's strconv errors, as the parser reports them.
function parseIntError(fn: string, s: string, range: boolean): string {
  return `strconv.${fn}: parsing ${goQuote(s)}: ${range ? 'value out of range' : 'invalid syntax'}`;
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/** strconv.ParseInt(s, base, 64): a value or an error text. */
function goParseInt(s: string, base: number, fn = 'ParseInt'): bigint | string {
  let body = s;
  let negative = false;
  if (fn === 'ParseInt' && (body.startsWith('+') || body.startsWith('-'))) {
    negative = body.startsWith('-');
    body = body.slice(1);
  }
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(body)) return parseIntError(fn, s, false);
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let value = BigInt(prefix + body);
  if (negative) value = -value;
  if (fn === 'ParseUint') return value > UINT64_MAX ? parseIntError(fn, s, true) : value;
  return value > INT64_MAX || value < INT64_MIN ? parseIntError(fn, s, true) : value;
}

/** strconv.ParseFloat(s, 64) for what the lexer emits: digits, '.', 'e', signs. */
function goParseFloat(s: string): number | string {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s))
    return `strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax`;
  const f = Number(s);
  if (!Number.isFinite(f)) return `strconv.ParseFloat: parsing ${goQuote(s)}: value out of range`;
  return f;
}

const invalidUnderscore = (value: string, hex: boolean): boolean => {
  let hasBefore = false;
  const chars = Array.from(value);
  for (let idx = 0; idx < chars.length; idx++) {
    const r = (chars[idx] as string).codePointAt(0) as number;
    if (r === 0x5f && (!hasBefore || idx + 1 >= value.length)) return true;
    hasBefore = hex ? isHexDigit(r) : isDigit(r);
  }
  return false;
};

// time.Parse range checks for what the lexer lets through (digits are already in place).
const daysIn = (month: number, year: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/**
 * time.Parse's verdict on what the lexer lets through (the digits are already in place): its range checks
 * run per layout element (month, hour, minute, second), more than nine fraction digits are "extra text",
 * and the day of the month is checked last. ParseLocalDateTime retries with a lowercase `t` layout and
 * returns that second error, which fails at the `T` unless the month already did.
 */
function goTimeError(
  kind: V1Time['kind'],
  value: string,
  date?: string,
  time?: string,
  offset?: string,
): string | undefined {
  const [y, m, d] = date ? [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))] : [0, 1, 1];
  let what: string | undefined;
  if (m < 1 || m > 12) what = 'month';
  const fraction = time ? (/\.(\d+)$/.exec(time)?.[1] ?? '') : '';
  const extra = fraction.length > 9 ? fraction.slice(9) : '';
  if (!what && time) {
    if (Number(time.slice(0, 2)) > 23) what = 'hour';
    else if (Number(time.slice(3, 5)) > 59) what = 'minute';
    else if (Number(time.slice(6, 8)) > 59) what = 'second';
  }
  if (what === 'month' || (what && kind !== 'local-datetime'))
    return `parsing time ${goQuote(value)}: ${what} out of range`;
  const dayBad = date !== undefined && (d < 1 || d > daysIn(m, y));
  if (kind === 'local-datetime') {
    if (!what && !extra && !dayBad) return undefined;
    return `parsing time ${goQuote(value)} as "2006-01-02t15:04:05.999999999": cannot parse ${goQuote(value.slice(10))} as "t"`;
  }
  if (extra) {
    if (kind === 'local-time') return `parsing time ${goQuote(value)}: extra text: ${goQuote(extra)}`;
    return `parsing time ${goQuote(value)} as "2006-01-02T15:04:05.999999999Z07:00": cannot parse ${goQuote(extra + (offset ?? ''))} as "Z07:00"`;
  }
  if (dayBad) return `parsing time ${goQuote(value)}: day out of range`;
  return undefined;
}

interface ArrayFrame {
  kind: 'array';
  items: V1Raw[];
  allTrees: boolean;
}
interface InlineFrame {
  kind: 'inline';
  tree: V1Tree;
  previous: Token | undefined;
  pendingKey?: string[];
  pendingFollow?: Token;
}

class Parser {
  flowIdx = 0;
  readonly tree = new V1Tree(1, 1);
  currentTable: string[] = [];
  seenTableKeys: string[] = [];
  /** How often each key is in seenTableKeys: the duplicate test is then O(1), not a scan. */
  readonly seenCount = new Map<string, number>();
  private see(key: string, delta: number): void {
    const n = (this.seenCount.get(key) ?? 0) + delta;
    if (n > 0) this.seenCount.set(key, n);
    else this.seenCount.delete(key);
  }
  constructor(
    readonly flow: Token[],
    readonly uint64: boolean,
  ) {}

  raise(tok: Token | undefined, message: string): never {
    if (!tok) throw new GoPanic('runtime error: invalid memory address or nil pointer dereference');
    throw new Raised(`${position(tok.line, tok.col)}: ${message}`);
  }
  peek(): Token | undefined {
    return this.flow[this.flowIdx];
  }
  getToken(): Token | undefined {
    const tok = this.peek();
    if (tok) this.flowIdx++;
    return tok;
  }
  assume(typ: T): void {
    const tok = this.getToken();
    if (!tok) this.raise(tok, '');
    if (tok.typ !== typ) this.raise(tok, `was expecting token ${TYPE_NAMES[typ]}, but got ${tokenString(tok)} instead`);
  }

  run(): void {
    for (;;) {
      const tok = this.peek();
      if (!tok) return;
      switch (tok.typ) {
        case T.DoubleLeftBracket:
          this.parseGroupArray();
          break;
        case T.LeftBracket:
          this.parseGroup();
          break;
        case T.Key:
          this.parseAssign();
          break;
        case T.EOF:
          return;
        case T.Error:
          this.raise(tok, `parsing error: ${tokenString(tok)}`);
          break;
        default:
          this.raise(tok, `unexpected token ${TYPE_NAMES[tok.typ] ?? 'Unknown'}`);
      }
    }
  }

  parseGroupArray(): void {
    const startToken = this.getToken() as Token;
    const key = this.getToken();
    if (!key) this.raise(key, '');
    if (key.typ !== T.KeyGroupArray)
      this.raise(key, `unexpected token ${tokenString(key)}, was expecting a table array key`);
    const keys = parseKey(key.val);
    if (keys instanceof Error) this.raise(key, `invalid table array key: ${keys.message}`);
    createSubTree(this.tree, keys.slice(0, -1), startToken.line, startToken.col);
    const dest = getPath(this.tree, keys);
    let array: V1Tree[];
    if (dest === undefined) array = markTreeSlice([]);
    else if (Array.isArray(dest) && isTreeSlice(dest)) array = dest as V1Tree[];
    else this.raise(key, `key ${tokenString(key)} is already assigned and not of type table array`);
    this.currentTable = keys;
    const created = new V1Tree(startToken.line, startToken.col);
    array = markTreeSlice([...array, created]);
    setPath(this.tree, this.currentTable, array);
    const prefix = `${key.val}.`;
    let found = false;
    // `found` ends up telling whether the last key not under this array is the array's own (go-toml's loop).
    const kept: string[] = [];
    for (const tableKey of this.seenTableKeys) {
      if (tableKey.startsWith(prefix)) this.see(tableKey, -1);
      else {
        found = tableKey === key.val;
        kept.push(tableKey);
      }
    }
    this.seenTableKeys = kept;
    if (!found) {
      this.seenTableKeys.push(key.val);
      this.see(key.val, 1);
    }
    this.assume(T.DoubleRightBracket);
  }

  parseGroup(): void {
    const startToken = this.getToken() as Token;
    const key = this.getToken();
    if (!key) this.raise(key, '');
    if (key.typ !== T.KeyGroup) this.raise(key, `unexpected token ${tokenString(key)}, was expecting a table key`);
    if (this.seenCount.has(key.val)) this.raise(key, 'duplicated tables');
    this.seenTableKeys.push(key.val);
    this.see(key.val, 1);
    const keys = parseKey(key.val);
    if (keys instanceof Error) this.raise(key, `invalid table array key: ${keys.message}`);
    const error = createSubTree(this.tree, keys, startToken.line, startToken.col);
    if (error !== undefined) this.raise(key, error);
    const dest = getPath(this.tree, keys);
    if (dest instanceof V1Tree && dest.inline)
      this.raise(key, `could not re-define exist inline table or its sub-table : ${keys.join('.')}`);
    this.assume(T.RightBracket);
    this.currentTable = keys;
  }

  parseAssign(): void {
    const key = this.getToken() as Token;
    this.assume(T.Equal);
    const parsedKey = parseKey(key.val);
    if (parsedKey instanceof Error) this.raise(key, `invalid key: ${parsedKey.message}`);
    const value = this.parseRvalue();
    const tableKey = [...this.currentTable, ...parsedKey.slice(0, -1)];
    let targetNode: V1Tree;
    const node = getPath(this.tree, tableKey);
    if (Array.isArray(node) && isTreeSlice(node)) targetNode = node[node.length - 1] as V1Tree;
    else if (node instanceof V1Tree) targetNode = node;
    else if (node === undefined) {
      const error = createSubTree(this.tree, tableKey, key.line, key.col);
      if (error !== undefined) this.raise(key, `could not create intermediate group: ${error}`);
      const created = getPath(this.tree, tableKey);
      if (!(created instanceof V1Tree)) throw new GoPanic('interface conversion: interface {} is not *toml.Tree');
      targetNode = created;
    } else this.raise(key, `Unknown table type for path: ${tableKey.join('.')}`);
    if (targetNode.inline)
      this.raise(key, `could not add key or sub-table to exist inline table or its sub-table : ${tableKey.join('.')}`);
    const keyVal = parsedKey[parsedKey.length - 1] as string;
    if (getPath(targetNode, [keyVal]) !== undefined)
      this.raise(key, `The following key was defined twice: ${[...tableKey, keyVal].join('.')}`);
    targetNode.values.set(keyVal, wrap(value, key.line, key.col));
  }

  scalar(tok: Token): V1Raw {
    switch (tok.typ) {
      case T.String:
        return tok.val;
      case T.True:
        return true;
      case T.False:
        return false;
      case T.Inf:
        return tok.val.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      case T.NaN:
        return Number.NaN;
      case T.Integer:
        return this.integer(tok);
      case T.Float: {
        if (invalidUnderscore(tok.val, false)) this.raise(tok, 'invalid use of _ in number');
        const f = goParseFloat(tok.val.replaceAll('_', ''));
        if (typeof f === 'string') this.raise(tok, f);
        return f;
      }
      case T.LocalTime: {
        const error = goTimeError('local-time', tok.val, undefined, tok.val);
        if (error) this.raise(tok, error);
        return { kind: 'local-time', text: tok.val };
      }
      case T.LocalDate:
        return this.date(tok);
      default:
        throw new ErrorPanic(`unhandled token: ${tokenString(tok)}`);
    }
  }

  integer(tok: Token): V1Raw {
    const cleaned = tok.val.replaceAll('_', '');
    let base = 10;
    let s = cleaned;
    let hex = false;
    if (cleaned.length >= 3 && cleaned[0] === '0') {
      const b = cleaned[1];
      if (b === 'x') {
        base = 16;
        hex = true;
      } else if (b === 'o') base = 8;
      else if (b === 'b') base = 2;
      // panic("invalid base"): a string panic, recovered as the error text (no position).
      else throw new Raised('invalid base');
      s = cleaned.slice(2);
    }
    if (invalidUnderscore(tok.val, hex))
      this.raise(tok, hex ? 'invalid use of _ in hex number' : 'invalid use of _ in number');
    const signed = goParseInt(s, base);
    if (typeof signed !== 'string') return signed;
    if (this.uint64 && s[0] !== '-') {
      const unsigned = goParseInt(s, base, 'ParseUint');
      if (typeof unsigned !== 'string') return unsigned;
      this.raise(tok, unsigned);
    }
    this.raise(tok, signed);
  }

  date(tok: Token): V1Raw {
    const next = this.peek();
    if (!next || next.typ !== T.LocalTime) {
      const error = goTimeError('local-date', tok.val, tok.val);
      if (error) this.raise(tok, error);
      return { kind: 'local-date', text: tok.val };
    }
    const localTime = this.getToken() as Token;
    const after = this.peek();
    if (!after || after.typ !== T.TimeOffset) {
      const v = `${tok.val}T${localTime.val}`;
      const error = goTimeError('local-datetime', v, tok.val, localTime.val);
      if (error) this.raise(tok, error);
      return { kind: 'local-datetime', text: v };
    }
    const offset = this.getToken() as Token;
    // go1.19's time.Parse does not range-check a numeric zone offset.
    const v = `${tok.val}T${localTime.val}${offset.val}`;
    const error = goTimeError('offset-datetime', v, tok.val, localTime.val, offset.val);
    if (error) this.raise(tok, error);
    return { kind: 'offset-datetime', text: v };
  }

  /** parseRvalue, parseArray and parseInlineTable, with an explicit stack. */
  parseRvalue(): V1Raw | V1Tree[] {
    const stack: (ArrayFrame | InlineFrame)[] = [];
    let result: V1Raw | V1Tree[] = '';
    let mode: 'value' | 'return' | 'array' | 'inline' = 'value';
    for (;;) {
      if (mode === 'value') {
        const tok = this.getToken();
        if (!tok || tok.typ === T.EOF) this.raise(tok, 'expecting a value');
        if (tok.typ === T.LeftBracket) {
          stack.push({ kind: 'array', items: [], allTrees: true });
          mode = 'array';
          continue;
        }
        if (tok.typ === T.LeftCurly) {
          stack.push({ kind: 'inline', tree: new V1Tree(), previous: undefined });
          mode = 'inline';
          continue;
        }
        if (tok.typ === T.Equal) this.raise(tok, 'cannot have multiple equals for the same key');
        if (tok.typ === T.Error) this.raise(tok, tokenString(tok));
        result = this.scalar(tok);
        mode = 'return';
        continue;
      }
      if (mode === 'return') {
        const frame = stack[stack.length - 1];
        if (!frame) return result;
        if (frame.kind === 'array') {
          if (!(result instanceof V1Tree)) frame.allTrees = false;
          frame.items.push(result as V1Raw);
          const follow = this.peek();
          if (!follow || follow.typ === T.EOF) this.raise(follow, 'unterminated array');
          if (follow.typ !== T.RightBracket && follow.typ !== T.Comma) this.raise(follow, 'missing comma');
          if (follow.typ === T.Comma) this.getToken();
          mode = 'array';
        } else {
          setPath(frame.tree, frame.pendingKey as string[], result);
          frame.previous = frame.pendingFollow;
          mode = 'inline';
        }
        continue;
      }
      if (mode === 'array') {
        const frame = stack[stack.length - 1] as ArrayFrame;
        const follow = this.peek();
        if (!follow || follow.typ === T.EOF) this.raise(follow, 'unterminated array');
        if (follow.typ === T.RightBracket) {
          this.getToken();
          stack.pop();
          result =
            frame.items.length > 0 && frame.allTrees ? markTreeSlice(frame.items as V1Tree[]) : (frame.items as V1Raw);
          mode = 'return';
          continue;
        }
        mode = 'value';
        continue;
      }
      // inline
      const frame = stack[stack.length - 1] as InlineFrame;
      const follow = this.peek();
      if (!follow || follow.typ === T.EOF) this.raise(follow, 'unterminated inline table');
      if (follow.typ === T.RightCurly) {
        this.getToken();
        if (frame.previous?.typ === T.Comma) this.raise(frame.previous, 'trailing comma at the end of inline table');
        frame.tree.inline = true;
        stack.pop();
        result = frame.tree;
        mode = 'return';
        continue;
      }
      if (follow.typ === T.Key || follow.typ === T.Integer || follow.typ === T.String) {
        if (frame.previous !== undefined && frame.previous.typ !== T.Comma)
          this.raise(follow, 'comma expected between fields in inline table');
        const key = this.getToken() as Token;
        this.assume(T.Equal);
        const parsedKey = parseKey(key.val);
        if (parsedKey instanceof Error) this.raise(key, `invalid key: ${parsedKey.message}`);
        frame.pendingKey = parsedKey;
        frame.pendingFollow = follow;
        mode = 'value';
        continue;
      }
      if (follow.typ === T.Comma) {
        if (frame.previous?.typ === T.Comma) this.raise(follow, 'need field between two commas in inline table');
        this.getToken();
        frame.previous = follow;
        continue;
      }
      this.raise(follow, `unexpected token type in inline table: ${tokenString(follow)}`);
    }
  }
}

// The v1 tree as the typed tree the rest of the tool reads.

function toNode(root: V1Tree): TomlTable {
  const out: TomlTable = { kind: 'table', entries: new Map(), inline: root.inline, pos: pos(root.line, root.col) };
  const stack: [V1Tree, TomlTable][] = [[root, out]];
  const rawStack: [V1Raw[], TomlNode[], number, number][] = [];
  const convertRaw = (value: V1Raw, line: number, col: number): TomlNode => {
    if (value instanceof V1Tree) {
      const t: TomlTable = { kind: 'table', entries: new Map(), inline: value.inline, pos: pos(value.line, value.col) };
      stack.push([value, t]);
      return t;
    }
    if (Array.isArray(value)) {
      const items: TomlNode[] = [];
      rawStack.push([value as V1Raw[], items, line, col]);
      return { kind: 'array', items, ofTables: isTreeSlice(value), pos: pos(line, col) };
    }
    if (isV1Time(value)) return { kind: value.kind, value: value.text, pos: pos(line, col) };
    if (typeof value === 'bigint')
      return { kind: 'integer', value, pos: pos(line, col), ...(value > INT64_MAX ? { unsigned: true } : {}) };
    if (typeof value === 'number') return { kind: 'float', value, pos: pos(line, col) };
    if (typeof value === 'boolean') return { kind: 'boolean', value, pos: pos(line, col) };
    return { kind: 'string', value, pos: pos(line, col) };
  };
  while (stack.length > 0 || rawStack.length > 0) {
    const raw = rawStack.pop();
    if (raw) {
      const [values, items, line, col] = raw;
      for (const v of values) items.push(convertRaw(v, line, col));
      continue;
    }
    const [tree, table] = stack.pop() as [V1Tree, TomlTable];
    for (const [key, node] of tree.values) {
      if (node instanceof V1Tree) table.entries.set(key, convertRaw(node, node.line, node.col));
      else if (node instanceof V1TreeArray) {
        const items: TomlNode[] = [];
        for (const t of node.trees) items.push(convertRaw(t, t.line, t.col));
        const first = node.trees[0];
        table.entries.set(key, { kind: 'array', items, ofTables: true, pos: pos(first?.line ?? 0, first?.col ?? 0) });
      } else table.entries.set(key, convertRaw(node.value, node.line, node.col));
    }
  }
  return out;
}

const pos = (line: number, column: number): TomlPosition => ({ line, column });

/** Go's bytes.Runes: each byte of an invalid UTF-8 sequence is one U+FFFD. */
export function goRunes(bytes: Uint8Array): number[] {
  const runes: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const [r, size] = decodeRune(bytes, i);
    runes.push(r);
    i += size;
  }
  return runes;
}

/** utf8.DecodeRune: the rune and its size; an invalid sequence is (U+FFFD, 1). */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c0 = b[i] as number;
  if (c0 < 0x80) return [c0, 1];
  const cont = (j: number, lo = 0x80, hi = 0xbf) => {
    const c = b[i + j];
    return c !== undefined && c >= lo && c <= hi ? c : -1;
  };
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    const c1 = cont(1);
    return c1 < 0 ? [0xfffd, 1] : [((c0 & 0x1f) << 6) | (c1 & 0x3f), 2];
  }
  if (c0 >= 0xe0 && c0 <= 0xef) {
    const c1 = cont(1, c0 === 0xe0 ? 0xa0 : 0x80, c0 === 0xed ? 0x9f : 0xbf);
    const c2 = c1 < 0 ? -1 : cont(2);
    return c2 < 0 ? [0xfffd, 1] : [((c0 & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f), 3];
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    const c1 = cont(1, c0 === 0xf0 ? 0x90 : 0x80, c0 === 0xf4 ? 0x8f : 0xbf);
    const c2 = c1 < 0 ? -1 : cont(2);
    const c3 = c2 < 0 ? -1 : cont(3);
    return c3 < 0 ? [0xfffd, 1] : [((c0 & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f), 4];
  }
  return [0xfffd, 1];
}

function hasPrefix(b: Uint8Array, ...prefix: number[]): boolean {
  return prefix.every((x, i) => b[i] === x);
}

/** toml.LoadBytes: strips a UTF-32, UTF-8 or UTF-16 BOM, lexes, parses. */
export function loadBytesV1(input: Uint8Array, version: GoTomlV1Version = '1.9.5'): GoTomlV1Result {
  let b = input;
  if (b.length >= 4 && (hasPrefix(b, 0x00, 0x00, 0xfe, 0xff) || hasPrefix(b, 0xff, 0xfe, 0x00, 0x00)))
    b = b.subarray(4);
  else if (b.length >= 3 && hasPrefix(b, 0xef, 0xbb, 0xbf)) b = b.subarray(3);
  else if (b.length >= 2 && (hasPrefix(b, 0xfe, 0xff) || hasPrefix(b, 0xff, 0xfe))) b = b.subarray(2);
  return parseRunesV1(goRunes(b), version);
}

export function parseRunesV1(runes: number[], version: GoTomlV1Version = '1.9.5'): GoTomlV1Result {
  const lexer = new Lexer(runes);
  lexer.run();
  const parser = new Parser(lexer.tokens, version === '1.9.5');
  try {
    parser.run();
  } catch (error) {
    if (error instanceof Raised) {
      const m = /^\((\d+), (\d+)\): /.exec(error.message);
      return m
        ? { ok: false, message: error.message, line: Number(m[1]), column: Number(m[2]) }
        : { ok: false, message: error.message };
    }
    if (error instanceof GoPanic) return { ok: false, message: error.message, panic: true };
    if (error instanceof ErrorPanic) {
      // go-toml fed1464 "Fix invalid type assertion in LoadBytes (#733)", first in v1.9.5.
      return version === '1.9.5'
        ? { ok: false, message: error.message }
        : { ok: false, message: 'interface conversion: interface {} is *errors.errorString, not string', panic: true };
    }
    throw error;
  }
  return { ok: true, tree: toNode(parser.tree) };
}

export { goTypeOf };
