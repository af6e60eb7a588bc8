/**
 * The fleet view: a table with one row per node for people, or one JSON document for machines
 * (docs/json.md describes it).
 */
import { STATES, type State } from '../reporters/verdict.js';
import type { FleetRow, FleetStats } from './collect.js';

export const FLEET_SCHEMA_VERSION = 1;

export interface FleetView {
  schemaVersion: number;
  summary: Record<State, number> & { nodes: number };
  nodes: FleetRow[];
  reports: number;
  inputs: number;
  skipped: { otherLines: number; notReports: number; newerSchema: number };
}

export function fleetView(rows: FleetRow[], stats: FleetStats, inputs: number): FleetView {
  const summary = { nodes: rows.length, ok: 0, problem: 0, unknown: 0 };
  for (const row of rows) summary[row.state] += 1;
  return {
    schemaVersion: FLEET_SCHEMA_VERSION,
    summary,
    nodes: rows,
    reports: stats.reports,
    inputs,
    skipped: { otherLines: stats.otherLines, notReports: stats.notReports, newerSchema: stats.newerSchema },
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

const list = (ids: string[]) => (ids.length > 0 ? ids.join(',') : '-');

export function renderFleetTable(view: FleetView): string {
  const withUnknown = view.nodes.some((r) => r.unknown.length > 0);
  const header = [
    'NODE',
    'STATE',
    'CONTAINERD',
    'OS BUILD',
    'CHECKED',
    'FAILS',
    'WARNS',
    ...(withUnknown ? ['NOT JUDGED'] : []),
  ];
  const rows = view.nodes.map((r) => [
    r.node,
    r.state,
    r.containerdVersion ?? '?',
    r.osBuild ?? '?',
    minute(r.startedAt),
    list(r.fails),
    list(r.warns),
    ...(withUnknown ? [list(r.unknown)] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const states = STATES.map((s) => `${view.summary[s]} ${s}`).join(', ');
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const totals = `${n(view.summary.nodes, 'node')}: ${states} (${n(view.reports, 'report')} from ${n(view.inputs, 'input')}; the newest per node shown)`;
  return `${[line(header), ...rows.map(line)].join('\n')}\n\n${totals}\n`;
}
