/**
 * What `lint` reads: files, directories and stdin (`-`), every one through src/parse/input.ts
 * (regular files only, bounded, UTF-8 or UTF-16 with a BOM).
 *
 * A directory gives its *.yaml, *.yml and *.json files, sorted by name: its own files only, or its whole
 * tree with --recursive (hidden directories such as .git are skipped; directory symlinks are not
 * followed, so a loop cannot make it run forever). kustomization.yaml (and .yml, Kustomization) is a
 * kustomize build file, not a workload: a directory's is skipped, and one given by name is read and
 * listed as not a workload.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { usageError } from '../contract/errors.js';
import { LIMITS, readInputText, type Stdin } from '../parse/input.js';
import type { SourceText } from './yaml.js';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'kustomization'];

const isManifestName = (name: string) => MANIFEST_EXTENSIONS.includes(path.extname(name).toLowerCase());
export const isKustomization = (name: string) => KUSTOMIZATION_FILES.includes(name.toLowerCase());

/** The name a file is shown by: relative to the working directory when inside it, with / separators. */
export function displayName(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  const shown = relative === '' ? path.basename(file) : relative.startsWith('..') ? file : relative;
  return shown.split(path.sep).join('/');
}

export interface InputOptions {
  cwd: string;
  stdin?: Stdin;
  recursive?: boolean;
}

export interface InputListing {
  sources: SourceText[];
  /** kustomization files and other files a directory held that are not read, for the human summary. */
  skipped: string[];
}

async function listDirectory(dir: string, recursive: boolean, skipped: string[], cwd: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(
      `lint ${displayName(cwd, dir)}: cannot read the directory (${code === 'EACCES' || code === 'EPERM' ? 'access denied' : ((error as Error).message ?? code)}).`,
    );
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive && !entry.name.startsWith('.')) files.push(...(await listDirectory(full, true, skipped, cwd)));
      continue;
    }
    if (!isManifestName(entry.name)) continue;
    if (isKustomization(entry.name)) {
      skipped.push(displayName(cwd, full));
      continue;
    }
    if (entry.isFile() || entry.isSymbolicLink()) files.push(full);
  }
  return files;
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/** Reads every input; a directory with no manifest files, or no input at all, is a usage error. */
export async function readInputs(inputs: readonly string[], options: InputOptions): Promise<InputListing> {
  const sources: SourceText[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === '-') {
      const source = { name: 'stdin', what: 'lint', maxBytes: LIMITS.manifest };
      const { text } = await readInputText(undefined, source, options.stdin);
      sources.push({ name: 'stdin', text });
      continue;
    }
    const full = path.resolve(options.cwd, input);
    const directory = await isDirectory(full);
    const files = directory ? await listDirectory(full, options.recursive ?? false, skipped, options.cwd) : [full];
    if (files.length === 0 && directory) {
      throw usageError(
        `lint ${input}: the directory has no .yaml, .yml or .json manifests${options.recursive ? '' : ' (its subdirectories are read with --recursive)'}.`,
      );
    }
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const name = displayName(options.cwd, file);
      const source = { name, what: 'lint', maxBytes: LIMITS.manifest };
      const { text } = await readInputText(file, source);
      sources.push({ name, text });
    }
  }
  return { sources, skipped };
}
