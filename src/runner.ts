/**
 * Runs checks against one NodeFacts snapshot. Every check is guarded: a throw or a rejected promise
 * becomes `error`, and so does a check that does not settle within its time limit. A synchronous check
 * cannot be pre-empted in-process, so one that overruns is still reported as `error` once it returns.
 */
import type { Check, CheckResult, Outcome } from './contract/check.js';
import { CRASHED_ID, formatMessage, GROUPS, TIMED_OUT_ID } from './contract/check.js';
import type { NodeFacts } from './contract/facts.js';

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

function runnerOutcome(check: Check, messageId: string, data: Record<string, string | number>): Outcome {
  return {
    status: 'error',
    messageId,
    message: formatMessage(check.messages[messageId] ?? messageId, data),
    data,
    evidence: [],
  };
}

const crashed = (check: Check, error: unknown) =>
  runnerOutcome(check, CRASHED_ID, { detail: error instanceof Error ? error.message : String(error) });
const timedOut = (check: Check, ms: number) => runnerOutcome(check, TIMED_OUT_ID, { ms });

async function runGuarded(check: Check, facts: NodeFacts, timeoutMs: number): Promise<[Outcome, number]> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      Promise.resolve().then(() => check.run(facts)),
      new Promise<Outcome>((resolve) => {
        timer = setTimeout(() => resolve(timedOut(check, timeoutMs)), timeoutMs);
      }),
    ]);
    const elapsed = performance.now() - started;
    return [elapsed > timeoutMs && outcome.messageId !== TIMED_OUT_ID ? timedOut(check, timeoutMs) : outcome, elapsed];
  } catch (error) {
    return [crashed(check, error), performance.now() - started];
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
  const results: CheckResult[] = [];
  for (const check of selected) {
    const [outcome, durationMs] = await runGuarded(check, facts, timeoutMs);
    const result: CheckResult = {
      id: check.meta.id,
      group: check.meta.group,
      title: check.meta.title,
      docsUrl: check.docsUrl,
      ...outcome,
      durationMs: Math.round(durationMs * 100) / 100,
    };
    if (check.meta.informational) result.informational = true;
    if (check.meta.headline) result.headline = true;
    results.push(applyIgnore(result, options.ignore ?? []));
  }
  return results;
}
