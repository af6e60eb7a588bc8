import { isUserError, usageError } from '../../contract/errors.js';
import { EXIT_SIGNAL, STOP_SIGNALS } from '../../contract/exit-codes.js';
import type { NodeFacts } from '../../contract/facts.js';
import { type DoctorReport, exitCodeFor } from '../../contract/report.js';
import { analyzeFacts } from '../../engine.js';
import { TextfileError } from '../../reporters/textfile.js';
import { applyWhatIf } from '../../sources/whatif.js';
import { runLoop } from '../../watch/loop.js';
import type { Command } from '../command.js';
import { EXIT_CODES, MAX_INTERVAL_MS, runOptions, SELECTION, whatIfFlags, whatIfGroup } from '../common.js';
import { type Io, log, resolvePath } from '../io.js';
import { COLLECTION, collectHere } from '../live.js';
import { type Parsed, parseDuration, type Values } from '../options.js';
import { beginTextfile, renderPrometheusText, TEXTFILE_OPTION, writeTextfile } from '../report-output.js';

export const DEFAULT_INTERVAL = '5m';

/** Stand-ins for tests (an in-process memory test); the command itself uses none of them. */
export interface WatchDeps {
  /** Stops the loop when aborted; by default SIGINT and SIGTERM do. */
  signal?: AbortSignal;
  collect?: (values: Values) => Promise<NodeFacts>;
  /** Called after each cycle, with its report when it made one. */
  onCycle?: (cycle: number, report: DoctorReport | undefined) => void;
}

/** The first signal asks the loop to stop after its current run; a second one exits at once. */
function stopOnSignals(controller: AbortController, io: Io): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      void log(io, `hostprocess-doctor: ${signal} again, stopping now`).finally(() =>
        process.exit(EXIT_SIGNAL[signal] ?? 130),
      );
      return;
    }
    void log(io, `hostprocess-doctor: ${signal} received, stopping after the run under way`);
    controller.abort();
  };
  for (const s of STOP_SIGNALS) process.on(s, handler);
  return () => {
    for (const s of STOP_SIGNALS) process.off(s, handler);
  };
}

export async function watch({ values }: Parsed, io: Io, deps: WatchDeps = {}): Promise<number> {
  const intervalText = values.str('interval') ?? DEFAULT_INTERVAL;
  const intervalMs = parseDuration('--interval', intervalText, MAX_INTERVAL_MS);
  const once = values.bool('once');
  const options = runOptions(values);
  const given = values.str('textfile-dir');
  if (given !== undefined && given.trim() === '') throw usageError('watch: --textfile-dir needs a directory.');
  const dir = given === undefined ? undefined : resolvePath(io, given);
  let runs = 0;
  // Progress on a terminal for the first run only: later runs are the DaemonSet's routine.
  const collect =
    deps.collect ?? (async (v: Values) => (await collectHere('watch', v, io, { progress: runs++ === 0 })).facts);
  const write = (text: string) => io.stdout.write(text);
  if (dir !== undefined) {
    // A DaemonSet runs on nodes with and without windows_exporter: a missing directory costs the
    // metrics, not the NDJSON reports, so watch says so and goes on (doctor and analyze exit 2).
    try {
      await beginTextfile(dir, io.env.NODE_NAME);
    } catch (error) {
      if (!isUserError(error)) throw error;
      await log(
        io,
        `hostprocess-doctor: ${error.message.split('. ')[0]}; writing no metrics until it can (is windows_exporter installed?).`,
      );
    }
  }

  const controller = new AbortController();
  const signal = deps.signal ? AbortSignal.any([deps.signal, controller.signal]) : controller.signal;
  const release = deps.signal ? () => undefined : stopOnSignals(controller, io);
  let exitCode = 0;

  const cycle = async (n: number) => {
    const started = performance.now();
    let report: DoctorReport | undefined;
    try {
      const { facts, applied } = await applyWhatIf(await collect(values), whatIfFlags(values, io, false));
      report = await analyzeFacts(facts, { ...options, source: 'live', whatIf: applied });
      exitCode = exitCodeFor(report);
      await write(`${JSON.stringify(report)}\n`);
    } catch (error) {
      // The first run's errors are the setup's (not on Windows, bad flags): stop and say so.
      if (n === 1 || once) throw error;
      const message = isUserError(error)
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
      await log(io, `hostprocess-doctor: run ${n} failed, the next run is in ${intervalText}: ${message}`);
    }
    if (dir !== undefined) {
      try {
        const text = report
          ? await renderPrometheusText({
              report,
              run: { finishedAtMs: Date.now(), durationMs: performance.now() - started },
            })
          : await renderPrometheusText({ pending: true, node: io.env.NODE_NAME });
        await writeTextfile(dir, text);
      } catch (error) {
        const missing = error instanceof TextfileError && error.code === 'ENOENT';
        await log(
          io,
          `hostprocess-doctor: run ${n}: ${missing ? `--textfile-dir ${dir} does not exist; no metrics written` : (error as Error).message}`,
        );
      }
    }
    deps.onCycle?.(n, report);
  };

  try {
    await runLoop({ intervalMs, once, signal }, cycle);
  } finally {
    release();
  }
  return once ? exitCode : 0;
}

export const watchCommand: Command = {
  spec: {
    name: 'watch',
    summary: 'run the doctor every --interval, one JSON line per run (a DaemonSet), or --once',
    usage: ['watch [--interval 5m] [--once] [--textfile-dir DIR] [options]'],
    description: `Runs the doctor on this node again and again in one process, as a DaemonSet does. Each run prints its
report as one line of JSON on stdout (NDJSON: for kubectl logs, log pipelines and 'hostprocess-doctor
fleet'); messages go to stderr. SIGINT or SIGTERM stops it after the run under way; a second one stops
it at once.`,
    groups: [
      {
        title: 'Watching',
        options: [
          {
            name: 'interval',
            kind: 'value',
            arg: 'DUR',
            help: `time from the start of one run to the start of the next (default ${DEFAULT_INTERVAL}, at most 24h;\ne.g. 30s, 5m, 1h); a run that takes longer is followed at once by the next`,
          },
          { name: 'once', kind: 'flag', help: 'run once and exit with its exit code (scheduled tasks, CronJobs)' },
          {
            ...TEXTFILE_OPTION,
            help: `${TEXTFILE_OPTION.help}\nThe file says inconclusive (ready 0) until the first run has finished. If DIR\nis missing, watch says so on stderr and goes on without the metrics.`,
          },
        ],
      },
      COLLECTION,
      SELECTION,
      whatIfGroup(false),
    ],
    positionals: false,
    footer: `${EXIT_CODES}
Without --once, watch exits 0 when stopped by a signal, and exits at once with the code of an
error in its first run (e.g. 3 off Windows); errors in later runs are reported on stderr, the
textfile says inconclusive, and watching goes on.`,
  },
  run: (parsed, io) => watch(parsed, io),
};
