/**
 * One word for a whole report, shared by the monitoring outputs (Prometheus `state`/`ready`, the
 * node-problem-detector plugin's exit code), so both always agree:
 *
 *   problem  at least one check failed (the doctor's exit code 1)
 *   unknown  nothing failed, but the doctor could not judge the node: a check crashed, a needed fact
 *            could not be read (access denied, timed out, garbled), or no check passed at all
 *   ok       otherwise
 *
 * `unknown` is stricter than exit code 0 on purpose: a monitor must never say healthy because the doctor
 * was blind (e.g. run as a non-administrator that cannot read containerd's logon account).
 */

import type { CheckResult } from '../check.js';
import { UNAVAILABLE_ID } from '../check.js';
import type { DoctorReport } from '../report.js';

export type State = 'ok' | 'problem' | 'unknown';
export const STATES: readonly State[] = ['ok', 'problem', 'unknown'];

export interface Verdict {
  state: State;
  failed: string[];
  warned: string[];
  /** Checks that crashed. */
  errored: string[];
  /** Checks skipped because a fact could not be read, with why (denied, timeout, error). */
  unreadable: { id: string; why: string }[];
}

const UNREADABLE_STATES = new Set(['denied', 'timeout', 'error']);

function unreadableWhy(result: CheckResult): string | undefined {
  if (result.status !== 'skip' || result.messageId !== UNAVAILABLE_ID) return undefined;
  const states = [...new Set(result.evidence.map((e) => e.state).filter((s) => UNREADABLE_STATES.has(s)))];
  return states.length > 0 ? states.join('/') : undefined;
}

export function verdictOf(report: DoctorReport): Verdict {
  const ids = (status: string) => report.results.filter((r) => r.status === status).map((r) => r.id);
  const unreadable = report.results.flatMap((r) => {
    const why = unreadableWhy(r);
    return why === undefined ? [] : [{ id: r.id, why }];
  });
  const failed = ids('fail');
  const errored = ids('error');
  const judged = report.summary.pass + report.summary.warn + report.summary.fail;
  const state: State =
    failed.length > 0 ? 'problem' : errored.length > 0 || unreadable.length > 0 || judged === 0 ? 'unknown' : 'ok';
  return { state, failed, warned: ids('warn'), errored, unreadable };
}
