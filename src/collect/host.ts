/**
 * The host the collectors read: the real Windows node, or, for tests and benchmarks only, a fake host
 * directory on any OS (HOSTPROCESS_DOCTOR_FAKE_HOST=<dir>). In a fake host, the Windows path C:\a\b is the
 * local file <dir>/C/a/b, so the real spawning, timeout and parsing code runs against recorded outputs.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';

export const FAKE_HOST_ENV = 'HOSTPROCESS_DOCTOR_FAKE_HOST';

export interface Host {
  /** The fake host root, when collecting from one. */
  fakeRoot?: string;
  env: NodeJS.ProcessEnv;
  /** A Windows path as this process can open it. */
  local(windowsPath: string): string;
  /** %SystemRoot%, e.g. C:\Windows. */
  systemRoot: string;
  programFiles: string;
  /**
   * Fake host only: records that a path found on this process's PATH is local (already openable), so
   * local() leaves it alone. On win32 such a path (C:\fakes\x.exe) also looks like a Windows path.
   */
  markLocal?(localPath: string): void;
}

export function canCollectHere(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  return platform === 'win32' || Boolean(env[FAKE_HOST_ENV]);
}

function mapToFakeRoot(root: string, windowsPath: string): string {
  const m = /^([A-Za-z]):[\\/]*(.*)$/.exec(windowsPath);
  // A POSIX path (found on this process's PATH) is already openable.
  if (!m) return windowsPath.startsWith('/') ? windowsPath : path.join(root, ...windowsPath.split(/[\\/]+/));
  const rest = (m[2] ?? '').split(/[\\/]+/).filter(Boolean);
  return path.join(root, (m[1] as string).toUpperCase(), ...rest);
}

export function hostFor(env: NodeJS.ProcessEnv = process.env): Host {
  const fakeRoot = env[FAKE_HOST_ENV];
  if (fakeRoot) {
    const root = path.resolve(fakeRoot);
    // Paths found on PATH are local already; on win32 they cannot be told from Windows paths by their form.
    const local = new Set<string>();
    return {
      fakeRoot: root,
      env,
      local: (p) => (local.has(p) ? p : mapToFakeRoot(root, p)),
      markLocal: (p) => {
        local.add(p);
      },
      systemRoot: 'C:\\Windows',
      programFiles: 'C:\\Program Files',
    };
  }
  return {
    env,
    local: (p) => p,
    systemRoot: env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows',
    programFiles: env.ProgramFiles ?? env.PROGRAMFILES ?? 'C:\\Program Files',
  };
}

export async function fileExists(host: Host, windowsPath: string): Promise<boolean> {
  try {
    return (await stat(host.local(windowsPath))).isFile();
  } catch {
    return false;
  }
}

/** Where Windows would find `exe` on PATH (the PATH of this process, in this host's own path flavour). */
export async function findOnPath(host: Host, exe: string): Promise<string | undefined> {
  const separator = host.fakeRoot ? path.delimiter : ';';
  for (const dir of (host.env.PATH ?? host.env.Path ?? '').split(separator)) {
    if (!dir) continue;
    const candidate = host.fakeRoot ? path.join(dir, exe) : path.win32.join(dir, exe);
    try {
      if ((await stat(candidate)).isFile()) {
        host.markLocal?.(candidate);
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}
