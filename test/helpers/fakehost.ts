/**
 * A fake Windows host in a temp directory, for the live collectors on Linux: the Windows path C:\a\b is
 * <root>/C/a/b, and every program is a shell wrapper around test/fakes/replay.mjs that replays a recorded
 * output. Set HOSTPROCESS_DOCTOR_FAKE_HOST=<root> and the real collection code runs against it.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const REPLAY = path.join(ROOT, 'test', 'fakes', 'replay.mjs');

export interface FakeProgram {
  stdout?: string;
  /** Raw bytes, e.g. UTF-16LE output. */
  stdoutBytes?: Uint8Array;
  stderr?: string;
  exitCode?: number;
  delayMs?: number;
  hang?: boolean;
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
  start: number;
  end: number;
}

export interface FakeHost {
  root: string;
  logFile: string;
  env: Record<string, string>;
  invocations(): Promise<Invocation[]>;
  cleanup(): Promise<void>;
}

export function localPath(root: string, windowsPath: string): string {
  const m = /^([A-Za-z]):[\\/]*(.*)$/.exec(windowsPath);
  if (!m) throw new Error(`not a Windows path: ${windowsPath}`);
  return path.join(root, (m[1] as string).toUpperCase(), ...(m[2] ?? '').split(/[\\/]+/).filter(Boolean));
}

async function writeProgram(file: string, program: FakeProgram): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `#!/bin/sh\nexec "${process.execPath}" "${REPLAY}" "$0" "$@"\n`);
  await chmod(file, 0o755);
  const spec: Record<string, unknown> = {};
  if (program.stdoutBytes) spec.stdoutBase64 = Buffer.from(program.stdoutBytes).toString('base64');
  else if (program.stdout !== undefined) spec.stdout = program.stdout;
  for (const key of ['stderr', 'exitCode', 'delayMs', 'hang'] as const)
    if (program[key] !== undefined) spec[key] = program[key];
  await writeFile(`${file}.fake.json`, JSON.stringify(spec));
}

export async function createFakeHost(spec: FakeHostSpec): Promise<FakeHost> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'hpd-fakehost-'));
  const logFile = path.join(root, 'runs.jsonl');
  for (const [windowsPath, program] of Object.entries(spec.programs))
    await writeProgram(localPath(root, windowsPath), program);
  for (const [windowsPath, content] of Object.entries(spec.files ?? {})) {
    const file = localPath(root, windowsPath);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return {
    root,
    logFile,
    env: { HOSTPROCESS_DOCTOR_FAKE_HOST: root, FAKE_HOST_LOG: logFile, PATH: path.join(root, 'no-such-dir') },
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
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
