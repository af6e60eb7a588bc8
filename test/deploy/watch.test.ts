/**
 * watch: one JSON report line per run on stdout, runs again and again in one process, stops cleanly on
 * SIGINT and SIGTERM, --once for scheduled tasks. Runs the built CLI against a fake Windows host.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { TEXTFILE_NAME } from '../../src/reporters/textfile.js';
import { runLoop } from '../../src/watch/loop.js';
import { BIN, type JsonReport, ROOT, runCli, schemaErrors } from '../helpers/cli.js';
import { createFakeHost } from '../helpers/fakehost.js';
import { readBackProm, value } from '../helpers/prometheus.js';
import { healthyNode, withPowershell } from '../helpers/scenarios.js';

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test.serial(`two runs, then ${signal}: two NDJSON reports, exit 0, textfile from the last run`, async (t) => {
    const host = await createFakeHost(healthyNode());
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-watch-'));
    t.teardown(async () => {
      await host.cleanup();
      await rm(dir, { recursive: true, force: true });
    });
    const child = execa(
      process.execPath,
      [BIN, 'watch', '--interval', '100ms', '--textfile-dir', dir, '--group', 'hpc-readers'],
      {
        cwd: ROOT,
        env: { NO_COLOR: '1', ...host.env },
        reject: false,
        timeout: 60_000,
      },
    );
    let stdout = '';
    const twoLines = new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.split('\n').filter(Boolean).length >= 2) resolve();
      });
    });
    await twoLines;
    child.kill(signal);
    const started = Date.now();
    const result = await child;
    t.is(result.exitCode, 0, String(result.stderr));
    t.true(Date.now() - started < 10_000, 'stops within the run under way');
    t.regex(String(result.stderr), new RegExp(`${signal} received, stopping`));
    const lines = String(result.stdout).split('\n');
    t.true(lines.length >= 2);
    for (const line of lines) {
      const report = JSON.parse(line) as JsonReport;
      t.is(schemaErrors(report), '');
      t.is(report.node.source, 'live');
      t.is(report.summary.fail, 0);
    }
    const families = readBackProm(await readFile(path.join(dir, TEXTFILE_NAME), 'utf8'));
    t.is(value(families, 'hostprocess_doctor_ready'), 1);
    t.true(value(families, 'hostprocess_doctor_last_run_timestamp_seconds') > Date.now() / 1000 - 120);
  });
}

test.serial('--once: one report line, the exit code of that run', async (t) => {
  const host = await createFakeHost(withPowershell('synthetic-containerd-user-account.json'));
  try {
    const run = await runCli(['watch', '--once'], { env: host.env });
    t.is(run.exitCode, 1, run.stderr);
    t.true(run.stdout.endsWith('\n'), 'NDJSON lines are terminated');
    const lines = run.stdout.slice(0, -1).split('\n');
    t.is(lines.length, 1);
    const report = JSON.parse(lines[0] ?? '') as JsonReport;
    t.is(report.results.find((r) => r.id === 'containerd-service-account')?.status, 'fail');
  } finally {
    await host.cleanup();
  }
});

test.serial('a missing textfile directory costs the metrics, not the reports', async (t) => {
  const host = await createFakeHost(healthyNode());
  try {
    const run = await runCli(['watch', '--once', '--textfile-dir', '/nonexistent/textfile_inputs'], { env: host.env });
    t.is(run.exitCode, 0, run.stderr);
    t.is((JSON.parse(run.stdout) as JsonReport).schemaVersion, 2);
    t.regex(run.stderr, /\/nonexistent\/textfile_inputs does not exist; writing no metrics until it can/);
  } finally {
    await host.cleanup();
  }
});

test.serial('watch off Windows: the first run fails as doctor does (exit 3), the textfile says unknown', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-watch-'));
  try {
    const run = await runCli(['watch', '--interval', '1s', '--textfile-dir', dir]);
    t.is(run.exitCode, 3);
    t.is(run.stdout, '');
    t.regex(run.stderr, /reads the Windows node it runs on/);
    const families = readBackProm(await readFile(path.join(dir, TEXTFILE_NAME), 'utf8'));
    t.is(value(families, 'hostprocess_doctor_verdict', { verdict: 'inconclusive' }), 1);
    t.is(value(families, 'hostprocess_doctor_ready'), 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.serial('a bad --interval is a usage error naming the flag', async (t) => {
  const run = await runCli(['watch', '--interval', 'often']);
  t.is(run.exitCode, 2);
  t.regex(run.stderr, /--interval "often" is not a duration; give a number with a unit: 500ms, 30s, 5m or 1h/);
});

test.serial('the loop: runs start every interval; an abort while waiting stops at once', async (t) => {
  const controller = new AbortController();
  const starts: number[] = [];
  const started = performance.now();
  const cycles = await runLoop({ intervalMs: 50, signal: controller.signal }, async (n) => {
    starts.push(performance.now() - started);
    if (n === 3) setTimeout(() => controller.abort(), 10);
  });
  t.is(cycles, 3);
  t.true((starts[2] ?? 0) >= 95, `third start at ${starts[2]} ms`);
  t.true(performance.now() - started < 1000);
});

test.serial('the loop: an abort during a cycle lets that cycle finish, then stops', async (t) => {
  const controller = new AbortController();
  let finished = 0;
  const cycles = await runLoop({ intervalMs: 10, signal: controller.signal }, async () => {
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 30));
    finished += 1;
  });
  t.is(cycles, 1);
  t.is(finished, 1);
});
