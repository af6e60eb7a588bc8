/**
 * The catalogue's own rules: ids, related checks that exist, message ids that the checks declare,
 * copy-pasteable fixes, sources, UNCONFIRMED notes, the docs page, and that every error string a check
 * says it explains is explained by an entry naming that check.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { CHECKS } from '../../checks/index.js';
import { CATALOGUE, CONFIDENCES } from '../../src/explain/catalogue.js';
import { explainText } from '../../src/explain/match.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const checkIds = new Set(CHECKS.map((c) => c.meta.id));

test('ids are kebab-case and unique; titles, causes and fixes are written out', (t) => {
  const seen = new Set<string>();
  for (const e of CATALOGUE) {
    t.regex(e.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, e.id);
    t.false(seen.has(e.id), `${e.id} is unique`);
    seen.add(e.id);
    t.true(e.title.length > 10, `${e.id} title`);
    t.true(e.cause.length > 40, `${e.id} cause`);
    t.true(e.fix.text.length > 20, `${e.id} fix text`);
    t.true(CONFIDENCES.includes(e.confidence), `${e.id} confidence`);
    t.true(e.patterns.length > 0, `${e.id} patterns`);
    t.true(e.sources.length > 0, `${e.id} sources`);
  }
});

test('related checks exist, and causeWhen names their real message ids', (t) => {
  for (const e of CATALOGUE) {
    for (const id of e.checks) t.true(checkIds.has(id), `${e.id} names check ${id}`);
    for (const [id, messageIds] of [...Object.entries(e.causeWhen ?? {}), ...Object.entries(e.possibleWhen ?? {})]) {
      t.true(e.checks.includes(id), `${e.id}: causeWhen/possibleWhen ${id} is one of its checks`);
      const check = CHECKS.find((c) => c.meta.id === id);
      for (const messageId of messageIds)
        t.true(messageId in (check?.messages ?? {}), `${e.id}: ${id} declares ${messageId}`);
    }
  }
});

test('fix commands are single copy-pasteable lines', (t) => {
  for (const e of CATALOGUE) {
    for (const command of e.fix.commands) {
      t.false(command.includes('\n'), `${e.id}: ${command}`);
      t.is(command.trim(), command, `${e.id}: no stray blanks in ${command}`);
      t.false(/^sc\s/.test(command), `${e.id}: sc.exe, never the PowerShell alias sc`);
    }
  }
  const psa = CATALOGUE.find((e) => e.id === 'pod-security-baseline');
  t.true(
    psa?.fix.commands.includes(
      'kubectl label namespace <ns> pod-security.kubernetes.io/enforce=privileged --overwrite',
    ),
  );
  const account = CATALOGUE.find((e) => e.id === 'logon-access-denied');
  t.true(account?.fix.commands.includes('sc.exe config containerd obj= LocalSystem'));
  t.true(account?.fix.commands.includes('Restart-Service containerd'));
});

test('confidence: high only for HostProcess-specific or self-describing text; generic look-alikes are low fallbacks', (t) => {
  const byId = new Map(CATALOGUE.map((e) => [e.id, e]));
  t.is(byId.get('logon-access-denied')?.confidence, 'high');
  t.is(byId.get('logon-missing-local-group')?.confidence, 'medium');
  const hcs = byId.get('hcs-create-compute-system');
  t.is(hcs?.confidence, 'low');
  t.false(hcs?.hostProcess);
  t.true(hcs?.fallback);
  t.deepEqual(hcs?.checks, []);
  for (const e of CATALOGUE) {
    if (e.fallback) t.is(e.confidence, 'low', `${e.id}: a catch-all is low`);
    if (!e.hostProcess && e.fallback)
      t.false(
        e.checks.some((c) => c === 'containerd-service-account' || c === 'local-groups'),
        e.id,
      );
  }
});

test('UNCONFIRMED texts say so in their notes', (t) => {
  const group = CATALOGUE.find((e) => e.id === 'logon-missing-local-group');
  t.true(group?.notes?.some((n) => n.includes('UNCONFIRMED')));
});

test('every error string a check explains is explained by an entry that names that check', (t) => {
  // Too generic to name a cause: it wraps every task failure, whatever the reason.
  const generic = new Set(['failed to create shim task']);
  for (const check of CHECKS) {
    for (const text of check.meta.explains) {
      if (generic.has(text)) continue;
      const matches = explainText(text);
      t.true(
        matches.some((m) => m.entry.checks.includes(check.meta.id)),
        `${check.meta.id} explains "${text}" but explain gives ${matches.map((m) => m.entry.id).join(', ') || 'nothing'}`,
      );
    }
  }
});

test('no pattern matches empty or everyday text', (t) => {
  for (const text of ['', ' ', 'ok', 'Running', 'error', 'failed', 'unknown', 'kubelet', 'containerd']) {
    t.deepEqual(explainText(text), [], JSON.stringify(text));
  }
});

test('docs/explain.md lists every entry with its confidence', (t) => {
  const page = path.join(ROOT, 'docs', 'explain.md');
  t.true(existsSync(page));
  const text = readFileSync(page, 'utf8');
  for (const e of CATALOGUE) {
    const row = text.split('\n').find((line) => line.startsWith(`| \`${e.id}\``));
    t.truthy(row, `docs/explain.md has a row for ${e.id}`);
    t.true(row?.includes(`| ${e.confidence} |`), `${e.id} row says ${e.confidence}`);
  }
});
