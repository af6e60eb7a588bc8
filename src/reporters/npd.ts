/**
 * node-problem-detector custom plugin protocol: one line on stdout, exit 0 (ok), 1 (problem) or 2
 * (unknown). NPD keeps only stdout, trimmed and cut to max_output_length bytes (80 by default), as the
 * node condition's message, so the line is plain ASCII of at most 80 bytes. It names what failed and
 * carries no timestamps or durations, so an unchanged node gives an unchanged message.
 */
import type { DoctorReport, Verdict } from '../contract/report.js';

export const NPD_MAX_LENGTH = 80;
/** NPD's custom plugin protocol: 0 OK, 1 NonOK, anything else Unknown. */
export const NPD_EXIT: Record<Verdict, number> = { healthy: 0, unhealthy: 1, inconclusive: 2 };

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

const unique = (items: string[]) => [...new Set(items)];

function inconclusiveLine(report: DoctorReport): string {
  const crashed = report.notSeen.filter((n) => n.kind === 'crashed').flatMap((n) => (n.check ? [n.check] : []));
  if (crashed.length > 0) return withIds('unknown: crashed: ', unique(crashed));
  const unreadable = report.notSeen.filter((n) => n.kind === 'unreadable');
  if (unreadable.length > 0) {
    const why = unique(unreadable.map((u) => u.state ?? 'error')).join(', ');
    return withIds(
      'unknown: ',
      unique(unreadable.flatMap((u) => (u.check ? [u.check] : []))),
      ` facts unreadable (${why})`,
    );
  }
  return `unknown: no check could judge the node (${report.summary.skip} skipped)`;
}

export function renderNpd(report: DoctorReport): NpdResult {
  const { summary } = report;
  const ids = (status: string) => report.results.filter((r) => r.status === status).map((r) => r.id);
  let line: string;
  if (report.verdict === 'unhealthy') line = withIds('problem: ', ids('fail'), ' failed');
  else if (report.verdict === 'inconclusive') line = inconclusiveLine(report);
  else if (summary.warn > 0) line = withIds(`ok: ${summary.pass} passed, warned: `, ids('warn'));
  else line = `ok: ${summary.pass} checks passed${summary.skip > 0 ? `, ${summary.skip} skipped` : ''}`;
  return { line: npdLine(line), exitCode: NPD_EXIT[report.verdict] };
}

/** The doctor could not run at all (not on Windows, bad input, a bug): NPD's Unknown, with why. */
export function npdUnknown(message: string): NpdResult {
  const first = (message.split('\n')[0] ?? '').replace(/^hostprocess-doctor:?\s+/, '');
  return { line: npdLine(`unknown: ${first}`), exitCode: NPD_EXIT.inconclusive };
}
