/**
 * Facts in, report out: the one path every command takes (doctor, analyze, watch, explain's facts).
 */
import { CHECKS } from '../checks/index.js';
import { addLogEvidence } from './catalogue/log-evidence.js';
import type { Check } from './contract/check.js';
import { factValue, type NodeFacts } from './contract/facts.js';
import { buildReport, type DoctorReport, type FactsSource, type NodeSummary } from './contract/report.js';
import { findVersion } from './parse/versions.js';
import { describeBuild } from './rules/windows.js';
import { type RunOptions, runChecks, validateSelectors } from './runner.js';

export interface AnalyzeOptions extends RunOptions {
  source: FactsSource;
  snapshot?: string;
  whatIf?: string[];
  checks?: readonly Check[];
}

/** Throws SelectionError for --only/--skip/--ignore values that name no check or group. */
export function validateRunOptions(options: RunOptions, checks: readonly Check[] = CHECKS): void {
  validateSelectors([...checks], '--only', options.only);
  validateSelectors([...checks], '--skip', options.skip);
  validateSelectors([...checks], '--ignore', options.ignore, true);
}

/** The node as the report's header and the monitoring labels name it. */
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

export async function analyzeFacts(facts: NodeFacts, options: AnalyzeOptions): Promise<DoctorReport> {
  const startedAt = new Date();
  const checks = options.checks ?? CHECKS;
  // Catalogue messages in containerd's log become evidence on the checks that explain them.
  const results = addLogEvidence(await runChecks([...checks], facts, options), facts);
  const node = describeNode(facts, options.source, options.snapshot);
  if (options.whatIf && options.whatIf.length > 0) node.whatIf = options.whatIf;
  return buildReport(results, node, startedAt);
}
