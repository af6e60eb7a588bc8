/**
 * Facts in, report out: the one path every command takes (doctor, analyze, watch).
 */
import { CHECKS } from '../checks/index.js';
import type { Check } from './check.js';
import { addLogEvidence } from './explain/log-evidence.js';
import type { NodeFacts } from './facts.js';
import { buildReport, type DoctorReport, describeNode, type FactsSource } from './report.js';
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

export async function analyzeFacts(facts: NodeFacts, options: AnalyzeOptions): Promise<DoctorReport> {
  const startedAt = new Date();
  const checks = options.checks ?? CHECKS;
  // Catalogue messages in containerd's log become evidence on the checks that explain them.
  const results = addLogEvidence(await runChecks([...checks], facts, options), facts);
  const node = describeNode(facts, options.source, options.snapshot);
  if (options.whatIf && options.whatIf.length > 0) node.whatIf = options.whatIf;
  return buildReport(results, node, startedAt);
}

export function informationalIds(checks: readonly Check[] = CHECKS): Set<string> {
  return new Set(checks.filter((c) => c.meta.informational).map((c) => c.meta.id));
}
