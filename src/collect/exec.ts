/**
 * Running one program as a probe: an argument array (never a shell, on any platform), a time limit, output
 * read as bytes and decoded here (UTF-8, UTF-8 with BOM, or UTF-16 as PowerShell 5.1 may write it), and a
 * result that always ends in a fact state. A probe never throws, and returns within its timeout plus a
 * short kill grace, whatever its process tree does with the pipes.
 *
 * - The program is resolved here: an absolute (or cwd-relative) path to an existing file, on Windows an
 *   .exe or .com. Anything else is `missing` (or `error`) without a spawn, so no PATH search and no
 *   `cmd.exe /d /s /c` fallback (execa's cross-spawn parsing did that for a missing file) ever runs.
 * - POSIX: the probe gets its own process group (`detached`), so timeout, overflow and endAllProbes()
 *   end the whole tree: SIGTERM to the group, SIGKILL after KILL_GRACE_MS. Leftovers of a probe that
 *   exited are killed too.
 * - Windows: `taskkill.exe /T /F /PID` ends the tree while the probe is still alive (bounded by
 *   WINDOWS_TREE_KILL_MS), then TerminateProcess on the probe itself.
 * - After the kill, the probe's own exit is awaited for at most REAP_WAIT_MS, so that it is reaped (not left
 *   a zombie for an init that may not reap) before runProbe returns and the doctor perhaps exits. A process that outlived its parent
 *   cannot be found by taskkill any more; it is not waited for (docs/windows.md).
 * - Our ends of the pipes are destroyed once the tree is told to end, so a grandchild that holds
 *   stdout or stderr never holds the probe.
 * - At most MAX_OUTPUT_BYTES per stream are kept; a probe that prints more is cut there, ended, and
 *   becomes `error`.
 *
 * Probes start through execa, with a path resolved here (so cross-spawn never falls back to cmd.exe for
 * a missing program) and with our own tree kill and pipe handling: execa's timeout ends only the direct
 * child, then waits for the pipes to close, which a grandchild that holds them would never let happen.
 */
import type { ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FactState, Provenance } from '../contract/facts.js';
import { decodeText, excerpt } from '../parse/text.js';

export interface ProbeResult {
  state: FactState;
  /** Decoded stdout (empty when the probe did not run). */
  stdout: string;
  stderr: string;
  exitCode?: number;
  durationMs: number;
  reason?: string;
  source: Provenance;
}

/** Every spawn, for the snapshot's provenance and the collection benchmark. */
export interface ProbeLog {
  command: string[];
  state: FactState;
  durationMs: number;
}

export interface RunProbeOptions {
  timeoutMs: number;
  log?: ProbeLog[];
  /** What the probe is displayed as; defaults to the program and its arguments. */
  display?: string[];
  cwd?: string;
  /** The probe's environment; default this process's. */
  env?: NodeJS.ProcessEnv;
  /** Bytes kept per stream; more is cut and makes the probe an `error`. Defaults to MAX_OUTPUT_BYTES. */
  maxOutputBytes?: number;
}

/** POSIX: a process group gets this long after SIGTERM before SIGKILL. */
export const KILL_GRACE_MS = 250;
/** Windows: how long taskkill /T may take before the probe itself is terminated anyway. */
export const WINDOWS_TREE_KILL_MS = 750;
/** After the kill, how long to wait for the probe's own exit, so it is reaped rather than left a zombie. */
export const REAP_WAIT_MS = 200;
/** After the probe exits, how long its pipes may stay open (held by a process it started). */
export const PIPE_DRAIN_MS = 500;
export const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

const isWindows = process.platform === 'win32';

type ExecaModule = typeof import('execa');
let execaModule: Promise<ExecaModule> | undefined;
/** execa, loaded with the first probe: --version and the signal handlers never evaluate it. */
const loadExeca = () => {
  execaModule ??= import('execa');
  return execaModule;
};

type ChildProcessModule = typeof import('node:child_process');
let childProcess: ChildProcessModule | undefined;
/**
 * node:child_process, loaded with the first probe, so `--version` and the signal handlers never load it.
 * process.getBuiltinModule (Node 20.16+) works in ESM, CommonJS, code compiled by the bundle's loader and a
 * SEA alike, where a dynamic import() may not.
 */
function processes(): ChildProcessModule {
  childProcess ??= process.getBuiltinModule('node:child_process');
  return childProcess;
}
const DENIED_TEXT = /access is denied|zugriff verweigert|accès refusé/i;

type Ending = 'timeout' | 'overflow' | 'stopped';

interface RunningProbe {
  child: ChildProcess;
  /** What it is shown as, and when it started (performance.now()), for progress on a terminal. */
  display: string;
  startedAt: number;
  end(why: Ending): Promise<void>;
}

/** Probes that have not finished yet, for endAllProbes() and the exit hook. */
const running = new Set<RunningProbe>();

function killNow(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    if (isWindows) child.kill();
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** If the process exits while probes run (process.exit in a signal handler), they go with it. */
function onExit(): void {
  for (const probe of running) killNow(probe.child);
}

function track(probe: RunningProbe): void {
  if (running.size === 0) process.on('exit', onExit);
  running.add(probe);
}

function untrack(probe: RunningProbe): void {
  running.delete(probe);
  if (running.size === 0) process.removeListener('exit', onExit);
}

/**
 * Ends every probe that is still running, with its whole process tree, and resolves once each is told to
 * end (within the kill grace). Their runProbe calls resolve as `error` ("stopped"). For SIGINT/SIGTERM
 * handlers, before exiting with 130/143.
 */
export async function endAllProbes(): Promise<void> {
  await Promise.all([...running].map((probe) => probe.end('stopped')));
}

/** The probes still running: what each is and how long it has run, longest first. */
export function probesInFlight(now = performance.now()): { display: string; ms: number }[] {
  return [...running]
    .map((p) => ({ display: p.display, ms: Math.max(0, now - p.startedAt) }))
    .sort((a, b) => b.ms - a.ms);
}

/** `C:\\Program Files\\containerd\\containerd.exe --version` → `containerd.exe --version`. */
function displayName(command: string[]): string {
  const [program = '', ...rest] = command;
  const name = program.slice(Math.max(program.lastIndexOf('\\'), program.lastIndexOf('/')) + 1);
  return [name, ...rest.filter((a) => a.length < 30)].slice(0, 3).join(' ');
}

/** How many probes are running now (tests, diagnostics). */
export function runningProbes(): number {
  return running.size;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone
  }
}

async function killPosixTree(pgid: number): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = performance.now() + KILL_GRACE_MS;
  while (groupAlive(pgid) && performance.now() < deadline) await sleep(20);
  signalGroup(pgid, 'SIGKILL');
}

/** taskkill /T /F while the probe is alive (it finds the tree by parent pid), then TerminateProcess. */
async function killWindowsTree(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid !== undefined && child.exitCode === null && child.signalCode === null) {
    const systemRoot = process.env.SystemRoot ?? process.env.SYSTEMROOT ?? 'C:\\Windows';
    const taskkill = path.win32.join(systemRoot, 'System32', 'taskkill.exe');
    const { spawn } = processes();
    await new Promise<void>((resolve) => {
      let killer: ChildProcess;
      try {
        killer = spawn(taskkill, ['/T', '/F', '/PID', String(pid)], {
          stdio: 'ignore',
          windowsHide: true,
          shell: false,
        });
      } catch {
        resolve();
        return;
      }
      const cap = setTimeout(() => {
        killer.kill();
        killer.unref();
        resolve();
      }, WINDOWS_TREE_KILL_MS);
      const done = () => {
        clearTimeout(cap);
        resolve();
      };
      killer.once('error', done);
      killer.once('exit', done);
    });
  }
  try {
    child.kill();
  } catch {
    // already gone
  }
}

function killTree(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return Promise.resolve();
  return isWindows ? killWindowsTree(child) : killPosixTree(child.pid);
}

/** Bytes of one stream, kept up to a limit. */
class Capture {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  cut = false;
  constructor(private readonly limit: number) {}
  /** False once the limit is passed. */
  push(chunk: Buffer): boolean {
    if (this.cut) return false;
    const room = this.limit - this.size;
    if (chunk.length > room) {
      if (room > 0) this.chunks.push(chunk.subarray(0, room));
      this.size = this.limit;
      this.cut = true;
      return false;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }
  bytes(): Uint8Array {
    return Buffer.concat(this.chunks, this.size);
  }
}

type Resolved = { path: string } | { state: Exclude<FactState, 'ok' | 'timeout'>; reason: string };

/** The program as a path to an existing file, or why it cannot be run; never a PATH search. */
async function resolveProgram(file: string, cwd: string | undefined): Promise<Resolved> {
  const hasSeparator = isWindows ? /[\\/]/.test(file) : file.includes('/');
  if (!file || !hasSeparator) {
    return {
      state: 'missing',
      reason: `${file || '(no program)'} was not found (probes run a path, never a PATH search)`,
    };
  }
  const full = path.resolve(cwd ?? process.cwd(), file);
  try {
    const info = await stat(full);
    if (!info.isFile()) return { state: 'missing', reason: `${file} was not found (it is not a file)` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      return { state: 'denied', reason: `not allowed to run ${file} (${code})` };
    return { state: 'missing', reason: `${file} was not found` };
  }
  // CreateProcess runs a .bat or .cmd through cmd.exe by itself; a probe is a program or nothing.
  if (isWindows && !/\.(exe|com)$/i.test(full))
    return { state: 'error', reason: `${file} is not a Windows program (.exe), so it is not run` };
  return { path: full };
}

function spawnFailure(file: string, error: NodeJS.ErrnoException): { state: FactState; reason: string } {
  const code = error.code;
  if (code === 'ENOENT') return { state: 'missing', reason: `${file} was not found` };
  if (code === 'EACCES' || code === 'EPERM') return { state: 'denied', reason: `not allowed to run ${file} (${code})` };
  return { state: 'error', reason: `could not start ${file}: ${code ?? error.message}` };
}

function cutReason(stream: string, limit: number): string {
  const size = limit % (1024 * 1024) === 0 ? `${limit / (1024 * 1024)} MiB` : `${limit} bytes`;
  return `printed more than ${size} on ${stream}; cut there and killed`;
}

export async function runProbe(file: string, args: string[], options: RunProbeOptions): Promise<ProbeResult> {
  const started = performance.now();
  const command = options.display ?? [file, ...args];
  const limit = options.maxOutputBytes ?? MAX_OUTPUT_BYTES;
  const stdout = new Capture(limit);
  const stderr = new Capture(limit);

  const finish = (outcome: { state: FactState; reason?: string; exitCode?: number }): ProbeResult => {
    const durationMs = Math.round(performance.now() - started);
    const out = decodeText(stdout.bytes()).text;
    const err = decodeText(stderr.bytes()).text;
    const source: Provenance = { kind: 'command', command, durationMs };
    if (outcome.exitCode !== undefined) source.exitCode = outcome.exitCode;
    if (err.trim()) source.stderr = excerpt(err, 300);
    const probe: ProbeResult = { state: outcome.state, stdout: out, stderr: err, durationMs, source };
    if (outcome.exitCode !== undefined) probe.exitCode = outcome.exitCode;
    if (outcome.reason !== undefined) probe.reason = outcome.reason;
    options.log?.push({ command, state: probe.state, durationMs });
    return probe;
  };

  const resolved = await resolveProgram(file, options.cwd);
  if (!('path' in resolved)) return finish(resolved);

  const { execa } = await loadExeca();
  let child: ChildProcess;
  try {
    // execa with an argument array and a resolved path to an existing .exe: no shell and no cmd.exe
    // fallback on any platform. We read the pipes and end the tree ourselves (buffer: false, no timeout
    // of execa's), because execa would kill only the direct child and then wait for the pipes to close.
    const subprocess = execa(resolved.path, args, {
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      // POSIX: a process group of its own, so the whole tree can be ended. On Windows `detached` would
      // mean DETACHED_PROCESS (no console, and every console grandchild would open a window); not wanted.
      detached: !isWindows,
      windowsHide: true,
      shell: false,
      extendEnv: false,
      env: options.env ?? process.env,
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    // The result promise settles with the process; the outcome is read from the events below.
    subprocess.catch(() => undefined);
    child = subprocess;
  } catch (error) {
    return finish(spawnFailure(file, error as NodeJS.ErrnoException));
  }

  return new Promise<ProbeResult>((resolve) => {
    let settled = false;
    let ending: Promise<void> | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let drainTimer: NodeJS.Timeout | undefined;

    const settle = (outcome: { state: FactState; reason?: string; exitCode?: number }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drainTimer);
      untrack(probe);
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.unref();
      resolve(finish(outcome));
    };

    const fromExit = (): { state: FactState; reason?: string; exitCode?: number } => {
      const code = exit?.code ?? null;
      const signal = exit?.signal ?? null;
      if (code === 0) return { state: 'ok', exitCode: 0 };
      const err = decodeText(stderr.bytes()).text;
      const state: FactState = DENIED_TEXT.test(err) ? 'denied' : 'error';
      if (code === null) return { state, reason: `killed by ${signal ?? 'a signal'}` };
      return { state, exitCode: code, reason: `exit code ${code}${err.trim() ? `: ${excerpt(err, 200)}` : ''}` };
    };

    const reasonFor = (why: Ending): string => {
      if (why === 'overflow') return cutReason(stdout.cut ? 'stdout' : 'stderr', limit);
      if (why === 'stopped') return 'stopped before it answered: the doctor was interrupted (killed)';
      return `no answer within ${options.timeoutMs} ms (killed)`;
    };

    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const reaped = () =>
      exit ? Promise.resolve() : Promise.race([exited, new Promise<void>((r) => setTimeout(r, REAP_WAIT_MS))]);

    const probe: RunningProbe = {
      child,
      display: displayName(command),
      startedAt: started,
      end(why: Ending) {
        if (settled) return Promise.resolve();
        ending ??= killTree(child)
          .then(reaped)
          .then(() => settle({ state: why === 'timeout' ? 'timeout' : 'error', reason: reasonFor(why) }));
        return ending;
      },
    };
    track(probe);

    const timer = setTimeout(() => void probe.end('timeout'), Math.max(0, options.timeoutMs));

    const onData = (capture: Capture) => (chunk: Buffer) => {
      if (!capture.push(chunk)) void probe.end('overflow');
    };
    child.stdout?.on('data', onData(stdout));
    child.stderr?.on('data', onData(stderr));
    // Errors on our ends of the pipes (EPIPE after destroy, ECONNRESET) change nothing.
    child.stdout?.on('error', () => undefined);
    child.stderr?.on('error', () => undefined);

    child.once('error', (error: NodeJS.ErrnoException) => {
      if (ending || exit) return;
      if (child.pid !== undefined) void killTree(child);
      settle(spawnFailure(file, error));
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      if (ending) return;
      // Normally the pipes close with the process. When something it started holds them, take what
      // arrived and end that tree too, rather than wait for the timeout.
      drainTimer = setTimeout(() => {
        if (ending || settled) return;
        ending = killTree(child).then(() => settle(fromExit()));
      }, PIPE_DRAIN_MS);
    });
    child.once('close', () => {
      if (ending || settled) return;
      // POSIX: whatever the probe left running in its group goes with it.
      if (!isWindows && child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
      settle(fromExit());
    });
  });
}
