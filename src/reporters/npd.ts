/**
 * node-problem-detector custom plugin protocol: one line on stdout, exit 0 (ok), 1 (problem) or 2
 * (unknown). NPD keeps only stdout, trimmed and cut to max_output_length bytes (80 by default), as the
 * node condition's message, so the line is plain ASCII of at most 80 bytes. It names what failed and
 * carries no timestamps or durations, so an unchanged node gives an unchanged message.
 */
import type { DoctorReport } from '../report.js';
import { type State, verdictOf } from './verdict.js';

export const NPD_MAX_LENGTH = 80;
export const NPD_EXIT: Record<State, number> = { ok: 0, problem: 1, unknown: 2 };

export interface NpdResult {
  line: string;
  exitCode: number;
}

/** Plain ASCII on one line, at most `max` bytes: NPD cuts by bytes, and a cut UTF-8 character garbles. */
export function npdLine(text: string, max = NPD_MAX_LENGTH): string {
  const ascii = text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return ascii.length <= max ? ascii : `${ascii.slice(0, max - 3).trimEnd()}...`;
}

/** `head` followed by as many ids as fit, then `+N more`. */
function withIds(head: string, ids: string[], tail = ''): string {
  for (let shown = ids.length; shown > 0; shown--) {
    const rest = ids.length - shown;
    const text = `${head}${ids.slice(0, shown).join(', ')}${rest > 0 ? `, +${rest} more` : ''}${tail}`;
    if (text.length <= NPD_MAX_LENGTH) return text;
  }
  return `${head}${ids.length} checks${tail}`;
}

export function renderNpd(report: DoctorReport): NpdResult {
  const verdict = verdictOf(report);
  const { summary } = report;
  let line: string;
  if (verdict.state === 'problem') {
    line = withIds('problem: ', verdict.failed, ' failed');
  } else if (verdict.state === 'unknown') {
    if (verdict.errored.length > 0) line = withIds('unknown: crashed: ', verdict.errored);
    else if (verdict.unreadable.length > 0) {
      const why = [...new Set(verdict.unreadable.map((u) => u.why))].join(', ');
      line = withIds(
        'unknown: ',
        verdict.unreadable.map((u) => u.id),
        ` facts unreadable (${why})`,
      );
    } else line = `unknown: no check could run (${summary.skip} skipped)`;
  } else if (verdict.warned.length > 0) {
    line = withIds(`ok: ${summary.pass} passed, warned: `, verdict.warned);
  } else {
    line = `ok: ${summary.pass} checks passed${summary.skip > 0 ? `, ${summary.skip} skipped` : ''}`;
  }
  return { line: npdLine(line), exitCode: NPD_EXIT[verdict.state] };
}

/** The doctor could not run at all (not on Windows, bad input, a bug): NPD's Unknown, with why. */
export function npdUnknown(message: string): NpdResult {
  const first = (message.split('\n')[0] ?? '').replace(/^hostprocess-doctor:?\s+/, '');
  return { line: npdLine(`unknown: ${first}`), exitCode: NPD_EXIT.unknown };
}
