/**
 * A fake Windows host, for the live collectors on any OS: the Windows path C:\a\b is <root>/C/a/b, and
 * every program is a fake that replays a recorded output. Set HOSTPROCESS_DOCTOR_FAKE_HOST=<root> and the
 * real collection code runs against it.
 *
 * On POSIX a program is a copy of test/fakes/replay.bash when it only prints and exits, else a shell
 * wrapper around test/fakes/replay.mjs (the default). For the win32 suite
 * (test/win32/) a program is a copy of the compiled fake test/win32/fake.c, and the host may also be laid
 * out at the real Windows paths of a wine prefix (`place`).
 */
import { spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const REPLAY = path.join(ROOT, 'test', 'fakes', 'replay.mjs');
const REPLAY_BASH = path.join(ROOT, 'test', 'fakes', 'replay.bash');

let bashOk: boolean | undefined;
/** Whether /bin/bash is bash 5 or later (EPOCHREALTIME), which replay.bash needs; else replay.mjs serves. */
function bashReplays(): boolean {
  bashOk ??= spawnSync('/bin/bash', ['-c', '[ -n "$EPOCHREALTIME" ]'], { stdio: 'ignore' }).status === 0;
  return bashOk;
}

export interface FakeProgram {
  stdout?: string;
  /** Raw bytes, e.g. UTF-16LE output. */
  stdoutBytes?: Uint8Array;
  stderr?: string;
  exitCode?: number;
  delayMs?: number;
  /** Never answers and ignores SIGTERM (or Ctrl events); lives 60 s at most. */
  hang?: boolean;
  /**
   * Starts a grandchild that inherits stdout and stderr and lives 60 s, prints stdout, then exits
   * (`'exit'`) or hangs (`'hang'`).
   */
  grandchild?: 'exit' | 'hang';
  /** Prints stdout, closes stdout and stderr, and keeps running for 60 s. */
  closeStdio?: boolean;
  /** Prints this many bytes on stdout. */
  stdoutFill?: number;
  /** POSIX: the wrapper logs, then runs `sh -c 'trap "" TERM; sleep 60'` (a shell that ignores SIGTERM). */
  ignoreTermShell?: boolean;
}

export const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
export const CONTAINERD = 'C:\\Program Files\\containerd\\containerd.exe';
export const SHIM = 'C:\\Program Files\\containerd\\containerd-shim-runhcs-v1.exe';
export const KUBELET = 'C:\\k\\kubelet.exe';
export const BINDFLT = 'C:\\Windows\\System32\\bindfltapi.dll';

export interface FakeHostSpec {
  /** Programs by Windows path; absent ones do not exist. */
  programs: Record<string, FakeProgram>;
  /** Plain files by Windows path. */
  files?: Record<string, string | Uint8Array>;
}

export interface Invocation {
  program: string;
  args: string[];
  pid: number;
  /** The parent's pid: the doctor itself, when nothing stood between. */
  ppid?: number;
  /** POSIX (Linux): the process group the fake ran in. */
  pgid?: number;
  /** Pids of processes the fake started (a grandchild of the doctor). */
  children?: number[];
  /** win32 fake: the command line as CreateProcess got it, and its CommandLineToArgvW split. */
  commandLine?: string;
  argv?: string[];
  /** win32 fake: the parent's executable name. */
  parentExe?: string;
  start: number;
  end: number;
}

export interface FakeHostOptions {
  /** Where the host lives. Default: a new temp dir, removed by cleanup(). */
  root?: string;
  /** The local file for a Windows path. Default: localPath(root, windowsPath). */
  place?: (windowsPath: string) => string;
  /** `'sh'`: shell wrappers around replay.mjs (default). `{ exe }`: copies of the compiled win32 fake. */
  programs?: 'sh' | { exe: string };
  /** The log path as the fakes see it (a Windows path under wine); default the local log file. */
  logPath?: (localLog: string) => string;
}

export interface FakeHost {
  root: string;
  logFile: string;
  env: Record<string, string>;
  /** The local files written, by Windows path (programs and files). */
  placed: Record<string, string>;
  invocations(): Promise<Invocation[]>;
  cleanup(): Promise<void>;
}

export function localPath(root: string, windowsPath: string): string {
  const m = /^([A-Za-z]):[\\/]*(.*)$/.exec(windowsPath);
  if (!m) throw new Error(`not a Windows path: ${windowsPath}`);
  return path.join(root, (m[1] as string).toUpperCase(), ...(m[2] ?? '').split(/[\\/]+/).filter(Boolean));
}

/** Single-quoted for sh. */
const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function replaySpec(program: FakeProgram): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  if (program.stdoutBytes) spec.stdoutBase64 = Buffer.from(program.stdoutBytes).toString('base64');
  else if (program.stdout !== undefined) spec.stdout = program.stdout;
  for (const key of [
    'stderr',
    'exitCode',
    'delayMs',
    'hang',
    'grandchild',
    'closeStdio',
    'stdoutFill',
    'ignoreTermShell',
  ] as const)
    if (program[key] !== undefined) spec[key] = program[key];
  return spec;
}

/** What replay.bash does: print, maybe after a delay, and exit. Anything else is replay.mjs's. */
const BASH_FIELDS = new Set<string>(['stdout', 'stdoutBytes', 'stderr', 'exitCode', 'delayMs']);
const bashCan = (p: FakeProgram) =>
  Object.entries(p).every(([key, value]) => value === undefined || BASH_FIELDS.has(key));

/** The written files, besides the program itself. */
async function writeShProgram(file: string, program: FakeProgram): Promise<string[]> {
  if (bashCan(program) && bashReplays()) {
    await copyFile(REPLAY_BASH, file);
    await chmod(file, 0o755);
    return writeBehaviour(file, program);
  }
  const run = `${shQuote(process.execPath)} ${shQuote(REPLAY)} "$0" "$@"`;
  const body = program.ignoreTermShell
    ? `#!/bin/sh\n${run} || exit $?\nPATH=/usr/bin:/bin:$PATH exec sh -c 'trap "" TERM; sleep 60'\n`
    : `#!/bin/sh\nexec ${run}\n`;
  await writeFile(file, body);
  await chmod(file, 0o755);
  await writeFile(`${file}.fake.json`, JSON.stringify(replaySpec(program)));
  return [`${file}.fake.json`];
}

/**
 * The win32 fake (test/win32/fake.c) and replay.bash read their behaviour from files beside their own
 * path: .stdout (raw bytes), .stderr, .exitcode, .delayms, and for the win32 fake also .hang, .child
 * ("exit" or "hang"), .closestdio and .fill.
 */
async function writeBehaviour(file: string, program: FakeProgram): Promise<string[]> {
  const files: [string, string | Uint8Array | undefined][] = [
    ['.stdout', program.stdoutBytes ?? program.stdout],
    ['.stderr', program.stderr],
    ['.exitcode', program.exitCode === undefined ? undefined : String(program.exitCode)],
    ['.delayms', program.delayMs ? String(program.delayMs) : undefined],
    ['.hang', program.hang ? '1' : undefined],
    ['.child', program.grandchild],
    ['.closestdio', program.closeStdio ? '1' : undefined],
    ['.fill', program.stdoutFill === undefined ? undefined : String(program.stdoutFill)],
  ];
  const written: string[] = [];
  for (const [suffix, content] of files) {
    if (content === undefined) continue;
    await writeFile(`${file}${suffix}`, content);
    written.push(`${file}${suffix}`);
  }
  return written;
}

async function writeExeProgram(file: string, program: FakeProgram, exe: string): Promise<string[]> {
  await copyFile(exe, file);
  return writeBehaviour(file, program);
}

export async function createFakeHost(spec: FakeHostSpec, options: FakeHostOptions = {}): Promise<FakeHost> {
  const ownRoot = options.root === undefined;
  const root = options.root ?? (await mkdtemp(path.join(os.tmpdir(), 'hpd-fakehost-')));
  await mkdir(root, { recursive: true });
  const place = options.place ?? ((p: string) => localPath(root, p));
  const logFile = path.join(root, `runs-${process.pid}-${Date.now()}.jsonl`);
  const placed: Record<string, string> = {};
  const extra: string[] = [];
  for (const [windowsPath, program] of Object.entries(spec.programs)) {
    const file = place(windowsPath);
    await mkdir(path.dirname(file), { recursive: true });
    const kind = options.programs ?? 'sh';
    extra.push(
      ...(kind === 'sh' ? await writeShProgram(file, program) : await writeExeProgram(file, program, kind.exe)),
    );
    placed[windowsPath] = file;
  }
  for (const [windowsPath, content] of Object.entries(spec.files ?? {})) {
    const file = place(windowsPath);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    placed[windowsPath] = file;
  }
  return {
    root,
    logFile,
    placed,
    env: {
      HOSTPROCESS_DOCTOR_FAKE_HOST: root,
      FAKE_HOST_LOG: options.logPath ? options.logPath(logFile) : logFile,
      PATH: path.join(root, 'no-such-dir'),
    },
    async invocations() {
      try {
        return (await readFile(logFile, 'utf8'))
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Invocation);
      } catch {
        return [];
      }
    },
    async cleanup() {
      if (ownRoot) {
        await rm(root, { recursive: true, force: true });
        return;
      }
      for (const file of [...Object.values(placed), ...extra, logFile]) await rm(file, { force: true });
    },
  };
}
