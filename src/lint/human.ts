/**
 * The lint report as text, in the doctor's style: one `[✗]/[!]/[•]/[✓]/[?]` line per HostProcess object,
 * grouped by file, its findings indented under it with where they are and the fix, and a one-line
 * summary. A pure function of the report. Objects that are not HostProcess workloads are listed, not
 * judged; a run that could not see everything never ends with "no issues".
 */
import { type Mark, Painter, plural, wrap } from '../reporters/terminal.js';
import { describeRef } from './objects.js';
import type { LintFinding, LintLocation, LintReport, ObjectResult } from './report.js';
import type { Severity } from './rule.js';

export interface LintHumanOptions {
  verbose?: boolean;
  color?: boolean;
  asciiSymbols?: boolean;
  /** Wrap prose at this many columns (a terminal); commands are never wrapped. */
  width?: number;
}

const MARK: Record<Severity, Mark> = { error: 'fail', warning: 'warn', note: 'info' };

export const where = (l: LintLocation) => `${l.file}:${l.line}:${l.column}`;

function objectMark(result: ObjectResult): Mark {
  const severities = new Set(result.findings.map((f) => f.severity));
  if (severities.has('error')) return 'fail';
  if (result.notChecked.some((n) => n.unseen)) return 'unknown';
  if (severities.has('warning')) return 'warn';
  if (severities.has('note')) return 'info';
  return 'pass';
}

function objectTitle(result: ObjectResult): string {
  const item = result.item === undefined ? '' : `items[${result.item}] `;
  return `${item}${describeRef(result.object)}`;
}

function findingLines(f: LintFinding, options: LintHumanOptions, p: Painter): string[] {
  const mark = MARK[f.severity];
  const ignored = f.ignored ? ' (error, reported as a warning because of --ignore)' : '';
  const head = wrap(`    ${p.symbol(mark)} ${f.message}${ignored}  [${f.ruleId}]`, options.width, '      ');
  const lines = [
    p.colourHead(head, mark, f.ruleId),
    p.dim(`      at ${where(f.location)} (${f.path || 'the object'})`),
  ];
  for (const r of f.related ?? []) lines.push(p.dim(`      and ${where(r.location)}: ${r.message}`));
  if (f.fix && (f.severity !== 'note' || options.verbose)) {
    lines.push(wrap(`      ${f.fix.text}`, options.width, '      '));
    for (const command of f.fix.commands) lines.push(`        ${p.bold(command)}`);
  }
  if (f.severity !== 'note' || options.verbose) lines.push(p.dim(`      Docs: ${f.docsUrl}`));
  return lines;
}

function linesFor(result: ObjectResult, options: LintHumanOptions, p: Painter): string[] {
  const at = `line ${result.location.line}`;
  if (result.status === 'notHostProcess') {
    return [p.dim(`[${p.symbol('skip')}] ${objectTitle(result)} (${at}): not HostProcess, not judged`)];
  }
  if (result.status === 'notKubernetes') {
    return [
      p.dim(
        `[${p.symbol('skip')}] document ${result.document} (${at}): not a Kubernetes object (no kind and apiVersion)`,
      ),
    ];
  }
  const mark = objectMark(result);
  const lines = [`[${p.mark(mark)}] ${p.bold(objectTitle(result))} (${at})`];
  for (const f of result.findings) lines.push(...findingLines(f, options, p));
  for (const n of result.notChecked.filter((x) => x.unseen)) {
    lines.push(wrap(`    ${p.mark('unknown')} could not check: ${n.reason}  [${n.rule}]`, options.width, '      '));
  }
  if (options.verbose) {
    for (const n of result.notChecked.filter((x) => !x.unseen)) {
      lines.push(p.dim(wrap(`    - not checked: ${n.reason}  [${n.rule}]`, options.width, '      ')));
    }
  }
  return lines;
}

function countsText(report: LintReport): string {
  const s = report.summary;
  return `${plural(s.objects, 'object')} in ${plural(s.files, 'file')}`;
}

function summaryLines(report: LintReport, options: LintHumanOptions, p: Painter): string[] {
  const s = report.summary;
  const withIssues = report.results.filter(
    (r) => r.status === 'linted' && r.findings.some((f) => f.severity !== 'note'),
  ).length;
  const found = `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')} and ${plural(s.note, 'note')}`;
  const scope = `${withIssues} of ${plural(s.hostProcess, 'HostProcess workload')} (${countsText(report)})`;
  const lines: string[] = [];
  if (report.verdict === 'unhealthy') {
    lines.push(`${p.mark('fail')} Lint found ${found} in ${scope}.`);
  } else if (report.verdict === 'inconclusive') {
    const issues = s.warning > 0 ? ` (${plural(s.warning, 'warning')})` : '';
    lines.push(
      `${p.mark('unknown')} Inconclusive${issues}: the lint could not see everything it needs (${plural(s.hostProcess, 'HostProcess workload')}, ${countsText(report)}). Not seen:`,
    );
    for (const n of report.notSeen) {
      const what = n.object ? `${n.file ?? ''} ${describeRef(n.object)}: ` : n.file ? `${n.file}: ` : '';
      lines.push(`    - ${what}${n.reason} → ${n.hint}`);
    }
  } else if (s.warning > 0) {
    lines.push(`${p.mark('warn')} Lint found ${found} in ${scope}.`);
  } else {
    const notes = s.note > 0 ? `; ${plural(s.note, 'note')}` : '';
    lines.push(
      `${p.mark('pass')} No errors or warnings in ${plural(s.hostProcess, 'HostProcess workload')} (${countsText(report)})${notes}.`,
    );
  }
  const ignored = report.results.flatMap((r) => r.findings).filter((f) => f.ignored).length;
  if (ignored > 0) lines.push(`  ${plural(ignored, 'error')} reported as a warning because of --ignore.`);
  if (!options.verbose) {
    const reasons = new Map<string, Set<string>>();
    for (const r of report.results) {
      for (const n of r.notChecked) {
        if (n.unseen) continue;
        const set = reasons.get(n.rule) ?? new Set<string>();
        set.add(n.reason);
        reasons.set(n.rule, set);
      }
    }
    if (reasons.size > 0) {
      lines.push(p.dim('  Not checked, their facts were not given:'));
      for (const [rule, set] of reasons) {
        const list = [...set];
        const shown = list.slice(0, 3).join('; ');
        const more = list.length > 3 ? ` (and ${list.length - 3} more; -v lists them)` : '';
        lines.push(p.dim(`    - ${shown}${more}  [${rule}]`));
      }
    }
    lines.push(p.dim('  Run with -v for the fix of every note and what each object did not check.'));
  }
  return lines;
}

export function renderLintHuman(report: LintReport, options: LintHumanOptions = {}): string {
  const p = new Painter(options);
  const node =
    report.node.source === 'none'
      ? 'no node facts'
      : `node ${report.node.summary?.name ? `${report.node.summary.name} ` : ''}(${report.node.described})`;
  const lines = [
    `${report.tool.name} ${report.tool.version} · lint · ${plural(report.summary.files, 'file')} · ${node}`,
  ];
  const byFile = new Map<string, ObjectResult[]>();
  for (const r of report.results) {
    const list = byFile.get(r.file) ?? [];
    list.push(r);
    byFile.set(r.file, list);
  }
  for (const file of report.files) {
    const results = byFile.get(file) ?? [];
    lines.push('', p.bold(file));
    if (results.length === 0) lines.push(p.dim('    (no documents)'));
    for (const r of results.filter((x) => x.status !== 'notWorkload')) lines.push(...linesFor(r, options, p));
    const others = results.filter((x) => x.status === 'notWorkload');
    if (others.length > 0) {
      lines.push(
        p.dim(
          wrap(
            `    also read, not workloads: ${others.map((o) => `${o.object.kind ?? 'object'} ${o.object.name ?? ''}`.trim()).join(', ')}`,
            options.width,
            '      ',
          ),
        ),
      );
    }
  }
  lines.push('', ...summaryLines(report, options, p).map((l) => wrap(l, options.width, '      ')));
  return `${lines.join('\n')}\n`;
}
