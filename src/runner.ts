/**
 * Runs checks against one NodeFacts snapshot. Every check is guarded: a throw or a rejected promise
 * becomes `error`, and so does a check that does not settle within its time limit. A synchronous check
 * cannot be pre-empted in-process, so one that overruns is still reported as `error` once it returns.
 */
import type { Check, CheckResult, Group, Outcome } from './check.js';
import { GROUPS } from './check.js';
import type { NodeFacts } from './facts.js';

export interface RunOptions {
  /** Check ids or group names to run; all when empty. */
  only?: string[];
  /** Check ids or group names not to run. */
  skip?: string[];
  /** Check ids (or `all`) whose fail is reported as warn. */
  ignore?: string[];
  /** Time limit per check. */
  timeoutMs?: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 5000;

export class SelectionError extends Error {}

function matches(check: Check, selectors: string[]): boolean {
  return selectors.some((s) => s === check.meta.id || s === check.meta.group);
}

/** Rejects selectors that name no check or group, so a typo never silently runs nothing. */
export function validateSelectors(checks: Check[], flag: string, selectors: string[] = [], allowAll = false): void {
  const known = new Set<string>([...checks.map((c) => c.meta.id), ...GROUPS]);
  if (allowAll) known.add('all');
  const unknown = selectors.filter((s) => !known.has(s));
  if (unknown.length > 0) {
    throw new SelectionError(
      `${flag}: unknown check or group ${unknown.map((u) => `'${u}'`).join(', ')}. ` +
        `Run 'hostprocess-doctor checks' to list them.`,
    );
  }
}

export function selectChecks(checks: Check[], options: RunOptions): Check[] {
  const only = options.only ?? [];
  const skip = options.skip ?? [];
  return checks.filter((c) => (only.length === 0 || matches(c, only)) && !matches(c, skip));
}

function crashed(error: unknown): Outcome {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    status: 'error',
    messageId: 'checkCrashed',
    message: `The check did not complete: ${detail}. This is a bug in hostprocess-doctor, not a finding about the node.`,
    evidence: [],
  };
}

function timedOut(ms: number): Outcome {
  return {
    status: 'error',
    messageId: 'checkTimedOut',
    message: `The check did not finish within ${ms} ms, so its result is unknown.`,
    evidence: [],
  };
}

async function runGuarded(check: Check, facts: NodeFacts, timeoutMs: number): Promise<[Outcome, number]> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      Promise.resolve().then(() => check.run(facts)),
      new Promise<Outcome>((resolve) => {
        timer = setTimeout(() => resolve(timedOut(timeoutMs)), timeoutMs);
      }),
    ]);
    const elapsed = performance.now() - started;
    return [elapsed > timeoutMs && outcome.messageId !== 'checkTimedOut' ? timedOut(timeoutMs) : outcome, elapsed];
  } catch (error) {
    return [crashed(error), performance.now() - started];
  } finally {
    clearTimeout(timer);
  }
}

function applyIgnore(result: CheckResult, ignore: string[]): CheckResult {
  if (result.status !== 'fail' || !(ignore.includes(result.id) || ignore.includes('all'))) return result;
  return {
    ...result,
    status: 'warn',
    ignored: true,
    message: `${result.message} (ignored with --ignore ${result.id}: this is a failure reported as a warning)`,
  };
}

export async function runChecks(checks: Check[], facts: NodeFacts, options: RunOptions = {}): Promise<CheckResult[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const selected = selectChecks(checks, options);
  // One after another: checks are pure and quick, and each one's time is then its own.
  const settled: [Outcome, number][] = [];
  for (const check of selected) settled.push(await runGuarded(check, facts, timeoutMs));
  return settled.map(([outcome, durationMs], i) => {
    const check = selected[i] as Check;
    const result: CheckResult = {
      id: check.meta.id,
      group: check.meta.group as Group,
      title: check.meta.title,
      docsUrl: check.docsUrl,
      ...outcome,
      durationMs: Math.round(durationMs * 100) / 100,
    };
    return applyIgnore(result, options.ignore ?? []);
  });
}
