/**
 * Table-driven check tests in the style of ESLint's RuleTester with `requireMessage: 'messageId'`: every
 * case names the facts, the expected status and the expected message id (and, where given, the data,
 * the skip reason and the ids of every finding). Assertions are on ids and data, never on prose.
 *
 * Each table also gets a coverage test: every message id the check declares (its own, and the reserved
 * notCollected and factUnavailable) must be produced by at least one case, as the headline or as one of
 * its findings. A check with a message no case produces fails, as ESLint's no-unused-message-ids would.
 */
import test, { type ExecutionContext } from 'ava';
import type { Check, CheckResult, MessageData, SkipReason, Status } from '../../src/contract/check.js';
import { CRASHED_ID, TIMED_OUT_ID } from '../../src/contract/check.js';
import type { NodeFacts } from '../../src/contract/facts.js';
import { runChecks } from '../../src/runner.js';

export interface CheckCase {
  name: string;
  facts: NodeFacts;
  status: Status;
  messageId: string;
  /** Placeholder data the headline message must have (a subset). */
  data?: MessageData;
  skipReason?: SkipReason;
  /** The message ids of all findings, worst first, when the check reports several. */
  findings?: string[];
  /** Substrings every fix command list must contain (e.g. the exact command to paste). */
  commands?: string[];
  /** Extra assertions on the result. */
  verify?: (t: ExecutionContext, result: CheckResult) => void;
}

export async function runOne(check: Check, facts: NodeFacts): Promise<CheckResult> {
  const [result] = await runChecks([check], facts, { timeoutMs: 60_000 });
  if (!result) throw new Error('no result');
  return result;
}

/** The runner's own outcomes: never produced by a check's table. */
const RUNNER_IDS = new Set([CRASHED_ID, TIMED_OUT_ID]);

export function producedIds(result: CheckResult): string[] {
  return [result.messageId, ...(result.findings ?? []).map((f) => f.messageId)];
}

function assertCase(t: ExecutionContext, check: Check, c: CheckCase, result: CheckResult): void {
  t.is(result.id, check.meta.id);
  t.is(result.status, c.status, `${result.messageId}: ${result.message}`);
  t.is(result.messageId, c.messageId, result.message);
  t.true(result.messageId in check.messages, `message id ${result.messageId} is declared`);
  for (const [key, value] of Object.entries(c.data ?? {})) t.is(result.data?.[key], value, `data.${key}`);
  if (c.skipReason !== undefined) t.is(result.skipReason, c.skipReason, 'skip reason');
  if (result.status === 'skip') t.truthy(result.skipReason, 'every skip says why');
  if (result.skipReason === 'unreadable')
    t.true((result.unseen ?? []).length > 0, 'an unreadable skip names its facts');
  if (c.findings !== undefined) {
    t.deepEqual(
      (result.findings ?? [{ messageId: result.messageId }]).map((f) => f.messageId),
      c.findings,
      'findings',
    );
  }
  for (const f of result.findings ?? []) t.true(f.messageId in check.messages, `finding id ${f.messageId} is declared`);
  if (result.status === 'fail') t.truthy(result.fix, 'every failure carries a fix');
  if (result.status === 'error') t.fail(`the check crashed: ${result.message}`);
  for (const command of c.commands ?? []) {
    t.true(
      result.fix?.commands.includes(command) ?? false,
      `fix commands include ${command}: ${JSON.stringify(result.fix?.commands)}`,
    );
  }
  c.verify?.(t, result);
}

export function checkTester(check: Check, cases: CheckCase[]): void {
  const names = new Set<string>();
  const results: Promise<CheckResult>[] = [];
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`${check.meta.id}: duplicate case name ${c.name}`);
    names.add(c.name);
    const result = runOne(check, c.facts);
    results.push(result.catch(() => undefined as unknown as CheckResult));
    test(`${check.meta.id}: ${c.name}`, async (t) => assertCase(t, check, c, await result));
  }
  test(`${check.meta.id}: every message id is produced by some case`, async (t) => {
    const produced = new Set((await Promise.all(results)).filter(Boolean).flatMap(producedIds));
    const unused = Object.keys(check.messages).filter((id) => !RUNNER_IDS.has(id) && !produced.has(id));
    t.deepEqual(unused, [], `message ids no case produces: ${unused.join(', ')}`);
  });
}
