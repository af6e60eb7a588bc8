/**
 * containerd's log tail as evidence: a pure finder, and analyzeFacts appending evidence to the checks
 * the found messages relate to.
 */
import test from 'ava';
import { addLogEvidence, findLogMessages } from '../../src/catalogue/log-evidence.js';
import type { CheckResult } from '../../src/contract/check.js';
import type { NodeFacts } from '../../src/contract/facts.js';
import { analyzeFacts } from '../../src/engine.js';
import { schemaErrors } from '../helpers/cli.js';
import { node, not, ok } from '../helpers/facts.js';

const LOG_PATH = 'C:\\ProgramData\\containerd\\containerd.log';
const TAIL = [
  'time="2026-11-20T09:10:01.000000000Z" level=info msg="loading plugin \\"io.containerd.grpc.v1.cri\\"..." type=io.containerd.grpc.v1',
  'time="2026-11-20T09:10:02.123456700Z" level=error msg="StartContainer for \\"4f1c\\" failed" error="failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown"',
  'time="2026-11-20T09:10:03.000000000Z" level=error msg="StartContainer for \\"77aa\\" failed" error="failed to create containerd task: failed to create shim: hcs::CreateComputeSystem 77aa: The directory name is invalid.: unknown"',
  'time="2026-11-20T09:10:04.000000000Z" level=error msg="StartContainer for \\"4f1d\\" failed" error="failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown"',
  'time="2026-11-20T09:10:05.000000000Z" level=warning msg="job container mount destination exists and will be shadowed" destination="C:\\\\var\\\\lib\\\\app"',
].join('\n');

const withLog = (tail: string, extra: Omit<NodeFacts, 'schemaVersion'> = {}): NodeFacts =>
  node({
    ...extra,
    containerd: {
      ...extra.containerd,
      log: { state: 'ok', value: { path: LOG_PATH, tail }, source: { kind: 'file', path: LOG_PATH } },
    },
  });

test('findLogMessages is pure and finds each catalogue message once, with its checks and count', (t) => {
  const findings = findLogMessages(TAIL);
  t.deepEqual(
    findings.map((f) => [f.entryId, f.checks, f.occurrences, f.line]),
    [
      ['logon-access-denied', ['containerd-service-account'], 2, 2],
      ['mount-shadows-host-dir', ['bind-filter'], 1, 5],
    ],
  );
  t.deepEqual(findLogMessages(TAIL), findings);
  t.regex(findings[0]?.excerpt ?? '', /failed to logon user: Access is denied/);
});

test('low-confidence look-alikes are not evidence', (t) => {
  t.deepEqual(findLogMessages('error="hcs::CreateComputeSystem 77aa: Access is denied.: unknown"'), []);
  t.deepEqual(findLogMessages(''), []);
});

test('addLogEvidence appends one evidence entry to each related result, and leaves the others alone', (t) => {
  const results: CheckResult[] = ['containerd-service-account', 'bind-filter', 'os-build'].map((id) => ({
    id,
    group: 'containerd',
    title: id,
    status: 'pass',
    messageId: 'm',
    message: 'm',
    docsUrl: '',
    durationMs: 0,
    evidence: [],
  }));
  const out = addLogEvidence(results, withLog(TAIL));
  const account = out.find((r) => r.id === 'containerd-service-account');
  t.is(account?.evidence.length, 1);
  t.like(account?.evidence[0], { fact: 'containerd.log', state: 'ok', source: { kind: 'file', path: LOG_PATH } });
  t.regex(
    account?.evidence[0]?.value ?? '',
    /failed to logon user: Access is denied.*\(explain: logon-access-denied; line 2 of the tail, 2 times\)$/,
  );
  t.is(out.find((r) => r.id === 'bind-filter')?.evidence.length, 1);
  t.is(
    out.find((r) => r.id === 'os-build'),
    results[2],
  );
  t.is(results[0]?.evidence.length, 0, 'the input is not mutated');
});

test('no log, an unreadable log or an empty tail adds nothing', (t) => {
  const results: CheckResult[] = [];
  t.is(addLogEvidence(results, node()), results);
  t.is(addLogEvidence(results, node({ containerd: { log: not('denied') } })), results);
  t.is(addLogEvidence(results, withLog('')), results);
});

test('analyzeFacts makes log messages evidence on the related check results, and the report stays valid', async (t) => {
  const facts = withLog(TAIL, { containerd: { serviceAccount: ok({ name: '.\\admin' }) } });
  const report = await analyzeFacts(facts, { source: 'snapshot' });
  const account = report.results.find((r) => r.id === 'containerd-service-account');
  t.is(account?.status, 'fail');
  t.deepEqual(
    account?.evidence.map((e) => e.fact),
    ['containerd.serviceAccount', 'containerd.log'],
  );
  t.is(
    report.results.find((r) => r.id === 'bind-filter')?.evidence.filter((e) => e.fact === 'containerd.log').length,
    1,
  );
  t.is(
    report.results.find((r) => r.id === 'local-groups')?.evidence.filter((e) => e.fact === 'containerd.log').length,
    0,
  );
  t.is(schemaErrors(JSON.parse(JSON.stringify(report))), '');
});

test('a 30 MB log tail repeating a message: evidence in bounded time, every occurrence counted (fuzz D10)', (t) => {
  const line =
    'time="2026-11-20T09:10:02Z" level=error msg="StartContainer failed" error="failed to create user process token: failed to logon user: Access is denied.: unknown"\n';
  const tail = line.repeat(Math.ceil((30 * 1024 * 1024) / line.length));
  const started = performance.now();
  const [finding] = findLogMessages(tail);
  const ms = performance.now() - started;
  t.is(finding?.entryId, 'logon-access-denied');
  t.is(finding?.occurrences, Math.ceil((30 * 1024 * 1024) / line.length));
  t.is(finding?.line, 1);
  // The quadratic bookkeeping ran past 30 s on 50 MB; this takes about a second.
  t.true(ms < 60_000, `${Math.round(ms)} ms`);
});

test('one line with 130,000 matches in a log tail: no stack overflow (fuzz D11)', (t) => {
  const findings = findLogMessages('failed to logon user: Access is denied. '.repeat(130_000));
  t.is(findings[0]?.occurrences, 1);
  t.true((findings[0]?.excerpt.length ?? 0) < 600);
});
