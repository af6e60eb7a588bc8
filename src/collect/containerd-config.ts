/**
 * Loads containerd's config and every file it imports, in containerd's order: the main file, then its
 * imports in order, then theirs (breadth first), skipping a path already loaded (an exact string match).
 * Each `imports` entry is cleaned and, when relative, joined to the importing file's folder; an entry with
 * `*` is a glob (containerd 2.x cmd/containerd/server/config resolveImports, 1.6.29+/1.7.16+ services/
 * server/config). Nothing is judged here: each file keeps its state, text, encoding, the first invalid
 * UTF-8 byte (the decoded text loses it), and how each entry resolved, for the checks.
 *
 * containerd has no limit on the number of files. The doctor reads at most MAX_FILES files and
 * MAX_TOTAL_BYTES bytes; a file beyond that is recorded as not read, never silently dropped.
 */
import type { ConfigFile, ContainerdConfig, ImportResolution } from '../contract/facts.js';
import { decodeText, findTemplateMarker } from '../parse/text.js';
import { parseToml } from '../parse/toml.js';
import { importsForDiscovery } from '../parse/toml-read.js';
import { firstInvalidUtf8 } from '../parse/utf8.js';
import { BadPattern, flavourOf, glob, goClean, goDir, goIsAbs, goJoin, readFileProbe } from './files.js';

export const DEFAULT_CONTAINERD_CONFIG = 'C:\\Program Files\\containerd\\config.toml';

/** The most config files the doctor reads for one config. */
export const MAX_FILES = 4096;
/** The most config bytes the doctor reads for one config. */
export const MAX_TOTAL_BYTES = 256 * 1024 * 1024;

export interface LoadOptions {
  timeoutMs?: number;
  /** The platform the doctor runs on (a Windows path read elsewhere cannot be resolved). */
  platform?: NodeJS.Platform;
  /** Where this process opens a node path (the identity, except on a fake host). */
  toLocal?: (nodePath: string) => string;
}

/** A file as read: state, text, encoding and what the checks need from its bytes. */
export function fileFromBytes(file: ConfigFile, bytes: Uint8Array): ConfigFile {
  const decoded = decodeText(bytes);
  file.encoding = decoded.encoding;
  file.lineEndings = decoded.lineEndings;
  file.text = decoded.text;
  if (decoded.encoding === 'utf8' || decoded.encoding === 'utf8-bom') {
    const invalid = firstInvalidUtf8(decoded.encoding === 'utf8-bom' ? bytes.subarray(3) : bytes);
    if (invalid) file.invalidUtf8 = invalid;
  }
  const template = findTemplateMarker(decoded.text);
  if (template) file.template = template;
  file.parse = parseToml(decoded.text);
  return file;
}

/** A node's Windows path met off the node (a what-if run on Linux): it names no file here. */
const OFF_NODE_REASON =
  'a Windows path, which this machine cannot open: analyse on the node, or with a snapshot collected there';

function offNode(filePath: string, options: LoadOptions): boolean {
  return (
    !options.toLocal &&
    (options.platform ?? process.platform) !== 'win32' &&
    flavourOf(filePath).windows &&
    /^[A-Za-z]:|^\\\\/.test(filePath)
  );
}

async function loadFile(
  filePath: string,
  options: LoadOptions,
  importedBy?: string,
  pattern?: string,
): Promise<ConfigFile> {
  const file: ConfigFile = { path: filePath, state: 'ok' };
  if (importedBy !== undefined) file.importedBy = importedBy;
  if (pattern !== undefined) file.pattern = pattern;
  if (importedBy !== undefined && offNode(filePath, options)) {
    file.state = 'error';
    file.reason = OFF_NODE_REASON;
    file.notRead = true;
    return file;
  }
  const read = await readFileProbe(options.toLocal ? options.toLocal(filePath) : filePath, options.timeoutMs);
  if (read.state !== 'ok') {
    file.state = read.state;
    file.reason = read.reason;
    if (read.refused) file.refused = read.refused;
    return file;
  }
  return fileFromBytes(file, read.bytes);
}

/** The entries of a file's `imports` any of containerd's parsers could read (they may disagree). */
function importsOf(file: ConfigFile): string[] {
  if (file.state !== 'ok' || file.text === undefined) return [];
  return importsForDiscovery(file);
}

/**
 * The path containerd opens for an entry (2.x, and 1.x from 1.6.29/1.7.16: clean, then join relative
 * paths to the importing file's folder). filepath.IsAbs on Windows is false for `\x` and `C:x`.
 */
export function resolveImportPath(entry: string, parent: string): string {
  const flavour = flavourOf(parent.includes('\\') || /^[A-Za-z]:/.test(parent) ? parent : entry);
  const cleaned = goClean(entry, flavour);
  return goIsAbs(cleaned, flavour) ? cleaned : goJoin(goDir(parent, flavour), cleaned, flavour);
}

interface Pending {
  path: string;
  importedBy?: string;
  pattern?: string;
}

/** Paths in the result are the node's own; files are opened through `options.toLocal`. */
export async function loadContainerdConfig(
  mainPath: string,
  pathSource: ContainerdConfig['pathSource'],
  options: LoadOptions = {},
): Promise<ContainerdConfig> {
  const config: ContainerdConfig = { path: mainPath, pathSource, files: [] };
  const loaded = new Set<string>();
  const pending: Pending[] = [{ path: mainPath }];
  let bytesRead = 0;
  let head = 0;
  while (head < pending.length) {
    const next = pending[head++] as Pending;
    if (loaded.has(next.path)) continue;
    loaded.add(next.path);
    if (config.files.length >= MAX_FILES || bytesRead >= MAX_TOTAL_BYTES) {
      const skipped: ConfigFile = {
        path: next.path,
        state: 'error',
        reason: `not read: the doctor reads at most ${MAX_FILES} config files and ${MAX_TOTAL_BYTES / (1024 * 1024)} MB; containerd reads them all`,
        notRead: true,
      };
      if (next.importedBy !== undefined) skipped.importedBy = next.importedBy;
      if (next.pattern !== undefined) skipped.pattern = next.pattern;
      config.files.push(skipped);
      continue;
    }
    const file = await loadFile(next.path, options, next.importedBy, next.pattern);
    // The text's UTF-8 size: the bytes read, for UTF-8 files (the budget counts bytes, not characters).
    bytesRead += file.text === undefined ? 0 : Buffer.byteLength(file.text, 'utf8');
    config.files.push(file);
    for (const entry of importsOf(file)) {
      const resolution = await resolveEntry(entry, file.path, options);
      config.imports ??= [];
      config.imports.push(resolution);
      if (resolution.glob && resolution.matches?.length === 0 && !resolution.offNode && !resolution.badPattern) {
        config.unmatchedImports ??= [];
        config.unmatchedImports.push({ pattern: entry, importedBy: file.path });
      }
      for (const match of resolution.matches ?? [])
        pending.push({ path: match, importedBy: file.path, pattern: entry });
    }
  }
  return config;
}

async function resolveEntry(entry: string, parent: string, options: LoadOptions): Promise<ImportResolution> {
  const resolved = resolveImportPath(entry, parent);
  const flavour = flavourOf(resolved);
  const resolution: ImportResolution = { entry, importedBy: parent, resolved, glob: resolved.includes('*') };
  const cleaned = goClean(entry, flavour);
  if (resolution.glob && !goIsAbs(cleaned, flavour)) resolution.relativeGlob = true;
  if (!resolution.glob) {
    resolution.matches = [resolved];
    return resolution;
  }
  if (offNode(resolved, options)) {
    resolution.offNode = true;
    resolution.matches = [];
    return resolution;
  }
  try {
    resolution.matches = await glob(resolved, options.toLocal);
  } catch (error) {
    if (!(error instanceof BadPattern)) throw error;
    resolution.badPattern = true;
    resolution.matches = [];
  }
  return resolution;
}
