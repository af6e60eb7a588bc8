/**
 * The matcher as it was before it streamed (commit d418f71, src/catalogue/match.ts): every pattern over
 * the whole text's joined forms. Kept as the reference the streaming Matcher is compared with; only its
 * hit bookkeeping was made linear (no spread of the hits into Math.min/max), so it runs on the fuzz
 * inputs, and it took over the streaming matcher's two refinements: a match spanning too many lines is
 * dropped without hiding a later match it overlaps, and an excerpt too wide to show is the best hit's
 * alone. Not for production: it holds the whole text four times.
 */
import { CATALOGUE, type CatalogueEntry, type Confidence } from '../../src/catalogue/entries.js';
import type { Match } from '../../src/catalogue/match.js';

const MAX_SPAN_LINES = 8;
const MAX_EXCERPT = 320;
const CONTEXT = 100;
const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

interface Segment {
  line: number;
  start: number;
  end: number;
}

interface Variant {
  text: string;
  segments: Segment[];
}

interface Hit {
  entry: CatalogueEntry;
  pattern: RegExp;
  confidence: Confidence;
  variant: Variant;
  /** Offsets of the match in the variant's text. */
  start: number;
  end: number;
  first: number;
  last: number;
  matched: string;
  score: number;
}

// CSI and OSC sequences, and the bare ESC-letter forms.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC and BEL are what this pattern removes.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Text as lines: no BOM, no ANSI colours, no CR, tabs and other blanks as spaces. */
function normaliseLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(ANSI, '')
    .replace(/[\u200B\uFEFF]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v\u00A0\u2007\u202F]/g, ' ')
    .split('\n');
}

/** How many lines the text has, not counting a final newline. */
export function referenceCountLines(text: string): number {
  const lines = normaliseLines(text);
  while (lines.length > 1 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  return lines.length;
}

const unescapeLogfmt = (line: string) => line.replace(/\\(["\\])/g, '$1');
const collapse = (line: string) => line.replace(/ {2,}/g, ' ');

function buildVariant(lines: string[], joiner: 'space' | 'none', unescaped: boolean): Variant {
  // Parts are joined once at the end: appending to a growing string and reading it back (endsWith)
  // would flatten V8's rope on every line, which is quadratic on a long log.
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  let endsWithSpace = false;
  lines.forEach((raw, index) => {
    let line = collapse(unescaped ? unescapeLogfmt(raw) : raw);
    if (joiner === 'space') {
      line = line.trim();
      if (line === '') return;
      if (length > 0) {
        parts.push(' ');
        length += 1;
      }
    } else {
      if (line.trim() === '') return;
      if (endsWithSpace && line.startsWith(' ')) line = line.slice(1);
    }
    segments.push({ line: index + 1, start: length, end: length + line.length });
    parts.push(line);
    length += line.length;
    endsWithSpace = line.endsWith(' ');
  });
  return { text: parts.join(''), segments };
}

function variantsOf(lines: string[]): Variant[] {
  const variants = [buildVariant(lines, 'space', false), buildVariant(lines, 'none', false)];
  if (lines.some((l) => /\\["\\]/.test(l)))
    variants.push(buildVariant(lines, 'space', true), buildVariant(lines, 'none', true));
  return variants;
}

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

const globalCache = new WeakMap<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let g = globalCache.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    globalCache.set(re, g);
  }
  g.lastIndex = 0;
  return g;
}

function hitsIn(variant: Variant, entry: CatalogueEntry): Hit[] {
  const hits: Hit[] = [];
  if (variant.segments.length === 0) return hits;
  for (const pattern of entry.patterns) {
    const confidence = pattern.confidence ?? entry.confidence;
    const re = globalOf(pattern.re);
    for (let m = re.exec(variant.text); m !== null; m = re.exec(variant.text)) {
      if (m[0].length === 0) re.lastIndex += 1;
      const firstIndex = segmentAt(variant.segments, m.index);
      const lastIndex = segmentAt(variant.segments, m.index + Math.max(0, m[0].length - 1));
      const first = variant.segments[firstIndex] as Segment;
      const last = variant.segments[lastIndex] as Segment;
      if (last.line - first.line + 1 > MAX_SPAN_LINES) {
        // As the streaming matcher: a match too long to keep does not hide a later one it overlaps.
        re.lastIndex = m.index + 1;
        continue;
      }
      hits.push({
        entry,
        pattern: pattern.re,
        confidence,
        variant,
        start: m.index,
        end: m.index + m[0].length,
        first: first.line,
        last: last.line,
        matched: m[0],
        score: CONFIDENCE_RANK[confidence] * 1000 + Math.min(m[0].length, 999),
      });
    }
  }
  return hits;
}

const overlaps = (a: { first: number; last: number }, b: { first: number; last: number }) =>
  a.first <= b.last && b.first <= a.last;

/** Separate places in the input: overlapping line ranges count once. */
function distinctRanges(hits: Hit[]): number {
  const ranges = hits.map((h) => [h.first, h.last] as const).sort((a, b) => a[0] - b[0]);
  let count = 0;
  let end = -1;
  for (const [first, last] of ranges) {
    if (first > end) count += 1;
    end = Math.max(end, last);
  }
  return count;
}

/**
 * How many times the message occurs: counted per pattern (two patterns of one entry may match two
 * halves of one wrapped message on different lines), the most frequent pattern wins.
 */
function countOccurrences(hits: Hit[]): number {
  const byPattern = new Map<RegExp, Hit[]>();
  for (const hit of hits) {
    const list = byPattern.get(hit.pattern) ?? [];
    list.push(hit);
    byPattern.set(hit.pattern, list);
  }
  let most = 0;
  for (const list of byPattern.values()) most = Math.max(most, distinctRanges(list));
  return most;
}

/**
 * The lines around the best hit, widened to the other hits of the same entry on the same lines (one
 * message that several patterns match, such as kubelet's two Windows configuration errors).
 */
function excerptOf(best: Hit, hits: Hit[]): { excerpt: string; line: number } {
  const cluster = hits.filter((h) => h.variant === best.variant && overlaps(h, best));
  let start = best.start;
  let end = best.end;
  for (const h of cluster) {
    start = Math.min(start, h.start);
    end = Math.max(end, h.end);
  }
  // As the streaming matcher: a cluster too wide to show gives the best hit alone.
  if (end - start > MAX_EXCERPT) {
    start = best.start;
    end = best.end;
  }
  const { segments, text } = best.variant;
  const first = segments[segmentAt(segments, start)] as Segment;
  const last = segments[segmentAt(segments, Math.max(start, end - 1))] as Segment;
  return {
    excerpt: cutExcerpt(text.slice(first.start, last.end), start - first.start, end - first.start),
    line: first.line,
  };
}

function better(a: Hit, b: Hit): boolean {
  return a.score > b.score || (a.score === b.score && a.first < b.first);
}

/**
 * Every catalogue entry the text matches, best first, one result per entry. A fallback entry is dropped
 * where a specific entry matched the same lines.
 */
export function referenceExplain(text: string, catalogue: readonly CatalogueEntry[] = CATALOGUE): Match[] {
  const lines = normaliseLines(text);
  const variants = variantsOf(lines);
  const byEntry = new Map<CatalogueEntry, Hit[]>();
  for (const entry of catalogue) {
    const hits = variants.flatMap((v) => hitsIn(v, entry));
    if (hits.length > 0) byEntry.set(entry, hits);
  }
  const specific = [...byEntry].filter(([entry]) => !entry.fallback).flatMap(([, hits]) => hits);
  const matches: Match[] = [];
  for (const [entry, all] of byEntry) {
    const hits = entry.fallback ? all.filter((h) => !specific.some((s) => overlaps(s, h))) : all;
    let best: Hit | undefined;
    for (const hit of hits) if (!best || better(hit, best)) best = hit;
    if (!best) continue;
    const { excerpt, line } = excerptOf(best, hits);
    matches.push({
      entry,
      confidence: best.confidence,
      excerpt,
      matched: best.matched,
      line,
      occurrences: countOccurrences(hits),
      score: best.score,
    });
  }
  return matches.sort((a, b) => b.score - a.score || a.line - b.line || a.entry.id.localeCompare(b.entry.id));
}
