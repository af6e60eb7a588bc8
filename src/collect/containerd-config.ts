/**
 * Loads containerd's config and every file it imports, in containerd's order: the main file, then its
 * imports in order, then theirs (breadth first), skipping a path already loaded. Relative imports resolve
 * against the importing file's folder; entries with `*` are globs (services/server/config resolveImports).
 * Nothing is judged here: each file keeps its state, text, encoding and parse result for the checks.
 */
import type { ConfigFile, ContainerdConfig } from '../contract/facts.js';
import { findTemplateMarker } from '../parse/text.js';
import { parseToml } from '../parse/toml.js';
import { glob, pathApiFor, readTextProbe } from './files.js';

export const DEFAULT_CONTAINERD_CONFIG = 'C:\\Program Files\\containerd\\config.toml';

/** Stops a pathological import graph; containerd itself has no limit but skips paths already loaded. */
const MAX_FILES = 64;

export interface LoadOptions {
  timeoutMs?: number;
  /** Where this process opens a node path (the identity, except on a fake host). */
  toLocal?: (nodePath: string) => string;
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
  const read = await readTextProbe(options.toLocal ? options.toLocal(filePath) : filePath, options.timeoutMs);
  if (read.state !== 'ok') {
    file.state = read.state;
    file.reason = read.reason;
    if (read.refused) file.refused = read.refused;
    return file;
  }
  file.encoding = read.encoding;
  file.lineEndings = read.lineEndings;
  file.text = read.text;
  const template = findTemplateMarker(read.text);
  if (template) file.template = template;
  file.parse = parseToml(read.text);
  return file;
}

function importsOf(file: ConfigFile): string[] {
  if (!file.parse?.ok) return [];
  const imports = file.parse.document.imports;
  return Array.isArray(imports) ? imports.filter((i): i is string => typeof i === 'string') : [];
}

/** The import's path as containerd 2.x resolves it: cleaned, and joined to the importing file's folder if relative. */
export function resolveImportPath(entry: string, parent: string): string {
  const api = pathApiFor(parent.includes('\\') || /^[A-Za-z]:/.test(parent) ? parent : entry);
  const cleaned = api.normalize(entry);
  return api.isAbsolute(cleaned) ? cleaned : api.join(api.dirname(parent), cleaned);
}

/** Paths in the result are the node's own; files are opened through `options.toLocal`. */
export async function loadContainerdConfig(
  mainPath: string,
  pathSource: ContainerdConfig['pathSource'],
  options: LoadOptions = {},
): Promise<ContainerdConfig> {
  const config: ContainerdConfig = { path: mainPath, pathSource, files: [] };
  const loaded = new Set<string>();
  const pending: { path: string; importedBy?: string; pattern?: string }[] = [{ path: mainPath }];
  while (pending.length > 0 && config.files.length < MAX_FILES) {
    const next = pending.shift() as { path: string; importedBy?: string; pattern?: string };
    if (loaded.has(next.path)) continue;
    loaded.add(next.path);
    const file = await loadFile(next.path, options, next.importedBy, next.pattern);
    config.files.push(file);
    for (const entry of importsOf(file)) {
      const resolved = resolveImportPath(entry, file.path);
      if (!resolved.includes('*')) {
        pending.push({ path: resolved, importedBy: file.path, pattern: entry });
        continue;
      }
      const matches = await glob(resolved, options.toLocal);
      if (matches.length === 0) {
        config.unmatchedImports ??= [];
        config.unmatchedImports.push({ pattern: entry, importedBy: file.path });
      }
      for (const match of matches) pending.push({ path: match, importedBy: file.path, pattern: entry });
    }
  }
  return config;
}
