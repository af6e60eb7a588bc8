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

import type { CheckResult } from '../contract/check.js';
import { isUserError } from '../contract/errors.js';
import type { NodeFacts } from '../contract/facts.js';
import { type DoctorReport, REPORT_SCHEMA_VERSION, type Verdict } from '../contract/report.js';
import { validate as validateReport } from '../sources/report-validator.generated.js';
import { parseSnapshot } from '../sources/snapshot.js';

export interface FleetRow {
  node: string;
  verdict: Verdict;
  containerdVersion?: string;
  osBuild?: string;
  kubeletVersion?: string;
  fails: string[];
  warns: string[];
  /** Checks that crashed, or that could not read their facts: why the verdict is inconclusive. */
  notJudged: string[];
  startedAt: string;
  /** When the facts were collected (a snapshot's collectedAt), else when the report was made. */
  checkedAt: string;
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
  /** collect snapshots among the inputs, analysed into reports. */
  snapshots: number;
}

export interface PendingSnapshot {
  facts: NodeFacts;
  source: string;
  line: number;
}

const KUBECTL_TIME = /^\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:\d\d) /;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** When the node was looked at: the snapshot's collection time when the report was made from one. */
function checkedAt(report: DoctorReport): string {
  return text(report.node.collectedAt) ?? report.startedAt;
}

function isSnapshot(value: unknown): boolean {
  const r = value as Record<string, unknown> | null;
  return (
    typeof r === 'object' && r !== null && typeof r.schemaVersion === 'number' && !('results' in r) && !('summary' in r)
  );
}

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
  readonly stats: FleetStats = { reports: 0, otherLines: 0, notReports: 0, newerSchema: 0, snapshots: 0 };
  private snapshots: PendingSnapshot[] = [];

  /** Snapshots seen since the last call, for the reader to analyse and give back through report(). */
  takeSnapshots(): PendingSnapshot[] {
    const taken = this.snapshots;
    this.snapshots = [];
    return taken;
  }

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
    if (isSnapshot(value)) {
      try {
        this.snapshots.push({ facts: parseSnapshot(text, `${source}:${lineNumber}`), source, line: lineNumber });
        this.stats.snapshots += 1;
      } catch (error) {
        if (!isUserError(error)) throw error;
        this.stats.notReports += 1;
      }
      return;
    }
    if (!isReport(value)) {
      this.stats.notReports += 1;
      return;
    }
    if (!READABLE_SCHEMAS.has(value.schemaVersion)) {
      if (value.schemaVersion > REPORT_SCHEMA_VERSION) this.stats.newerSchema += 1;
      else this.stats.notReports += 1;
      return;
    }
    // A report of this schema must have the published shape: a field of another type is not a report.
    if (value.schemaVersion === REPORT_SCHEMA_VERSION && !validateReport(value)) {
      this.stats.notReports += 1;
      return;
    }
    this.report(value, source, lineNumber, prefix);
  }

  /** Adds one report (read from the input, or analysed from a snapshot). */
  report(value: DoctorReport, source: string, lineNumber: number, prefix = ''): void {
    this.stats.reports += 1;
    const pod = prefix ? podOf(prefix) : undefined;
    const where = prefix ? `${source} [${prefix}]` : `${source}:${lineNumber}`;
    const node = text(value.node.name) ?? pod ?? where;
    const parsed = Date.parse(checkedAt(value));
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

/** Schema 1 reports carry no verdict: judge them as the doctor that wrote them did for monitoring. */
function schema1Verdict(results: CheckResult[]): { verdict: Verdict; notJudged: string[] } {
  const unreadable = results.filter(
    (r) =>
      r.status === 'skip' &&
      r.messageId === 'factUnavailable' &&
      r.evidence.some((e) => e.state === 'denied' || e.state === 'timeout' || e.state === 'error'),
  );
  const notJudged = [...results.filter((r) => r.status === 'error'), ...unreadable].map((r) => r.id);
  const judged = results.filter((r) => r.status === 'pass' || r.status === 'warn' || r.status === 'fail').length;
  const verdict: Verdict = results.some((r) => r.status === 'fail')
    ? 'unhealthy'
    : notJudged.length > 0 || judged === 0
      ? 'inconclusive'
      : 'healthy';
  return { verdict, notJudged };
}

function judged(report: DoctorReport): { verdict: Verdict; notJudged: string[] } {
  if (report.schemaVersion === 1) return schema1Verdict(report.results);
  const notJudged = [...new Set(report.notSeen.flatMap((n) => (n.check ? [n.check] : [])))];
  return { verdict: report.verdict, notJudged };
}

const READABLE_SCHEMAS = new Set([1, REPORT_SCHEMA_VERSION]);

function rowOf(report: DoctorReport, node: string, source: string): FleetRow {
  const { verdict, notJudged } = judged(report);
  const containerdVersion = text(report.node.containerdVersion);
  const osBuild = text(report.node.osBuild);
  const kubeletVersion = text(report.node.kubeletVersion);
  const ids = (status: string) =>
    report.results.filter((r) => r.status === status).flatMap((r) => (typeof r.id === 'string' ? [r.id] : []));
  return {
    node,
    verdict,
    ...(containerdVersion ? { containerdVersion } : {}),
    ...(osBuild ? { osBuild } : {}),
    ...(kubeletVersion ? { kubeletVersion } : {}),
    fails: ids('fail'),
    warns: ids('warn'),
    notJudged,
    startedAt: report.startedAt,
    checkedAt: checkedAt(report),
    toolVersion: text(report.tool.version) ?? '?',
    source,
  };
}
