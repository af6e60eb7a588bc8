/**
 * Table tests for lint rules, in the style of ESLint's RuleTester with `requireMessage: 'messageId'` and
 * test/helpers/check-tester.ts: every case gives a manifest and the message ids the rule must report for
 * it, in order (`[]` for a valid case). Assertions are on ids, data, severities and paths, never on prose.
 * Each case runs the real pipeline (YAML parsing with positions, objects, the pod view) with only the rule
 * under test.
 *
 * Each table also gets a coverage test: every message id the rule declares must be reported by at least
 * one invalid case, as ESLint's no-unused-message-ids would demand; and every table has both valid and
 * invalid cases.
 */
import test, { type ExecutionContext } from 'ava';
import type { MessageData } from '../../../src/contract/check.js';
import { type LintOptions, lintTexts } from '../../../src/lint/engine.js';
import type { LintFinding, LintReport } from '../../../src/lint/report.js';
import type { Rule, Severity } from '../../../src/lint/rule.js';
import type { SourceText } from '../../../src/lint/yaml.js';

export interface RuleCase {
  name: string;
  /** One manifest file's text, or several files. */
  yaml: string | SourceText[];
  options?: Omit<LintOptions, 'rules'>;
  /** The message ids this rule reports, in report order (errors first, then by line). */
  messageIds: string[];
  /** Severities, aligned with messageIds, when they differ from the rule's default. */
  severities?: Severity[];
  /** Placeholder data each finding must have (a subset), aligned with messageIds. */
  data?: (MessageData | undefined)[];
  /** API field paths, aligned with messageIds. */
  paths?: string[];
  /** Lines the findings point at, aligned with messageIds. */
  lines?: number[];
  /** Substrings of this rule's not-checked reasons (facts not given). */
  notChecked?: string[];
  /** How many things this rule could not see (the run is inconclusive for them). */
  unseen?: number;
  verify?: (t: ExecutionContext, report: LintReport, findings: LintFinding[]) => void;
}

export interface RuleTable {
  valid: RuleCase[];
  invalid: RuleCase[];
}

const sourcesOf = (yaml: RuleCase['yaml']): SourceText[] =>
  typeof yaml === 'string' ? [{ name: 'test.yaml', text: yaml }] : yaml;

async function runCase(rule: Rule, c: RuleCase): Promise<LintReport> {
  return lintTexts(sourcesOf(c.yaml), { ...c.options, rules: [rule] });
}

function assertCase(t: ExecutionContext, rule: Rule, c: RuleCase, report: LintReport): void {
  const findings = report.results.flatMap((r) => r.findings).filter((f) => f.ruleId === rule.meta.id);
  t.deepEqual(
    findings.map((f) => f.messageId),
    c.messageIds,
    findings.map((f) => `${f.messageId}: ${f.message}`).join('\n'),
  );
  for (const f of findings) {
    t.true(f.messageId in rule.messages, `message id ${f.messageId} is declared`);
    for (const [, name] of (rule.messages[f.messageId] ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g))
      t.not(f.data?.[name as string], undefined, `placeholder {{${name}}} has data`);
    t.true(f.location.line >= 1 && f.location.column >= 1, 'a 1-based location');
    t.true(
      f.location.endLine > f.location.line ||
        (f.location.endLine === f.location.line && f.location.endColumn >= f.location.column),
      'the region ends after it starts',
    );
    if (f.severity === 'error') t.truthy(f.fix, `every error carries a fix: ${f.messageId}`);
    t.is(f.docsUrl, `docs/lint/${rule.meta.id}.md`);
  }
  const expectedSeverities = c.severities ?? c.messageIds.map(() => rule.meta.severity);
  t.deepEqual(
    findings.map((f) => f.severity),
    expectedSeverities,
    'severities',
  );
  c.data?.forEach((data, i) => {
    for (const [key, value] of Object.entries(data ?? {}))
      t.is(findings[i]?.data?.[key], value, `finding ${i} data.${key}`);
  });
  if (c.paths)
    t.deepEqual(
      findings.map((f) => f.path),
      c.paths,
      'paths',
    );
  if (c.lines)
    t.deepEqual(
      findings.map((f) => f.location.line),
      c.lines,
      'lines',
    );
  const notChecked = report.results.flatMap((r) => r.notChecked).filter((n) => n.rule === rule.meta.id);
  for (const needle of c.notChecked ?? []) {
    t.true(
      notChecked.some((n) => !n.unseen && n.reason.includes(needle)),
      `not checked: ${needle} in ${JSON.stringify(notChecked)}`,
    );
  }
  if (c.notChecked === undefined && c.unseen === undefined)
    t.deepEqual(
      notChecked.filter((n) => n.unseen),
      [],
      'nothing unseen',
    );
  if (c.unseen !== undefined) {
    t.is(notChecked.filter((n) => n.unseen).length, c.unseen, 'unseen');
    if (c.unseen > 0 && findings.every((f) => f.severity !== 'error')) t.is(report.verdict, 'inconclusive');
  }
  c.verify?.(t, report, findings);
}

export function ruleTester(rule: Rule, table: RuleTable): void {
  const id = rule.meta.id;
  const names = new Set<string>();
  const results: Promise<LintReport | undefined>[] = [];
  const all = [...table.valid.map((c) => ['valid', c] as const), ...table.invalid.map((c) => ['invalid', c] as const)];
  for (const [kind, c] of all) {
    const name = `${kind}: ${c.name}`;
    if (names.has(name)) throw new Error(`${id}: duplicate case name ${name}`);
    names.add(name);
    if (kind === 'valid' && c.messageIds.length > 0) throw new Error(`${id}: valid case ${c.name} expects findings`);
    if (kind === 'invalid' && c.messageIds.length === 0) throw new Error(`${id}: invalid case ${c.name} expects none`);
    const report = runCase(rule, c);
    results.push(report.catch(() => undefined));
    test(`lint rule ${id}: ${name}`, async (t) => assertCase(t, rule, c, await report));
  }
  test(`lint rule ${id}: has valid and invalid cases, and every message id is reported by some case`, async (t) => {
    t.true(table.valid.length > 0, 'valid cases');
    t.true(table.invalid.length > 0, 'invalid cases');
    const reports = (await Promise.all(results)).filter((r): r is LintReport => r !== undefined);
    const produced = new Set(
      reports.flatMap((r) =>
        r.results.flatMap((o) => o.findings.filter((f) => f.ruleId === id).map((f) => f.messageId)),
      ),
    );
    const unused = Object.keys(rule.messages).filter((m) => !produced.has(m));
    t.deepEqual(unused, [], `message ids no case reports: ${unused.join(', ')}`);
  });
}
