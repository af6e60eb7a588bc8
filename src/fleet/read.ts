/**
 * Feeds files, directories and stdin to a FleetCollector line by line, streaming, so a large
 * `kubectl logs` capture is never held in memory whole.
 */
import { createReadStream, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { usageError } from '../errors.js';
import type { FleetCollector } from './collect.js';

/**
 * Splits on newline bytes and decodes line by line: a line never straddles a chunk once joined, and
 * no chunk-sized string is built and re-scanned (decoding whole chunks was half the run time).
 */
export async function feedStream(collector: FleetCollector, stream: Readable, source: string): Promise<void> {
  let carry: Buffer | undefined;
  let lineNumber = 0;
  for await (const chunk of stream) {
    const data: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    let nl = data.indexOf(10);
    if (carry !== undefined && nl !== -1) {
      lineNumber += 1;
      collector.line(Buffer.concat([carry, data.subarray(0, nl)]).toString('utf8'), source, lineNumber);
      carry = undefined;
      start = nl + 1;
      nl = data.indexOf(10, start);
    }
    for (; nl !== -1; nl = data.indexOf(10, start)) {
      lineNumber += 1;
      collector.line(data.toString('utf8', start, nl), source, lineNumber);
      start = nl + 1;
    }
    if (start < data.length)
      carry = carry === undefined ? Buffer.from(data.subarray(start)) : Buffer.concat([carry, data.subarray(start)]);
  }
  if (carry !== undefined && carry.length > 0) collector.line(carry.toString('utf8'), source, lineNumber + 1);
  collector.end(source);
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

async function feedFile(collector: FleetCollector, file: string): Promise<void> {
  try {
    await feedStream(collector, createReadStream(file, { highWaterMark: 1 << 20 }), file);
  } catch (error) {
    unreadable(file, error);
  }
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

/** `inputs` are files, directories, or `-` for stdin. */
export async function feedInputs(
  collector: FleetCollector,
  inputs: string[],
  stdin: Readable = process.stdin,
): Promise<number> {
  let sources = 0;
  for (const input of inputs) {
    if (input === '-') {
      await feedStream(collector, stdin, 'stdin');
      sources += 1;
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(input)).isDirectory();
    } catch (error) {
      unreadable(input, error);
    }
    const files = isDirectory ? await filesIn(input) : [input];
    for (const file of files) await feedFile(collector, file);
    sources += files.length;
  }
  return sources;
}
