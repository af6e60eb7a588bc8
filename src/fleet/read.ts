/**
 * Feeds files, directories and stdin to a FleetCollector line by line, streaming, so a large
 * `kubectl logs` capture is never held in memory whole. Each input is read as the project reads every
 * user file (parse/input.ts): regular files only, bounded, UTF-8 or UTF-16 with a BOM (what Windows
 * PowerShell 5.1's `>` writes). Snapshots found among the inputs are analysed on the way.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { usageError } from '../contract/errors.js';
import type { NodeFacts } from '../contract/facts.js';
import type { DoctorReport } from '../contract/report.js';
import { inputLines, LIMITS } from '../parse/input.js';
import type { FleetCollector } from './collect.js';

/** Turns a snapshot into a report (the engine's analyzeFacts, given by the command). */
export type Analyse = (facts: NodeFacts, source: string) => Promise<DoctorReport>;

async function feedLines(
  collector: FleetCollector,
  file: string | undefined,
  source: string,
  stdin: Readable | undefined,
  analyse: Analyse,
): Promise<void> {
  let lineNumber = 0;
  const what = { name: source, what: 'fleet', maxBytes: LIMITS.stream };
  for await (const line of inputLines(file, what, stdin ? { stream: stdin } : undefined)) {
    lineNumber += 1;
    collector.line(line, source, lineNumber);
    for (const snapshot of collector.takeSnapshots()) {
      collector.report(await analyse(snapshot.facts, snapshot.source), snapshot.source, snapshot.line);
    }
  }
  collector.end(source);
  for (const snapshot of collector.takeSnapshots()) {
    collector.report(await analyse(snapshot.facts, snapshot.source), snapshot.source, snapshot.line);
  }
}

function unreadable(input: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'access denied'
        : (code ?? (error as Error).message);
  throw usageError(`fleet: cannot read ${input}: ${why}. Give report files, a directory of them, or - for stdin.`);
}

/** The files a directory holds (not its subdirectories), in name order, skipping hidden ones. */
async function filesIn(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    unreadable(dir, error);
  }
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
    .map((name) => path.join(dir, name));
}

/** `inputs` are files, directories, or `-` for stdin; relative paths are resolved against `cwd`. */
export async function feedInputs(
  collector: FleetCollector,
  inputs: string[],
  options: { cwd: string; stdin: Readable; analyse: Analyse },
): Promise<number> {
  let sources = 0;
  for (const input of inputs) {
    if (input === '-') {
      await feedLines(collector, undefined, 'stdin', options.stdin, options.analyse);
      sources += 1;
      continue;
    }
    const resolved = path.resolve(options.cwd, input);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(resolved)).isDirectory();
    } catch (error) {
      unreadable(input, error);
    }
    const files = isDirectory
      ? (await filesIn(resolved)).map((f) => [f, path.join(input, path.basename(f))])
      : [[resolved, input]];
    for (const [file, shown] of files) await feedLines(collector, file, shown as string, undefined, options.analyse);
    sources += files.length;
  }
  return sources;
}
