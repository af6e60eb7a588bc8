/**
 * fleet: many reports in, one row per node out, from files, a directory, NDJSON or kubectl logs with
 * prefixes on stdin; the newest report per node wins.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import test from 'ava';
import type { DoctorReport } from '../../src/contract/report.js';
import { analyzeFacts } from '../../src/engine.js';
import { FleetCollector } from '../../src/fleet/collect.js';
import { feedInputs } from '../../src/fleet/read.js';
import type { FleetView } from '../../src/fleet/render.js';
import { loadSnapshot } from '../../src/sources/snapshot.js';
import { EXAMPLES, ROOT, runCli } from '../helpers/cli.js';

async function report(example: string, name: string, startedAt: string): Promise<DoctorReport> {
  const r = await analyzeFacts(await loadSnapshot(path.join(EXAMPLES, example)), { source: 'live' });
  r.node.name = name;
  // As a live run reports it: the facts were collected when the report was made.
  r.startedAt = startedAt;
  r.node.collectedAt = startedAt;
  return r;
}

async function tempDir(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-fleet-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test.serial('a directory of --json reports: one row per node with its fails and warns', async (t) => {
  const dir = await tempDir(t);
  for (const example of ['healthy-1.7.json', 'access-denied.json', 'containerd-1.5-no-annotations.json']) {
    const run = await runCli(['analyze', path.join(EXAMPLES, example), '--json']);
    await writeFile(path.join(dir, example), run.stdout);
  }
  await writeFile(path.join(dir, 'notes.txt'), 'not a report\n');
  const run = await runCli(['fleet', dir]);
  t.is(run.exitCode, 1, run.stderr);
  const lines = run.stdout.split('\n');
  t.regex(lines[0] ?? '', /^NODE\s+VERDICT\s+CONTAINERD\s+OS BUILD\s+CHECKED\s+FAILS\s+WARNS$/);
  t.regex(run.stdout, /^akswin000001\s+healthy\s+1\.7\.20\s+20348\.2849\s+\S+ \S+\s+-\s+-$/m);
  t.regex(run.stdout, /^winnode-07\s+unhealthy\s+1\.7\.20\s+20348\.2849\s+\S+ \S+\s+containerd-service-account\s+-$/m);
  t.regex(
    run.stdout,
    /^win2019-k122\s+unhealthy\s+1\.5\.9\s+17763\.2686\s+\S+ \S+\s+containerd-hostprocess-annotations,runhcs-shim\s+containerd-version,/m,
  );
  t.regex(run.stdout, /3 nodes: 1 healthy, 2 unhealthy, 0 inconclusive \(3 reports from 4 inputs/);
  t.regex(run.stderr, /skipped 1 line that was not JSON/);
});

test.serial(
  'kubectl logs --prefix on stdin: NDJSON and pretty reports, log lines, timestamps, CRLF; the newest wins',
  async (t) => {
    const old = await report('access-denied.json', 'win-a', '2026-11-22T10:00:00.000Z');
    const fixed = await report('healthy-1.7.json', 'win-a', '2026-11-22T10:05:00.000Z');
    const b = await report('missing-local-group.json', 'win-b', '2026-11-22T10:01:00.000Z');
    const prefixA = '[pod/hostprocess-doctor-aaaaa/doctor]';
    const prefixB = '[pod/hostprocess-doctor-bbbbb/doctor]';
    const pretty = JSON.stringify(b, null, 2).split('\n');
    const lines = [
      `${prefixA} hostprocess-doctor: test mode, collecting from the fake host`,
      `${prefixA} 2026-11-22T10:00:01.123456789Z ${JSON.stringify(old)}`,
      // A pretty report from another pod, interleaved line by line with pod A's lines.
      ...pretty.slice(0, 3).map((l) => `${prefixB} ${l}`),
      `${prefixA} ${JSON.stringify(fixed)}\r`,
      ...pretty.slice(3).map((l) => `${prefixB} ${l}`),
      // An older report of win-a arriving later (another pod's log) must not win.
      `[pod/hostprocess-doctor-zzzzz/doctor] ${JSON.stringify(old)}`,
      `${prefixA} {"not":"a report"}`,
    ];
    const run = await runCli(['fleet', '-', '--json'], { input: `${lines.join('\n')}\n` });
    t.is(run.exitCode, 1, run.stderr);
    const view = JSON.parse(run.stdout) as FleetView;
    t.is(view.reports, 4);
    t.deepEqual(view.skipped, { otherLines: 1, notReports: 1, newerSchema: 0 });
    t.deepEqual(
      view.nodes.map((n) => [n.node, n.verdict, n.fails, n.startedAt]),
      [
        ['win-a', 'healthy', [], '2026-11-22T10:05:00.000Z'],
        ['win-b', 'unhealthy', ['local-groups'], '2026-11-22T10:01:00.000Z'],
      ],
    );
    t.is(view.nodes[0]?.source, `stdin [${prefixA.slice(1, -1)}]`);
    t.is(view.nodes[0]?.containerdVersion, '1.7.20');
    t.is(view.nodes[0]?.osBuild, '20348.2849');
    t.deepEqual(view.summary, { nodes: 2, healthy: 1, unhealthy: 1, inconclusive: 0 });
  },
);

test.serial('watch NDJSON from a file; without a node name the pod or the file names the row', async (t) => {
  const dir = await tempDir(t);
  const a = await report('healthy-1.7.json', 'win-a', '2026-11-22T10:00:00.000Z');
  const nameless = await report('healthy-1.7.json', 'x', '2026-11-22T10:00:00.000Z');
  delete nameless.node.name;
  const file = path.join(dir, 'watch.ndjson');
  await writeFile(
    file,
    `${JSON.stringify(a)}\n${JSON.stringify(nameless)}\n[pod/hpd-xyz/doctor] ${JSON.stringify(nameless)}\n`,
  );
  const run = await runCli(['fleet', file, '--json']);
  t.is(run.exitCode, 0, run.stderr);
  const view = JSON.parse(run.stdout) as FleetView;
  t.deepEqual(
    view.nodes.map((n) => n.node),
    [`${file}:2`, 'hpd-xyz', 'win-a'].sort(),
  );
});

test.serial('reports from a newer schema are skipped and said so', async (t) => {
  const a = await report('healthy-1.7.json', 'win-a', '2026-11-22T10:00:00.000Z');
  const newer = { ...a, schemaVersion: 3, node: { ...a.node, name: 'win-new' } };
  const run = await runCli(['fleet', '-', '--json'], { input: `${JSON.stringify(a)}\n${JSON.stringify(newer)}\n` });
  t.is(run.exitCode, 0);
  t.regex(run.stderr, /1 report from a newer hostprocess-doctor/);
  t.deepEqual(
    (JSON.parse(run.stdout) as FleetView).nodes.map((n) => n.node),
    ['win-a'],
  );
});

test.serial('no reports, or an input that is not there: exit 2 naming it', async (t) => {
  const none = await runCli(['fleet', '-'], { input: 'hello\n' });
  t.is(none.exitCode, 2);
  t.regex(none.stderr, /no hostprocess-doctor reports in -/);
  const missing = await runCli(['fleet', '/nonexistent/reports']);
  t.is(missing.exitCode, 2);
  t.regex(missing.stderr, /cannot read \/nonexistent\/reports: no such file or directory/);
});

test.serial('lines split across chunks anywhere, even inside a UTF-8 character, read the same', async (t) => {
  const a = await report('healthy-1.7.json', 'wïn-ä', '2026-11-22T10:00:00.000Z');
  const b = await report('access-denied.json', 'win-b', '2026-11-22T10:00:00.000Z');
  const text = Buffer.from(`[pod/p-ä/c] ${JSON.stringify(a)}\nlog ✓ line\n${JSON.stringify(b)}`);
  const read = async (chunkSize: number) => {
    const chunks: Buffer[] = [];
    for (let i = 0; i < text.length; i += chunkSize) chunks.push(text.subarray(i, i + chunkSize));
    const collector = new FleetCollector();
    await feedInputs(collector, ['-'], {
      cwd: ROOT,
      stdin: Readable.from(chunks),
      analyse: () => Promise.reject(new Error('no snapshots here')),
    });
    return { rows: collector.result(), stats: collector.stats };
  };
  const whole = await read(text.length);
  t.deepEqual(
    whole.rows.map((r) => r.node),
    ['win-b', 'wïn-ä'],
  );
  for (const size of [1, 7, 4096]) t.deepEqual(await read(size), whole, `chunks of ${size}`);
});

test.serial('the table shows at most two ids a cell, -o wide all of them, -o json the document', async (t) => {
  const many = await report('access-denied.json', 'win-many', '2026-11-22T10:00:00.000Z');
  many.results = many.results.map((r) => (r.group === 'containerd' ? { ...r, status: 'fail' } : r));
  const input = `${JSON.stringify(many)}\n`;
  const fails = many.results.filter((r) => r.status === 'fail').map((r) => r.id);
  t.true(fails.length > 2);
  const table = await runCli(['fleet', '-'], { input });
  t.regex(table.stdout, new RegExp(`${fails[0]},${fails[1]},\\+${fails.length - 2}\\b`));
  const wide = await runCli(['fleet', '-', '-o', 'wide'], { input });
  t.true(wide.stdout.includes(fails.join(',')));
  const json = await runCli(['fleet', '-', '-o', 'json'], { input });
  t.deepEqual((JSON.parse(json.stdout) as FleetView).nodes[0]?.fails, fails);
  const bad = await runCli(['fleet', '-', '-o', 'yaml'], { input });
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /-o "yaml" is not a format; give table, wide or json/);
});
