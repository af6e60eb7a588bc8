/**
 * Reading files as probes: every read is bounded in time and ends in a fact state, never a throw.
 * Paths are Windows paths on a node and may be POSIX paths when a what-if flag names a local file, so
 * the path flavour follows the path itself.
 */
import { lstat, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FactState } from '../contract/facts.js';
import { BadPattern, type GoPathFlavour, goMatch } from '../parse/gomatch.js';
import { type DecodedText, decodeText } from '../parse/text.js';

export { BadPattern, type GoPathFlavour } from '../parse/gomatch.js';

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

/** The promise's value, or 'timeout' after ms (the promise itself is not stopped). */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
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

/**
 * Reads at most `max` bytes, so a file that grows (or lies about its size) cannot fill memory. The buffer
 * starts at the size stat gave and doubles as needed: thousands of small imports stay cheap.
 */
async function readBounded(filePath: string, max: number, sizeHint = 0): Promise<Uint8Array | 'tooLarge'> {
  const handle = await open(filePath, 'r');
  try {
    let buffer = Buffer.allocUnsafe(Math.min(max + 1, Math.max(sizeHint + 1, 4096)));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, total);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) return 'tooLarge';
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, total);
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
    const bytes = await withTimeout(readBounded(filePath, maxBytes, info.size), timeoutMs);
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

// ---- Go's path/filepath, as containerd's resolveImports uses it (go1.19 path/filepath) ----------------

export const flavourOf = (p: string): GoPathFlavour => ({ windows: pathApiFor(p) === path.win32 });

/** volumeNameLen (path_windows.go): `C:`, or `\\host\share` for UNC. */
function volumeNameLen(p: string): number {
  if (p.length < 2) return 0;
  if (p[1] === ':' && /[A-Za-z]/.test(p[0] as string)) return 2;
  const isSep = (c: string | undefined) => c === '\\' || c === '/';
  if (p.length >= 5 && isSep(p[0]) && isSep(p[1]) && !isSep(p[2]) && p[2] !== '.') {
    let n = 3;
    while (n < p.length - 1 && !isSep(p[n])) n++;
    n++;
    if (n < p.length && !isSep(p[n])) {
      while (n < p.length && !isSep(p[n])) n++;
      return n;
    }
  }
  return 0;
}

/** filepath.IsAbs: on Windows only a volume followed by a separator (`\\x` and `C:x` are relative). */
export function goIsAbs(p: string, flavour: GoPathFlavour): boolean {
  if (!flavour.windows) return p.startsWith('/');
  const l = volumeNameLen(p);
  if (l === 0) return false;
  if (l > 2) return true; // UNC
  return p.length > l && (p[l] === '\\' || p[l] === '/');
}

/** filepath.Clean. */
export function goClean(p: string, flavour: GoPathFlavour): string {
  if (!flavour.windows) {
    const cleaned = path.posix.normalize(p);
    return cleaned.length > 1 && cleaned.endsWith('/') ? cleaned.slice(0, -1) : cleaned;
  }
  if (p === '') return '.';
  const vol = p.slice(0, volumeNameLen(p));
  const rest = p.slice(vol.length).replace(/\//g, '\\');
  const rooted = rest.startsWith('\\');
  const parts: string[] = [];
  for (const part of rest.split('\\')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
    } else parts.push(part);
  }
  const body = (rooted ? '\\' : '') + parts.join('\\');
  if (body === '') return vol + (rooted ? '\\' : '.');
  return vol + body;
}

/** filepath.Dir. */
export function goDir(p: string, flavour: GoPathFlavour): string {
  if (!flavour.windows) return path.posix.dirname(p);
  const vol = p.slice(0, volumeNameLen(p));
  let i = p.length - 1;
  while (i >= vol.length && p[i] !== '\\' && p[i] !== '/') i--;
  const dir = goClean(p.slice(vol.length, i + 1), flavour);
  if (dir === '.' && vol.length > 2) return vol;
  return vol + dir;
}

export function goJoin(a: string, b: string, flavour: GoPathFlavour): string {
  if (a === '') return goClean(b, flavour);
  if (b === '') return goClean(a, flavour);
  return goClean(`${a}${flavour.windows ? '\\' : '/'}${b}`, flavour);
}

const hasMeta = (p: string, flavour: GoPathFlavour) => (flavour.windows ? /[*?[]/ : /[*?[\\]/).test(p);

/**
 * filepath.Glob (go1.19): the pattern's last element is matched against each directory's entries, sorted
 * by byte order, case-sensitively; I/O errors and missing directories are ignored; a malformed pattern
 * throws BadPattern. The pattern and results are node paths; `toLocal` says where this process reads them.
 */
export async function glob(pattern: string, toLocal: (p: string) => string = (p) => p): Promise<string[]> {
  const flavour = flavourOf(pattern);
  goMatch(pattern, '', flavour);
  return globGo(pattern, flavour, toLocal, 0);
}

async function globGo(
  pattern: string,
  flavour: GoPathFlavour,
  toLocal: (p: string) => string,
  depth: number,
): Promise<string[]> {
  if (!hasMeta(pattern, flavour)) {
    try {
      await lstat(toLocal(pattern));
      return [pattern];
    } catch {
      return [];
    }
  }
  const seps = flavour.windows ? /[\\/]/ : /\//;
  let cut = pattern.length - 1;
  while (cut >= 0 && !seps.test(pattern[cut] as string)) cut--;
  const file = pattern.slice(cut + 1);
  let dir = pattern.slice(0, cut + 1);
  let volumeLen = 0;
  if (flavour.windows) {
    const vollen = volumeNameLen(dir);
    if (dir === '') dir = '.';
    else if (vollen + 1 === dir.length && seps.test(dir[dir.length - 1] as string)) volumeLen = vollen + 1;
    else if (vollen === dir.length && dir.length === 2) {
      volumeLen = vollen;
      dir = `${dir}.`;
    } else {
      volumeLen = Math.min(vollen, dir.length - 1);
      dir = dir.slice(0, -1);
    }
  } else if (dir === '') dir = '.';
  else if (dir !== '/') dir = dir.slice(0, -1);
  if (!hasMeta(dir.slice(volumeLen), flavour)) return globDir(dir, file, flavour, toLocal);
  // A glob in a folder part: expand the folders first (Go recurses once per meta folder level).
  if (dir === pattern || depth > 64) throw new BadPattern();
  const out: string[] = [];
  for (const d of await globGo(dir, flavour, toLocal, depth + 1))
    out.push(...(await globDir(d, file, flavour, toLocal)));
  return out;
}

async function globDir(
  dir: string,
  file: string,
  flavour: GoPathFlavour,
  toLocal: (p: string) => string,
): Promise<string[]> {
  let names: string[];
  try {
    const info = await stat(toLocal(dir));
    if (!info.isDirectory()) return [];
    names = await readdir(toLocal(dir));
  } catch {
    return [];
  }
  // sort.Strings: byte order of the UTF-8 names.
  names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const out: string[] = [];
  for (const n of names) if (goMatch(file, n, flavour)) out.push(goJoin(dir, n, flavour));
  return out;
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
