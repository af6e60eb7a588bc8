import { usageError } from '../../contract/errors.js';
import { EXIT_FINDINGS, EXIT_INCONCLUSIVE, EXIT_OK } from '../../contract/exit-codes.js';
import { analyzeFacts } from '../../engine.js';
import { FleetCollector } from '../../fleet/collect.js';
import { feedInputs } from '../../fleet/read.js';
import { fleetView, renderFleetJson, renderFleetTable } from '../../fleet/render.js';
import type { Command } from '../command.js';
import { log } from '../io.js';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const fleetCommand: Command = {
  spec: {
    name: 'fleet',
    summary: 'one row per node from many reports or snapshots: files, a directory, or watch/kubectl logs on stdin',
    usage: ['fleet [FILE | DIR | -]... [-o table|wide|json]'],
    description: `Reads many doctor reports (or collect snapshots, which it analyses) and prints one row per node: its
verdict, containerd version, OS build, when its facts were collected, and the ids of its failed and
warning checks. Where a node has several, the newest wins. Reads:
  - report files written with --json, or a directory of them (its files, not its subdirectories),
  - snapshots written by 'hostprocess-doctor collect',
  - NDJSON from 'hostprocess-doctor watch', one report per line,
  - kubectl logs of the DaemonSet, from stdin, prefixes and all:
      kubectl logs -n hostprocess-doctor -l app=hostprocess-doctor --prefix --tail=-1 | hostprocess-doctor fleet -
UTF-8 and UTF-16 with a BOM (Windows PowerShell 5.1's '>') are read. With no input given and stdin not
a terminal, reads stdin. Lines that are not reports are skipped and counted on stderr.`,
    groups: [
      {
        title: 'Output',
        options: [
          {
            name: 'output',
            short: 'o',
            kind: 'value',
            arg: 'FORMAT',
            help: 'table (default: at most two check ids per cell, then +N), wide (every id) or json',
          },
          { name: 'json', kind: 'flag', help: 'the same as -o json: one JSON document with the rows (docs/json.md)' },
        ],
      },
    ],
    positionals: true,
    footer: `Exit codes: 0 every node healthy · 1 at least one node has a failed check · 2 usage or input error, or
no reports found · 4 no node failed, but at least one is inconclusive`,
  },
  async run({ values, positionals }, io) {
    const output = values.bool('json') ? 'json' : (values.str('output') ?? 'table');
    if (!['table', 'wide', 'json'].includes(output)) {
      throw usageError(`fleet: -o ${JSON.stringify(output.slice(0, 20))} is not a format; give table, wide or json.`);
    }
    if (values.bool('json') && values.str('output') !== undefined && values.str('output') !== 'json') {
      throw usageError('fleet: --json and -o ask for two formats; give one.');
    }
    let inputs = positionals;
    if (inputs.length === 0) {
      if (io.stdin.isTTY) {
        throw usageError(
          "fleet needs reports: give files, a directory, or pipe them in, e.g. 'kubectl logs ... --prefix | hostprocess-doctor fleet -'.",
        );
      }
      inputs = ['-'];
    }
    const collector = new FleetCollector();
    const analyse = (facts: Parameters<typeof analyzeFacts>[0], source: string) =>
      analyzeFacts(facts, { source: 'snapshot', snapshot: source });
    const sources = await feedInputs(collector, inputs, { cwd: io.cwd, stdin: io.stdin, analyse });
    const { stats } = collector;
    const view = fleetView(collector.result(), stats, sources);
    const skipped = [
      stats.otherLines > 0
        ? `${plural(stats.otherLines, 'line that was', 'lines that were')} not JSON (log messages)`
        : '',
      stats.notReports > 0
        ? `${plural(stats.notReports, 'JSON document that was', 'JSON documents that were')} not a report`
        : '',
      stats.newerSchema > 0
        ? `${plural(stats.newerSchema, 'report', 'reports')} from a newer hostprocess-doctor; update this one`
        : '',
    ].filter(Boolean);
    if (stats.reports === 0) {
      throw usageError(
        `fleet: no hostprocess-doctor reports in ${inputs.slice(0, 5).join(' ')}${skipped.length > 0 ? ` (skipped ${skipped.join(', ')})` : ''}. Give --json reports, collect snapshots, watch output, or kubectl logs of the DaemonSet.`,
      );
    }
    if (skipped.length > 0) await log(io, `hostprocess-doctor fleet: skipped ${skipped.join(', ')}.`);
    await io.stdout.write(output === 'json' ? renderFleetJson(view) : renderFleetTable(view, output === 'wide'));
    if (view.summary.unhealthy > 0) return EXIT_FINDINGS;
    return view.summary.inconclusive > 0 ? EXIT_INCONCLUSIVE : EXIT_OK;
  },
};
