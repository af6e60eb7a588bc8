/**
 * The fleet view: a table with one row per node for people, or one JSON document for machines
 * (docs/json.md describes it).
 */
import { VERDICTS, type Verdict } from '../contract/report.js';
import type { FleetRow, FleetStats } from './collect.js';

/** 2: rows have `verdict` (healthy/unhealthy/inconclusive) and `notJudged`, where 1 had state ok/problem/unknown. */
export const FLEET_SCHEMA_VERSION = 2;

export interface FleetView {
  schemaVersion: number;
  summary: Record<Verdict, number> & { nodes: number };
  nodes: FleetRow[];
  reports: number;
  inputs: number;
  skipped: { otherLines: number; notReports: number; newerSchema: number };
  /** Snapshots among the inputs, analysed by this fleet run. */
  snapshots: number;
}

export function fleetView(rows: FleetRow[], stats: FleetStats, inputs: number): FleetView {
  const summary = { nodes: rows.length, healthy: 0, unhealthy: 0, inconclusive: 0 };
  for (const row of rows) summary[row.verdict] += 1;
  return {
    schemaVersion: FLEET_SCHEMA_VERSION,
    summary,
    nodes: rows,
    reports: stats.reports,
    inputs,
    skipped: { otherLines: stats.otherLines, notReports: stats.notReports, newerSchema: stats.newerSchema },
    snapshots: stats.snapshots,
  };
}

export function renderFleetJson(view: FleetView): string {
  return `${JSON.stringify(view, null, 2)}\n`;
}

/** `2026-11-22T10:47:13.134Z` → `2026-11-22 10:47Z`. */
function minute(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(iso);
  return m ? `${m[1]} ${m[2]}Z` : iso;
}

/** Check ids for a cell: all of them in the wide table; in the narrow one the first two, then +N. */
function list(ids: string[], wide: boolean): string {
  if (ids.length === 0) return '-';
  if (wide || ids.length <= 2) return ids.join(',');
  return `${ids.slice(0, 2).join(',')},+${ids.length - 2}`;
}

export function renderFleetTable(view: FleetView, wide = false): string {
  const withUnknown = view.nodes.some((r) => r.notJudged.length > 0);
  const header = [
    'NODE',
    'VERDICT',
    'CONTAINERD',
    'OS BUILD',
    'CHECKED',
    'FAILS',
    'WARNS',
    ...(withUnknown ? ['NOT JUDGED'] : []),
  ];
  const rows = view.nodes.map((r) => [
    r.node,
    r.verdict,
    r.containerdVersion ?? '?',
    r.osBuild ?? '?',
    minute(r.checkedAt),
    list(r.fails, wide),
    list(r.warns, wide),
    ...(withUnknown ? [list(r.notJudged, wide)] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const states = VERDICTS.map((s) => `${view.summary[s]} ${s}`).join(', ');
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const totals = `${n(view.summary.nodes, 'node')}: ${states} (${n(view.reports, 'report')} from ${n(view.inputs, 'input')}; the newest per node shown)`;
  return `${[line(header), ...rows.map(line)].join('\n')}\n\n${totals}\n`;
}
