/**
 * Reading one config file's text as each go-toml does. The bytes go-toml sees are rebuilt from what a
 * snapshot keeps: the decoded text, the UTF-8 BOM (its encoding) and the first invalid UTF-8 sequence
 * (`invalidUtf8`, recorded at collection: the decoded text holds U+FFFD there). UTF-16 text cannot be
 * rebuilt byte for byte; both go-tomls refuse it (test/oracles), so it gets a verdict of its own.
 */
import type { ConfigFile } from '../contract/facts.js';
import { type GoTomlV1Result, type GoTomlV1Version, loadBytesV1 } from './toml-gotoml1.js';
import { decodeMapV2, type GoTomlV2Version, parseV2, treeOfV2, type V2Error, type V2Parsed } from './toml-gotoml2.js';
import { isTomlArray, type TomlTable } from './toml-tree.js';

export type SourceFile = Pick<ConfigFile, 'text' | 'encoding' | 'invalidUtf8'>;

/** The bytes containerd reads, or undefined for UTF-16 text (or no text). */
export function sourceBytes(file: SourceFile): Uint8Array | undefined {
  if (file.text === undefined || file.encoding === 'utf16le' || file.encoding === 'utf16be') return undefined;
  const encoder = new TextEncoder();
  let body: Uint8Array;
  const invalid = file.invalidUtf8;
  const at = invalid ? offsetOf(file.text, invalid.line, invalid.column) : -1;
  if (invalid && at >= 0 && file.text.charCodeAt(at) === 0xfffd) {
    const raw = new Uint8Array((invalid.bytes.match(/../g) ?? []).map((h) => Number.parseInt(h, 16)));
    const before = encoder.encode(file.text.slice(0, at));
    const after = encoder.encode(file.text.slice(at + 1));
    body = new Uint8Array(before.length + raw.length + after.length);
    body.set(before, 0);
    body.set(raw, before.length);
    body.set(after, before.length + raw.length);
  } else body = encoder.encode(file.text);
  if (file.encoding !== 'utf8-bom') return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf], 0);
  out.set(body, 3);
  return out;
}

/** The UTF-16 offset of a 1-based line and character column, or -1. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return -1;
    offset = next + 1;
  }
  let chars = 1;
  while (chars < column && offset < text.length) {
    const code = text.codePointAt(offset) as number;
    offset += code > 0xffff ? 2 : 1;
    chars++;
  }
  return offset;
}

/** Text that holds U+FFFD where the snapshot does not say whether a byte was invalid (older snapshots). */
export function hasUnrecordedReplacement(file: ConfigFile): boolean {
  return (
    file.invalidUtf8 === undefined &&
    file.text?.includes('\uFFFD') === true &&
    file.encoding !== 'utf16le' &&
    file.encoding !== 'utf16be'
  );
}

export type V1Reading = GoTomlV1Result;

export function readV1(file: SourceFile, version: GoTomlV1Version): V1Reading | undefined {
  const bytes = sourceBytes(file);
  return bytes === undefined ? undefined : loadBytesV1(bytes, version);
}

export interface V2Reading {
  parsed: V2Parsed;
  /** The verdict of decoding everything (toml.Unmarshal into a map). */
  ok: boolean;
  error?: V2Error;
  /**
   * The document as far as it parsed (absent after a parse error). containerd decodes it into its own
   * structs, which skip unknown keys, so it may load a document the map decode refuses.
   */
  tree?: TomlTable;
}

export function readV2(file: SourceFile, version: GoTomlV2Version): V2Reading | undefined {
  const bytes = sourceBytes(file);
  if (bytes === undefined) return undefined;
  const parsed = parseV2(bytes);
  const verdict = decodeMapV2(parsed, version);
  return {
    parsed,
    ok: verdict.ok,
    ...(verdict.error ? { error: verdict.error } : {}),
    ...(parsed.parseError ? {} : { tree: treeOfV2(parsed) }),
  };
}

function importsIn(tree: TomlTable | undefined): string[] {
  const node = tree?.entries.get('imports');
  if (!isTomlArray(node)) return [];
  return node.items.flatMap((i) => (i.kind === 'string' ? [i.value as string] : []));
}

/**
 * Every `imports` entry any of containerd's parsers reads in the file, for the collector to follow: the
 * files one family loads are a subset, and the checks replay the load per family.
 */
export function importsForDiscovery(file: SourceFile): string[] {
  // go-toml v2 matches keys case-insensitively, so IMPORTS counts too; a text without it imports nothing.
  if (!/imports/i.test(file.text ?? '')) return [];
  const seen = new Set<string>();
  const v1 = readV1(file, '1.9.5');
  for (const e of importsIn(v1?.ok ? v1.tree : undefined)) seen.add(e);
  const v2 = readV2(file, '2.2');
  for (const e of importsIn(v2?.tree)) seen.add(e);
  return [...seen];
}
