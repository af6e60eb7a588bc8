/**
 * The one way to read a file the user names (a snapshot, a report, a what-if file, a kubelet config, a
 * log, fleet input) or stdin (`-`):
 * - only regular files: a FIFO, a device or a directory is refused at once, so nothing hangs or reads
 *   forever; stdin is read only where `-` (or a pipe) says so, and a closed stdin is a usage error;
 * - bounded: a file or stdin larger than its limit is refused, naming the limit;
 * - decoded as Windows tools write text: UTF-8, UTF-8 with a BOM, UTF-16LE or UTF-16BE with a BOM, CRLF
 *   or LF. Anything else (another code page, UTF-16 without a BOM, binary) is refused, naming the file
 *   and what it looks like.
 * Every refusal is a UserError (exit 2) that names the file and says what to do.
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { isUserError, usageError } from '../contract/errors.js';
import { lineEndingsOf } from './text.js';

export const MB = 1024 * 1024;

/** Size limits, stated in docs/input.md. */
export const LIMITS = {
  snapshot: 64 * MB,
  report: 64 * MB,
  config: 16 * MB,
  kubeletConfig: 4 * MB,
  flags: 1 * MB,
  manifest: 16 * MB,
  /** explain and fleet stream their input; this bounds an endless stdin. */
  stream: 1024 * MB,
} as const;

export interface InputSource {
  /** As the user typed it (`-` for stdin), for messages. */
  name: string;
  /** What the input is, for messages: "snapshot", "--kubelet-config", "explain --file". */
  what: string;
  maxBytes: number;
}

export interface Stdin {
  stream: Readable & { isTTY?: boolean };
}

function describeLimit(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${bytes} bytes`;
}

function why(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'access denied';
    case 'ELOOP':
      return 'a symbolic link loop';
    case 'EBADF':
      return 'it is not open for reading (EBADF): closed, or opened for writing only';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return e?.message ?? String(error);
  }
}

function kindOf(info: import('node:fs').Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

function tooLarge(source: InputSource): Error {
  return usageError(
    `${source.what} ${source.name}: larger than ${describeLimit(source.maxBytes)}, the limit for this input. Give a smaller file${source.what.startsWith('explain') ? ' or the part of the log around the error' : ''}.`,
  );
}

/** Opens a regular file for reading, refusing anything that could block or never end. */
async function openRegular(file: string, source: InputSource) {
  let info: import('node:fs').Stats;
  try {
    info = await stat(file);
  } catch (error) {
    throw usageError(`${source.what} ${source.name}: cannot read it (${why(error)}).`);
  }
  const kind = kindOf(info);
  if (kind) {
    throw usageError(
      `${source.what} ${source.name}: it is ${kind}, not a file. hostprocess-doctor reads regular files only; for a stream, pipe it to stdin and give '-'.`,
    );
  }
  if (info.size > source.maxBytes) throw tooLarge(source);
  try {
    return await open(file, 'r');
  } catch (error) {
    throw usageError(`${source.what} ${source.name}: cannot read it (${why(error)}).`);
  }
}

/** The bytes of a regular file, at most `maxBytes` (a file that grows while read is cut and refused). */
export async function readFileBytes(file: string, source: InputSource): Promise<Uint8Array> {
  const handle = await openRegular(file, source);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(1 * MB, source.maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > source.maxBytes) throw tooLarge(source);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (isUserError(error)) throw error;
    throw usageError(`${source.what} ${source.name}: cannot read it (${why(error)}).`);
  } finally {
    await handle.close();
  }
}

/** A byte stream of the input: stdin for `-`, else the regular file; bounded by maxBytes. */
export async function* inputChunks(
  file: string | undefined,
  source: InputSource,
  stdin?: Stdin,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  const bounded = async function* (chunks: AsyncIterable<Uint8Array | string>) {
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.length;
      if (total > source.maxBytes) throw tooLarge(source);
      yield bytes;
    }
  };
  if (file === undefined) {
    if (!stdin) throw usageError(`${source.what}: stdin is not available here.`);
    try {
      yield* bounded(stdin.stream as AsyncIterable<Uint8Array | string>);
    } catch (error) {
      if (isUserError(error)) throw error;
      throw usageError(`${source.what}: cannot read stdin (${why(error)}). Pipe the input in, or give a file.`);
    }
    return;
  }
  const handle = await openRegular(file, source);
  try {
    yield* bounded(
      handle.createReadStream({ autoClose: false, highWaterMark: 256 * 1024 }) as AsyncIterable<Uint8Array>,
    );
  } catch (error) {
    if (isUserError(error)) throw error;
    throw usageError(`${source.what} ${source.name}: cannot read it (${why(error)}).`);
  } finally {
    await handle.close();
  }
}

export type InputEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

function bomOf(bytes: Uint8Array): { encoding: InputEncoding; length: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf8-bom', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', length: 2 };
  return { encoding: 'utf8', length: 0 };
}

/** What undecodable bytes look like, for the message: UTF-16 without a BOM, a code page, binary. */
function describeUndecodable(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, 4096);
  let zeros = 0;
  let controls = 0;
  let high = 0;
  for (const b of sample) {
    if (b === 0) zeros += 1;
    else if (b < 9 || (b > 13 && b < 32)) controls += 1;
    else if (b >= 0x80) high += 1;
  }
  if (zeros > sample.length / 4) return 'it looks like UTF-16 without a BOM';
  if (controls + zeros > sample.length / 20) return 'it looks like binary data, not text';
  if (high > 0) return 'it is not UTF-8 (perhaps a Windows code page such as 1252)';
  return 'it is not UTF-8 or UTF-16 text';
}

function undecodable(source: InputSource, bytes: Uint8Array): Error {
  return usageError(
    `${source.what} ${source.name}: cannot decode it: ${describeUndecodable(bytes)}. hostprocess-doctor reads UTF-8 (with or without a BOM) and UTF-16 with a BOM; in PowerShell, rewrite it with: Get-Content -Raw FILE | Set-Content -Encoding utf8 NEW`,
  );
}

export interface InputText {
  text: string;
  encoding: InputEncoding;
  lineEndings: 'lf' | 'crlf' | 'mixed';
}

/** Decodes a whole input strictly; CRLF is kept (callers that split lines accept both). */
export function decodeInput(bytes: Uint8Array, source: InputSource): InputText {
  const bom = bomOf(bytes);
  const label = bom.encoding === 'utf16le' ? 'utf-16le' : bom.encoding === 'utf16be' ? 'utf-16be' : 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bom.length));
  } catch {
    throw undecodable(source, bytes);
  }
  if (bom.encoding === 'utf8' && text.includes('\u0000')) throw undecodable(source, bytes);
  return { text, encoding: bom.encoding, lineEndings: lineEndingsOf(text) };
}

/** A whole input as text: a regular file, or stdin for `-`. */
export async function readInputText(file: string | undefined, source: InputSource, stdin?: Stdin): Promise<InputText> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of inputChunks(file, source, stdin)) chunks.push(chunk);
  return decodeInput(Buffer.concat(chunks), source);
}

function decoderFor(head: Uint8Array) {
  const bom = bomOf(head);
  const label = bom.encoding === 'utf16le' ? 'utf-16le' : bom.encoding === 'utf16be' ? 'utf-16be' : 'utf-8';
  return {
    decoder: new TextDecoder(label, { fatal: true, ignoreBOM: true }),
    bomLength: bom.length,
    // UTF-8 text never holds NUL; UTF-16 without a BOM (or binary) does.
    refuseNul: bom.encoding === 'utf8',
  };
}

/**
 * The text of an input, decoded strictly as it streams in, in pieces of at most 256 KB of bytes (memory stays
 * flat whatever the size). The encoding is decided by the first bytes, as decodeInput decides it.
 */
export async function* inputText(file: string | undefined, source: InputSource, stdin?: Stdin): AsyncGenerator<string> {
  let state: ReturnType<typeof decoderFor> | undefined;
  let head: Uint8Array = new Uint8Array(0);
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    const { decoder, refuseNul } = state as ReturnType<typeof decoderFor>;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream });
    } catch {
      throw undecodable(source, bytes);
    }
    if (refuseNul && text.includes('\u0000')) throw undecodable(source, bytes);
    return text;
  };
  for await (const chunk of inputChunks(file, source, stdin)) {
    let bytes = chunk;
    if (!state) {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      if (head.length < 3) continue;
      state = decoderFor(head);
      bytes = head.subarray(state.bomLength);
    }
    const text = decode(bytes, true);
    if (text !== '') yield text;
  }
  if (!state) {
    state = decoderFor(head);
    const text = decode(head.subarray(state.bomLength), true);
    if (text !== '') yield text;
  }
  const rest = decode(new Uint8Array(0), false);
  if (rest !== '') yield rest;
}

/**
 * The lines of an input, decoded as they stream in; a line is yielded without its line ending (LF or
 * CRLF). Linear in the input: each piece is searched once, whatever the length of its lines.
 */
export async function* inputLines(
  file: string | undefined,
  source: InputSource,
  stdin?: Stdin,
): AsyncGenerator<string> {
  let carry: string[] = [];
  for await (const text of inputText(file, source, stdin)) {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      let line = text.slice(start, nl);
      if (carry.length > 0) {
        carry.push(line);
        line = carry.join('');
        carry = [];
      }
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      start = nl + 1;
    }
    if (start < text.length) carry.push(text.slice(start));
  }
  const last = carry.join('');
  if (last !== '') yield last.endsWith('\r') ? last.slice(0, -1) : last;
}

/** The name to show for a path given on the command line (kept as typed, `-` shown as stdin). */
export function shownName(userPath: string): string {
  return userPath === '-' ? 'stdin' : userPath;
}

export const isStdin = (userPath: string) => userPath === '-';

/** Resolves a user path against the working directory; `-` stays stdin (undefined). */
export function inputPath(cwd: string, userPath: string): string | undefined {
  return isStdin(userPath) ? undefined : path.resolve(cwd, userPath);
}
