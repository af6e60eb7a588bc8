/**
 * The catalogue's own rules: ids, related checks that exist, message ids that the checks declare,
 * copy-pasteable fixes, sources, UNCONFIRMED notes, the docs page, and that every error string a check
 * says it explains is explained by an entry naming that check.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { CHECKS } from '../../checks/index.js';
import { CATALOGUE, CONFIDENCES } from '../../src/catalogue/entries.js';
import { explainText } from '../../src/catalogue/match.js';

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
  for (const id of [
    'logon-missing-local-group',
    'logon-access-denied',
    'logon-type-not-granted',
    'containerd-config-encoding',
    'kubelet-endpoint-no-scheme',
  ]) {
    const entry = CATALOGUE.find((e) => e.id === id);
    t.true(
      entry?.notes?.some((n) => /UNCONFIRMED|single source|one source/.test(n)),
      id,
    );
  }
});

test('wording that depends on the node says so: no "containerd 1.6" claim in a title that also fits 1.7', (t) => {
  const token = CATALOGUE.find((e) => e.id === 'service-account-token-path');
  t.false(/containerd 1\.6/.test(token?.title ?? ''), token?.title);
  const uvm = CATALOGUE.find((e) => e.id === 'uvm-hostprocess');
  t.regex(uvm?.cause ?? '', /v0\.15\.0-rc\.2/);
  t.regex(uvm?.cause ?? '', /Windows Server 2025/);
  const invalid = CATALOGUE.find((e) => e.id === 'invalid-user-string');
  t.true(invalid?.notes?.some((n) => /only outside Kubernetes/.test(n)));
  const cgroups = CATALOGUE.find((e) => e.id === 'kubelet-cgroups-per-qos');
  t.regex(cgroups?.cause ?? '', /1\.11-1\.30/);
  t.regex(cgroups?.cause ?? '', /1\.31 and later only warn/);
});

/**
 * Error strings, as users see them, that each check diagnoses. The relation itself lives once, in the
 * catalogue (an entry's `checks`; `checks --json` derives `explains` from it); this table proves it.
 */
const EXPLAINED: Record<string, string[]> = {
  'bind-filter': [
    "Cannot find path 'C:\\hpc\\",
    'Do not attach the filter to the volume at this time',
    'job container mount destination exists and will be shadowed',
  ],
  'containerd-config': [
    'failed to load TOML',
    'invalid plugin key URI',
    'expected containerd config version equal to or less than',
    'drop-in config version',
    'failed to unmarshal TOML at row 7 column 44: toml: expected newline',
    'failed to unmarshal TOML at row 1 column 1: toml: invalid character at start of key: ï',
    '(7, 44): trailing comma at the end of inline table',
    "Near line 0 (last key parsed ''): bare keys cannot contain '\\ufeff'",
  ],
  'containerd-default-runtime': [
    'UVM does not support HostProcess containers',
    'no corresponding runtime configured in `containerd.runtimes`',
    '`default_runtime_name` is empty',
  ],
  'containerd-service-account': [
    'failed to create user process token: failed to logon user: Access is denied.',
    'failed to create user process token',
    'failed to logon user: Access is denied',
    'failed to logon user: Zugriff verweigert',
    'failed to logon user: Accès refusé.',
    'failed to logon user: 拒绝访问。',
  ],
  'kubelet-feature-gate': [
    'unrecognized feature gate: WindowsHostProcessContainers',
    'cannot set feature gate WindowsHostProcessContainers to false, feature is locked to true',
    'failed to load Kubelet config file',
  ],
  'kubelet-runtime-endpoint': [
    'the container runtime endpoint address was not specified or empty',
    'unix:///run/containerd/containerd.sock',
    'failed to run Kubelet: protocol "unix" not supported',
    'failed to parse kubelet flag: unknown flag: --container-runtime',
    'Using "//./pipe/containerd-containerd" as endpoint is deprecated, please consider using full url format',
    'failed to load Kubelet config file C:\\var\\lib\\kubelet\\config.yaml',
  ],
  'kubelet-version': [
    'failed to parse kubelet flag: unknown flag: --network-plugin',
    'CgroupsPerQOS (--cgroups-per-qos) true is not supported on Windows',
    'cgroupsPerQOS (--cgroups-per-qos) must be set to true when "pods" contained in enforceNodeAllocatable',
  ],
  'local-groups': [
    'failed to logon user: The user name or password is incorrect.',
    'failed to create local account for container',
    'invalid user string',
  ],
  'runhcs-shim': ['containerd-shim-runhcs-v1.exe: file does not exist'],
};

test('every error string a check diagnoses is explained by an entry that names that check', (t) => {
  for (const [id, texts] of Object.entries(EXPLAINED)) {
    t.true(checkIds.has(id), `${id} is a check`);
    for (const text of texts) {
      const matches = explainText(text);
      t.true(
        matches.some((m) => m.entry.checks.includes(id)),
        `${id} diagnoses "${text}" but explain gives ${matches.map((m) => m.entry.id).join(', ') || 'nothing'}`,
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
