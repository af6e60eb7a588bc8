/**
 * The lint report: the one document the human, JSON and SARIF outputs render. Its JSON form is
 * published as schema/lint.schema.json; `schemaVersion` changes only when a field changes meaning or
 * goes away. It follows the doctor's report (src/contract/report.ts): the same top-level fields
 * (schemaVersion, tool, verdict, summary, notSeen, results) and the same verdicts and exit codes:
 *   unhealthy     an error-severity finding (the API server, Pod Security or the node refuses it): exit 1;
 *   inconclusive  no error, but something could not be seen: a template left unrendered, node facts that
 *                 could not be read, an object that sets hostProcess in a kind the lint does not know,
 *                 a rule that crashed, or no HostProcess workload in the input at all: exit 4;
 *   healthy       otherwise (warnings and notes do not change it): exit 0.
 * Results are grouped by object, in input order.
 */
import type { Fix, MessageData } from '../contract/check.js';
import type { FactState } from '../contract/facts.js';
import type { NodeSummary, Verdict } from '../contract/report.js';
import { EXIT_FOR_VERDICT } from '../contract/report.js';
import { TOOL_NAME, TOOL_VERSION } from '../contract/version.js';
import type { ObjectRef } from './objects.js';
import type { Severity } from './rule.js';

export const LINT_SCHEMA_VERSION = 1;

export interface LintLocation {
  /** Relative to the working directory, with / separators; `stdin` for standard input. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LintFinding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  data?: MessageData;
  /** The field, as the API server prints paths: spec.template.spec.hostNetwork. */
  path: string;
  location: LintLocation;
  related?: { message: string; location: LintLocation }[];
  fix?: Fix;
  docsUrl: string;
  /** --ignore turned an error into a warning. */
  ignored?: boolean;
}

export const OBJECT_STATUSES = ['linted', 'notHostProcess', 'notWorkload', 'notKubernetes'] as const;
export type ObjectStatus = (typeof OBJECT_STATUSES)[number];

export interface ObjectResult {
  file: string;
  /** 1-based document number in the file. */
  document: number;
  /** Index in a List. */
  item?: number;
  object: ObjectRef;
  location: LintLocation;
  status: ObjectStatus;
  /** Why it was not linted, for the other statuses. */
  reason?: string;
  /** The namespace Pod Security was judged for, and how it was known. */
  namespace?: { name?: string; from: 'object' | 'flag' | 'unknown'; labelsFrom?: 'object' | 'flag' };
  findings: LintFinding[];
  /**
   * What was not checked for this object, and why: facts not given, or (`unseen`) facts that were
   * there and could not be read, which make the run inconclusive.
   */
  notChecked: { rule: string; reason: string; unseen?: boolean }[];
}

export interface LintNotSeen {
  kind: 'unreadable' | 'template' | 'unknownKind' | 'crashed' | 'nothingLinted';
  file?: string;
  object?: ObjectRef;
  rule?: string;
  fact?: string;
  state?: FactState;
  reason: string;
  hint: string;
}

export interface LintSummary {
  files: number;
  objects: number;
  /** HostProcess workloads linted. */
  hostProcess: number;
  error: number;
  warning: number;
  note: number;
}

export interface LintNode {
  source: 'none' | 'snapshot' | 'what-if';
  described: string;
  summary?: NodeSummary;
}

export interface LintReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  command: 'lint';
  startedAt: string;
  durationMs: number;
  verdict: Verdict;
  summary: LintSummary;
  /** Why the verdict is inconclusive; empty otherwise. */
  notSeen: LintNotSeen[];
  node: LintNode;
  files: string[];
  results: ObjectResult[];
}

export function summarize(files: string[], results: ObjectResult[]): LintSummary {
  const summary: LintSummary = {
    files: files.length,
    objects: results.length,
    hostProcess: results.filter((r) => r.status === 'linted').length,
    error: 0,
    warning: 0,
    note: 0,
  };
  for (const r of results) for (const f of r.findings) summary[f.severity] += 1;
  return summary;
}

export function verdictOf(summary: LintSummary, notSeen: LintNotSeen[]): Verdict {
  if (summary.error > 0) return 'unhealthy';
  return notSeen.length > 0 ? 'inconclusive' : 'healthy';
}

export function buildLintReport(parts: {
  files: string[];
  results: ObjectResult[];
  notSeen: LintNotSeen[];
  node: LintNode;
  startedAt: Date;
  finishedAt?: Date;
}): LintReport {
  const summary = summarize(parts.files, parts.results);
  const notSeen = [...parts.notSeen];
  if (summary.hostProcess === 0) {
    notSeen.push({
      kind: 'nothingLinted',
      reason:
        summary.objects === 0
          ? 'the input holds no Kubernetes objects'
          : 'no object in the input is a HostProcess workload (none sets securityContext.windowsOptions.hostProcess: true)',
      hint: 'give the manifests of your HostProcess workloads (rendered: helm template, kustomize build)',
    });
  }
  const verdict = verdictOf(summary, notSeen);
  const finishedAt = parts.finishedAt ?? new Date();
  return {
    schemaVersion: LINT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    command: 'lint',
    startedAt: parts.startedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - parts.startedAt.getTime()),
    verdict,
    summary,
    notSeen: verdict === 'inconclusive' ? notSeen : [],
    node: parts.node,
    files: parts.files,
    results: parts.results,
  };
}

export const lintExitCode = (report: LintReport) => EXIT_FOR_VERDICT[report.verdict];
