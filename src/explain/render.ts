/**
 * What `explain` prints: flutter-doctor style text (one `[✗]/[!]/[?]` header per known cause, best first)
 * or one JSON document. Pure functions of the explanation.
 */

import { CATALOGUE, type CatalogueEntry, type Confidence, type Scope } from '../catalogue/entries.js';
import type { Match } from '../catalogue/match.js';
import type { Fix } from '../contract/check.js';
import { docsUrlFor } from '../contract/check.js';
import type { NodeSummary } from '../contract/report.js';
import { TOOL_NAME, TOOL_VERSION } from '../contract/version.js';
import { lintRulesFor } from '../lint/catalogue.js';
import { type Mark, Painter, paragraph, wrap } from '../reporters/terminal.js';
import type { CheckLink, CheckVerdict, NodeLink, NodeVerdict } from './link.js';

export const EXPLAIN_SCHEMA_VERSION = 1;

export interface Explanation {
  /** Where the text came from: "the command line", "stdin", file paths. */
  inputs: string[];
  lines: number;
  matches: Match[];
  /** Present when facts were given: one link per match, in the same order. */
  node?: { summary: NodeSummary; links: NodeLink[] };
}

export interface ExplainJsonMatch {
  id: string;
  title: string;
  confidence: Confidence;
  cause: string;
  checks: string[];
  fix: Fix;
  sources: string[];
  notes?: string[];
  scope: Scope;
  hostProcess: boolean;
  excerpt: string;
  line: number;
  occurrences: number;
  nodeShowsCause?: NodeVerdict;
  node?: CheckLink[];
  /** The `lint` rules that would have caught this error in the manifest, before it was applied. */
  lintRules: string[];
}

export interface ExplainJson {
  schemaVersion: number;
  tool: { name: string; version: string };
  input: { sources: string[]; lines: number };
  node?: NodeSummary;
  matches: ExplainJsonMatch[];
}

export function toJson(explanation: Explanation): ExplainJson {
  const json: ExplainJson = {
    schemaVersion: EXPLAIN_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    input: { sources: explanation.inputs, lines: explanation.lines },
    matches: explanation.matches.map((m, i) => {
      const e = m.entry;
      const out: ExplainJsonMatch = {
        id: e.id,
        title: e.title,
        confidence: m.confidence,
        cause: e.cause,
        checks: [...e.checks],
        fix: { text: e.fix.text, commands: [...e.fix.commands] },
        sources: [...e.sources],
        scope: e.scope,
        hostProcess: e.hostProcess,
        excerpt: m.excerpt,
        line: m.line,
        occurrences: m.occurrences,
        lintRules: lintRulesFor(e.id),
      };
      if (e.notes) out.notes = [...e.notes];
      const link = explanation.node?.links[i];
      if (link) {
        out.nodeShowsCause = link.verdict;
        out.node = link.checks;
      }
      return out;
    }),
  };
  if (explanation.node) json.node = explanation.node.summary;
  return json;
}

export function renderJson(explanation: Explanation): string {
  return `${JSON.stringify(toJson(explanation), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------- text

export interface TextOptions {
  color?: boolean;
  asciiSymbols?: boolean;
  verbose?: boolean;
  /** Wrap prose at this many columns (commands are never wrapped). */
  width?: number;
}

/** Lint rules that need the node's facts (a snapshot or what-if flags) to say anything. */
const NODE_FACT_RULES = new Set(['node-check', 'local-group-exists']);

/** Confidence marks: high ✗, medium !, low ?. */
const CONFIDENCE_MARK: Record<Confidence, Mark> = { high: 'fail', medium: 'warn', low: 'unknown' };

/** A check that passes can still show the cause (containerd 1.7 is the cause of the C:\hpc layout): mark the verdict. */
const VERDICT_MARK: Record<CheckVerdict, Mark> = {
  cause: 'fail',
  possible: 'warn',
  'not-cause': 'pass',
  unknown: 'unknown',
};

const CHECK_VERDICT_TEXT: Record<CheckVerdict, string> = {
  cause: 'this is the cause',
  possible: 'this may be the cause',
  'not-cause': 'not the cause',
  unknown: 'unknown',
};

function nodeVerdictText(verdict: NodeVerdict, entry: CatalogueEntry): string {
  switch (verdict) {
    case 'yes':
      return 'shows the cause';
    case 'possible':
      return 'may show the cause';
    case 'no':
      return 'does not show the cause: look at the pod, the cluster or another node';
    case 'unknown':
      return 'unknown from the facts given (the related checks were skipped)';
    case 'no-check':
      return entry.hostProcess
        ? noCheckText(entry.scope)
        : 'nothing to check: this failure is not specific to HostProcess containers';
  }
}

function noCheckText(scope: Scope): string {
  if (scope === 'pod') return 'not a node problem: the cause is in the pod spec';
  if (scope === 'cluster') return "not a node problem: the cause is in the cluster's configuration";
  return 'no hostprocess-doctor check covers this yet';
}

function describeNodeSource(summary: NodeSummary): string {
  const parts: string[] = [];
  if (summary.snapshot) parts.push(`snapshot ${summary.snapshot}`);
  if (summary.whatIf && summary.whatIf.length > 0) parts.push(`what-if ${summary.whatIf.join(' ')}`);
  if (summary.name) parts.push(summary.name);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function confidenceWord(confidence: Confidence): string {
  return `${confidence} confidence`;
}

function matchLines(
  match: Match,
  link: NodeLink | undefined,
  summary: NodeSummary | undefined,
  options: TextOptions,
  p: Painter,
): string[] {
  const width = options.width;
  const e = match.entry;
  const lines: string[] = [];
  // The facts given rule the cause out: say so, and give no fix for a problem this node does not have.
  const ruledOut = link?.verdict === 'no';
  const mark: Mark = ruledOut ? 'skip' : CONFIDENCE_MARK[match.confidence];
  const note = ruledOut ? `ruled out on this node, ${e.id}` : `${confidenceWord(match.confidence)}, ${e.id}`;
  lines.push(`[${p.mark(mark)}] ${p.bold(e.title)}  ${p.dim(`(${note})`)}`);
  const where = `line ${match.line}${match.occurrences > 1 ? `, ${match.occurrences} times` : ''}`;
  lines.push(`    ${p.dim(`Seen (${where}):`)} ${match.excerpt}`);
  lines.push(...paragraph('    ', 'Cause: ', e.cause, width));
  if (!e.hostProcess) lines.push('    Not specific to HostProcess containers: ordinary pods can get this too.');
  if (link && summary) {
    lines.push(`    This node${describeNodeSource(summary)}: ${p.bold(nodeVerdictText(link.verdict, e))}`);
    for (const check of link.checks) {
      lines.push(
        `      ${p.mark(VERDICT_MARK[check.verdict])} ${check.id} (${check.status}): ${check.message}: ${CHECK_VERDICT_TEXT[check.verdict]}`,
      );
    }
  }
  if (!ruledOut) {
    lines.push(...paragraph('    ', 'Fix: ', e.fix.text, width));
    for (const command of e.fix.commands) lines.push(`        ${p.bold(command)}`);
  }
  if (e.checks.length > 0) {
    lines.push(p.dim(`    Checks: ${e.checks.map((id) => `${id} (${docsUrlFor(id)})`).join(', ')}`));
  }
  const lint = lintRulesFor(e.id);
  if (lint.length > 0) {
    // Rules that judge the manifest against a node need that node's facts.
    const withNode = lint.every((id) => NODE_FACT_RULES.has(id)) ? ' --snapshot NODE.json' : '';
    lines.push(
      `    Before apply: 'hostprocess-doctor lint MANIFEST${withNode}' catches this (rule ${lint.join(', ')}; docs/lint/${lint[0]}.md)`,
    );
  }
  if (options.verbose || match.confidence !== 'high') {
    for (const note of e.notes ?? []) lines.push(...paragraph('    ', 'Note: ', note, width).map((l) => p.dim(l)));
  }
  const [first, ...rest] = e.sources;
  if (first) {
    lines.push(p.dim(`    Sources: ${first}`));
    for (const source of options.verbose ? rest : rest.slice(0, 2)) lines.push(p.dim(`             ${source}`));
    if (!options.verbose && rest.length > 2) lines.push(p.dim(`             (${rest.length - 2} more with -v)`));
  }
  return lines;
}

function inputText(explanation: Explanation): string {
  const from = explanation.inputs.join(', ');
  return `${explanation.lines} line${explanation.lines === 1 ? '' : 's'} from ${from}`;
}

function summaryLine(matches: Match[]): string {
  const counts = new Map<Confidence, number>();
  for (const m of matches) counts.set(m.confidence, (counts.get(m.confidence) ?? 0) + 1);
  const detail = (['high', 'medium', 'low'] as const)
    .filter((c) => counts.has(c))
    .map((c) => `${counts.get(c)} ${c}`)
    .join(', ');
  const noun = matches.length === 1 ? 'known cause' : 'known causes';
  return `${matches.length} ${noun} (${detail} confidence), best first.`;
}

export function renderText(explanation: Explanation, options: TextOptions = {}): string {
  const p = new Painter(options);
  const { matches } = explanation;
  if (matches.length === 0) {
    return [
      `No known HostProcess cause in ${inputText(explanation)}.`,
      `None of the ${CATALOGUE.length} known failures matches; 'hostprocess-doctor explain --list' shows them.`,
      "To look at a node instead, run 'hostprocess-doctor' on it, or 'hostprocess-doctor analyze SNAPSHOT'.",
      '',
    ]
      .map((l) => wrap(l, options.width, '  '))
      .join('\n');
  }
  const out: string[] = [wrap(`Explained ${inputText(explanation)}: ${summaryLine(matches)}`, options.width, '  '), ''];
  matches.forEach((match, i) => {
    const lines = matchLines(match, explanation.node?.links[i], explanation.node?.summary, options, p);
    // Prose wraps at the terminal's width, hanging under its own indent; commands (8 spaces) never do.
    out.push(
      ...lines.map((l) => (l.startsWith('        ') ? l : wrap(l, options.width, `${/^ */.exec(l)?.[0] ?? ''}  `))),
      '',
    );
  });
  const ids = [...new Set(matches.flatMap((m) => m.entry.checks))];
  if (!explanation.node && ids.length > 0) {
    out.push(
      p.dim(
        wrap(
          `Whether a node shows the cause: run 'hostprocess-doctor --only ${ids.join(',')}' on it, or repeat this with --snapshot FILE or what-if flags (see --help).`,
          options.width,
          '  ',
        ),
      ),
      '',
    );
  }
  return out.join('\n');
}

export function renderCatalogue(catalogue: readonly CatalogueEntry[], json: boolean): string {
  if (json) {
    const list = catalogue.map((e) => ({
      id: e.id,
      title: e.title,
      confidence: e.confidence,
      scope: e.scope,
      hostProcess: e.hostProcess,
      checks: e.checks,
      patterns: e.patterns.map((pattern) => ({
        source: pattern.re.source,
        flags: pattern.re.flags,
        confidence: pattern.confidence ?? e.confidence,
      })),
      sources: e.sources,
      ...(e.notes ? { notes: e.notes } : {}),
    }));
    return `${JSON.stringify(list, null, 2)}\n`;
  }
  const width = Math.max(...catalogue.map((e) => e.id.length));
  const lines = catalogue.map((e) => `  ${e.id.padEnd(width)}  ${e.confidence.padEnd(6)}  ${e.title}`);
  return `${catalogue.length} known failures (id, confidence, title):\n${lines.join('\n')}\n`;
}
