/**
 * The report as Prometheus text exposition format (version 0.0.4), for windows_exporter's textfile
 * collector (--textfile-dir) or stdout (--format prometheus). prom-client's Registry renders it, so
 * names, HELP text and label values are escaped as Prometheus parses them.
 *
 * Every sample is a gauge without a client-side timestamp (the textfile collector rejects files that
 * carry them). Before a run has finished (`pending`), the text says `unknown` and `ready 0` and has no
 * per-check series, so nothing reads as healthy until a run says so.
 */
import { Gauge, Registry } from 'prom-client';
import { STATUSES } from '../contract/check.js';
import { type DoctorReport, VERDICTS, type Verdict } from '../contract/report.js';
import { TOOL_VERSION } from '../contract/version.js';

export const PREFIX = 'hostprocess_doctor_';
export { TEXTFILE_NAME } from './textfile.js';

/** The whole run as the caller timed it (collection and checks); the report's own timing covers the checks only. */
export interface RunTiming {
  finishedAtMs: number;
  durationMs: number;
}

export type PrometheusInput = { report: DoctorReport; run?: RunTiming } | { pending: true; node?: string | undefined };

function gauge(registry: Registry, name: string, help: string, labelNames: string[] = []) {
  return new Gauge({ name: `${PREFIX}${name}`, help, labelNames, registers: [registry] });
}

export async function renderPrometheus(input: PrometheusInput): Promise<string> {
  const registry = new Registry();
  const report = 'report' in input ? input.report : undefined;
  const node = report?.node;

  const info = gauge(
    registry,
    'info',
    'Versions seen by the last run: the tool, the node, containerd, the OS build and kubelet; always 1.',
    ['version', 'node', 'containerd_version', 'os_build', 'kubelet_version'],
  );
  const labels: Record<string, string> = { version: TOOL_VERSION };
  const name = node?.name ?? ('pending' in input ? input.node : undefined);
  if (name) labels.node = name;
  if (node?.containerdVersion) labels.containerd_version = node.containerdVersion;
  if (node?.osBuild) labels.os_build = node.osBuild;
  if (node?.kubeletVersion) labels.kubelet_version = node.kubeletVersion;
  info.set(labels, 1);

  const verdict: Verdict = report ? report.verdict : 'inconclusive';
  const verdictGauge = gauge(
    registry,
    'verdict',
    'The verdict of the last run: healthy, unhealthy (a check failed) or inconclusive (no finished run yet, or the doctor could not see all it needed); 1 for the current verdict.',
    ['verdict'],
  );
  for (const v of VERDICTS) verdictGauge.set({ verdict: v }, v === verdict ? 1 : 0);
  gauge(
    registry,
    'ready',
    '1 when the last finished run found the node ready for HostProcess containers (verdict healthy), else 0.',
  ).set(verdict === 'healthy' ? 1 : 0);
  if (!report) return registry.metrics();

  const checkStatus = gauge(
    registry,
    'check_status',
    'The status of each check in the last run; 1 for its current status, 0 for the others.',
    ['check', 'status'],
  );
  for (const result of report.results) {
    for (const status of STATUSES) checkStatus.set({ check: result.id, status }, status === result.status ? 1 : 0);
  }
  const counts = gauge(registry, 'checks', 'How many checks of the last run ended in each status.', ['status']);
  for (const status of STATUSES) counts.set({ status }, report.summary[status]);

  const run = ('run' in input ? input.run : undefined) ?? {
    finishedAtMs: Date.parse(report.startedAt) + report.durationMs,
    durationMs: report.durationMs,
  };
  gauge(registry, 'last_run_timestamp_seconds', 'When the last run finished, in seconds since the Unix epoch.').set(
    Math.round(run.finishedAtMs) / 1000,
  );
  gauge(registry, 'last_run_duration_seconds', 'How long the last run took (collection and checks), in seconds.').set(
    Math.round(run.durationMs) / 1000,
  );
  return registry.metrics();
}
