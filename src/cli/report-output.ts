/**
 * Where a report goes, for the commands that make one (doctor, analyze; watch uses the textfile part):
 * the human or JSON text, Prometheus text (--format prometheus), windows_exporter's textfile
 * (--textfile-dir) and the node-problem-detector plugin line (--npd). In the machine formats stdout
 * carries only that output; messages go to stderr.
 */
import path from 'node:path';
import { isUserError, usageError } from '../contract/errors.js';
import { type DoctorReport, exitCodeFor } from '../contract/report.js';
import { npdUnknown, renderNpd } from '../reporters/npd.js';
import type { PrometheusInput } from '../reporters/prometheus.js';
import { checkDirectory, TEXTFILE_NAME, TextfileError, writeFileAtomic } from '../reporters/textfile.js';
import { renderReport } from './common.js';
import { type Io, log, resolvePath } from './io.js';
import type { OptionGroup, OptionSpec, Values } from './options.js';

export const FORMATS = ['human', 'json', 'prometheus'] as const;
export type Format = (typeof FORMATS)[number];

export const TEXTFILE_OPTION: OptionSpec = {
  name: 'textfile-dir',
  kind: 'value',
  arg: 'DIR',
  help: "also write DIR/hostprocess_doctor.prom for windows_exporter's textfile collector\n(its --collector.textfile.directories); replaced atomically, never half-written",
};

export const MONITORING: OptionGroup = {
  title: 'Monitoring',
  options: [
    {
      name: 'format',
      kind: 'value',
      arg: 'FORMAT',
      help: "human (default), json (the same as --json) or prometheus (the textfile's metrics)",
    },
    TEXTFILE_OPTION,
    {
      name: 'npd',
      kind: 'flag',
      help: 'node-problem-detector custom plugin: one line of at most 80 characters on stdout,\nexit 0 healthy, 1 a check failed, 2 unknown (inconclusive, or the doctor could not run)',
    },
  ],
};

export interface OutputPlan {
  format: Format;
  npd: boolean;
  textfileDir?: string;
  /** performance.now() when the run began, for the run's duration in the metrics. */
  startedAt: number;
}

export function outputPlan(command: string, values: Values, io: Io): OutputPlan {
  const json = values.bool('json');
  const npd = values.bool('npd');
  const given = values.str('format');
  if (given !== undefined && !(FORMATS as readonly string[]).includes(given)) {
    throw usageError(
      `${command}: --format ${JSON.stringify(given)} is not a format; give one of ${FORMATS.join(', ')}.`,
    );
  }
  if (json && given !== undefined && given !== 'json')
    throw usageError(`${command}: --json and --format ${given} ask for two formats; give one.`);
  if (npd && (json || given !== undefined)) {
    throw usageError(
      `${command}: --npd prints node-problem-detector's one line and takes no --json or --format; --textfile-dir may go with it.`,
    );
  }
  const plan: OutputPlan = {
    format: json ? 'json' : ((given as Format | undefined) ?? 'human'),
    npd,
    startedAt: performance.now(),
  };
  const dir = values.str('textfile-dir');
  if (dir !== undefined) {
    if (dir.trim() === '') throw usageError(`${command}: --textfile-dir needs a directory.`);
    plan.textfileDir = resolvePath(io, dir);
  }
  return plan;
}

export async function renderPrometheusText(input: PrometheusInput): Promise<string> {
  // Loaded only when asked for: prom-client stays off the path of the other formats.
  const { renderPrometheus } = await import('../reporters/prometheus.js');
  return renderPrometheus(input);
}

/** Writes the textfile; a failure is a TextfileError naming the file. */
export async function writeTextfile(dir: string, text: string): Promise<void> {
  await writeFileAtomic(path.join(dir, TEXTFILE_NAME), text);
}

function textfileUsageError(error: unknown): never {
  if (error instanceof TextfileError) {
    throw usageError(
      `--textfile-dir: ${error.message}. Give an existing, writable directory, e.g. the one windows_exporter reads with --collector.textfile.directories.`,
    );
  }
  throw error;
}

/**
 * Before a run: checks the textfile directory and replaces whatever file is there (it lives on the host
 * and outlives the pod that wrote it) with the pending state, inconclusive and ready 0, so an old result
 * never reads as current while this run is under way or if it never finishes.
 */
export async function beginTextfile(dir: string, node: string | undefined): Promise<void> {
  try {
    await checkDirectory(dir);
    await writeTextfile(dir, await renderPrometheusText({ pending: true, node }));
  } catch (error) {
    textfileUsageError(error);
  }
}

async function finish(report: DoctorReport, plan: OutputPlan, values: Values, io: Io): Promise<number> {
  const run = { finishedAtMs: Date.now(), durationMs: performance.now() - plan.startedAt };
  const prometheus =
    plan.textfileDir !== undefined || plan.format === 'prometheus' ? await renderPrometheusText({ report, run }) : '';
  if (plan.textfileDir !== undefined) {
    try {
      await writeTextfile(plan.textfileDir, prometheus);
    } catch (error) {
      textfileUsageError(error);
    }
  }
  if (plan.npd) {
    const npd = renderNpd(report);
    await io.stdout.write(`${npd.line}\n`);
    return npd.exitCode;
  }
  await io.stdout.write(
    plan.format === 'prometheus' ? prometheus : renderReport(report, plan.format === 'json', values, io),
  );
  return exitCodeFor(report);
}

/**
 * Runs `produce` and sends its report where the flags say. In --npd mode every error becomes NPD's
 * Unknown (exit 2) with a one-line reason on stdout and the whole message on stderr.
 */
export async function runReported(
  command: string,
  values: Values,
  io: Io,
  produce: () => Promise<DoctorReport>,
): Promise<number> {
  try {
    const plan = outputPlan(command, values, io);
    if (plan.textfileDir !== undefined) await beginTextfile(plan.textfileDir, io.env.NODE_NAME);
    return await finish(await produce(), plan, values, io);
  } catch (error) {
    if (!values.bool('npd')) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await log(
      io,
      isUserError(error) || !(error instanceof Error)
        ? `hostprocess-doctor: ${message}`
        : `hostprocess-doctor: internal error: ${error.stack ?? message}`,
    );
    const npd = npdUnknown(message);
    await io.stdout.write(`${npd.line}\n`);
    return npd.exitCode;
  }
}
