/**
 * Runs the CLI as a user would. `runCli` calls `main(argv, io)` in-process with captured output, stdin,
 * environment and working directory: the same code as the binary, without a process per test.
 * `spawnCli` runs the built binary (`node bin/hostprocess-doctor.cjs`) as a separate process, for the few
 * end-to-end tests that need one (signals, the bundle, exit through process.exit).
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import { execa } from 'execa';
import type { Io, Sink } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { validate as validateReport } from '../../src/sources/report-validator.generated.js';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const BIN = path.join(ROOT, 'bin', 'hostprocess-doctor.cjs');
export const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
export const EXAMPLES = path.join(ROOT, 'examples', 'nodes');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  /** stdin: text or bytes; absent means a closed, empty stdin that is not a terminal. */
  input?: string | Uint8Array;
  /** Run as if stdin were a terminal (no piped input). */
  stdinTTY?: boolean;
  cwd?: string;
  /** Pretend stdout is a terminal of this width. */
  columns?: number;
  platform?: NodeJS.Platform;
  /** Pretend stderr is a terminal (progress lines). */
  stderrTTY?: boolean;
  /** Count stdout's characters instead of keeping them (memory tests). */
  countOnly?: boolean;
}

function capture(isTTY: boolean, columns?: number, countOnly = false): Sink & { text(): string; count(): number } {
  const chunks: string[] = [];
  let count = 0;
  return {
    write: async (text) => {
      count += text.length;
      if (!countOnly) chunks.push(text);
    },
    count: () => count,
    isTTY,
    ...(columns === undefined ? {} : { columns }),
    text: () => chunks.join(''),
  };
}

/** An Io for main(): output captured, stdin from `input`, NO_COLOR set unless `env` says otherwise. */
export function testIo(options: CliOptions = {}): {
  io: Io;
  stdout: () => string;
  stderr: () => string;
  stdoutLength: () => number;
} {
  const stdout = capture(options.columns !== undefined, options.columns, options.countOnly);
  const stderr = capture(options.stderrTTY === true, options.stderrTTY ? 100 : undefined);
  const input =
    options.input === undefined ? [] : [typeof options.input === 'string' ? Buffer.from(options.input) : options.input];
  const stdin = Object.assign(Readable.from(input), { isTTY: options.stdinTTY === true });
  const io: Io = {
    stdout,
    stderr,
    stdin,
    env: { NO_COLOR: '1', PATH: process.env.PATH ?? '', ...options.env },
    cwd: options.cwd ?? ROOT,
    platform: options.platform ?? process.platform,
  };
  return { io, stdout: () => stdout.text(), stderr: () => stderr.text(), stdoutLength: () => stdout.count() };
}

export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const { io, stdout, stderr } = testIo(options);
  const exitCode = await main(args, io);
  return { exitCode, stdout: stdout(), stderr: stderr() };
}

/** The built binary in its own process. */
export async function spawnCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const result = await execa(process.execPath, [BIN, ...args], {
    reject: false,
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...options.env },
    timeout: options.timeoutMs ?? 120_000,
    stripFinalNewline: false,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export function schemaErrors(data: unknown): string {
  return validateReport(data)
    ? ''
    : JSON.stringify((validateReport as unknown as { errors?: unknown }).errors, null, 2);
}

export interface JsonReport {
  schemaVersion: number;
  verdict: string;
  summary: Record<string, number>;
  notSeen: { kind: string; check?: string; fact?: string; state?: string; hint: string }[];
  node: Record<string, unknown>;
  results: {
    id: string;
    status: string;
    messageId: string;
    message: string;
    skipReason?: string;
    data?: Record<string, unknown>;
    findings?: { messageId: string; status: string; data?: Record<string, unknown> }[];
    fix?: { text: string; commands: string[] };
  }[];
}

export function statusOf(report: JsonReport, id: string): string | undefined {
  return report.results.find((r) => r.id === id)?.status;
}
