/**
 * The win32 suite's machinery: the Windows build of Node under wine, the mingw-built fake programs
 * (test/win32/fake.c), fake hosts laid out in the wine prefix, and runs of the real bundle with file stdio.
 *
 * scripts/setup/wine.sh makes everything here and records it in .cache/win32/env.json; without that file
 * (or without wine, mingw, the Windows node.exe or the bundle) the suite skips, or fails where
 * HOSTPROCESS_DOCTOR_REQUIRE lists `wine`.
 *
 * Wine quirks handled here (docs/windows.md): node.exe cannot use a Unix pipe or socket as stdio, so every
 * run writes stdout and stderr to files; a node.exe child of node.exe needs windowsHide: false; the Unix
 * PATH is not seen inside wine (WINEPATH is); C:\windows is lowercase in a wine prefix.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { suiteAvailable } from '../helpers/optional.js';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const CACHE = path.join(ROOT, '.cache', 'win32');
export const ENV_FILE = path.join(CACHE, 'env.json');
export const BUNDLE = path.join(ROOT, 'build', 'hostprocess-doctor.cjs');
export const FAKE_SOURCE = path.join(ROOT, 'test', 'win32', 'fake.c');
export const MINGW = 'x86_64-w64-mingw32-gcc';

export interface WineSetup {
  /** The Windows node's version, e.g. 22.23.3. */
  nodeVersion: string;
  /** Local path of node.exe. */
  nodeExe: string;
  prefix: string;
  wine: string;
}

function readSetup(): WineSetup | undefined {
  try {
    return JSON.parse(readFileSync(ENV_FILE, 'utf8')) as WineSetup;
  } catch {
    return undefined;
  }
}

function commandWorks(file: string, args: string[]): boolean {
  const run = spawnSync(file, args, { stdio: 'ignore', timeout: 60_000 });
  return run.status === 0;
}

/** Why the suite cannot run here, or undefined. */
export function wineMissing(): string | undefined {
  if (process.platform !== 'linux') return `it runs on Linux (this is ${process.platform})`;
  if (!commandWorks('wine', ['--version'])) return 'wine is not installed';
  if (!commandWorks(MINGW, ['--version'])) return `${MINGW} (mingw-w64) is not installed`;
  const setup = readSetup();
  if (!setup)
    return `${path.relative(ROOT, ENV_FILE)} is missing (the wine prefix and the Windows node are not set up)`;
  if (!existsSync(setup.nodeExe)) return `${setup.nodeExe} is missing`;
  if (!existsSync(path.join(setup.prefix, 'system.reg'))) return `the wine prefix ${setup.prefix} is missing`;
  if (!existsSync(BUNDLE)) return `${path.relative(ROOT, BUNDLE)} is missing (npm run bundle)`;
  return undefined;
}

export function wineSuite(what = 'the win32 suite (Windows Node under wine, mingw fakes)'): WineSetup | undefined {
  const ok = suiteAvailable({ name: 'wine', what, install: 'bash scripts/setup/wine.sh', missing: wineMissing });
  return ok ? readSetup() : undefined;
}

/** Z:\ is / in every wine prefix. */
export function toWindows(local: string): string {
  return `Z:${path.resolve(local).replace(/\//g, '\\')}`;
}

/** C:\a\b inside the prefix, resolving each existing part case-insensitively (wine's C:\windows is lowercase). */
export function inDriveC(setup: WineSetup, windowsPath: string): string {
  const m = /^[Cc]:[\\/]*(.*)$/.exec(windowsPath);
  if (!m) throw new Error(`not a C: path: ${windowsPath}`);
  let local = path.join(setup.prefix, 'drive_c');
  for (const part of (m[1] ?? '').split(/[\\/]+/).filter(Boolean)) {
    let names: string[] = [];
    try {
      names = readdirSync(local);
    } catch {
      // a new directory
    }
    local = path.join(local, names.find((n) => n.toLowerCase() === part.toLowerCase()) ?? part);
  }
  return local;
}

/** The environment of every wine run. */
export function wineEnv(setup: WineSetup, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WINEPREFIX: setup.prefix,
    WINEDEBUG: '-all',
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
    NO_COLOR: '1',
    ...extra,
  };
}

/** The compiler's arguments, but the output: all of them are in the cache key. */
const FAKE_ARGS = ['-O2', '-Wall', '-municode', '-static', '-s', FAKE_SOURCE, '-lshell32'];

/**
 * test/win32/fake.c built once per source, arguments and compiler (about a CPU-second each time, and
 * three test files want it), in .cache/win32/fake/; written beside its name and renamed, so files that
 * build it at once each get a whole one. Returns its path: callers copy it, never change it.
 */
export function buildFake(): string {
  const compiler = execFileSync(MINGW, ['-dumpfullversion', '-dumpversion'], { encoding: 'utf8' }).trim();
  const key = createHash('sha256')
    .update(readFileSync(FAKE_SOURCE))
    .update(JSON.stringify([FAKE_ARGS.map((a) => (a === FAKE_SOURCE ? 'fake.c' : a)), compiler]))
    .digest('hex')
    .slice(0, 16);
  const exe = path.join(CACHE, 'fake', `fake-${key}.exe`);
  if (existsSync(exe)) return exe;
  mkdirSync(path.dirname(exe), { recursive: true });
  const partial = `${exe}.${process.pid}.partial`;
  try {
    execFileSync(MINGW, [...FAKE_ARGS, '-o', partial], { stdio: ['ignore', 'ignore', 'inherit'] });
    renameSync(partial, exe);
  } finally {
    rmSync(partial, { force: true });
  }
  return exe;
}

export interface WineRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  startedAt: number;
  finishedAt: number;
}

/**
 * Runs `wine <file> args` with stdout and stderr in files (a Unix pipe breaks node.exe), and stdin from
 * /dev/null. `file` is the Windows node.exe unless given.
 */
export async function runWine(
  setup: WineSetup,
  args: string[],
  options: { env?: Record<string, string>; file?: string; timeoutMs?: number } = {},
): Promise<WineRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hpd-wine-run-'));
  const out = openSync(path.join(dir, 'stdout'), 'w');
  const err = openSync(path.join(dir, 'stderr'), 'w');
  const startedAt = Date.now();
  try {
    const child = spawn('wine', [options.file ?? setup.nodeExe, ...args], {
      cwd: ROOT,
      env: wineEnv(setup, options.env),
      stdio: ['ignore', out, err],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
    const exitCode = await new Promise<number>((resolve) => {
      child.once('error', () => resolve(-1));
      child.once('exit', (code) => resolve(code ?? -1));
    });
    clearTimeout(timer);
    const finishedAt = Date.now();
    return {
      exitCode,
      stdout: readFileSync(path.join(dir, 'stdout'), 'utf8'),
      stderr: readFileSync(path.join(dir, 'stderr'), 'utf8'),
      startedAt,
      finishedAt,
    };
  } finally {
    closeSync(out);
    closeSync(err);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A private copy of the bundle for one test file: both sides run the same bytes, and a rebuild of build/
 * while the suite runs changes nothing. The caller removes the dir.
 */
export function copyBundle(): { bundle: string; dir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hpd-win32-bundle-'));
  const bundle = path.join(dir, 'hostprocess-doctor.cjs');
  copyFileSync(BUNDLE, bundle);
  if (existsSync(`${BUNDLE}.map`)) copyFileSync(`${BUNDLE}.map`, `${bundle}.map`);
  return { bundle, dir };
}

/** The bundle under the Windows node. */
export function runBundle(
  setup: WineSetup,
  bundle: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<WineRun> {
  return runWine(setup, [toWindows(bundle), ...args], { env });
}

/** Whether a Windows pid still runs: wine's tasklist prints nothing, so ask a small node.exe. */
export async function windowsPidsAlive(setup: WineSetup, pids: number[]): Promise<number[]> {
  if (pids.length === 0) return [];
  const probe = `for (const p of ${JSON.stringify(pids)}) { try { process.kill(p, 0); console.log(p); } catch {} }`;
  const run = await runWine(setup, ['-e', probe]);
  return run.stdout.split(/\s+/).filter(Boolean).map(Number);
}

export const POWERSHELL_REAL = 'C:\\windows\\system32\\WindowsPowerShell\\v1.0\\powershell.exe';

/**
 * Wine's own powershell.exe is a stub (exit 0, no output). Real-path scenarios replace it with the fake;
 * this keeps the stub beside it and puts it back.
 */
export async function saveWineStub(setup: WineSetup): Promise<() => Promise<void>> {
  const stub = inDriveC(setup, POWERSHELL_REAL);
  const saved = `${stub}.wine-stub`;
  if (!existsSync(saved) && existsSync(stub)) await copyFile(stub, saved);
  return async () => {
    if (existsSync(saved)) {
      await mkdir(path.dirname(stub), { recursive: true });
      await copyFile(saved, stub);
      await rm(saved, { force: true });
    }
  };
}

/**
 * The real-path layout changes the shared prefix (wine's powershell.exe, C:\Program Files\containerd, C:\k):
 * one holder at a time, across processes. A lock older than `staleMs` is taken over (a run that died).
 */
export async function withPrefixLock<T>(setup: WineSetup, body: () => Promise<T>, staleMs = 15 * 60_000): Promise<T> {
  const lock = path.join(setup.prefix, 'hpd-real-paths.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      let age = 0;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue;
      }
      if (age > staleMs) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
