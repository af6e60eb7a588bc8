/**
 * Manifest text to documents that know where each field is. YAML and JSON (a JSON file is one YAML
 * document) go through the `yaml` package's Document API with a LineCounter, so a finding can name the
 * line and column of the field it is about, or of the nearest parent when the field is missing.
 *
 * The YAML 1.1 schema is used, as kubectl's decoder (go-yaml v2 through sigs.k8s.io/yaml) reads YAML:
 * `yes`/`no`/`on`/`off` are booleans and `<<` merge keys work. Duplicate keys are an error. Alias
 * expansion is bounded (maxAliasCount), so a billion-laughs document is refused instead of expanded.
 * Invalid YAML is a usage error (exit 2) naming file:line:column.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import { usageError } from '../contract/errors.js';
import type { Segment } from './values.js';

/** Alias expansions allowed per document (yaml's own default is 100; real manifests use a handful). */
export const MAX_ALIAS_COUNT = 1000;

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface SourceText {
  /** The file as shown: relative to the working directory, with / separators; `stdin` for `-`. */
  name: string;
  text: string;
}

export interface ParsedDocument {
  /** 1-based position of the document in its file. */
  index: number;
  value: unknown;
  /** Where `path` is, or the nearest parent that exists. */
  locate(path: readonly Segment[]): Span;
}

export interface ParsedFile {
  name: string;
  documents: ParsedDocument[];
}

function keyText(node: unknown): string | undefined {
  if (isScalar(node)) return node.value === null ? 'null' : String(node.value);
  return undefined;
}

function spanOf(lines: LineCounter, start: number, end: number): Span {
  const from = lines.linePos(start);
  const to = lines.linePos(Math.max(start, end));
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}

/** The range of a node's text without trailing comments and blank lines. */
function nodeRange(node: Node | null | undefined): [number, number] | undefined {
  const range = node?.range;
  return range ? [range[0], range[1]] : undefined;
}

function makeLocate(doc: Document.Parsed, lines: LineCounter, text: string) {
  const docStart = doc.range[0];
  const firstContent = () => {
    const range = nodeRange(doc.contents as Node | null);
    return range ? spanOf(lines, range[0], range[0]) : spanOf(lines, docStart, docStart);
  };
  return (path: readonly Segment[]): Span => {
    let node: unknown = doc.contents;
    let best: Span = firstContent();
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (typeof segment === 'number' && isSeq(node)) {
        const item = node.items[segment] as Node | undefined;
        const range = nodeRange(item);
        if (!item || !range) break;
        best = spanOf(lines, range[0], isScalar(item) ? range[1] : range[0]);
        node = item;
        continue;
      }
      if (typeof segment === 'string' && isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === segment);
        const keyRange = nodeRange(pair?.key as Node | undefined);
        if (!pair || !keyRange) break;
        const value = pair.value as Node | null;
        const valueRange = nodeRange(value);
        // A scalar: the whole `key: value`; a collection: its key only (the block may be long).
        const end = valueRange && isScalar(value) && !text.slice(keyRange[0], valueRange[1]).includes('\n');
        best = spanOf(lines, keyRange[0], end ? valueRange[1] : keyRange[1]);
        node = value;
        continue;
      }
      break;
    }
    return best;
  };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Whether a value holds itself: `x: &a [*a]` becomes a cycle in toJS (maxAliasCount does not see it), and
 * every walk over it would never end. Iterative, and linear in the value: shared nodes (aliases that are
 * not cycles) are walked once.
 */
function refersToItself(root: unknown): boolean {
  if (root === null || typeof root !== 'object') return false;
  const done = new WeakSet<object>();
  const onPath = new WeakSet<object>();
  const stack: { node: object; children: unknown[]; next: number }[] = [];
  const enter = (node: object) => {
    onPath.add(node);
    stack.push({ node, children: Object.values(node), next: 0 });
  };
  enter(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as (typeof stack)[number];
    if (top.next === top.children.length) {
      onPath.delete(top.node);
      done.add(top.node);
      stack.pop();
      continue;
    }
    const child = top.children[top.next++];
    if (child === null || typeof child !== 'object' || done.has(child)) continue;
    if (onPath.has(child)) return true;
    enter(child);
  }
  return false;
}

/** Parses every document of a file; throws a usage error naming file:line:column for invalid YAML. */
export function parseManifestText(source: SourceText): ParsedFile {
  const lines = new LineCounter();
  const docs = parseAllDocuments(source.text, {
    lineCounter: lines,
    version: '1.1',
    prettyErrors: true,
    uniqueKeys: true,
  });
  const documents: ParsedDocument[] = [];
  let index = 0;
  for (const doc of Array.from(docs)) {
    index += 1;
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      const where = at ? `${source.name}:${at.line}:${at.col}` : source.name;
      const template = /\{\{|\{%/.test(source.text)
        ? ' It looks like an unrendered template: render it first (helm template, kustomize build) and lint the output.'
        : '';
      throw usageError(`lint: ${where}: invalid YAML: ${firstLine(error.message)}.${template}`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const at = lines.linePos(doc.range[0]);
      throw usageError(
        `lint: ${source.name}:${at.line}:${at.col}: cannot read document ${index}: ${(e as Error).message}. Expand the aliases, or lint the output of kubectl apply --dry-run=client -o yaml.`,
      );
    }
    if (value === null || value === undefined) continue;
    if (refersToItself(value)) {
      const at = lines.linePos(doc.range[0]);
      throw usageError(
        `lint: ${source.name}:${at.line}:${at.col}: document ${index} contains itself (an alias *name inside the node its anchor &name marks), which no Kubernetes object can. Remove that alias.`,
      );
    }
    documents.push({ index, value, locate: makeLocate(doc, lines, source.text) });
  }
  return { name: source.name, documents };
}
