import { analyzeFacts } from '../../engine.js';
import { isUserError } from '../../errors.js';
import type { NodeFacts } from '../../facts.js';
import { type DoctorReport, exitCodeFor } from '../../report.js';
import { TextfileError } from '../../reporters/textfile.js';
import { runLoop } from '../../watch/loop.js';
import { applyWhatIf } from '../../whatif.js';
import {
  bool,
  HELP_OPTION,
  parse,
  parseDuration,
  SELECTION_OPTIONS,
  str,
  type Values,
  WHAT_IF_OPTIONS,
  whatIfFlags,
} from '../args.js';
import type { Command } from '../command.js';
import { CHECK_OPTIONS, EXIT_HELP, runOptions, SELECTION_HELP, WHAT_IF_HELP } from '../common.js';
import { collectHere, LIVE_HELP, LIVE_OPTIONS } from '../live.js';
import {
  beginTextfile,
  renderPrometheusText,
  TEXTFILE_HELP,
  TEXTFILE_OPTIONS,
  writeTextfile,
} from '../report-output.js';
import { writeStderr, writeStdout } from '../stdio.js';

export const DEFAULT_INTERVAL = '5m';

const HELP = `Usage: hostprocess-doctor watch [--interval 5m] [--once] [--textfile-dir DIR] [options]

Runs the doctor on this node again and again in one process, as a DaemonSet does. Each run prints its
report as one line of JSON on stdout (NDJSON: for kubectl logs, log pipelines and 'hostprocess-doctor
fleet'); messages go to stderr. SIGINT or SIGTERM stops it after the run under way; a second one stops
it at once.

  --interval DUR         time from the start of one run to the start of the next (default ${DEFAULT_INTERVAL};
                         e.g. 30s, 5m, 1h); a run that takes longer is followed at once by the next
  --once                 run once and exit with its exit code (scheduled tasks, CronJobs)
${TEXTFILE_HELP}
                         The file says unknown (ready 0) until the first run has finished. If DIR
                         is missing, watch says so on stderr and goes on without the metrics.

${LIVE_HELP}

${SELECTION_HELP}

${WHAT_IF_HELP}

${EXIT_HELP}
Without --once, watch exits 0 when stopped by a signal, and exits at once with the code of an
error in its first run (e.g. 3 off Windows); errors in later runs are reported on stderr, the
textfile says unknown, and watching goes on.
`;

/** Stand-ins for tests (an in-process memory test); the command itself uses none of them. */
export interface WatchDeps {
  /** Stops the loop when aborted; by default SIGINT and SIGTERM do. */
  signal?: AbortSignal;
  write?: (text: string) => Promise<void>;
  log?: (text: string) => void;
  collect?: (values: Values) => Promise<NodeFacts>;
  /** Called after each cycle, with its report when it made one. */
  onCycle?: (cycle: number, report: DoctorReport | undefined) => void;
}

const STOP_SIGNALS: NodeJS.Signals[] =
  process.platform === 'win32' ? ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] : ['SIGINT', 'SIGTERM'];

/** The first signal asks the loop to stop after its current run; a second one exits at once. */
function stopOnSignals(controller: AbortController, log: (text: string) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      log(`hostprocess-doctor: ${signal} again, stopping now`);
      process.exit(130);
    }
    log(`hostprocess-doctor: ${signal} received, stopping after the run under way`);
    controller.abort();
  };
  for (const s of STOP_SIGNALS) process.on(s, handler);
  return () => {
    for (const s of STOP_SIGNALS) process.off(s, handler);
  };
}

async function collectLive(values: Values): Promise<NodeFacts> {
  return (await collectHere('watch', values)).facts;
}

export async function watch(args: string[], deps: WatchDeps = {}): Promise<number> {
  const { values } = parse('watch', args, {
    interval: { type: 'string' },
    once: { type: 'boolean' },
    ...TEXTFILE_OPTIONS,
    ...SELECTION_OPTIONS,
    ...WHAT_IF_OPTIONS,
    ...CHECK_OPTIONS,
    ...LIVE_OPTIONS,
    ...HELP_OPTION,
  });
  if (bool(values, 'help')) {
    await writeStdout(HELP);
    return 0;
  }
  const intervalMs = parseDuration('--interval', str(values, 'interval') ?? DEFAULT_INTERVAL);
  const once = bool(values, 'once');
  const options = runOptions(values);
  const dir = str(values, 'textfile-dir');
  const write = deps.write ?? writeStdout;
  const log = deps.log ?? writeStderr;
  const collect = deps.collect ?? collectLive;
  if (dir !== undefined) {
    // A DaemonSet runs on nodes with and without windows_exporter: a missing directory costs the
    // metrics, not the NDJSON reports, so watch says so and goes on (doctor and analyze exit 2).
    try {
      await beginTextfile(dir);
    } catch (error) {
      if (!isUserError(error)) throw error;
      log(
        `hostprocess-doctor: ${error.message.split('. ')[0]}; writing no metrics until it can (is windows_exporter installed?).`,
      );
    }
  }

  const controller = new AbortController();
  const signal = deps.signal ? AbortSignal.any([deps.signal, controller.signal]) : controller.signal;
  const release = deps.signal ? () => undefined : stopOnSignals(controller, log);
  let exitCode = 0;

  const cycle = async (n: number) => {
    const started = performance.now();
    let report: DoctorReport | undefined;
    try {
      const { facts, applied } = await applyWhatIf(await collect(values), { ...whatIfFlags(values), groups: [] });
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
      log(
        `hostprocess-doctor: run ${n} failed, the next run is in ${str(values, 'interval') ?? DEFAULT_INTERVAL}: ${message}`,
      );
    }
    if (dir !== undefined) {
      try {
        const text = report
          ? await renderPrometheusText({
              report,
              run: { finishedAtMs: Date.now(), durationMs: performance.now() - started },
            })
          : await renderPrometheusText({ pending: true, node: process.env.NODE_NAME });
        await writeTextfile(dir, text);
      } catch (error) {
        const missing = error instanceof TextfileError && error.code === 'ENOENT';
        log(
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
  name: 'watch',
  summary: 'run the doctor every --interval, one JSON line per run (a DaemonSet), or --once',
  help: HELP,
  run: (args) => watch(args),
};
