import { usageError } from '../../errors.js';
import { EXIT_FINDINGS, EXIT_OK } from '../../exit-codes.js';
import { FleetCollector } from '../../fleet/collect.js';
import { feedInputs } from '../../fleet/read.js';
import { fleetView, renderFleetJson, renderFleetTable } from '../../fleet/render.js';
import { bool, HELP_OPTION, parse } from '../args.js';
import type { Command } from '../command.js';
import { writeStderr, writeStdout } from '../stdio.js';

const HELP = `Usage: hostprocess-doctor fleet [FILE | DIR | -]... [--json]

Reads many doctor reports and prints one row per node: its state, containerd version, OS build, when
it was checked, and the ids of its failed and warning checks. Where a node has several reports, the
newest wins. Reads:
  - report files written with --json, or a directory of them (its files, not its subdirectories),
  - NDJSON from 'hostprocess-doctor watch', one report per line,
  - kubectl logs of the DaemonSet, from stdin, prefixes and all:
      kubectl logs -n hostprocess-doctor -l app=hostprocess-doctor --prefix --tail=-1 | hostprocess-doctor fleet -
With no input given and stdin not a terminal, reads stdin. Lines that are not reports are skipped
and counted on stderr.

  --json                 one JSON document with the rows (docs/json.md) instead of the table

Exit codes: 0 no node has a failed check · 1 at least one node has · 2 usage or input error, or no
reports found
`;

export const fleetCommand: Command = {
  name: 'fleet',
  summary: 'one row per node from many reports: files, a directory, or watch/kubectl logs on stdin',
  help: HELP,
  async run(args) {
    const { values, positionals } = parse('fleet', args, { json: { type: 'boolean' }, ...HELP_OPTION }, true);
    if (bool(values, 'help')) {
      await writeStdout(HELP);
      return 0;
    }
    let inputs = positionals;
    if (inputs.length === 0) {
      if (process.stdin.isTTY) {
        throw usageError(
          "fleet needs reports: give files, a directory, or pipe them in, e.g. 'kubectl logs ... --prefix | hostprocess-doctor fleet -'.",
        );
      }
      inputs = ['-'];
    }
    const collector = new FleetCollector();
    const sources = await feedInputs(collector, inputs);
    const { stats } = collector;
    const view = fleetView(collector.result(), stats, sources);
    const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
    const skipped = [
      stats.otherLines > 0 ? `${n(stats.otherLines, 'line that was', 'lines that were')} not JSON (log messages)` : '',
      stats.notReports > 0
        ? `${n(stats.notReports, 'JSON document that was', 'JSON documents that were')} not a report`
        : '',
      stats.newerSchema > 0
        ? `${n(stats.newerSchema, 'report', 'reports')} from a newer hostprocess-doctor (schemaVersion > 1); update this one`
        : '',
    ].filter(Boolean);
    if (skipped.length > 0) writeStderr(`hostprocess-doctor fleet: skipped ${skipped.join(', ')}.`);
    if (stats.reports === 0) {
      throw usageError(
        `fleet: no hostprocess-doctor reports in ${inputs.join(' ')}. Give --json reports, watch output, or kubectl logs of the DaemonSet.`,
      );
    }
    await writeStdout(bool(values, 'json') ? renderFleetJson(view) : renderFleetTable(view));
    return view.summary.problem > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
