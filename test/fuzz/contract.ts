/**
 * The contract every fuzz case is held to, whatever its input:
 * - the exit code is one of 0, 1, 2, 3, 4 (74 only where output could not be written);
 * - in --json mode with exit 0, 1 or 4, stdout is one valid JSON document (and a report validates);
 * - a usage error (2) says what is wrong on stderr, with no stack trace;
 * - the run ends within a generous bound;
 * - no check passes when the fact it judges could not be read (its probe hung, failed or was garbled);
 * - no process is left behind, and no prototype is polluted.
 */
import { readFileSync } from 'node:fs';
import type { ExecutionContext } from 'ava';
import type { Invocation } from '../helpers/fakehost.js';

export const CONTRACT_EXITS = new Set([0, 1, 2, 3, 4]);
const UNREADABLE = new Set(['timeout', 'error', 'denied']);

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Expect {
  /** --json was given: stdout must be JSON when the exit code is 0, 1 or 4. */
  json: boolean;
  /** A report (doctor, analyze): it must validate against schema/report.schema.json. */
  report?: (data: unknown) => string;
  /** The longest the run may take (a generous bound, never a measurement). */
  boundMs: number;
  /** Exit codes this case may end with (default: the whole contract). */
  exits?: number[];
  /** Checks that must not pass: the fact each judges could not be read (its probe failed). */
  notPass?: string[];
}

interface ResultLike {
  id: string;
  status: string;
  evidence?: { fact: string; state: string }[];
}

/** Asserts the contract; returns the parsed JSON when there is some. */
export function holdsContract(t: ExecutionContext, name: string, run: Run, expect: Expect): unknown {
  const exits = expect.exits ?? [...CONTRACT_EXITS];
  t.true(
    exits.includes(run.exitCode),
    `${name}: exit ${run.exitCode} (expected one of ${exits}); stderr: ${run.stderr.slice(0, 600)}`,
  );
  t.false(/internal error/.test(run.stderr), `${name}: ${run.stderr.slice(0, 600)}`);
  t.false(/\n\s+at .+:\d+:\d+/.test(run.stderr), `${name}: a stack trace on stderr: ${run.stderr.slice(0, 600)}`);
  t.true(run.ms < expect.boundMs, `${name}: took ${Math.round(run.ms)} ms (bound ${expect.boundMs} ms)`);
  t.is(({} as Record<string, unknown>).polluted, undefined, `${name}: Object.prototype was polluted`);
  if (run.exitCode === 2) t.true(run.stderr.trim().length > 0, `${name}: a usage error with no message`);
  if (!expect.json || ![0, 1, 4].includes(run.exitCode)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(run.stdout);
  } catch (error) {
    t.fail(`${name}: stdout is not one JSON document (${(error as Error).message}): ${run.stdout.slice(0, 300)}`);
    return undefined;
  }
  if (expect.report) t.is(expect.report(data), '', `${name}: the report does not validate`);
  const results = ((data as { results?: ResultLike[] }).results ?? []) as ResultLike[];
  for (const result of results) {
    if (result.status !== 'pass' || !expect.notPass?.includes(result.id)) continue;
    const unread = (result.evidence ?? []).filter((e) => UNREADABLE.has(e.state)).map((e) => `${e.fact}=${e.state}`);
    t.fail(
      `${name}: ${result.id} passed although the fact it judges could not be read (evidence ${unread.join(', ') || 'none unread'})`,
    );
  }
  return data;
}

/** This process's group (Linux), never to be signalled. */
function ownGroup(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return undefined;
  }
}
const OWN_GROUP = ownGroup();

function alive(pid: number, group: boolean): boolean {
  try {
    process.kill(group ? -pid : pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every process a fake host's programs started, and their process groups, have ended (after a short grace). */
export async function nothingLeft(
  t: ExecutionContext,
  name: string,
  runs: Invocation[],
  graceMs = 3000,
): Promise<void> {
  const pids = runs.flatMap((r) => [r.pid, ...(r.children ?? [])]);
  const groups = runs
    .map((r) => r.pgid)
    .filter((g): g is number => typeof g === 'number' && g > 1 && g !== process.pid && g !== OWN_GROUP);
  const deadline = Date.now() + graceMs;
  const left = () => [
    ...pids.filter((p) => alive(p, false)).map((p) => `pid ${p}`),
    ...groups.filter((g) => alive(g, true)).map((g) => `group ${g}`),
  ];
  while (left().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const remaining = left();
  t.deepEqual(remaining, [], `${name}: left behind ${remaining.join(', ')}`);
  // Whatever a failing case left is ended here, so it cannot disturb the next.
  for (const p of pids) if (alive(p, false)) process.kill(p, 'SIGKILL');
  for (const g of groups) if (alive(g, true)) process.kill(-g, 'SIGKILL');
}
