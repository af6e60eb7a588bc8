/**
 * Running one program as a probe: an argument array (never a shell string), a time limit, output read as
 * bytes and decoded here (UTF-8, UTF-8 with BOM, or UTF-16 as PowerShell 5.1 may write it), and a
 * result that always ends in a fact state. A probe never throws and never outlives its timeout by more
 * than the kill grace period.
 */
import { execa } from 'execa';
import type { FactState, Provenance } from '../facts.js';
import { decodeText, excerpt } from '../rules/text.js';

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
}

/** A hung child gets this long after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 250;
const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

function asBytes(output: unknown): Uint8Array {
  if (output instanceof Uint8Array) return output;
  if (typeof output === 'string') return new TextEncoder().encode(output);
  return new Uint8Array();
}

export async function runProbe(file: string, args: string[], options: RunProbeOptions): Promise<ProbeResult> {
  const started = performance.now();
  const command = options.display ?? [file, ...args];
  const result = await execa(file, args, {
    reject: false,
    timeout: options.timeoutMs,
    forceKillAfterDelay: KILL_GRACE_MS,
    encoding: 'buffer',
    stdin: 'ignore',
    windowsHide: true,
    maxBuffer: MAX_OUTPUT_BYTES,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  const durationMs = Math.round(performance.now() - started);
  const stdout = decodeText(asBytes(result.stdout)).text;
  const stderr = decodeText(asBytes(result.stderr)).text;
  const source: Provenance = { kind: 'command', command, durationMs };
  if (result.exitCode !== undefined) source.exitCode = result.exitCode;
  if (stderr.trim()) source.stderr = excerpt(stderr, 300);
  const probe: ProbeResult = { state: 'ok', stdout, stderr, durationMs, source };
  if (result.exitCode !== undefined) probe.exitCode = result.exitCode;

  const code = (result as { code?: string }).code;
  if (result.timedOut) {
    probe.state = 'timeout';
    probe.reason = `no answer within ${options.timeoutMs} ms (killed)`;
  } else if (code === 'ENOENT') {
    probe.state = 'missing';
    probe.reason = `${file} was not found`;
  } else if (code === 'EACCES' || code === 'EPERM') {
    probe.state = 'denied';
    probe.reason = `not allowed to run ${file} (${code})`;
  } else if (result.failed) {
    probe.state = /access is denied|zugriff verweigert|accès refusé/i.test(stderr) ? 'denied' : 'error';
    probe.reason =
      result.exitCode !== undefined
        ? `exit code ${result.exitCode}${stderr.trim() ? `: ${excerpt(stderr, 200)}` : ''}`
        : (result.shortMessage ?? 'failed');
  }
  options.log?.push({ command, state: probe.state, durationMs });
  return probe;
}
