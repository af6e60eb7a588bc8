/**
 * Table-driven check tests in the style of ESLint's RuleTester: each case names the facts and the
 * expected status and message id. Assertions are on ids, never on prose.
 */
import test, { type ExecutionContext } from 'ava';
import type { Check, CheckResult, Status } from '../../src/check.js';
import type { NodeFacts } from '../../src/facts.js';
import { runChecks } from '../../src/runner.js';

export interface CheckCase {
  name: string;
  facts: NodeFacts;
  status: Status;
  messageId?: string;
  /** Substrings every fix command list must contain (e.g. the exact command to paste). */
  commands?: string[];
  /** Extra assertions on the result. */
  verify?: (t: ExecutionContext, result: CheckResult) => void;
}

export async function runOne(check: Check, facts: NodeFacts): Promise<CheckResult> {
  const [result] = await runChecks([check], facts);
  if (!result) throw new Error('no result');
  return result;
}

export function checkTester(check: Check, cases: CheckCase[]): void {
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`${check.meta.id}: duplicate case name ${c.name}`);
    names.add(c.name);
    test(`${check.meta.id}: ${c.name}`, async (t) => {
      const result = await runOne(check, c.facts);
      t.is(result.id, check.meta.id);
      t.is(result.status, c.status, `${result.messageId}: ${result.message}`);
      if (c.messageId) t.is(result.messageId, c.messageId, result.message);
      t.true(result.messageId in check.messages, `message id ${result.messageId} is declared`);
      if (result.status === 'fail') t.truthy(result.fix, 'every failure carries a fix');
      if (result.status === 'error') t.fail(`the check crashed: ${result.message}`);
      for (const command of c.commands ?? []) {
        t.true(
          result.fix?.commands.includes(command) ?? false,
          `fix commands include ${command}: ${JSON.stringify(result.fix?.commands)}`,
        );
      }
      c.verify?.(t, result);
    });
  }
}
