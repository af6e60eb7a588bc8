/**
 * Never a false "healthy": the verdict, its exit code and every output that shows it, for runs that could
 * not see (a denied account, a timed-out config), runs that checked nothing, crashes, and what-if runs that
 * simply did not give a fact. Also the inputs as Windows writes them (UTF-16 with a BOM) and the small
 * misreadings of what-if values.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { CHECKS } from '../checks/index.js';
import { defineCheck } from '../src/contract/check.js';
import { buildReport, exitCodeFor } from '../src/contract/report.js';
import { runChecks } from '../src/runner.js';
import { EXAMPLES, type JsonReport, runCli, schemaErrors } from './helpers/cli.js';
import { node } from './helpers/facts.js';

const example = (name: string) => path.join(EXAMPLES, `${name}.json`);

async function tempDir(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-verdict-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The healthy example, blind where it matters: the account was denied, the config read timed out. */
async function blindSnapshot(dir: string): Promise<string> {
  const facts = JSON.parse(await readFile(example('healthy-1.7'), 'utf8'));
  facts.containerd.serviceAccount = {
    state: 'denied',
    reason: 'the service logon account (StartName) is empty: not elevated',
    source: { kind: 'wmi', key: 'Win32_Service containerd StartName' },
  };
  facts.containerd.config = {
    state: 'timeout',
    reason: 'no answer within 6000 ms',
    source: { kind: 'file', path: 'C:\\Program Files\\containerd\\config.toml' },
  };
  const file = path.join(dir, 'blind.json');
  await writeFile(file, JSON.stringify(facts, null, 2));
  return file;
}

test('a blind snapshot is inconclusive (exit 4), says what was not seen and how, never "No issues found"', async (t) => {
  const file = await blindSnapshot(await tempDir(t));
  const human = await runCli(['analyze', file]);
  t.is(human.exitCode, 4, human.stderr);
  t.false(human.stdout.includes('No issues found'));
  t.regex(human.stdout, /^\[\?\] containerd/m);
  t.regex(human.stdout, /Inconclusive: the doctor could not see everything it needs/);
  t.regex(human.stdout, /\[containerd-service-account\] .*denied.* → run elevated/);
  t.regex(human.stdout, /\[containerd-config\] .*timeout.* → raise --timeout/);
  const json = await runCli(['analyze', file, '--json']);
  t.is(json.exitCode, 4);
  const report = JSON.parse(json.stdout) as JsonReport;
  t.is(schemaErrors(report), '');
  t.is(report.verdict, 'inconclusive');
  t.deepEqual(
    report.notSeen.map((n) => [n.kind, n.check, n.state]).sort(),
    [
      ['unreadable', 'containerd-config', 'timeout'],
      ['unreadable', 'containerd-default-runtime', 'timeout'],
      ['unreadable', 'containerd-hostprocess-annotations', 'timeout'],
      ['unreadable', 'containerd-service-account', 'denied'],
      ['unreadable', 'kubelet-runtime-endpoint', 'timeout'],
    ].filter(([, check]) => report.results.some((r) => r.id === check && r.skipReason === 'unreadable')),
  );
  t.true(report.notSeen.some((n) => n.check === 'containerd-service-account' && n.state === 'denied'));
});

test('the same blind snapshot with an OS build that fails is unhealthy (exit 1): a failure wins', async (t) => {
  const file = await blindSnapshot(await tempDir(t));
  const run = await runCli(['analyze', file, '--os-build', '14393', '--json']);
  t.is(run.exitCode, 1);
  t.is((JSON.parse(run.stdout) as JsonReport).verdict, 'unhealthy');
});

test('a what-if run that gives only some facts is not blind: healthy (exit 0)', async (t) => {
  const run = await runCli(['analyze', '--containerd-version', '1.7.20', '--service-account', 'LocalSystem', '--json']);
  t.is(run.exitCode, 0, run.stdout);
  const report = JSON.parse(run.stdout) as JsonReport;
  t.is(report.verdict, 'healthy');
  t.deepEqual(report.notSeen, []);
  t.true(report.results.some((r) => r.skipReason === 'notCollected'));
});

test('a run that checks nothing is inconclusive, never green', async (t) => {
  const none = await runCli(['analyze', example('access-denied'), '--only', 'os', '--skip', 'os']);
  t.is(none.exitCode, 4);
  t.false(none.stdout.includes('No issues found'));
  t.regex(none.stdout, /no check ran/);
  const groupOnly = await runCli(['analyze', '--group', 'hpc-readers', '--json']);
  t.is(groupOnly.exitCode, 4);
  const report = JSON.parse(groupOnly.stdout) as JsonReport;
  t.deepEqual(
    report.notSeen.map((n) => n.kind),
    ['nothingJudged'],
  );
});

test('a crashed check makes the run inconclusive (exit 4), and a failure still wins', async (t) => {
  const meta = (id: string) => ({ id, title: `check ${id}`, group: 'os' as const });
  const crashing = defineCheck({
    meta: meta('crashing'),
    messages: { ok: 'fine' },
    run: () => {
      throw new Error('boom');
    },
  });
  const passing = defineCheck({ meta: meta('passing'), messages: { ok: 'fine' }, run: (_, r) => r.pass('ok') });
  const failing = defineCheck({
    meta: meta('failing'),
    messages: { bad: 'broken' },
    run: (_, r) => r.fail('bad', { fix: { text: 'fix it', commands: [] } }),
  });
  const crashed = buildReport(await runChecks([passing, crashing], node()), { source: 'what-if' }, new Date());
  t.is(crashed.verdict, 'inconclusive');
  t.is(exitCodeFor(crashed), 4);
  t.is(crashed.notSeen[0]?.kind, 'crashed');
  const failed = buildReport(await runChecks([crashing, failing], node()), { source: 'what-if' }, new Date());
  t.is(exitCodeFor(failed), 1);
});

test('a warning judged without a fact it needed leaves the run inconclusive, not healthy', async (t) => {
  const meta = { id: 'half-seen', title: 'half seen', group: 'os' as const };
  const halfSeen = defineCheck({
    meta,
    messages: { odd: 'odd but not broken', blind: 'could not read the rest' },
    run: (_, r) =>
      r.of([r.finding('warn', 'odd'), r.finding('skip', 'blind')], {
        unseen: [{ fact: 'os', state: 'denied', reason: 'Access is denied.' }],
      }),
  });
  const report = buildReport(await runChecks([halfSeen], node()), { source: 'what-if' }, new Date());
  t.is(report.results[0]?.status, 'warn');
  t.is(report.results[0]?.skipReason, undefined);
  t.is(report.verdict, 'inconclusive');
  t.is(exitCodeFor(report), 4);
  t.deepEqual(
    report.notSeen.map((n) => [n.kind, n.check, n.fact]),
    [['unreadable', 'half-seen', 'os']],
  );
});

test('durations need a unit and have a maximum', async (t) => {
  for (const [args, message] of [
    [
      ['analyze', example('healthy-1.7'), '--check-timeout', '5'],
      /--check-timeout "5" has no unit; .*500ms, 30s, 5m or 1h \(e\.g\. 5s\)/,
    ],
    [['watch', '--interval', '300'], /--interval "300" has no unit/],
    [['doctor', '--timeout', '6'], /--timeout "6" has no unit/],
    [['watch', '--interval', '597h'], /--interval 597h is too long: at most 24h/],
    [['doctor', '--timeout', '9999999h'], /--timeout 9999999h is too long: at most 1h/],
    [['analyze', example('healthy-1.7'), '--check-timeout', '11m'], /at most 10m/],
  ] as const) {
    const run = await runCli([...args]);
    t.is(run.exitCode, 2, args.join(' '));
    t.regex(run.stderr, message);
  }
  t.is((await runCli(['analyze', example('healthy-1.7'), '--check-timeout', '1m30s'])).exitCode, 0);
});

test('what-if values as people type them: SIDs are accounts, release ids are not builds', async (t) => {
  const sid = JSON.parse((await runCli(['analyze', '--service-account', 'S-1-5-18', '--json'])).stdout) as JsonReport;
  t.is(sid.results.find((r) => r.id === 'containerd-service-account')?.messageId, 'localSystem');
  for (const release of ['1809', '21H2', '2004']) {
    const run = await runCli(['analyze', '--os-build', release]);
    t.is(run.exitCode, 2, release);
    t.regex(run.stderr, /looks like a release id .* 2019 is build 17763, 2022 is 20348, 2025 is 26100/);
  }
});

test('colour follows NO_COLOR, FORCE_COLOR and TERM=dumb', async (t) => {
  const has = async (env: Record<string, string>, columns?: number) =>
    (await runCli(['analyze', example('access-denied')], { env, ...(columns ? { columns } : {}) })).stdout.includes(
      '\u001b[',
    );
  t.true(await has({ NO_COLOR: '', FORCE_COLOR: '1' }));
  t.false(await has({ NO_COLOR: '', FORCE_COLOR: '0' }, 100), 'FORCE_COLOR=0 turns it off, even on a terminal');
  t.false(await has({ NO_COLOR: '', FORCE_COLOR: 'false' }, 100));
  t.false(await has({ NO_COLOR: '', TERM: 'dumb' }, 100), 'TERM=dumb');
  t.true(await has({ NO_COLOR: '', TERM: 'xterm-256color' }, 100), 'a terminal');
  t.false(await has({ NO_COLOR: '1', FORCE_COLOR: '1' }, 100), 'NO_COLOR wins');
});

test('explain wraps to the terminal like analyze, not in a pipe', async (t) => {
  const text = 'failed to create user process token: failed to logon user: Access is denied.';
  const narrow = await runCli(['explain', text], { columns: 81 });
  for (const line of narrow.stdout.split('\n').filter((l) => !l.startsWith('        '))) {
    // A line may be longer only when it is one word that cannot be broken (a URL).
    const unbreakable = !/\S\s+\S/.test(line.replace(/^\s*(Sources: )?/, ''));
    t.true(line.length <= 80 || unbreakable, `${line.length}: ${line}`);
  }
  const piped = await runCli(['explain', text]);
  t.true(
    piped.stdout.split('\n').some((l) => l.length > 100),
    'a pipe keeps each paragraph on one line',
  );
});

test('explain shows a match the facts rule out as ruled out, with no fix', async (t) => {
  const text = 'failed to create user process token: failed to logon user: Access is denied.';
  const run = await runCli(['explain', text, '--snapshot', example('healthy-1.7')]);
  t.regex(run.stdout, /^\[-\] containerd runs as a user account.*ruled out on this node/m);
  t.false(run.stdout.includes('sc.exe config containerd obj= LocalSystem'));
  t.false(/^\[✗\]/m.test(run.stdout));
  const denied = await runCli(['explain', text, '--snapshot', example('access-denied')]);
  t.regex(denied.stdout, /^\[✗\] containerd runs as a user account/m);
  t.true(denied.stdout.includes('sc.exe config containerd obj= LocalSystem'));
});

test('files as Windows PowerShell 5.1 writes them (UTF-16LE with a BOM) are read by analyze and fleet', async (t) => {
  const dir = await tempDir(t);
  const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const snapshot = path.join(dir, 'node.json');
  await writeFile(snapshot, utf16((await readFile(example('access-denied'), 'utf8')).replace(/\n/g, '\r\n')));
  const analyzed = await runCli(['analyze', snapshot, '--json']);
  t.is(analyzed.exitCode, 1, analyzed.stderr);
  const report = path.join(dir, 'report.json');
  await writeFile(report, utf16(analyzed.stdout));
  const fleet = await runCli(['fleet', report, '--json']);
  t.is(fleet.exitCode, 1, fleet.stderr);
  const view = JSON.parse(fleet.stdout) as { nodes: { node: string; verdict: string }[] };
  t.deepEqual(
    view.nodes.map((n) => [n.node, n.verdict]),
    [['winnode-07', 'unhealthy']],
  );
  const bytes = path.join(dir, 'cp1252.json');
  await writeFile(bytes, Buffer.from('{"schemaVersion": 1, "x": "caf\xe9"}', 'latin1'));
  const refused = await runCli(['analyze', bytes]);
  t.is(refused.exitCode, 2);
  t.regex(refused.stderr, /cp1252\.json: cannot decode it: it is not UTF-8 \(perhaps a Windows code page/);
});

test('fleet reads collect snapshots, shows when their facts were collected, and exits 4 for an inconclusive node', async (t) => {
  const dir = await tempDir(t);
  await writeFile(path.join(dir, 'b-blind.json'), await readFile(await blindSnapshot(dir), 'utf8'));
  await rm(path.join(dir, 'blind.json'));
  await writeFile(path.join(dir, 'a-healthy.json'), await readFile(example('healthy-1.7'), 'utf8'));
  const run = await runCli(['fleet', dir, '--json']);
  t.is(run.exitCode, 4, run.stderr);
  const view = JSON.parse(run.stdout) as {
    snapshots: number;
    summary: Record<string, number>;
    nodes: { verdict: string; checkedAt: string; notJudged: string[] }[];
  };
  t.is(view.snapshots, 2);
  t.deepEqual(
    view.summary,
    { nodes: 1, healthy: 0, unhealthy: 0, inconclusive: 1 },
    'one node, the newer blind run wins',
  );
  const collectedAt = (JSON.parse(await readFile(example('healthy-1.7'), 'utf8')) as { collectedAt: string })
    .collectedAt;
  t.is(view.nodes[0]?.checkedAt, collectedAt);
  t.true(view.nodes[0]?.notJudged.includes('containerd-service-account'));
  const table = await runCli(['fleet', path.join(dir, 'a-healthy.json')]);
  t.is(table.exitCode, 0);
  t.true(table.stdout.includes(collectedAt.slice(0, 10)), 'CHECKED is the collection date');
});

test('--npd and the Prometheus text say Unknown/inconclusive for a blind snapshot', async (t) => {
  const dir = await tempDir(t);
  const file = await blindSnapshot(dir);
  const npd = await runCli(['analyze', file, '--npd']);
  t.is(npd.exitCode, 2);
  t.regex(npd.stdout, /^unknown: .*facts unreadable \((denied|timeout)/);
  const prom = await runCli(['analyze', file, '--format', 'prometheus']);
  t.is(prom.exitCode, 4);
  t.regex(prom.stdout, /^hostprocess_doctor_verdict\{verdict="inconclusive"\} 1$/m);
  t.regex(prom.stdout, /^hostprocess_doctor_ready 0$/m);
});

test('every check of a healthy snapshot judged it: the registry and the verdict agree', async (t) => {
  const run = await runCli(['analyze', example('healthy-1.7'), '--json']);
  const report = JSON.parse(run.stdout) as JsonReport;
  t.is(report.results.length, CHECKS.length);
  t.is(report.verdict, 'healthy');
});
