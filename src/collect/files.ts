/**
 * Reading files as probes: every read is bounded in time and ends in a fact state, never a throw.
 * Paths are Windows paths on a node and may be POSIX paths when a what-if flag names a local file, so
 * the path flavour follows the path itself.
 */
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FactState } from '../contract/facts.js';
import { type DecodedText, decodeText } from '../parse/text.js';

export type PathApi = typeof path.win32;

/** Windows flavour for `C:\…`, `\\server\…` and backslash paths; the host's flavour otherwise. */
export function pathApiFor(p: string): PathApi {
  if (/^[A-Za-z]:[\\/]|^\\\\|\\/.test(p)) return path.win32;
  return path;
}

/**
 * Why a path cannot be read as a file at all, which is an observation (containerd cannot read it either),
 * not a blind spot: a directory, a FIFO or device (never opened: opening one can block forever), a link
 * loop, a file over the size limit.
 */
export type Refusal = 'directory' | 'notAFile' | 'loop' | 'tooLarge';

export type ReadResult =
  | { state: 'ok'; bytes: Uint8Array; durationMs: number }
  | { state: Exclude<FactState, 'ok'>; reason: string; durationMs: number; refused?: Refusal };

export function stateOfError(error: unknown): [Exclude<FactState, 'ok'>, string] {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return ['missing', 'no such file'];
    case 'EACCES':
    case 'EPERM':
      return ['denied', `access denied (${e.code})`];
    case 'EISDIR':
      return ['error', 'is a directory, not a file'];
    case 'ELOOP':
      return ['error', 'a symbolic link loop'];
    default:
      return ['error', e?.message ?? String(error)];
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const DEFAULT_FILE_TIMEOUT_MS = 5000;
/** The most a config file read on the node may hold (docs/input.md). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Reads at most `max` bytes, so a file that grows (or lies about its size) cannot fill memory. */
async function readBounded(filePath: string, max: number): Promise<Uint8Array | 'tooLarge'> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(max + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) return 'tooLarge';
    }
    return buffer.subarray(0, total);
  } finally {
    await handle.close();
  }
}

export async function readFileProbe(
  filePath: string,
  timeoutMs = DEFAULT_FILE_TIMEOUT_MS,
  maxBytes = MAX_FILE_BYTES,
): Promise<ReadResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const refuse = (refused: Refusal, reason: string): ReadResult => ({
    state: 'error',
    reason,
    refused,
    durationMs: elapsed(),
  });
  try {
    const info = await withTimeout(stat(filePath), timeoutMs);
    if (info === 'timeout')
      return { state: 'timeout', reason: `no answer within ${timeoutMs} ms`, durationMs: elapsed() };
    if (info.isDirectory()) return refuse('directory', 'is a directory, not a file');
    if (!info.isFile()) return refuse('notAFile', 'is not a regular file (a FIFO, socket or device)');
    if (info.size > maxBytes)
      return refuse('tooLarge', `larger than ${maxBytes / (1024 * 1024)} MB, the limit for a file read on the node`);
    const bytes = await withTimeout(readBounded(filePath, maxBytes), timeoutMs);
    if (bytes === 'tooLarge')
      return refuse('tooLarge', `larger than ${maxBytes / (1024 * 1024)} MB, the limit for a file read on the node`);
    if (bytes === 'timeout')
      return { state: 'timeout', reason: `no answer within ${timeoutMs} ms`, durationMs: elapsed() };
    return { state: 'ok', bytes, durationMs: elapsed() };
  } catch (error) {
    const [state, reason] = stateOfError(error);
    if ((error as NodeJS.ErrnoException)?.code === 'ELOOP') return refuse('loop', reason);
    return { state, reason, durationMs: elapsed() };
  }
}

export async function readTextProbe(
  filePath: string,
  timeoutMs?: number,
): Promise<(DecodedText & { state: 'ok'; durationMs: number }) | Exclude<ReadResult, { state: 'ok' }>> {
  const result = await readFileProbe(filePath, timeoutMs);
  if (result.state !== 'ok') return result;
  return { ...decodeText(result.bytes), state: 'ok', durationMs: result.durationMs };
}

/** Go's filepath.Match for one path segment: `*`, `?` and `[...]`, case-insensitive on Windows. */
function segmentMatcher(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        const body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '');
}

const hasMeta = (segment: string) => /[*?[]/.test(segment);

/**
 * filepath.Glob: expands meta characters in any segment; sorted; no match is an empty list. The pattern
 * and the results are in the node's own path flavour; `toLocal` says where this process finds a path.
 */
export async function glob(pattern: string, toLocal: (p: string) => string = (p) => p): Promise<string[]> {
  const api = pathApiFor(pattern);
  const windows = api === path.win32;
  const root = api.parse(pattern).root;
  const segments = pattern
    .slice(root.length)
    .split(windows ? /[\\/]+/ : /\/+/)
    .filter((s) => s !== '');
  let bases = [root || '.'];
  for (const segment of segments) {
    const next: string[] = [];
    for (const base of bases) {
      if (!hasMeta(segment)) {
        next.push(api.join(base, segment));
        continue;
      }
      let entries: string[];
      try {
        entries = await readdir(toLocal(base));
      } catch {
        continue;
      }
      const matcher = segmentMatcher(segment, windows);
      for (const entry of entries.sort()) if (matcher.test(entry)) next.push(api.join(base, entry));
    }
    bases = next;
  }
  const existing: string[] = [];
  for (const candidate of bases) {
    try {
      await stat(toLocal(candidate));
      existing.push(candidate);
    } catch {
      // filepath.Glob ignores I/O errors and missing paths.
    }
  }
  return existing;
}

/** The last `maxBytes` of a file (a log), decoded. */
export async function readTailProbe(
  filePath: string,
  maxBytes: number,
  timeoutMs = DEFAULT_FILE_TIMEOUT_MS,
): Promise<{ state: 'ok'; text: string; durationMs: number } | Exclude<ReadResult, { state: 'ok' }>> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const read = async () => {
      const handle = await open(filePath, 'r');
      try {
        const { size } = await handle.stat();
        const length = Math.min(size, maxBytes);
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, size - length);
        return buffer;
      } finally {
        await handle.close();
      }
    };
    const bytes = await withTimeout(read(), timeoutMs);
    if (bytes === 'timeout')
      return { state: 'timeout', reason: `no answer within ${timeoutMs} ms`, durationMs: elapsed() };
    const text = decodeText(bytes).text;
    // Drop the first, probably partial, line of a cut log.
    const cut = bytes.length >= maxBytes ? text.slice(text.indexOf('\n') + 1) : text;
    return { state: 'ok', text: cut, durationMs: elapsed() };
  } catch (error) {
    const [state, reason] = stateOfError(error);
    return { state, reason, durationMs: elapsed() };
  }
}
