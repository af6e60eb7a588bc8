/**
 * flutter-doctor style text: one `[✓]/[!]/[✗]` header per group with its headline value, findings
 * indented under it with their fix, and a one-line summary. A pure function of the report.
 */
import type { CheckResult, Group, Status } from '../check.js';
import { GROUPS, NOT_COLLECTED_ID } from '../check.js';
import type { DoctorReport } from '../report.js';

export interface HumanOptions {
  verbose?: boolean;
  color?: boolean;
  /** Plain ASCII-ish symbols for consoles whose fonts lack ✓ and ✗ (conhost on Windows). */
  asciiSymbols?: boolean;
  /** Wrap prose at this many columns (a terminal's width); commands are never wrapped, so they paste whole. */
  width?: number;
}

/** Word-wraps `text` to `width` columns, indenting continuation lines by `indent`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const visibleLength = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').length;

export function wrap(text: string, width: number | undefined, indent: string): string {
  if (!width || width < 40) return text;
  const lead = /^ */.exec(text)?.[0] ?? '';
  const out: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const candidate = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    if (visibleLength(candidate) > width && line.trim() !== '') {
      out.push(line);
      line = `${indent}${word}`;
    } else {
      line = candidate;
    }
  }
  out.push(line);
  return out.join('\n');
}

const GROUP_TITLES: Record<Group, string> = {
  os: 'Windows',
  containerd: 'containerd',
  kubelet: 'kubelet',
  accounts: 'HostProcess accounts',
  context: 'Doctor context',
};

/** The check whose observed value heads its group, as flutter shows `Flutter (Channel stable, 3.x)`. */
const HEADLINE: Partial<Record<Group, string>> = {
  os: 'os-build',
  containerd: 'containerd-version',
  kubelet: 'kubelet-version',
  context: 'hostprocess-context',
};

type Mark = Status | 'info';

const UNICODE: Record<Mark, string> = { pass: '✓', warn: '!', fail: '✗', skip: '-', error: '☠', info: '•' };
const ASCII: Record<Mark, string> = { pass: '√', warn: '!', fail: 'X', skip: '-', error: 'E', info: '*' };

const ANSI: Record<string, [number, number]> = {
  green: [32, 39],
  yellow: [33, 39],
  red: [31, 39],
  dim: [2, 22],
  bold: [1, 22],
};

const STATUS_COLOR: Record<Mark, keyof typeof ANSI> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
  error: 'red',
  skip: 'dim',
  info: 'dim',
};

class Painter {
  constructor(
    private readonly color: boolean,
    private readonly symbols: Record<Mark, string>,
  ) {}
  paint(style: keyof typeof ANSI, text: string): string {
    const codes = ANSI[style];
    return this.color && codes ? `\u001b[${codes[0]}m${text}\u001b[${codes[1]}m` : text;
  }
  mark(mark: Mark): string {
    return this.paint(STATUS_COLOR[mark], this.symbols[mark]);
  }
  symbolOf(mark: Mark): string {
    return this.symbols[mark];
  }
  /** Colours the mark and the [id] of a (possibly wrapped) result line. */
  colourHead(text: string, mark: Mark, id: string): string {
    const symbol = this.symbols[mark];
    const at = text.indexOf(symbol);
    const marked = at < 0 ? text : `${text.slice(0, at)}${this.mark(mark)}${text.slice(at + symbol.length)}`;
    const tag = `[${id}]`;
    const end = marked.lastIndexOf(tag);
    return end < 0 ? marked : `${marked.slice(0, end)}${this.paint('dim', tag)}${marked.slice(end + tag.length)}`;
  }
}

function groupMark(results: CheckResult[]): Mark {
  if (results.some((r) => r.status === 'error')) return 'error';
  if (results.some((r) => r.status === 'fail')) return 'fail';
  if (results.some((r) => r.status === 'warn')) return 'warn';
  if (results.every((r) => r.status === 'skip')) return 'skip';
  return 'pass';
}

function resultMark(result: CheckResult, informational: boolean): Mark {
  return informational && result.status === 'pass' ? 'info' : result.status;
}

function headerLine(group: Group, results: CheckResult[], p: Painter): string {
  const headline = results.find((r) => r.id === HEADLINE[group] && r.observed !== undefined);
  const value = headline?.observed ? ` (${headline.observed})` : '';
  const mark = group === 'context' ? 'info' : groupMark(results);
  return `[${p.mark(mark)}] ${p.paint('bold', GROUP_TITLES[group])}${value}`;
}

function evidenceLine(e: CheckResult['evidence'][number]): string {
  if (e.source.kind === 'derived') return e.value ?? e.reason ?? e.fact;
  const where = e.source.command?.join(' ') ?? e.source.path ?? e.source.key ?? e.source.kind;
  const value = (e.value ?? e.reason ?? '').split(/\r?\n/)[0];
  const state = e.state === 'ok' ? '' : ` [${e.state}]`;
  return `${e.fact}${state}: ${value} (from ${where})`;
}

function evidenceLines(result: CheckResult, p: Painter): string[] {
  return result.evidence.map((e) => p.paint('dim', `        ${evidenceLine(e)}`));
}

function resultLines(result: CheckResult, informational: boolean, options: HumanOptions, p: Painter): string[] {
  const mark = resultMark(result, informational);
  const label = result.status === 'error' ? 'crashed: ' : '';
  const head = wrap(`    ${p.symbolOf(mark)} ${label}${result.message}  [${result.id}]`, options.width, '      ');
  const lines = [p.colourHead(head, mark, result.id)];
  if (options.verbose && (result.observed !== undefined || result.expected !== undefined)) {
    lines.push(p.paint('dim', `      observed: ${result.observed ?? '—'}; expected: ${result.expected ?? '—'}`));
  }
  if (result.fix && (result.status === 'fail' || result.status === 'warn' || options.verbose)) {
    lines.push(wrap(`      ${result.fix.text}`, options.width, '      '));
    for (const command of result.fix.commands) lines.push(`        ${p.paint('bold', command)}`);
    lines.push(p.paint('dim', `      Docs: ${result.docsUrl}`));
  }
  if (options.verbose && result.evidence.length > 0) {
    lines.push(p.paint('dim', '      evidence:'));
    lines.push(...evidenceLines(result, p));
  }
  return lines;
}

function shouldShow(result: CheckResult, verbose: boolean): boolean {
  return verbose || result.status !== 'pass';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summaryLine(report: DoctorReport, groupsWithIssues: number, verbose: boolean, p: Painter): string[] {
  const s = report.summary;
  const total = report.results.length;
  const counts = `${plural(total, 'check')}: ${s.pass} passed, ${s.fail} failed, ${s.warn} warned, ${s.skip} skipped, ${s.error} crashed`;
  const lines: string[] = [];
  const ignored = report.results.filter((r) => r.ignored).length;
  if (s.fail === 0 && s.warn === 0 && s.error === 0) {
    lines.push(`${p.mark('pass')} No issues found (${counts}).`);
  } else {
    const found = [plural(s.fail, 'failure'), plural(s.warn, 'warning')];
    if (s.error > 0) found.push(plural(s.error, 'crashed check'));
    const mark = s.error > 0 ? 'error' : s.fail > 0 ? 'fail' : 'warn';
    lines.push(`${p.mark(mark)} Doctor found ${found.join(', ')} in ${plural(groupsWithIssues, 'group')} (${counts}).`);
  }
  if (ignored > 0) lines.push(`  ${plural(ignored, 'failure')} reported as warnings because of --ignore.`);
  if (s.fail > 0)
    lines.push('  To accept a failure, rerun with --ignore <id>: it is then reported as a warning, never hidden.');
  if (!verbose)
    lines.push(p.paint('dim', '  Run with -v for passing checks, observed and expected values, and evidence.'));
  return lines;
}

function titleLine(report: DoctorReport): string {
  const { node } = report;
  const parts = [`${report.tool.name} ${report.tool.version}`];
  if (node.name) parts.push(`node ${node.name}`);
  if (node.source === 'snapshot') parts.push(`snapshot ${node.snapshot ?? ''}`.trim());
  else if (node.source === 'what-if') parts.push('what-if facts only');
  else parts.push('live');
  return parts.join(' · ');
}

export function renderHuman(
  report: DoctorReport,
  informational: ReadonlySet<string>,
  options: HumanOptions = {},
): string {
  const p = new Painter(options.color ?? false, options.asciiSymbols ? ASCII : UNICODE);
  const verbose = options.verbose ?? false;
  const lines = [titleLine(report), ''];
  let groupsWithIssues = 0;
  for (const group of GROUPS) {
    const results = report.results.filter((r) => r.group === group);
    if (results.length === 0) continue;
    if (results.some((r) => r.status === 'fail' || r.status === 'warn' || r.status === 'error')) groupsWithIssues += 1;
    lines.push(headerLine(group, results, p));
    const notCollected = verbose ? [] : results.filter((r) => r.messageId === NOT_COLLECTED_ID);
    for (const result of results) {
      if (notCollected.includes(result) || !shouldShow(result, verbose)) continue;
      lines.push(...resultLines(result, informational.has(result.id), options, p));
    }
    if (notCollected.length > 0) {
      lines.push(
        p.paint(
          'dim',
          `    ${p.mark('skip')} not checked, their facts were not given: ${notCollected.map((r) => r.id).join(', ')}`,
        ),
      );
    }
  }
  lines.push('', ...summaryLine(report, groupsWithIssues, verbose, p).map((l) => wrap(l, options.width, '  ')));
  return `${lines.join('\n')}\n`;
}
