/**
 * The report: the one document every reporter renders. Its JSON form is published as
 * schema/report.schema.json; `schemaVersion` changes only when a field changes meaning or goes away.
 *
 * The verdict is decided here, once, and every output reads it (the exit code, the human summary, NPD,
 * Prometheus, fleet):
 *   unhealthy     some check failed (after --ignore);
 *   inconclusive  no check failed, but a check crashed, or could not judge because a fact it needs was
 *                 collected and could not be read (denied, timed out, garbled); or no check judged
 *                 anything (none ran, or every one was skipped). A fact a what-if run did not give is not
 *                 a blind spot;
 *   healthy       otherwise.
 */
import type { CheckResult, Status } from './check.js';
import { STATUSES } from './check.js';
import { EXIT_FINDINGS, EXIT_INCONCLUSIVE, EXIT_OK } from './exit-codes.js';
import type { FactState } from './facts.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

/** 2: `verdict`, `notSeen`, per-result `informational`/`headline`/`skipReason`/`findings`/`data`. */
export const REPORT_SCHEMA_VERSION = 2;

export type FactsSource = 'live' | 'snapshot' | 'what-if';

export const VERDICTS = ['healthy', 'unhealthy', 'inconclusive'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface NodeSummary {
  name?: string;
  osBuild?: string;
  osName?: string;
  containerdVersion?: string;
  kubeletVersion?: string;
  /** Where the facts came from: this node now, a saved snapshot, or what-if flags alone. */
  source: FactsSource;
  /** The snapshot file, when the facts came from one. */
  snapshot?: string;
  collectedAt?: string;
  /** The what-if flags that stood in for or overrode snapshot facts. */
  whatIf?: string[];
}

export type Summary = Record<Status, number>;

/**
 * Something the run could not see, and how to see it:
 * - `unreadable`: a check needed `fact`, which was collected but could not be read (`state`);
 * - `crashed`: a check crashed or overran its time limit;
 * - `nothingJudged`: no check ran, or every check was skipped.
 */
export interface NotSeen {
  kind: 'unreadable' | 'crashed' | 'nothingJudged';
  /** The check, absent for nothingJudged. */
  check?: string;
  fact?: string;
  state?: FactState;
  reason: string;
  /** What to do to see it, e.g. "run elevated". */
  hint: string;
}

export interface DoctorReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  node: NodeSummary;
  startedAt: string;
  durationMs: number;
  verdict: Verdict;
  summary: Summary;
  /** Why the verdict is inconclusive; empty otherwise. */
  notSeen: NotSeen[];
  results: CheckResult[];
}

export function summarize(results: CheckResult[]): Summary {
  const summary = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Summary;
  for (const r of results) summary[r.status] += 1;
  return summary;
}

/** What to do about a fact that could not be read. */
export function hintFor(state: FactState | undefined): string {
  switch (state) {
    case 'denied':
      return 'run elevated (an administrator PowerShell, or as SYSTEM in a HostProcess pod)';
    case 'timeout':
      return 'raise --timeout, e.g. --timeout 30s';
    default:
      return 'run with -v to see the probe and its output, then retry';
  }
}

function notSeenOf(results: CheckResult[]): NotSeen[] {
  const notSeen: NotSeen[] = [];
  for (const r of results) {
    if (r.status === 'error') {
      notSeen.push({
        kind: 'crashed',
        check: r.id,
        reason: r.message,
        hint: 'rerun; if it happens again, report it with the command you ran',
      });
    } else if ((r.unseen ?? []).length > 0) {
      // An unreadable skip, or a warn or pass judged without these facts: either way not seen.
      for (const u of r.unseen ?? []) {
        notSeen.push({
          kind: 'unreadable',
          check: r.id,
          fact: u.fact,
          state: u.state,
          reason: u.reason ?? u.state,
          hint: hintFor(u.state),
        });
      }
    }
  }
  const judged = results.filter((r) => !r.informational && ['pass', 'warn', 'fail'].includes(r.status)).length;
  if (judged === 0) {
    notSeen.push({
      kind: 'nothingJudged',
      reason: results.length === 0 ? 'no check ran' : 'every check was skipped',
      hint:
        results.length === 0
          ? 'select at least one check (--only and --skip left none)'
          : 'give the facts the checks need: run on the node, or pass a snapshot or what-if flags',
    });
  }
  return notSeen;
}

export function verdictOf(results: CheckResult[], notSeen: NotSeen[]): Verdict {
  if (results.some((r) => r.status === 'fail')) return 'unhealthy';
  return notSeen.length > 0 ? 'inconclusive' : 'healthy';
}

export function buildReport(
  results: CheckResult[],
  node: NodeSummary,
  startedAt: Date,
  finishedAt: Date = new Date(),
): DoctorReport {
  const notSeen = notSeenOf(results);
  const verdict = verdictOf(results, notSeen);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    node,
    startedAt: startedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    verdict,
    summary: summarize(results),
    notSeen: verdict === 'inconclusive' ? notSeen : [],
    results,
  };
}

export const EXIT_FOR_VERDICT: Record<Verdict, number> = {
  healthy: EXIT_OK,
  unhealthy: EXIT_FINDINGS,
  inconclusive: EXIT_INCONCLUSIVE,
};

export function exitCodeFor(report: DoctorReport): number {
  return EXIT_FOR_VERDICT[report.verdict];
}
