/**
 * Finding and running a real PowerShell for the collection-script suite: the project-local
 * .tools/pwsh/pwsh (bash scripts/setup/pwsh.sh), else `pwsh` on PATH, else, on Windows, Windows
 * PowerShell 5.1 itself (where the same tests run, the doubled ones included).
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const SOURCE_DIR = path.join(ROOT, 'test', 'powershell');
export const COLLECT_PS1 = path.join(ROOT, 'src', 'collect', 'collect.ps1');

export interface PowerShell {
  exe: string;
  /** Where it was found. */
  kind: 'project' | 'path' | 'windows-powershell';
}

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

function onPath(names: string[]): string | undefined {
  for (const dir of (process.env.PATH ?? process.env.Path ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

export function findPowerShell(): PowerShell | undefined {
  const local = path.join(ROOT, '.tools', 'pwsh', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');
  if (isFile(local)) return { exe: local, kind: 'project' };
  const pwsh = onPath(process.platform === 'win32' ? ['pwsh.exe'] : ['pwsh']);
  if (pwsh) return { exe: pwsh, kind: 'path' };
  if (process.platform === 'win32') {
    const root = process.env.SystemRoot ?? process.env.SYSTEMROOT ?? 'C:\\Windows';
    const exe = path.win32.join(root, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
    if (existsSync(exe)) return { exe, kind: 'windows-powershell' };
  }
  return undefined;
}

export function missingPowerShell(): string | undefined {
  if (findPowerShell()) return undefined;
  return process.platform === 'win32'
    ? 'neither .tools/pwsh/pwsh.exe, pwsh.exe on PATH nor powershell.exe was found'
    : 'neither .tools/pwsh/pwsh nor pwsh on PATH was found';
}

export const SUITE = {
  name: 'pwsh',
  what: 'the PowerShell collection-script suite (PowerShell 7.6.9)',
  install: 'bash scripts/setup/pwsh.sh',
  missing: missingPowerShell,
};

export interface PsRun {
  stdout: Buffer;
  stderr: string;
  exitCode: number | null;
}

/** One PowerShell process; generous limits, since PowerShell starts slowly on a loaded machine. */
export function runPowerShell(ps: PowerShell, args: string[], timeoutMs = 150_000): Promise<PsRun> {
  return new Promise((resolve) => {
    execFile(
      ps.exe,
      ['-NoProfile', '-NonInteractive', ...args],
      {
        encoding: 'buffer',
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        windowsHide: true,
        env: { ...process.env, POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off', DOTNET_NOLOGO: '1' },
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
        resolve({ stdout, stderr: stderr.toString('utf8'), exitCode: code });
      },
    );
  });
}

/** JSON text with every non-ASCII character as \uXXXX, so no code page can touch it on the way in. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Offsets of the bytes above 0x7F, at most `limit` of them. */
export function nonAsciiBytes(bytes: Uint8Array, limit = 5): number[] {
  const found: number[] = [];
  for (let i = 0; i < bytes.length && found.length < limit; i++) if ((bytes[i] ?? 0) > 0x7f) found.push(i);
  return found;
}
