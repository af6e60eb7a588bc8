/**
 * Linking a message to a node: run the checks a matched entry names on the facts at hand (a snapshot,
 * what-if flags) and say, per check and per entry, whether this node shows the cause.
 */

import type { CatalogueEntry } from '../catalogue/entries.js';
import type { Match } from '../catalogue/match.js';
import type { CheckResult } from '../contract/check.js';
import type { NodeFacts } from '../contract/facts.js';
import { type AnalyzeOptions, analyzeFacts } from '../engine.js';

/** One related check, run on the node's facts. */
export type CheckVerdict = 'cause' | 'possible' | 'not-cause' | 'unknown';

/**
 * The entry as a whole: `yes` a related check shows the cause; `possible` one may; `no` every related
 * check ran and none does; `unknown` the facts needed were not given; `no-check` no check covers it.
 */
export type NodeVerdict = 'yes' | 'possible' | 'no' | 'unknown' | 'no-check';

export interface CheckLink {
  id: string;
  status: CheckResult['status'];
  messageId: string;
  message: string;
  verdict: CheckVerdict;
}

export interface NodeLink {
  verdict: NodeVerdict;
  checks: CheckLink[];
}

export function checkVerdict(entry: CatalogueEntry, result: CheckResult): CheckVerdict {
  if (result.status === 'skip' || result.status === 'error') return 'unknown';
  const causes = entry.causeWhen?.[result.id];
  const possible = entry.possibleWhen?.[result.id];
  if (causes || possible) {
    if (causes?.includes(result.messageId)) return 'cause';
    return possible?.includes(result.messageId) ? 'possible' : 'not-cause';
  }
  if (result.status === 'fail') return 'cause';
  if (result.status === 'warn') return 'possible';
  return 'not-cause';
}

export function nodeVerdict(checks: CheckLink[]): NodeVerdict {
  if (checks.length === 0) return 'no-check';
  if (checks.some((c) => c.verdict === 'cause')) return 'yes';
  if (checks.some((c) => c.verdict === 'possible')) return 'possible';
  if (checks.every((c) => c.verdict === 'not-cause')) return 'no';
  return 'unknown';
}

export function linkEntry(entry: CatalogueEntry, results: CheckResult[]): NodeLink {
  const checks: CheckLink[] = [];
  for (const id of entry.checks) {
    const result = results.find((r) => r.id === id);
    if (!result) continue;
    checks.push({
      id,
      status: result.status,
      messageId: result.messageId,
      message: result.message,
      verdict: checkVerdict(entry, result),
    });
  }
  return { verdict: nodeVerdict(checks), checks };
}

/**
 * Runs every check the matches name, once, with --only semantics, and links each match to the results.
 * Entries whose checks are not in the catalogue (there are none; a test pins it) link to nothing.
 */
export async function linkFacts(
  matches: Match[],
  facts: NodeFacts,
  options: Pick<AnalyzeOptions, 'source' | 'snapshot' | 'whatIf'>,
): Promise<{ links: NodeLink[]; results: CheckResult[] }> {
  const only = [...new Set(matches.flatMap((m) => m.entry.checks))];
  // An empty --only means "all checks"; with no related checks there is nothing to run.
  const results = only.length === 0 ? [] : (await analyzeFacts(facts, { ...options, only })).results;
  return { links: matches.map((m) => linkEntry(m.entry, results)), results };
}
