/**
 * The report: the one document every reporter renders. Its JSON form is published as
 * schema/report.schema.json; `schemaVersion` changes only when a field changes meaning or goes away.
 */
import type { CheckResult, Status } from './check.js';
import { STATUSES } from './check.js';
import { EXIT_FINDINGS, EXIT_OK } from './exit-codes.js';
import { factValue, type NodeFacts } from './facts.js';
import { findVersion } from './rules/versions.js';
import { describeBuild } from './rules/windows.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export const REPORT_SCHEMA_VERSION = 1;

export type FactsSource = 'live' | 'snapshot' | 'what-if';

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

export interface DoctorReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  node: NodeSummary;
  startedAt: string;
  durationMs: number;
  summary: Summary;
  results: CheckResult[];
}

export function summarize(results: CheckResult[]): Summary {
  const summary = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Summary;
  for (const r of results) summary[r.status] += 1;
  return summary;
}

export function describeNode(facts: NodeFacts, source: FactsSource, snapshot?: string): NodeSummary {
  const node: NodeSummary = { source };
  const name = factValue(facts.context)?.nodeName ?? factValue(facts.host)?.hostname;
  if (name) node.name = name;
  const os = factValue(facts.os);
  if (os) node.osBuild = describeBuild(os.build, os.ubr);
  if (os?.productName) node.osName = os.productName;
  const containerd = findVersion(factValue(facts.containerd?.version)?.output ?? '');
  if (containerd) node.containerdVersion = containerd.token.replace(/^v/, '');
  const kubelet = findVersion(factValue(facts.kubelet?.version)?.output ?? '');
  if (kubelet) node.kubeletVersion = kubelet.token.startsWith('v') ? kubelet.token : `v${kubelet.token}`;
  if (snapshot !== undefined) node.snapshot = snapshot;
  if (facts.collectedAt) node.collectedAt = facts.collectedAt;
  return node;
}

export function buildReport(
  results: CheckResult[],
  node: NodeSummary,
  startedAt: Date,
  finishedAt: Date = new Date(),
): DoctorReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    node,
    startedAt: startedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    summary: summarize(results),
    results,
  };
}

/** 0 when nothing failed, 1 when at least one check failed. */
export function exitCodeFor(report: DoctorReport): number {
  return report.summary.fail > 0 ? EXIT_FINDINGS : EXIT_OK;
}
