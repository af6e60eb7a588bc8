/**
 * Reads many reports into one row per node. Input is text in any of the forms reports travel in:
 *   - `--json` output (pretty-printed, one document),
 *   - `watch` output (NDJSON, one report per line),
 *   - `kubectl logs -l app=hostprocess-doctor --prefix [--timestamps]`, whose lines start with
 *     `[pod/NAME/CONTAINER] ` and perhaps an RFC 3339 time, mixed with the pods' stderr messages.
 * Lines that are not reports are counted and skipped. Where a node has several reports, the newest
 * (by startedAt) wins. Only each node's row is kept, never the reports, so memory stays small and the
 * time grows linearly with the input.
 */
import { type DoctorReport, REPORT_SCHEMA_VERSION } from '../report.js';
import { type State, verdictOf } from '../reporters/verdict.js';

export interface FleetRow {
  node: string;
  state: State;
  containerdVersion?: string;
  osBuild?: string;
  kubeletVersion?: string;
  fails: string[];
  warns: string[];
  /** Checks that crashed, or that could not read their facts: why the state is unknown. */
  unknown: string[];
  startedAt: string;
  toolVersion: string;
  /** Where the winning report came from: a file and line, or stdin and the pod's log prefix. */
  source: string;
}

export interface FleetStats {
  reports: number;
  /** Lines that were neither part of a report nor blank. */
  otherLines: number;
  /** JSON documents that were not hostprocess-doctor reports this version reads. */
  notReports: number;
  /** Reports with a newer schemaVersion than this tool reads. */
  newerSchema: number;
}

const KUBECTL_TIME = /^\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:\d\d) /;

function isReport(value: unknown): value is DoctorReport {
  const r = value as Partial<DoctorReport> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.tool?.name === 'hostprocess-doctor' &&
    typeof r.startedAt === 'string' &&
    typeof r.node === 'object' &&
    r.node !== null &&
    typeof r.summary === 'object' &&
    Array.isArray(r.results)
  );
}

/** `[pod/hostprocess-doctor-abcde/doctor]` → `hostprocess-doctor-abcde`. */
function podOf(prefix: string): string | undefined {
  const parts = prefix.split('/');
  return parts[0] === 'pod' ? parts[1] : undefined;
}

export class FleetCollector {
  private readonly rows = new Map<string, FleetRow & { time: number }>();
  /** Pretty-printed documents being gathered, per log prefix (kubectl interleaves pods' lines). */
  private readonly pending = new Map<string, { lines: string[]; line: number }>();
  readonly stats: FleetStats = { reports: 0, otherLines: 0, notReports: 0, newerSchema: 0 };

  /** Feeds one line of `source` (its line number is for messages only). */
  line(raw: string, source: string, lineNumber: number): void {
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let prefix = '';
    if (text.startsWith('[')) {
      const end = text.indexOf('] ');
      if (end > 0) {
        prefix = text.slice(1, end);
        text = text.slice(end + 2);
      }
    }
    if (text.length > 20 && text.charCodeAt(0) >= 0x30 && text.charCodeAt(0) <= 0x39) {
      const time = KUBECTL_TIME.exec(text);
      if (time) text = text.slice(time[0].length);
    }
    const key = `${source}\0${prefix}`;
    const gathering = this.pending.get(key);
    if (gathering) {
      gathering.lines.push(text);
      if (text === '}') {
        this.pending.delete(key);
        this.document(gathering.lines.join('\n'), source, prefix, gathering.line);
      }
      return;
    }
    if (text.startsWith('{')) {
      if (text.trimEnd() === '{') this.pending.set(key, { lines: [text], line: lineNumber });
      else this.document(text, source, prefix, lineNumber);
      return;
    }
    if (text.trim() !== '') this.stats.otherLines += 1;
  }

  /** Ends a source: a document still open there was cut off. */
  end(source: string): void {
    for (const key of [...this.pending.keys()]) {
      if (key.startsWith(`${source}\0`)) {
        this.pending.delete(key);
        this.stats.notReports += 1;
      }
    }
  }

  private document(text: string, source: string, prefix: string, lineNumber: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.stats.notReports += 1;
      return;
    }
    if (!isReport(value)) {
      this.stats.notReports += 1;
      return;
    }
    if (value.schemaVersion !== REPORT_SCHEMA_VERSION) {
      if (value.schemaVersion > REPORT_SCHEMA_VERSION) this.stats.newerSchema += 1;
      else this.stats.notReports += 1;
      return;
    }
    this.stats.reports += 1;
    const pod = prefix ? podOf(prefix) : undefined;
    const where = prefix ? `${source} [${prefix}]` : `${source}:${lineNumber}`;
    const node = value.node.name ?? pod ?? where;
    const parsed = Date.parse(value.startedAt);
    const time = Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
    const current = this.rows.get(node);
    // The newest report wins; of two equally new ones, the later input.
    if (current && time < current.time) return;
    let row: FleetRow;
    try {
      row = rowOf(value, node, where);
    } catch {
      this.stats.reports -= 1;
      this.stats.notReports += 1;
      return;
    }
    this.rows.set(node, { ...row, time });
  }

  result(): FleetRow[] {
    return [...this.rows.values()]
      .map(({ time: _, ...row }) => row)
      .sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  }
}

function rowOf(report: DoctorReport, node: string, source: string): FleetRow {
  const verdict = verdictOf(report);
  const { containerdVersion, osBuild, kubeletVersion } = report.node;
  return {
    node,
    state: verdict.state,
    ...(containerdVersion ? { containerdVersion } : {}),
    ...(osBuild ? { osBuild } : {}),
    ...(kubeletVersion ? { kubeletVersion } : {}),
    fails: verdict.failed,
    warns: verdict.warned,
    unknown: [...verdict.errored, ...verdict.unreadable.map((u) => u.id)],
    startedAt: report.startedAt,
    toolVersion: report.tool.version,
    source,
  };
}
