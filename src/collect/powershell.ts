/**
 * One PowerShell process answers every question that needs Windows APIs, as one JSON document.
 * PowerShell starts slowly (0.3–1 s on a node), so the doctor pays that once. The script is
 * src/collect/collect.ps1, embedded at build time (scripts/embed-ps1.mjs writes collect-script.generated.ts)
 * and passed with -EncodedCommand (UTF-16LE base64), which no quoting rule can break. Each section is wrapped
 * on its own, so a failing or denied section loses nothing else. The script writes ASCII only (every other
 * character as \uXXXX), so the console code page cannot garble names; the reader still accepts UTF-16 or a
 * BOM. docs/powershell.md has the details.
 */

import { COLLECTION_SCRIPT } from './collect-script.generated.js';
import { type ProbeLog, type ProbeResult, runProbe } from './exec.js';
import type { Host } from './host.js';

export { COLLECTION_SCRIPT };

/** The CIM timeout when none that makes sense is given. */
const DEFAULT_CIM_TIMEOUT_SEC = 5;

/**
 * The command that -EncodedCommand carries: collect.ps1 as a script block, run with the CIM timeout (whole
 * seconds, at least 1; Get-CimInstance -OperationTimeoutSec). Only a number is ever spliced in.
 */
export function collectionScript(cimTimeoutSec: number): string {
  const seconds = Number.isFinite(cimTimeoutSec) ? Math.max(1, Math.floor(cimTimeoutSec)) : DEFAULT_CIM_TIMEOUT_SEC;
  return `& {\n${COLLECTION_SCRIPT}\n} -CimTimeoutSec ${seconds}`;
}

export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** The flags before -EncodedCommand. */
export const POWERSHELL_FLAGS: readonly string[] = [
  '-NoProfile',
  '-NoLogo',
  '-NonInteractive',
  '-ExecutionPolicy',
  'Bypass',
];

/** The whole argument array of the collection run. */
export function collectionArgs(cimTimeoutSec: number): string[] {
  return [...POWERSHELL_FLAGS, '-EncodedCommand', encodeCommand(collectionScript(cimTimeoutSec))];
}

/** CreateProcess takes at most this many characters of command line, the terminating NUL included. */
export const MAX_COMMAND_LINE = 32_767;

/**
 * How many characters of command line Windows is handed for `exe args`, the terminating NUL included:
 * arguments joined by spaces, those with a space, tab or quote quoted (as libuv does, so at worst every
 * backslash doubled and every quote escaped).
 */
export function commandLineLength(exe: string, args: readonly string[]): number {
  const quoted = (arg: string) =>
    arg !== '' && !/[\s"]/.test(arg) ? arg.length : arg.length + 2 + (arg.match(/["\\]/g)?.length ?? 0);
  return [exe, ...args].reduce((sum, arg) => sum + quoted(arg), 0) + args.length + 1;
}

export interface SectionOk<T> {
  ok: true;
  value: T;
  ms?: number;
}
export interface SectionFailed {
  ok: false;
  denied?: boolean;
  error?: string;
  ms?: number;
}
export type Section<T> = SectionOk<T> | SectionFailed;

export interface PsService {
  name: string;
  displayName?: string | null;
  state?: string | null;
  startMode?: string | null;
  startName?: string | null;
  pathName?: string | null;
  processId?: number | null;
}
export interface PsProcess {
  name: string;
  processId?: number | null;
  commandLine?: string | null;
  executablePath?: string | null;
}
export interface PsOs {
  productName?: string | null;
  currentBuild?: string | null;
  ubr?: number | null;
  displayVersion?: string | null;
  releaseId?: string | null;
  editionId?: string | null;
  installationType?: string | null;
}
export interface PsIdentity {
  name?: string | null;
  sid?: string | null;
  elevated?: boolean | null;
  computerName?: string | null;
}
export interface PsFile {
  path: string;
  present: boolean;
  size?: number | null;
  modified?: string | null;
  fileVersion?: string | null;
  productVersion?: string | null;
}

export interface PsSections {
  services?: Section<PsService[]>;
  processes?: Section<PsProcess[]>;
  os?: Section<PsOs>;
  groups?: Section<{ name: string; sid?: string | null }[]>;
  identity?: Section<PsIdentity>;
  accounts?: Section<Record<string, string | null>>;
  bindflt?: Section<PsFile>;
  files?: Section<PsFile[]>;
}

export type PsOutcome =
  | { ok: true; sections: PsSections; probe: ProbeResult }
  | { ok: false; probe: ProbeResult; reason: string };

/**
 * A list section's value as an array. collect.ps1 emits lists as JSON arrays whatever their length, but
 * PowerShell unrolls a one-element list into the element and an empty one into null when a script lets
 * a list pass through the pipeline (older scripts, hand-made recordings), so the reader takes both.
 */
export function asArray<T>(value: T | T[] | null | undefined): T[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function parseSections(stdout: string): PsSections | undefined {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    const data = JSON.parse(stdout.slice(start, end + 1)) as Record<string, unknown>;
    return data !== null && typeof data === 'object' ? (data as PsSections) : undefined;
  } catch {
    return undefined;
  }
}

export function powershellPath(host: Host): string {
  return host.local(`${host.systemRoot}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`);
}

export async function runCollectionScript(host: Host, timeoutMs: number, log?: ProbeLog[]): Promise<PsOutcome> {
  const exe = powershellPath(host);
  const args = collectionArgs(Math.max(1, Math.floor(timeoutMs / 1000) - 1));
  const display = ['powershell.exe', ...args.slice(0, -1), '<collection script>'];
  const probe = await runProbe(exe, args, { timeoutMs, display, env: host.env, ...(log ? { log } : {}) });
  if (probe.state !== 'ok') return { ok: false, probe, reason: probe.reason ?? probe.state };
  const sections = parseSections(probe.stdout);
  if (!sections) {
    const shown = probe.stdout.trim().slice(0, 160) || '(nothing)';
    return {
      ok: false,
      probe: { ...probe, state: 'error' },
      reason: `PowerShell printed no JSON document: ${JSON.stringify(shown)}`,
    };
  }
  return { ok: true, sections, probe };
}
