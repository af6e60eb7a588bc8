/**
 * Finding catalogue messages in text: a pasted message, a `kubectl describe` event table, a console
 * capture whose lines were wrapped, or a whole log with many messages, of any size.
 *
 * The text is normalised (BOM, ANSI colours, CR, tabs) and split into lines. Every pattern then runs
 * over several joined forms of those lines:
 * - lines trimmed and joined with a space: a message wrapped at a space (PowerShell's error view keeps
 *   the space at the end of the first line, a terminal may drop it);
 * - lines joined with nothing: a message a terminal cut in the middle of a word;
 * - both again with logfmt/Go escapes undone (\" and \\), where the lines have any: containerd's log.
 * A match is mapped back to the lines it covers, which gives its excerpt and line number, and a match
 * that spans more than MAX_SPAN_LINES lines is discarded, so one pattern never joins two messages of a log.
 *
 * The work is linear in the input and its memory bounded, whatever the input (docs/input.md):
 * - `Matcher` takes the text in pieces (`write`) and keeps only a window of lines. A line longer than
 *   MAX_ROW_CHARS is cut into rows of that size that keep its line number; the joined forms rejoin them.
 * - Every pattern has anchors: literals one of which every match contains (`anchorsOf`, read from the
 *   pattern's source, so a new pattern gets them too). One scan for all anchors finds the lines where a
 *   pattern can match at all; the joined forms are built, and the patterns whose anchors are there run,
 *   only over those lines and MAX_SPAN_LINES - 1 lines either side. A log of healthy lines costs the
 *   anchor scan and nothing more.
 * - Hits are folded into one running result per entry (best hit, excerpt, occurrences per pattern) as
 *   each window is done, so no hit list grows with the input and no step is quadratic in the hits.
 */
import { ANCHORS } from './anchors.generated.js';
import { CATALOGUE, type CatalogueEntry, type Confidence } from './entries.js';

/** A match may cover this many input lines (a long message wrapped by an 80-column console). */
export const MAX_SPAN_LINES = 8;
/** A longer line is matched in rows of this many characters (the joined forms rejoin them). */
export const MAX_ROW_CHARS = 256 * 1024;
const MAX_EXCERPT = 320;
const CONTEXT = 100;
/** Rows gathered before the anchor scan runs over them. */
const BATCH_CHARS = 512 * 1024;
/** The most rows' text one matching window holds, besides its context. */
const CHUNK_CHARS = 1024 * 1024;
/** Context rows before a window: a hit that starts in the window may overlap hits this far back. */
const BEFORE = MAX_SPAN_LINES - 1;
/** Context rows after a window: a hit that starts in it ends within BEFORE rows, and may overlap hits that end BEFORE rows later. */
const AFTER = 2 * (MAX_SPAN_LINES - 1);
/**
 * No pattern matches more characters than this (every quantifier in the catalogue is bounded; a test
 * computes each pattern's longest match from its source).
 */
export const MAX_MATCH_CHARS = 2048;
/**
 * How many characters of context a window keeps on each side of its core rows: a hit that touches the
 * core, and a hit that overlaps it, lie within two longest matches. Counting rows alone would keep 21
 * rows of a long line (256 KiB each) around every window.
 */
const CONTEXT_CHARS = 2 * MAX_MATCH_CHARS;

export const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

export interface Match {
  entry: CatalogueEntry;
  /** The best matching pattern's confidence (a pattern may be less specific than its entry). */
  confidence: Confidence;
  /** The input around the match, whitespace collapsed (and wrapped lines joined). */
  excerpt: string;
  /** Exactly the text the pattern matched. */
  matched: string;
  /** 1-based line of the best match. */
  line: number;
  /** How many separate places in the input match this entry. */
  occurrences: number;
  /** Higher is better: confidence first, then how much text the pattern matched. */
  score: number;
}

// ------------------------------------------------------------------------------------------ anchors

/**
 * Literal words too common in logs to be a useful anchor: a rarer literal of the same pattern is
 * preferred (only speed depends on the choice, never the result).
 */
const COMMON_WORDS = new Set([
  'access',
  'container',
  'containerd',
  'containers',
  'create',
  'error',
  'failed',
  'file',
  'find',
  'from',
  'load',
  'name',
  'path',
  'plugin',
  'process',
  'runtime',
  'the',
  'user',
  'version',
]);

/** Characters an anchor may hold: printable ASCII except space, `"` and `\`, which the joined forms change. */
function anchorChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return c.length === 1 && code > 0x20 && code < 0x7f && c !== '"' && c !== '\\';
}

/** An anchor inside a common word ("contain" in "container") is as common as the word. */
function commonAnchor(anchor: string): boolean {
  for (const word of COMMON_WORDS) if (word.includes(anchor)) return true;
  return false;
}

function anchorScore(anchors: readonly string[]): number {
  let score = Number.POSITIVE_INFINITY;
  for (const a of anchors) score = Math.min(score, a.length < 3 ? a.length / 10 : commonAnchor(a) ? 2 : a.length);
  return score;
}

function betterAnchors(a: readonly string[], b: readonly string[] | undefined): boolean {
  if (!b) return true;
  const sa = anchorScore(a);
  const sb = anchorScore(b);
  return sa > sb || (sa === sb && a.length < b.length);
}

type Atom =
  | { kind: 'char'; char: string }
  | { kind: 'group'; anchors: string[] | undefined }
  | { kind: 'assert' }
  | { kind: 'other' };

const OTHER: Atom = { kind: 'other' };
const ASSERT: Atom = { kind: 'assert' };

/**
 * Reads a RegExp source for what every match must contain. Conservative: a construct it does not know
 * ends a literal; a pattern it cannot read has no anchors (and is run over every line).
 */
class AnchorReader {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
  ) {}

  read(): string[] | undefined {
    const anchors = this.alternation();
    if (this.i !== this.src.length) throw new Error('unbalanced )');
    return anchors;
  }

  private peek(offset = 0): string {
    return this.src[this.i + offset] ?? '';
  }

  private alternation(): string[] | undefined {
    const sets = [this.sequence()];
    while (this.peek() === '|') {
      this.i += 1;
      sets.push(this.sequence());
    }
    const all: string[] = [];
    for (const set of sets) {
      if (!set) return undefined;
      all.push(...set);
    }
    return [...new Set(all)];
  }

  private sequence(): string[] | undefined {
    let best: string[] | undefined;
    let run = '';
    const offer = (set: string[]) => {
      if (betterAnchors(set, best)) best = set;
    };
    const endRun = () => {
      if (run !== '') offer([run]);
      run = '';
    };
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      const { min, max } = this.quantifier();
      if (atom.kind === 'char' && min >= 1 && anchorChar(atom.char)) {
        run += atom.char.toLowerCase();
        if (max !== 1) endRun();
      } else {
        endRun();
        if (atom.kind === 'group' && min >= 1 && atom.anchors) offer(atom.anchors);
      }
    }
    endRun();
    return best;
  }

  private atom(): Atom {
    const c = this.peek();
    this.i += 1;
    switch (c) {
      case '\\':
        return this.escape();
      case '[':
        this.skipClass();
        return OTHER;
      case '(':
        return this.group();
      case '.':
        return OTHER;
      case '^':
      case '$':
        return ASSERT;
      default:
        return { kind: 'char', char: c };
    }
  }

  private escape(): Atom {
    const c = this.peek();
    this.i += 1;
    if (c === 'b' || c === 'B') return ASSERT;
    if (c >= '0' && c <= '9') {
      while (this.peek() >= '0' && this.peek() <= '9') this.i += 1;
      return OTHER;
    }
    if ('dDwWsSfnrtv'.includes(c)) return OTHER;
    if (c === 'c') {
      if (/[A-Za-z]/.test(this.peek())) this.i += 1;
      return OTHER;
    }
    if (c === 'x') {
      const hex = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i, this.i + 2));
      if (!hex) return { kind: 'char', char: 'x' };
      this.i += 2;
      return { kind: 'char', char: String.fromCharCode(Number.parseInt(hex[0], 16)) };
    }
    if (c === 'u') {
      if (this.unicode && this.peek() === '{') {
        const close = this.src.indexOf('}', this.i);
        const code = Number.parseInt(this.src.slice(this.i + 1, close), 16);
        this.i = close + 1;
        return { kind: 'char', char: String.fromCodePoint(code) };
      }
      const hex = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.i, this.i + 4));
      if (!hex) return { kind: 'char', char: 'u' };
      this.i += 4;
      return { kind: 'char', char: String.fromCharCode(Number.parseInt(hex[0], 16)) };
    }
    if ((c === 'p' || c === 'P') && this.unicode) {
      if (this.peek() === '{') this.i = this.src.indexOf('}', this.i) + 1;
      return OTHER;
    }
    if (c === 'k') {
      if (this.peek() === '<') this.i = this.src.indexOf('>', this.i) + 1;
      return OTHER;
    }
    if (c === '') throw new Error('trailing backslash');
    return { kind: 'char', char: c };
  }

  private skipClass(): void {
    if (this.peek() === '^') this.i += 1;
    while (this.i < this.src.length && this.peek() !== ']') this.i += this.peek() === '\\' ? 2 : 1;
    if (this.peek() !== ']') throw new Error('unclosed class');
    this.i += 1;
  }

  private group(): Atom {
    let lookaround = false;
    if (this.peek() === '?') {
      const next = this.peek(1);
      if (next === ':') this.i += 2;
      else if (next === '=' || next === '!') {
        this.i += 2;
        lookaround = true;
      } else if (next === '<' && (this.peek(2) === '=' || this.peek(2) === '!')) {
        this.i += 3;
        lookaround = true;
      } else if (next === '<') this.i = this.src.indexOf('>', this.i) + 1;
      else {
        // A modifiers group, (?i:...) or (?-i:...): anchors are searched for without regard to case anyway.
        const colon = this.src.indexOf(':', this.i);
        if (colon < 0) throw new Error('unknown group');
        this.i = colon + 1;
      }
    }
    const anchors = this.alternation();
    if (this.peek() !== ')') throw new Error('unclosed group');
    this.i += 1;
    return lookaround ? ASSERT : { kind: 'group', anchors };
  }

  private quantifier(): { min: number; max: number } {
    const c = this.peek();
    let q = { min: 1, max: 1 };
    if (c === '*') q = { min: 0, max: Number.POSITIVE_INFINITY };
    else if (c === '+') q = { min: 1, max: Number.POSITIVE_INFINITY };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i, this.i + 40));
      if (!m) return q;
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY };
      this.i += m[0].length - 1;
    } else return q;
    this.i += 1;
    if (this.peek() === '?') this.i += 1;
    return q;
  }
}

/**
 * Lower-case literals one of which every match of `re` contains (compared without regard to case), or
 * undefined when the source gives none. Only ASCII without space, `"` and `\` is used, so the joined and
 * unescaped forms of a line hold an anchor exactly where the line does.
 */
export function anchorsOf(re: RegExp): string[] | undefined {
  if (re.flags.includes('v')) return undefined;
  try {
    return new AnchorReader(re.source, re.flags.includes('u')).read();
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------------------------------ the compiled catalogue

interface CompiledPattern {
  /** The pattern, global (its own object, so its lastIndex is ours). */
  re: RegExp;
  confidence: Confidence;
  entry: number;
}

interface CompiledEntry {
  entry: CatalogueEntry;
  patterns: number[];
}

interface Compiled {
  entries: CompiledEntry[];
  patterns: CompiledPattern[];
  /** One scan for every anchor, longest first; undefined when no pattern has one. */
  anchorRe: RegExp | undefined;
  /** Per anchor text found: the ids of every anchor it contains (itself included). */
  implied: Map<string, number[]>;
  /** Per anchor id, the patterns it activates. */
  anchorPatterns: number[][];
  /** Patterns without anchors: they run wherever there is text. */
  unanchored: number[];
}

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

/**
 * One RegExp source for a set of literals, as a trie (`con(?:fig|vert)`): at each position only the branch
 * of the next character is tried, which scans faster than a flat alternation of the literals. It finds
 * the longest literal that starts at a position.
 */
function trieSource(words: readonly string[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const word of words) {
    let node = root;
    for (const c of word) {
      let child = node.next.get(c);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(c, child);
      }
      node = child;
    }
    node.end = true;
  }
  const escaped = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  const emit = (node: TrieNode): string => {
    const branches = [...node.next].map(([c, child]) => escaped(c) + emit(child));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? (branches[0] as string) : `(?:${branches.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  return emit(root);
}

const compiledCache = new WeakMap<readonly CatalogueEntry[], Compiled>();

function compile(catalogue: readonly CatalogueEntry[]): Compiled {
  const cached = compiledCache.get(catalogue);
  if (cached) return cached;
  const entries: CompiledEntry[] = [];
  const patterns: CompiledPattern[] = [];
  const anchorIds = new Map<string, number>();
  const anchorPatterns: number[][] = [];
  const unanchored: number[] = [];
  catalogue.forEach((entry, e) => {
    const ids: number[] = [];
    for (const pattern of entry.patterns) {
      const id = patterns.length;
      const flags = pattern.re.flags.replace(/[gy]/g, '');
      patterns.push({
        re: new RegExp(pattern.re.source, `${flags}g`),
        confidence: pattern.confidence ?? entry.confidence,
        entry: e,
      });
      ids.push(id);
      // The built-in catalogue's anchors are worked out at build time; any other pattern, here.
      const anchors = ANCHORS[`${pattern.re.flags}/${pattern.re.source}`] ?? anchorsOf(pattern.re);
      if (!anchors || anchors.length === 0) {
        unanchored.push(id);
        continue;
      }
      for (const anchor of anchors) {
        let a = anchorIds.get(anchor);
        if (a === undefined) {
          a = anchorIds.size;
          anchorIds.set(anchor, a);
          anchorPatterns.push([]);
        }
        (anchorPatterns[a] as number[]).push(id);
      }
    }
    entries.push({ entry, patterns: ids });
  });
  const texts = [...anchorIds.keys()];
  const implied = new Map<string, number[]>();
  for (const text of texts) {
    implied.set(
      text,
      texts.filter((other) => text.includes(other)).map((other) => anchorIds.get(other) as number),
    );
  }
  const compiled: Compiled = {
    entries,
    patterns,
    anchorRe: texts.length > 0 ? new RegExp(trieSource(texts), 'gi') : undefined,
    implied,
    anchorPatterns,
    unanchored,
  };
  compiledCache.set(catalogue, compiled);
  return compiled;
}

// ------------------------------------------------------------------------------------------ text to rows

// CSI and OSC sequences, and the bare ESC-letter forms.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC and BEL are what this pattern removes.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is one of the characters looked for.
const NEEDS_NORMALISING = /[\u001b\u200B\uFEFF\t\f\v\u00A0\u2007\u202F]/;

/** One line (or row) without ANSI colours and zero-width characters, tabs and other blanks as spaces. */
function normaliseRow(row: string): string {
  if (!NEEDS_NORMALISING.test(row)) return row;
  return row
    .replace(ANSI, '')
    .replace(/[\u200B\uFEFF]/g, '')
    .replace(/[\t\f\v\u00A0\u2007\u202F]/g, ' ');
}

/** Text as lines: no BOM, no ANSI colours, no CR, tabs and other blanks as spaces. */
export function normaliseLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(ANSI, '')
    .replace(/[\u200B\uFEFF]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v\u00A0\u2007\u202F]/g, ' ')
    .split('\n');
}

/** How many lines the text has, not counting a final newline or trailing blank lines. */
export function countLines(text: string): number {
  const matcher = new Matcher([]);
  matcher.write(text);
  matcher.end();
  return matcher.lines;
}

// ------------------------------------------------------------------------------------------ joined forms

interface Segment {
  row: number;
  line: number;
  start: number;
  end: number;
}

interface Variant {
  text: string;
  segments: Segment[];
}

const unescapeLogfmt = (line: string) => line.replace(/\\(["\\])/g, '$1');
const collapse = (line: string) => (line.includes('  ') ? line.replace(/ {2,}/g, ' ') : line);
const HAS_ESCAPE = /\\["\\]/;

/** The index of the segment holding offset, or of the first segment after it. */
function segmentAt(segments: Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((segments[mid] as Segment).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function cutExcerpt(text: string, from: number, to: number): string {
  if (text.length <= MAX_EXCERPT) return text.trim();
  let start = Math.max(0, from - CONTEXT);
  let end = Math.min(text.length, Math.max(to + CONTEXT, start + MAX_EXCERPT));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < from) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > to) end = space;
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

interface Hit {
  entry: number;
  pattern: number;
  confidence: Confidence;
  variant: number;
  /** Offsets of the match in the variant's text. */
  start: number;
  end: number;
  /** Lines (1-based) of its first and last character. */
  first: number;
  last: number;
  /** The row of its first character: the window that owns the hit. */
  firstRow: number;
  matched: string;
  score: number;
}

const overlaps = (a: { first: number; last: number }, b: { first: number; last: number }) =>
  a.first <= b.last && b.first <= a.last;

function better(a: { score: number; first: number }, b: { score: number; first: number }): boolean {
  return a.score > b.score || (a.score === b.score && a.first < b.first);
}

/** What is kept of an entry between windows: its best hit, and per pattern the separate places so far. */
interface EntryState {
  confidence: Confidence;
  score: number;
  first: number;
  matched: string;
  excerpt: string;
  line: number;
  /** Per pattern: how many separate line ranges, and where the last one ends. */
  places: Map<number, { count: number; end: number }>;
}

interface Candidate {
  row: number;
  anchors: number[];
}

/** A row as one window reads it: whole, or the part of a context row nearest the window's core. */
interface WindowRow {
  row: number;
  text: string;
}

// ------------------------------------------------------------------------------------------ the matcher

/**
 * Matches text given in pieces: `write` as often as needed, then `end` for the matches. Memory stays
 * bounded: rows are dropped once no later window can need them.
 */
export class Matcher {
  private readonly c: Compiled;
  // Rows, from absolute index `base` on.
  private base = 0;
  private texts: string[] = [];
  private lineOf: number[] = [];
  private blank: boolean[] = [];
  private carry = '';
  private carryContinues = false;
  /** Whether the piece being written, and the line being gathered, hold anything to normalise. */
  private pieceDirty = false;
  private carryDirty = false;
  private pendingCR = false;
  private lineNo = 0;
  private lastTextLine = 0;
  private unscannedChars = 0;
  /** Rows below this have been scanned for anchors. */
  private scanned = 0;
  /** The end of the last non-blank rows scanned (maxAnchor - 1 characters), for an anchor cut by line breaks. */
  private tail: { row: number; text: string }[] = [];
  private readonly maxAnchor: number;
  /** Rows holding anchors, ascending, from index `ci` on still needed. */
  private cands: Candidate[] = [];
  private ci = 0;
  /** Window rows below this are done. */
  private done = 0;
  private ended = false;
  private readonly states = new Map<number, EntryState>();
  private readonly batchChars: number;
  private readonly chunkChars: number;

  /** `sizes` are for tests: smaller batches and windows than the defaults, to exercise their edges. */
  constructor(
    catalogue: readonly CatalogueEntry[] = CATALOGUE,
    sizes: { batchChars?: number; chunkChars?: number } = {},
  ) {
    this.c = compile(catalogue);
    this.batchChars = sizes.batchChars ?? BATCH_CHARS;
    this.chunkChars = sizes.chunkChars ?? CHUNK_CHARS;
    let longest = 0;
    for (const text of this.c.implied.keys()) longest = Math.max(longest, text.length);
    this.maxAnchor = longest;
  }

  /** Lines seen, not counting trailing blank lines (at least 1). Final after `end`. */
  get lines(): number {
    return Math.max(1, this.lastTextLine);
  }

  /** True once any line with more than blanks was seen. */
  get sawText(): boolean {
    return this.lastTextLine > 0;
  }

  write(text: string): void {
    if (this.ended) throw new Error('Matcher.write after end');
    if (text === '') return;
    // One test for the whole piece: most logs have no ANSI colours, tabs or zero-width characters.
    this.pieceDirty = NEEDS_NORMALISING.test(text);
    let start = 0;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (text.charCodeAt(0) === 10) start = 1;
    }
    let nl = text.indexOf('\n', start);
    let cr = text.indexOf('\r', start);
    for (;;) {
      if (nl !== -1 && nl < start) nl = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      const brk = nl === -1 ? cr : cr === -1 ? nl : Math.min(nl, cr);
      if (brk === -1) break;
      this.addToLine(text.slice(start, brk));
      this.endLine();
      start = brk + 1;
      if (brk === cr) {
        if (start === text.length) this.pendingCR = true;
        else if (text.charCodeAt(start) === 10) start += 1;
      }
    }
    if (start < text.length) this.addToLine(text.slice(start));
  }

  /** The matches, best first, one per entry. */
  end(): Match[] {
    if (!this.ended) {
      this.ended = true;
      if (this.carry !== '' || this.carryContinues) this.endLine();
      this.scan();
      this.finalize(this.base + this.texts.length, true);
      this.texts = [];
      this.lineOf = [];
      this.blank = [];
      this.cands = [];
    }
    return this.results();
  }

  private addToLine(piece: string): void {
    if (this.pieceDirty) this.carryDirty = true;
    this.carry = this.carry === '' ? piece : this.carry + piece;
    while (this.carry.length > MAX_ROW_CHARS) {
      let cut = MAX_ROW_CHARS;
      const code = this.carry.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
      this.pushRow(this.carry.slice(0, cut));
      this.carry = this.carry.slice(cut);
      this.carryContinues = true;
    }
  }

  private endLine(): void {
    if (this.pieceDirty) this.carryDirty = true;
    this.pushRow(this.carry);
    this.carry = '';
    this.carryContinues = false;
    this.carryDirty = false;
  }

  private pushRow(raw: string): void {
    if (!this.carryContinues) this.lineNo += 1;
    const text = this.carryDirty ? normaliseRow(raw) : raw;
    const blank = text.trim() === '';
    if (!blank) this.lastTextLine = this.lineNo;
    this.texts.push(text);
    this.lineOf.push(this.lineNo);
    this.blank.push(blank);
    // A row counts one more than its length, so a stream of empty lines is scanned (and dropped) too.
    this.unscannedChars += text.length + 1;
    if (this.unscannedChars >= this.batchChars) {
      this.scan();
      this.finalize(this.scanned - AFTER, false);
    }
  }

  private row(r: number): string {
    return this.texts[r - this.base] as string;
  }

  /** Finds the anchors in the rows not scanned yet (rows joined with nothing, as the cut-word form joins them). */
  private scan(): void {
    const total = this.base + this.texts.length;
    const from = this.scanned;
    this.scanned = total;
    this.unscannedChars = 0;
    const re = this.c.anchorRe;
    if (!re || from >= total) return;
    const parts: string[] = [];
    const rows: number[] = [];
    const starts: number[] = [];
    let length = 0;
    const add = (row: number, text: string) => {
      parts.push(text);
      rows.push(row);
      starts.push(length);
      length += text.length;
    };
    for (const { row, text } of this.tail) add(row, text);
    const fresh = rows.length;
    for (let r = from; r < total; r++) if (!this.blank[r - this.base]) add(r, this.row(r));
    if (rows.length === fresh) return;
    // Keep the end of what was joined for the next scan: an anchor may start there.
    const keep = this.maxAnchor - 1;
    const tail: { row: number; text: string }[] = [];
    let kept = 0;
    for (let i = parts.length - 1; i >= 0 && kept < keep; i--) {
      const text = parts[i] as string;
      const piece = text.length > keep - kept ? text.slice(text.length - (keep - kept)) : text;
      tail.unshift({ row: rows[i] as number, text: piece });
      kept += piece.length;
    }
    this.tail = tail;
    if (rows.length === 0) return;
    const joined = parts.join('');
    const found = new Map<number, Set<number>>();
    let k = 0;
    re.lastIndex = 0;
    for (let m = re.exec(joined); m !== null; m = re.exec(joined)) {
      const at = m.index;
      while (k + 1 < starts.length && (starts[k + 1] as number) <= at) k += 1;
      let last = k;
      const endAt = at + m[0].length - 1;
      while (last + 1 < starts.length && (starts[last + 1] as number) <= endAt) last += 1;
      const ids = this.c.implied.get(m[0].toLowerCase()) ?? [];
      for (let j = k; j <= last; j++) {
        const row = rows[j] as number;
        let set = found.get(row);
        if (!set) {
          set = new Set();
          found.set(row, set);
        }
        for (const id of ids) set.add(id);
      }
      re.lastIndex = at + 1;
    }
    const ordered = [...found.keys()].sort((a, b) => a - b);
    for (const row of ordered) this.addCandidate(row, [...(found.get(row) as Set<number>)]);
  }

  /** Records anchors on a row, keeping the candidates in row order (a tail row may come again). */
  private addCandidate(row: number, anchors: number[]): void {
    const cands = this.cands;
    const last = cands[cands.length - 1];
    if (!last || last.row < row) {
      cands.push({ row, anchors });
      return;
    }
    let lo = this.ci;
    let hi = cands.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cands[mid] as Candidate).row < row) lo = mid + 1;
      else hi = mid;
    }
    const at = cands[lo];
    if (at && at.row === row) at.anchors = [...new Set([...at.anchors, ...anchors])];
    else cands.splice(lo, 0, { row, anchors });
  }

  /** Runs the windows whose rows (and context) are all known: core rows below `limit`. */
  private finalize(limit: number, final: boolean): void {
    const everyRow = this.c.unanchored.length > 0;
    while (this.done < limit) {
      let s: number;
      let runEnd: number;
      if (everyRow) {
        s = this.done;
        runEnd = limit;
      } else {
        while (this.ci < this.cands.length && (this.cands[this.ci] as Candidate).row + BEFORE < this.done) this.ci += 1;
        const c = this.cands[this.ci];
        if (!c) break;
        s = Math.max(this.done, c.row - BEFORE);
        if (s >= limit) break;
        runEnd = c.row + BEFORE + 1;
      }
      let e = s;
      let chars = 0;
      let j = this.ci;
      while (e < limit && e < runEnd && chars < this.chunkChars) {
        chars += this.row(e).length;
        e += 1;
        if (!everyRow) {
          while (j + 1 < this.cands.length && (this.cands[j + 1] as Candidate).row - BEFORE <= e) {
            j += 1;
            runEnd = Math.max(runEnd, (this.cands[j] as Candidate).row + BEFORE + 1);
          }
        }
      }
      this.window(s, e);
      this.done = e;
    }
    this.done = Math.max(this.done, limit);
    if (!final) this.drop();
  }

  /** Forgets rows and candidates no window can need any more. */
  private drop(): void {
    const keepFrom = this.done - BEFORE;
    const rows = keepFrom - this.base;
    if (rows > 4096 && rows * 2 > this.texts.length) {
      this.texts.splice(0, rows);
      this.lineOf.splice(0, rows);
      this.blank.splice(0, rows);
      this.base = keepFrom;
    }
    while (this.ci < this.cands.length && (this.cands[this.ci] as Candidate).row < keepFrom) this.ci += 1;
    if (this.ci > 1024 && this.ci * 2 > this.cands.length) {
      this.cands.splice(0, this.ci);
      this.ci = 0;
    }
  }

  /**
   * The part of each row a window reads: the core rows [s, e) whole; of the context, the characters
   * nearest the core, CONTEXT_CHARS on each side (a row beyond that is left out).
   */
  private windowRows(from: number, s: number, e: number, to: number): WindowRow[] {
    const rows: WindowRow[] = [];
    let budget = CONTEXT_CHARS;
    for (let r = s - 1; r >= from && budget > 0; r--) {
      if (this.blank[r - this.base]) continue;
      const text = this.row(r);
      const keep = Math.min(text.length, budget);
      rows.push({ row: r, text: keep === text.length ? text : text.slice(text.length - keep) });
      budget -= keep;
    }
    rows.reverse();
    for (let r = s; r < e; r++) if (!this.blank[r - this.base]) rows.push({ row: r, text: this.row(r) });
    budget = CONTEXT_CHARS;
    for (let r = e; r < to && budget > 0; r++) {
      if (this.blank[r - this.base]) continue;
      const text = this.row(r);
      const keep = Math.min(text.length, budget);
      rows.push({ row: r, text: keep === text.length ? text : text.slice(0, keep) });
      budget -= keep;
    }
    return rows;
  }

  private buildVariant(rows: WindowRow[], joiner: 'space' | 'none', unescaped: boolean): Variant {
    // Parts are joined once at the end: appending to a growing string and reading it back would flatten
    // V8's rope on every line.
    const parts: string[] = [];
    const segments: Segment[] = [];
    let length = 0;
    let endsWithSpace = false;
    for (const { row: r, text: raw } of rows) {
      let line = collapse(unescaped ? unescapeLogfmt(raw) : raw);
      if (joiner === 'space') {
        line = line.trim();
        if (length > 0) {
          parts.push(' ');
          length += 1;
        }
      } else if (endsWithSpace && line.startsWith(' ')) line = line.slice(1);
      segments.push({ row: r, line: this.lineOf[r - this.base] as number, start: length, end: length + line.length });
      parts.push(line);
      length += line.length;
      endsWithSpace = line.endsWith(' ');
    }
    return { text: parts.join(''), segments };
  }

  /** Matches the active patterns over core rows [s, e) with their context, and folds the hits in. */
  private window(s: number, e: number): void {
    const from = Math.max(this.base, s - BEFORE);
    const to = Math.min(this.base + this.texts.length, e + AFTER);
    const active = new Set<number>(this.c.unanchored);
    for (let i = this.ci; i < this.cands.length; i++) {
      const cand = this.cands[i] as Candidate;
      if (cand.row >= to) break;
      if (cand.row < from) continue;
      for (const a of cand.anchors) for (const p of this.c.anchorPatterns[a] as number[]) active.add(p);
    }
    if (active.size === 0) return;
    const rows = this.windowRows(from, s, e, to);
    const escapes = rows.some((r) => HAS_ESCAPE.test(r.text));
    const variants = [this.buildVariant(rows, 'space', false), this.buildVariant(rows, 'none', false)];
    if (escapes) variants.push(this.buildVariant(rows, 'space', true), this.buildVariant(rows, 'none', true));
    if ((variants[0] as Variant).segments.length === 0) return;

    const hitsByEntry = new Map<number, Hit[]>();
    this.c.entries.forEach((compiled, entryIndex) => {
      const patterns = compiled.patterns.filter((p) => active.has(p));
      if (patterns.length === 0) return;
      const hits: Hit[] = [];
      variants.forEach((variant, v) => {
        for (const p of patterns) this.hitsOf(p, variant, v, hits);
      });
      if (hits.length > 0) hitsByEntry.set(entryIndex, hits);
    });
    if (hitsByEntry.size === 0) return;

    const covered = this.coverage(hitsByEntry);
    for (const [entryIndex, all] of hitsByEntry) {
      const kept = covered ? all.filter((h) => !covered(h)) : all;
      this.fold(entryIndex, kept, s, e, variants);
    }
  }

  private hitsOf(p: number, variant: Variant, v: number, into: Hit[]): void {
    const pattern = this.c.patterns[p] as CompiledPattern;
    const re = pattern.re;
    const { segments, text } = variant;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex += 1;
      const first = segments[segmentAt(segments, m.index)] as Segment;
      const last = segments[segmentAt(segments, m.index + Math.max(0, m[0].length - 1))] as Segment;
      if (last.line - first.line + 1 > MAX_SPAN_LINES) {
        // Too long to be one message: dropped, and the search goes on from the next character, so it
        // does not hide a message that starts inside it.
        re.lastIndex = m.index + 1;
        continue;
      }
      into.push({
        entry: pattern.entry,
        pattern: p,
        confidence: pattern.confidence,
        variant: v,
        start: m.index,
        end: m.index + m[0].length,
        first: first.line,
        last: last.line,
        firstRow: first.row,
        matched: m[0],
        score: CONFIDENCE_RANK[pattern.confidence] * 1000 + Math.min(m[0].length, 999),
      });
    }
  }

  /**
   * For fallback entries: a test of whether a hit overlaps the lines of any specific entry's hit (then
   * the specific explanation is the one shown there). Undefined when no fallback entry has hits here.
   */
  private coverage(hitsByEntry: Map<number, Hit[]>): ((hit: Hit) => boolean) | undefined {
    let anyFallback = false;
    let lo = Number.POSITIVE_INFINITY;
    let hi = 0;
    for (const [entryIndex, hits] of hitsByEntry) {
      if ((this.c.entries[entryIndex] as CompiledEntry).entry.fallback) anyFallback = true;
      for (const h of hits) {
        lo = Math.min(lo, h.first);
        hi = Math.max(hi, h.last);
      }
    }
    if (!anyFallback) return undefined;
    const diff = new Int32Array(hi - lo + 2);
    for (const [entryIndex, hits] of hitsByEntry) {
      if ((this.c.entries[entryIndex] as CompiledEntry).entry.fallback) continue;
      for (const h of hits) {
        (diff[h.first - lo] as number) += 1;
        (diff[h.last - lo + 1] as number) -= 1;
      }
    }
    // cumulative[i]: how many lines in lo..lo+i-1 a specific hit covers.
    const cumulative = new Int32Array(hi - lo + 2);
    let depth = 0;
    for (let i = 0; i <= hi - lo; i++) {
      depth += diff[i] as number;
      cumulative[i + 1] = (cumulative[i] as number) + (depth > 0 ? 1 : 0);
    }
    return (hit) =>
      (this.c.entries[hit.entry] as CompiledEntry).entry.fallback === true &&
      (cumulative[hit.last - lo + 1] as number) - (cumulative[hit.first - lo] as number) > 0;
  }

  /** Folds a window's hits of one entry (context hits included, for the excerpt) into its state. */
  private fold(entryIndex: number, hits: Hit[], s: number, e: number, variants: Variant[]): void {
    const owned = hits.filter((h) => h.firstRow >= s && h.firstRow < e);
    if (owned.length === 0) return;
    let best = owned[0] as Hit;
    for (const hit of owned) if (better(hit, best)) best = hit;
    let state = this.states.get(entryIndex);
    if (!state || better(best, state)) {
      // The lines around the best hit, widened to the entry's other hits on the same lines (one message
      // that several patterns match, such as kubelet's two Windows configuration errors).
      let start = best.start;
      let end = best.end;
      for (const h of hits) {
        if (h.variant !== best.variant || !overlaps(h, best)) continue;
        start = Math.min(start, h.start);
        end = Math.max(end, h.end);
      }
      // Too wide to show (one message repeated along a line): the best hit alone.
      if (end - start > MAX_EXCERPT) {
        start = best.start;
        end = best.end;
      }
      const { segments, text } = variants[best.variant] as Variant;
      const first = segments[segmentAt(segments, start)] as Segment;
      const last = segments[segmentAt(segments, Math.max(start, end - 1))] as Segment;
      const excerpt = cutExcerpt(text.slice(first.start, last.end), start - first.start, end - first.start);
      const places = state?.places ?? new Map<number, { count: number; end: number }>();
      state = {
        confidence: best.confidence,
        score: best.score,
        first: best.first,
        matched: best.matched,
        excerpt,
        line: first.line,
        places,
      };
      this.states.set(entryIndex, state);
    }
    // Separate places per pattern (two patterns of one entry may match two halves of one wrapped
    // message on different lines): overlapping line ranges count once.
    const byPattern = new Map<number, Hit[]>();
    for (const hit of owned) {
      let list = byPattern.get(hit.pattern);
      if (!list) {
        list = [];
        byPattern.set(hit.pattern, list);
      }
      list.push(hit);
    }
    for (const [pattern, list] of byPattern) {
      list.sort((a, b) => a.first - b.first);
      const place = state.places.get(pattern) ?? { count: 0, end: -1 };
      for (const hit of list) {
        if (hit.first > place.end) place.count += 1;
        place.end = Math.max(place.end, hit.last);
      }
      state.places.set(pattern, place);
    }
  }

  private results(): Match[] {
    const matches: Match[] = [];
    for (const [entryIndex, state] of this.states) {
      let occurrences = 0;
      for (const place of state.places.values()) occurrences = Math.max(occurrences, place.count);
      matches.push({
        entry: (this.c.entries[entryIndex] as CompiledEntry).entry,
        confidence: state.confidence,
        excerpt: state.excerpt,
        matched: state.matched,
        line: state.line,
        occurrences,
        score: state.score,
      });
    }
    return matches.sort((a, b) => b.score - a.score || a.line - b.line || a.entry.id.localeCompare(b.entry.id));
  }
}

/**
 * Every catalogue entry the text matches, best first, one result per entry. A fallback entry is dropped
 * where a specific entry matched the same lines.
 */
export function explainText(text: string, catalogue: readonly CatalogueEntry[] = CATALOGUE): Match[] {
  const matcher = new Matcher(catalogue);
  matcher.write(text);
  return matcher.end();
}
