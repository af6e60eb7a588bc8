/**
 * flutter-doctor style text: one `[✓]/[!]/[✗]/[?]` header per group with its headline value, findings
 * indented under it with their fix, and a one-line summary. A pure function of the report: the verdict,
 * the headline and informational flags and what was not seen all come from it.
 *
 * "Could not check" is never shown as ✓: a group with a check that could not see its facts is `[?]`, and
 * an inconclusive run never says "No issues found"; it says what could not be seen and how to see it.
 */
import type { CheckResult, Finding, Group } from '../contract/check.js';
import { GROUP_TITLES, GROUPS } from '../contract/check.js';
import type { DoctorReport, NotSeen } from '../contract/report.js';
import { type Mark, Painter, plural, wrap } from './terminal.js';

export interface HumanOptions {
  verbose?: boolean;
  color?: boolean;
  /** Plain ASCII-ish symbols for consoles whose fonts lack ✓ and ✗ (conhost on Windows). */
  asciiSymbols?: boolean;
  /** Wrap prose at this many columns (a terminal's width); commands are never wrapped, so they paste whole. */
  width?: number;
}

const unreadable = (r: CheckResult) => r.status === 'skip' && r.skipReason === 'unreadable';

function groupMark(group: Group, results: CheckResult[]): Mark {
  if (results.some((r) => r.status === 'fail')) return 'fail';
  if (results.some((r) => r.status === 'error')) return 'error';
  if (results.some(unreadable)) return 'unknown';
  if (results.some((r) => r.status === 'warn')) return 'warn';
  if (results.every((r) => r.status === 'skip')) return 'skip';
  return group === 'context' || results.every((r) => r.informational) ? 'info' : 'pass';
}

function resultMark(result: CheckResult): Mark {
  if (unreadable(result)) return 'unknown';
  return result.informational && result.status === 'pass' ? 'info' : result.status;
}

function headerLine(group: Group, results: CheckResult[], p: Painter): string {
  const headline = results.find((r) => r.headline && r.observed !== undefined);
  const value = headline?.observed ? ` (${headline.observed})` : '';
  return `[${p.mark(groupMark(group, results))}] ${p.bold(GROUP_TITLES[group])}${value}`;
}

function evidenceLine(e: CheckResult['evidence'][number]): string {
  if (e.source.kind === 'derived') return e.value ?? e.reason ?? e.fact;
  const where = e.source.command?.join(' ') ?? e.source.path ?? e.source.key ?? e.source.kind;
  const value = (e.value ?? e.reason ?? '').split(/\r?\n/)[0];
  const state = e.state === 'ok' ? '' : ` [${e.state}]`;
  return `${e.fact}${state}: ${value} (from ${where})`;
}

function fixLines(fix: NonNullable<CheckResult['fix']>, options: HumanOptions, p: Painter, indent: string): string[] {
  const lines = [wrap(`${indent}${fix.text}`, options.width, indent)];
  for (const command of fix.commands) lines.push(`${indent}  ${p.bold(command)}`);
  return lines;
}

/** The findings after the headline one (-v shows them all; otherwise their count). */
function moreFindings(result: CheckResult, options: HumanOptions, p: Painter): string[] {
  const others: Finding[] = (result.findings ?? []).slice(1);
  if (others.length === 0) return [];
  if (!options.verbose) {
    return [p.dim(`      (and ${plural(others.length, 'more finding')} in this check; -v lists them)`)];
  }
  const lines: string[] = [];
  for (const f of others) {
    const mark: Mark = f.status === 'skip' ? 'unknown' : f.status;
    lines.push(
      p.colourHead(
        wrap(`      ${p.symbol(mark)} ${f.message}  [${f.messageId}]`, options.width, '        '),
        mark,
        f.messageId,
      ),
    );
    if (f.fix) lines.push(...fixLines(f.fix, options, p, '        '));
  }
  return lines;
}

function resultLines(result: CheckResult, options: HumanOptions, p: Painter): string[] {
  const mark = resultMark(result);
  const label = result.status === 'error' ? 'crashed: ' : mark === 'unknown' ? 'could not check: ' : '';
  const head = wrap(`    ${p.symbol(mark)} ${label}${result.message}  [${result.id}]`, options.width, '      ');
  const lines = [p.colourHead(head, mark, result.id)];
  if (options.verbose && (result.observed !== undefined || result.expected !== undefined)) {
    lines.push(p.dim(`      observed: ${result.observed ?? '—'}; expected: ${result.expected ?? '—'}`));
  }
  if (result.fix && (result.status === 'fail' || result.status === 'warn' || options.verbose)) {
    lines.push(...fixLines(result.fix, options, p, '      '));
    lines.push(p.dim(`      Docs: ${result.docsUrl}`));
  }
  lines.push(...moreFindings(result, options, p));
  if (options.verbose && result.evidence.length > 0) {
    lines.push(p.dim('      evidence:'));
    lines.push(...result.evidence.map((e) => p.dim(`        ${evidenceLine(e)}`)));
  }
  return lines;
}

function countsText(report: DoctorReport): string {
  const s = report.summary;
  return `${plural(report.results.length, 'check')}: ${s.pass} passed, ${s.fail} failed, ${s.warn} warned, ${s.skip} skipped, ${s.error} crashed`;
}

function notSeenLine(n: NotSeen): string {
  if (n.kind === 'nothingJudged') return `    - ${n.reason}: ${n.hint}`;
  const what = n.kind === 'crashed' ? 'crashed' : `${n.fact ?? 'a fact'} ${n.state ?? 'unreadable'}: ${n.reason}`;
  return `    - [${n.check}] ${what} → ${n.hint}`;
}

function summaryLines(report: DoctorReport, groupsWithIssues: number, options: HumanOptions, p: Painter): string[] {
  const s = report.summary;
  const counts = countsText(report);
  const lines: string[] = [];
  if (report.verdict === 'unhealthy') {
    const found = [plural(s.fail, 'failure'), plural(s.warn, 'warning')];
    if (s.error > 0) found.push(plural(s.error, 'crashed check'));
    lines.push(
      `${p.mark('fail')} Doctor found ${found.join(', ')} in ${plural(groupsWithIssues, 'group')} (${counts}).`,
    );
  } else if (report.verdict === 'inconclusive') {
    const found = [s.warn > 0 ? plural(s.warn, 'warning') : '', s.error > 0 ? plural(s.error, 'crashed check') : '']
      .filter(Boolean)
      .join(', ');
    const mark = s.error > 0 ? 'error' : 'unknown';
    lines.push(
      `${p.mark(mark)} Inconclusive${found ? ` (${found})` : ''}: the doctor could not see everything it needs (${counts}). Not seen:`,
    );
    lines.push(...report.notSeen.map(notSeenLine));
  } else if (s.warn > 0) {
    lines.push(
      `${p.mark('warn')} Doctor found 0 failures, ${plural(s.warn, 'warning')} in ${plural(groupsWithIssues, 'group')} (${counts}).`,
    );
  } else {
    lines.push(`${p.mark('pass')} No issues found (${counts}).`);
  }
  const ignored = report.results.filter((r) => r.ignored).length;
  if (ignored > 0) lines.push(`  ${plural(ignored, 'failure')} reported as a warning because of --ignore.`);
  if (s.fail > 0)
    lines.push('  To accept a failure, rerun with --ignore <id>: it is then reported as a warning, never hidden.');
  if (!options.verbose)
    lines.push(p.dim('  Run with -v for passing checks, observed and expected values, and evidence.'));
  return lines;
}

function titleLine(report: DoctorReport): string {
  const { node } = report;
  const parts = [`${report.tool.name} ${report.tool.version}`];
  if (node.name) parts.push(`node ${node.name}`);
  if (node.source === 'snapshot') parts.push(`snapshot ${node.snapshot ?? ''}`.trim());
  else if (node.source === 'what-if') parts.push('what-if facts only');
  else parts.push('live');
  if (node.source !== 'what-if' && node.whatIf && node.whatIf.length > 0)
    parts.push(`what-if ${node.whatIf.join(' ')}`);
  return parts.join(' · ');
}

const hasIssue = (r: CheckResult) =>
  r.status === 'fail' || r.status === 'warn' || r.status === 'error' || unreadable(r);

export function renderHuman(report: DoctorReport, options: HumanOptions = {}): string {
  const p = new Painter(options);
  const verbose = options.verbose ?? false;
  const lines = [titleLine(report), ''];
  let groupsWithIssues = 0;
  for (const group of GROUPS) {
    const results = report.results.filter((r) => r.group === group);
    if (results.length === 0) continue;
    if (results.some(hasIssue)) groupsWithIssues += 1;
    lines.push(headerLine(group, results, p));
    const notCollected = verbose ? [] : results.filter((r) => r.skipReason === 'notCollected');
    for (const result of results) {
      if (notCollected.includes(result) || (!verbose && result.status === 'pass')) continue;
      lines.push(...resultLines(result, options, p));
    }
    if (notCollected.length > 0) {
      lines.push(
        p.dim(
          `    ${p.mark('skip')} not checked, their facts were not given: ${notCollected.map((r) => r.id).join(', ')}`,
        ),
      );
    }
  }
  lines.push('', ...summaryLines(report, groupsWithIssues, options, p).map((l) => wrap(l, options.width, '      ')));
  return `${lines.join('\n')}\n`;
}
