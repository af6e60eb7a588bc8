/**
 * node-problem-detector plugin mode (--npd): one ASCII line of at most 80 bytes on stdout, exit 0 ok,
 * 1 problem, 2 unknown, whatever goes wrong.
 */
import path from 'node:path';
import test from 'ava';
import { CHECKS } from '../../checks/index.js';
import type { CheckResult } from '../../src/contract/check.js';
import { buildReport, type DoctorReport } from '../../src/contract/report.js';
import { analyzeFacts } from '../../src/engine.js';
import { npdLine, renderNpd } from '../../src/reporters/npd.js';
import { loadSnapshot } from '../../src/sources/snapshot.js';
import { EXAMPLES, runCli } from '../helpers/cli.js';
import { createFakeHost } from '../helpers/fakehost.js';
import { healthyNode, withPowershell } from '../helpers/scenarios.js';

function assertPluginOutput(
  t: { true(v: boolean, m?: string): void; is(a: unknown, b: unknown, m?: string): void },
  stdout: string,
): string {
  t.true(stdout.endsWith('\n'), 'the line is terminated');
  const lines = stdout.slice(0, -1).split('\n');
  t.is(lines.length, 1, `one line: ${JSON.stringify(stdout)}`);
  const line = lines[0] ?? '';
  t.true(Buffer.byteLength(line) <= 80, `${Buffer.byteLength(line)} bytes: ${line}`);
  t.true(/^[\x20-\x7e]+$/.test(line), `plain ASCII: ${line}`);
  return line;
}

const cases: [string, number, RegExp][] = [
  ['healthy-1.7.json', 0, new RegExp(`^ok: ${CHECKS.length - 1} checks passed, 1 skipped$`)],
  ['access-denied.json', 1, /^problem: containerd-service-account failed$/],
  ['containerd-1.5-no-annotations.json', 1, /^problem: containerd-hostprocess-annotations, runhcs-shim failed$/],
  ['missing-local-group.json', 1, /^problem: local-groups failed$/],
];
for (const [example, exitCode, line] of cases) {
  test.serial(`analyze ${example} --npd: exit ${exitCode}`, async (t) => {
    const run = await runCli(['analyze', path.join(EXAMPLES, example), '--npd']);
    t.is(run.exitCode, exitCode, run.stderr);
    t.regex(assertPluginOutput(t, run.stdout), line);
  });
}

test.serial('doctor --npd on a healthy node (fake host): ok, exit 0', async (t) => {
  const host = await createFakeHost(healthyNode());
  try {
    const run = await runCli(['doctor', '--npd', '--group', 'hpc-readers'], { env: host.env });
    t.is(run.exitCode, 0, run.stderr);
    t.regex(assertPluginOutput(t, run.stdout), /^ok: \d+ checks passed/);
  } finally {
    await host.cleanup();
  }
});

test.serial('doctor --npd as a non-administrator (the LocalService case): unknown, never ok', async (t) => {
  const host = await createFakeHost(withPowershell('synthetic-non-admin.json'));
  try {
    const run = await runCli(['doctor', '--npd'], { env: host.env });
    t.is(run.exitCode, 2, run.stderr);
    t.regex(assertPluginOutput(t, run.stdout), /^unknown: .*containerd-service-account.* \(denied\)$/);
  } finally {
    await host.cleanup();
  }
});

test.serial(
  'doctor --npd where it cannot run: unknown, exit 2, the reason on one line and the rest on stderr',
  async (t) => {
    const run = await runCli(['doctor', '--npd']);
    t.is(run.exitCode, 2);
    t.is(
      assertPluginOutput(t, run.stdout),
      'unknown: doctor reads the Windows node it runs on, and this is linux.'.replace('linux', process.platform),
    );
    t.regex(run.stderr, /collect its facts on the node/);
  },
);

test.serial('--npd with bad input is unknown (exit 2), never ok', async (t) => {
  const missing = await runCli(['analyze', '/nonexistent/node.json', '--npd']);
  t.is(missing.exitCode, 2);
  t.regex(assertPluginOutput(t, missing.stdout), /^unknown: snapshot \/nonexistent\/node\.json: cannot read it/);
  const clash = await runCli(['analyze', path.join(EXAMPLES, 'healthy-1.7.json'), '--npd', '--json']);
  t.is(clash.exitCode, 2);
  t.regex(clash.stdout, /^unknown: /);
});

async function healthyReport() {
  return analyzeFacts(await loadSnapshot(path.join(EXAMPLES, 'healthy-1.7.json')), { source: 'snapshot' });
}

const withStatus = (r: CheckResult, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  ...r,
  status,
  ...extra,
});

/** The report made again from changed results: the verdict is the report's, computed once, by buildReport. */
const rebuilt = (report: DoctorReport, results: CheckResult[]) =>
  buildReport(results, report.node, new Date(report.startedAt));

test.serial('many failures: as many ids as fit in 80 bytes, then +N more', async (t) => {
  const healthy = await healthyReport();
  const report = rebuilt(
    healthy,
    healthy.results.map((r) => withStatus(r, 'fail')),
  );
  const { line, exitCode } = renderNpd(report);
  t.is(exitCode, 1);
  t.true(line.length <= 80, line);
  t.regex(line, /^problem: os-build, bind-filter, .*\+\d+ more failed$/);
});

test.serial('a fact that could not be read (access denied) makes the verdict unknown, not ok', async (t) => {
  const healthy = await healthyReport();
  const report = rebuilt(
    healthy,
    healthy.results.map((r) =>
      r.id === 'containerd-service-account'
        ? withStatus(r, 'skip', {
            messageId: 'factUnavailable',
            skipReason: 'unreadable',
            unseen: [{ fact: 'containerd service account', state: 'denied' }],
          })
        : r,
    ),
  );
  const { line, exitCode } = renderNpd(report);
  t.is(exitCode, 2);
  t.is(line, 'unknown: containerd-service-account facts unreadable (denied)');
});

test.serial('a crashed check makes the verdict unknown; a failure still wins', async (t) => {
  const healthy = await healthyReport();
  const crashed = healthy.results.map((r) => (r.id === 'runhcs-shim' ? withStatus(r, 'error') : r));
  t.deepEqual(renderNpd(rebuilt(healthy, crashed)), { line: 'unknown: crashed: runhcs-shim', exitCode: 2 });
  const failed = crashed.map((r) => (r.id === 'os-build' ? withStatus(r, 'fail') : r));
  t.deepEqual(renderNpd(rebuilt(healthy, failed)), { line: 'problem: os-build failed', exitCode: 1 });
});

test.serial('npdLine keeps to 80 ASCII bytes on one line', (t) => {
  const line = npdLine(`unknown: ${'café ✗ '.repeat(30)}\nsecond line`);
  t.true(Buffer.byteLength(line) <= 80);
  t.true(/^[\x20-\x7e]+$/.test(line));
  t.true(line.endsWith('...'));
});
