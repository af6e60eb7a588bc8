/**
 * Facts link a message to a node: the related checks run on the facts, and each match says whether this
 * node shows the cause.
 */
import path from 'node:path';
import test from 'ava';
import { entryById } from '../../src/catalogue/entries.js';
import { explainText } from '../../src/catalogue/match.js';
import type { CheckResult } from '../../src/contract/check.js';
import { checkVerdict, linkFacts, nodeVerdict } from '../../src/explain/link.js';
import { loadSnapshot } from '../../src/sources/snapshot.js';
import { node, ok, version } from '../helpers/facts.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../..', 'examples', 'nodes');
const ACCESS_DENIED = 'failed to create user process token: failed to logon user: Access is denied.: unknown';

const result = (id: string, status: CheckResult['status'], messageId: string): CheckResult => ({
  id,
  group: 'containerd',
  title: id,
  status,
  messageId,
  message: messageId,
  docsUrl: '',
  durationMs: 0,
  evidence: [],
});

test('check verdicts: fail is the cause, warn may be, pass is not, skip is unknown; causeWhen overrides', (t) => {
  const account = entryById('logon-access-denied');
  const layout = entryById('hpc-path-layout');
  if (!account || !layout) return t.fail();
  t.is(checkVerdict(account, result('containerd-service-account', 'fail', 'userAccount')), 'cause');
  t.is(checkVerdict(account, result('containerd-service-account', 'warn', 'localService')), 'possible');
  t.is(checkVerdict(account, result('containerd-service-account', 'pass', 'localSystem')), 'not-cause');
  t.is(checkVerdict(account, result('containerd-service-account', 'skip', 'notCollected')), 'unknown');
  t.is(checkVerdict(account, result('containerd-service-account', 'error', 'checkCrashed')), 'unknown');
  // A passing check can still show the cause: containerd 1.7 with the bind filter is the new layout.
  t.is(checkVerdict(layout, result('bind-filter', 'pass', 'present')), 'cause');
  t.is(checkVerdict(layout, result('bind-filter', 'pass', 'notUsed')), 'not-cause');
  // A look-alike that may be the HostProcess form: possibleWhen.
  const filter = entryById('volume-filter-attach');
  if (!filter) return t.fail();
  t.is(checkVerdict(filter, result('bind-filter', 'pass', 'present')), 'possible');
  t.is(checkVerdict(filter, result('bind-filter', 'pass', 'notUsed')), 'not-cause');
});

test('node verdicts', (t) => {
  const link = (verdict: 'cause' | 'possible' | 'not-cause' | 'unknown') => ({
    id: 'x',
    status: 'pass' as const,
    messageId: 'm',
    message: 'm',
    verdict,
  });
  t.is(nodeVerdict([]), 'no-check');
  t.is(nodeVerdict([link('not-cause'), link('cause')]), 'yes');
  t.is(nodeVerdict([link('possible'), link('unknown')]), 'possible');
  t.is(nodeVerdict([link('not-cause'), link('not-cause')]), 'no');
  t.is(nodeVerdict([link('not-cause'), link('unknown')]), 'unknown');
});

test('containerd as .\\admin: this node shows the cause; as LocalSystem: it does not', async (t) => {
  const matches = explainText(ACCESS_DENIED);
  const admin = await linkFacts(matches, node({ containerd: { serviceAccount: ok({ name: '.\\admin' }) } }), {
    source: 'what-if',
  });
  t.is(admin.links[0]?.verdict, 'yes');
  t.is(admin.links[0]?.checks[0]?.id, 'containerd-service-account');
  t.is(admin.links[0]?.checks[0]?.verdict, 'cause');
  t.regex(admin.links[0]?.checks[0]?.message ?? '', /\.\\admin/);
  const system = await linkFacts(matches, node({ containerd: { serviceAccount: ok({ name: 'LocalSystem' }) } }), {
    source: 'what-if',
  });
  t.is(system.links[0]?.verdict, 'no');
  const none = await linkFacts(matches, node(), { source: 'what-if' });
  t.is(none.links[0]?.verdict, 'unknown');
});

test('only the related checks run (--only semantics)', async (t) => {
  const { results } = await linkFacts(explainText(ACCESS_DENIED), node(), { source: 'what-if' });
  t.deepEqual(
    results.map((r) => r.id),
    ['containerd-service-account'],
  );
  const none = await linkFacts(
    explainText('hostNetwork must be true if pod contains any hostProcess containers'),
    node(),
    { source: 'what-if' },
  );
  t.deepEqual(none.results, []);
  t.is(none.links[0]?.verdict, 'no-check');
});

test('snapshots: the token path is the cause on containerd 1.6, not on 1.7 with the bind filter', async (t) => {
  const matches = explainText(
    'open /var/run/secrets/kubernetes.io/serviceaccount/token: The system cannot find the path specified.',
  );
  const onSix = node({
    containerd: { version: version('containerd github.com/containerd/containerd v1.6.24 abc') },
    bindFilterDll: ok({ path: 'C:\\Windows\\System32\\bindfltapi.dll' }),
  });
  t.is((await linkFacts(matches, onSix, { source: 'what-if' })).links[0]?.verdict, 'yes');
  const healthy = await loadSnapshot(path.join(EXAMPLES, 'healthy-1.7.json'));
  t.is((await linkFacts(matches, healthy, { source: 'snapshot' })).links[0]?.verdict, 'no');
});

test('snapshots: a missing local group, and a Hyper-V default runtime, are shown as the cause', async (t) => {
  const group = explainText('failed to logon user: The user name or password is incorrect.');
  const missing = await loadSnapshot(path.join(EXAMPLES, 'missing-local-group.json'));
  t.is((await linkFacts(group, missing, { source: 'snapshot' })).links[0]?.verdict, 'yes');
  const uvm = explainText('UVM does not support HostProcess containers');
  const hyperv = await loadSnapshot(path.join(EXAMPLES, 'hyperv-default-runtime.json'));
  t.is((await linkFacts(uvm, hyperv, { source: 'snapshot' })).links[0]?.verdict, 'yes');
  const healthy = await loadSnapshot(path.join(EXAMPLES, 'healthy-1.7.json'));
  t.is((await linkFacts(uvm, healthy, { source: 'snapshot' })).links[0]?.verdict, 'no');
});
