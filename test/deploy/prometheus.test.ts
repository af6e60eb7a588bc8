/**
 * The Prometheus textfile (--textfile-dir) and --format prometheus: read back by a Prometheus text-format
 * parser, UTF-8 without a BOM, LF only, a final newline, and replaced atomically.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { STATUSES } from '../../src/contract/check.js';
import type { DoctorReport } from '../../src/contract/report.js';
import { analyzeFacts } from '../../src/engine.js';
import { renderPrometheus } from '../../src/reporters/prometheus.js';
import { TEXTFILE_NAME, TextfileError, writeFileAtomic } from '../../src/reporters/textfile.js';
import { loadSnapshot } from '../../src/sources/snapshot.js';
import { EXAMPLES, type JsonReport, runCli } from '../helpers/cli.js';
import { createFakeHost } from '../helpers/fakehost.js';
import { family, readBackProm, value } from '../helpers/prometheus.js';
import { healthyNode } from '../helpers/scenarios.js';

async function tempDir(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-prom-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function exampleReport(name: string): Promise<DoctorReport> {
  return analyzeFacts(await loadSnapshot(path.join(EXAMPLES, name)), { source: 'snapshot', snapshot: name });
}

test.serial(
  'analyze --service-account .\\admin --containerd-version 1.7.20 --textfile-dir DIR writes the failing check',
  async (t) => {
    const dir = await tempDir(t);
    const run = await runCli([
      'analyze',
      '--service-account',
      '.\\admin',
      '--containerd-version',
      '1.7.20',
      '--textfile-dir',
      dir,
    ]);
    t.is(run.exitCode, 1, run.stderr);
    t.deepEqual(await readdir(dir), [TEXTFILE_NAME], 'only the .prom file, no temporary left behind');
    const bytes = await readFile(path.join(dir, TEXTFILE_NAME));
    t.notDeepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'no UTF-8 BOM');
    t.false(bytes.includes(0x0d), 'LF only');
    t.is(bytes.at(-1), 0x0a, 'ends with a newline');
    const families = readBackProm(bytes.toString('utf8'));
    t.is(
      value(families, 'hostprocess_doctor_check_status', { check: 'containerd-service-account', status: 'fail' }),
      1,
    );
    t.is(
      value(families, 'hostprocess_doctor_check_status', { check: 'containerd-service-account', status: 'pass' }),
      0,
    );
    t.is(value(families, 'hostprocess_doctor_check_status', { check: 'containerd-version', status: 'pass' }), 1);
    t.is(value(families, 'hostprocess_doctor_ready'), 0);
    t.is(value(families, 'hostprocess_doctor_verdict', { verdict: 'unhealthy' }), 1);
    t.is(value(families, 'hostprocess_doctor_checks', { status: 'fail' }), 1);
    t.is(value(families, 'hostprocess_doctor_info', { version: '0.1.0', containerd_version: '1.7.20' }), 1);
    // The human report still goes to stdout.
    t.regex(run.stdout, /containerd-service-account/);
  },
);

test.serial('--format prometheus prints exactly the textfile, and only it', async (t) => {
  const dir = await tempDir(t);
  const run = await runCli([
    'analyze',
    path.join(EXAMPLES, 'healthy-1.7.json'),
    '--format',
    'prometheus',
    '--textfile-dir',
    dir,
  ]);
  t.is(run.exitCode, 0, run.stderr);
  t.is(run.stdout, await readFile(path.join(dir, TEXTFILE_NAME), 'utf8'));
  const families = readBackProm(run.stdout);
  t.is(value(families, 'hostprocess_doctor_ready'), 1);
  t.is(value(families, 'hostprocess_doctor_verdict', { verdict: 'healthy' }), 1);
  t.is(
    value(families, 'hostprocess_doctor_info', {
      node: 'akswin000001',
      os_build: '20348.2849',
      kubelet_version: 'v1.29.3',
    }),
    1,
  );
});

test.serial(
  'every metric is a prefixed gauge; each check has one series per status, exactly one of them 1',
  async (t) => {
    const report = await exampleReport('containerd-1.5-no-annotations.json');
    const families = readBackProm(
      await renderPrometheus({ report, run: { finishedAtMs: 1_795_000_000_500, durationMs: 1234 } }),
    );
    for (const f of families) {
      t.true(f.name.startsWith('hostprocess_doctor_'), f.name);
      t.is(f.type, 'GAUGE', f.name);
      t.not(f.help, '', f.name);
    }
    t.deepEqual(families.map((f) => f.name).sort(), [
      'hostprocess_doctor_check_status',
      'hostprocess_doctor_checks',
      'hostprocess_doctor_info',
      'hostprocess_doctor_last_run_duration_seconds',
      'hostprocess_doctor_last_run_timestamp_seconds',
      'hostprocess_doctor_ready',
      'hostprocess_doctor_verdict',
    ]);
    for (const result of report.results) {
      const series = family(families, 'hostprocess_doctor_check_status').metrics.filter(
        (m) => m.labels?.check === result.id,
      );
      t.deepEqual(series.map((m) => m.labels?.status).sort(), [...STATUSES].sort(), result.id);
      t.deepEqual(
        series.filter((m) => m.value === '1').map((m) => m.labels?.status),
        [result.status],
        result.id,
      );
    }
    for (const status of STATUSES)
      t.is(value(families, 'hostprocess_doctor_checks', { status }), report.summary[status]);
    t.is(value(families, 'hostprocess_doctor_last_run_timestamp_seconds'), 1_795_000_000.5);
    t.is(value(families, 'hostprocess_doctor_last_run_duration_seconds'), 1.234);
    t.is(value(families, 'hostprocess_doctor_verdict', { verdict: 'unhealthy' }), 1);
    t.is(value(families, 'hostprocess_doctor_verdict', { verdict: 'healthy' }), 0);
  },
);

test.serial('label values are escaped as Prometheus reads them', async (t) => {
  const report = await exampleReport('healthy-1.7.json');
  report.node.name = 'node "a"\\b\nc ü';
  const families = readBackProm(await renderPrometheus({ report }));
  t.is(family(families, 'hostprocess_doctor_info').metrics[0]?.labels?.node, 'node "a"\\b\nc ü');
});

test.serial('a run that has not finished reads as unknown and not ready, with no check series', async (t) => {
  const families = readBackProm(await renderPrometheus({ pending: true, node: 'akswin000001' }));
  t.is(value(families, 'hostprocess_doctor_ready'), 0);
  t.is(value(families, 'hostprocess_doctor_verdict', { verdict: 'inconclusive' }), 1);
  t.is(value(families, 'hostprocess_doctor_verdict', { verdict: 'healthy' }), 0);
  t.is(value(families, 'hostprocess_doctor_info', { node: 'akswin000001' }), 1);
  t.false(families.some((f) => f.name === 'hostprocess_doctor_check_status'));
  t.false(families.some((f) => f.name === 'hostprocess_doctor_last_run_timestamp_seconds'));
});

test.serial('a doctor that cannot run replaces a stale healthy file with unknown', async (t) => {
  const dir = await tempDir(t);
  const file = path.join(dir, TEXTFILE_NAME);
  await writeFile(file, '# TYPE hostprocess_doctor_ready gauge\nhostprocess_doctor_ready 1\n');
  // Off Windows and without a fake host, doctor exits 3: the file must not keep saying ready.
  const run = await runCli(['doctor', '--textfile-dir', dir]);
  t.is(run.exitCode, 3);
  const families = readBackProm(await readFile(file, 'utf8'));
  t.is(value(families, 'hostprocess_doctor_ready'), 0);
  t.is(value(families, 'hostprocess_doctor_verdict', { verdict: 'inconclusive' }), 1);
});

test.serial('a textfile directory that does not exist is a usage error naming it', async (t) => {
  const run = await runCli([
    'analyze',
    path.join(EXAMPLES, 'healthy-1.7.json'),
    '--textfile-dir',
    '/nonexistent/textfile_inputs',
  ]);
  t.is(run.exitCode, 2);
  t.regex(run.stderr, /--textfile-dir: \/nonexistent\/textfile_inputs does not exist/);
  t.notRegex(run.stderr, /at .*\.js:\d+/, 'no stack trace');
});

test.serial('--format must be a known format and agree with --json', async (t) => {
  const example = path.join(EXAMPLES, 'healthy-1.7.json');
  const bad = await runCli(['analyze', example, '--format', 'xml']);
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /--format "xml" is not a format; give one of human, json, prometheus/);
  const both = await runCli(['analyze', example, '--json', '--format', 'prometheus']);
  t.is(both.exitCode, 2);
  const json = await runCli(['analyze', example, '--format', 'json']);
  t.is(json.exitCode, 0);
  t.is((JSON.parse(json.stdout) as { schemaVersion: number }).schemaVersion, 2);
});

test.serial('atomic: a reader polling the file while it is replaced only ever sees a whole file', async (t) => {
  const dir = await tempDir(t);
  const file = path.join(dir, TEXTFILE_NAME);
  const versions = ['a', 'b'].map((c) => `${`# ${c}\n`.repeat(20_000)}end ${c}\n`);
  await writeFileAtomic(file, versions[0] as string);
  let writing = true;
  let reads = 0;
  const reader = (async () => {
    while (writing) {
      const text = await readFile(file, 'utf8');
      reads += 1;
      if (!versions.includes(text)) throw new Error(`partial read of ${text.length} chars`);
    }
  })();
  for (let i = 0; i < 60; i++) await writeFileAtomic(file, versions[i % 2] as string);
  writing = false;
  await t.notThrowsAsync(reader);
  t.true(reads > 0);
  t.deepEqual(await readdir(dir), [TEXTFILE_NAME]);
});

test.serial('atomic: a rename blocked by a reader (EPERM on Windows) is retried', async (t) => {
  const dir = await tempDir(t);
  const file = path.join(dir, TEXTFILE_NAME);
  const { rename } = await import('node:fs/promises');
  let calls = 0;
  const flaky = async (from: string, to: string) => {
    calls += 1;
    if (calls <= 2) throw Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM' });
    await rename(from, to);
  };
  await writeFileAtomic(file, 'new\n', { renameFile: flaky });
  t.is(calls, 3);
  t.is(await readFile(file, 'utf8'), 'new\n');
});

test.serial('atomic: a write that fails leaves the old file whole and no temporary file', async (t) => {
  const dir = await tempDir(t);
  const file = path.join(dir, TEXTFILE_NAME);
  await writeFile(file, 'old\n');
  let tempName = '';
  const failing = async (from: string) => {
    tempName = path.basename(from);
    throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
  };
  const error = await t.throwsAsync(writeFileAtomic(file, 'new\n', { renameFile: failing, retryForMs: 50 }));
  t.true(error instanceof TextfileError);
  t.regex(error?.message ?? '', /cannot write .*hostprocess_doctor\.prom: EPERM/);
  t.is(await readFile(file, 'utf8'), 'old\n');
  t.deepEqual(await readdir(dir), [TEXTFILE_NAME]);
  t.false(tempName.endsWith('.prom'), `the collector reads *.prom only; the temporary is ${tempName}`);
});

test.serial(
  'doctor --textfile-dir on a healthy node (fake host): ready, and the run time includes collection',
  async (t) => {
    const dir = await tempDir(t);
    const host = await createFakeHost(healthyNode());
    t.teardown(() => host.cleanup());
    const run = await runCli(['doctor', '--json', '--group', 'hpc-readers', '--textfile-dir', dir], { env: host.env });
    t.is(run.exitCode, 0, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport & { durationMs: number };
    const families = readBackProm(await readFile(path.join(dir, TEXTFILE_NAME), 'utf8'));
    t.is(value(families, 'hostprocess_doctor_ready'), 1);
    t.is(value(families, 'hostprocess_doctor_info', { node: String(report.node.name), os_build: '20348.2849' }), 1);
    // The fake programs are separate processes: collection takes far longer than the checks alone.
    t.true(value(families, 'hostprocess_doctor_last_run_duration_seconds') * 1000 > report.durationMs);
  },
);
