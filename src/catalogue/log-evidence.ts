/**
 * containerd's log as evidence: catalogue messages found in the tail of the file named by --log-file
 * become evidence on the checks that explain them, so a doctor run shows "this is happening" next to
 * "this is why".
 */
import type { CheckResult, Evidence } from '../contract/check.js';
import type { NodeFacts } from '../contract/facts.js';
import { CATALOGUE, type CatalogueEntry, type Confidence } from './entries.js';
import { explainText } from './match.js';

export interface LogFinding {
  entryId: string;
  checks: string[];
  confidence: Confidence;
  excerpt: string;
  /** 1-based line in the tail. */
  line: number;
  occurrences: number;
}

/**
 * Catalogue messages in a log tail, best first. Pure. Low-confidence entries are left out: they name
 * no check, and a log full of ordinary container errors should not read as HostProcess evidence.
 */
export function findLogMessages(tail: string, catalogue: readonly CatalogueEntry[] = CATALOGUE): LogFinding[] {
  return explainText(tail, catalogue)
    .filter((m) => m.confidence !== 'low' && m.entry.checks.length > 0)
    .map((m) => ({
      entryId: m.entry.id,
      checks: m.entry.checks,
      confidence: m.confidence,
      excerpt: m.excerpt,
      line: m.line,
      occurrences: m.occurrences,
    }));
}

export function logEvidence(finding: LogFinding, path: string): Evidence {
  const times = finding.occurrences > 1 ? `, ${finding.occurrences} times` : '';
  return {
    fact: 'containerd.log',
    state: 'ok',
    value: `${finding.excerpt} (explain: ${finding.entryId}; line ${finding.line} of the tail${times})`,
    source: { kind: 'file', path },
  };
}

/** The results with an evidence entry appended for every log finding that names their check. */
export function addLogEvidence(results: CheckResult[], facts: NodeFacts): CheckResult[] {
  const log = facts.containerd?.log;
  if (log?.state !== 'ok' || !log.value?.tail) return results;
  const { path, tail } = log.value;
  const findings = findLogMessages(tail);
  if (findings.length === 0) return results;
  return results.map((result) => {
    const related = findings.filter((f) => f.checks.includes(result.id));
    return related.length === 0
      ? result
      : { ...result, evidence: [...result.evidence, ...related.map((f) => logEvidence(f, path))] };
  });
}
