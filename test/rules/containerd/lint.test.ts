import test from 'ava';
import check from '../../../checks/containerd-config.js';
import { formatMessage } from '../../../src/contract/check.js';
import { parseToml } from '../../../src/parse/toml.js';
import { closest, editDistance, type LintFinding, lintDocument } from '../../../src/rules/containerd/lint.js';
import { CRI_GRPC_KEY, CRI_RUNTIME_KEY, KNOWN_CRI_TABLES, type Table } from '../../../src/rules/containerd/model.js';
import { corpusText } from '../../helpers/corpus.js';

function parse(text: string): Table {
  const result = parseToml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}
const ids = (findings: LintFinding[]) => findings.map((f) => `${f.severity} ${f.id} ${f.key}`);
/** A lint finding's message as the containerd-config check words it (the templates live there). */
const message = (f: LintFinding | undefined) =>
  f ? formatMessage(check.messages[f.id] ?? '', { where: 'config.toml:1', ...f.data }) : '';

test('editDistance: a swap of two letters is one edit', (t) => {
  t.is(editDistance('containerd', 'conatinerd'), 1);
  t.is(editDistance('kitten', 'sitting'), 3);
  t.is(editDistance('', 'abc'), 3);
  t.is(editDistance('same', 'same'), 0);
});

test('closest: a likely typo, else nothing', (t) => {
  t.is(closest('conatinerd', KNOWN_CRI_TABLES), 'containerd');
  t.is(closest('registy', KNOWN_CRI_TABLES), 'registry');
  t.is(closest('zzzzzzzz', KNOWN_CRI_TABLES), undefined);
});

test('the real SDN typo plugins.cri.conatinerd is reported with its fix', (t) => {
  const document = parse(
    corpusText('containerd-config', 'microsoft-sdn-containerd-config-2019-v1schema-typo-runtimes.toml'),
  );
  const findings = lintDocument(document, 1, '1.x');
  const typo = findings.find((f) => f.key === 'plugins.cri.conatinerd');
  t.truthy(typo, JSON.stringify(ids(findings)));
  t.is(typo?.severity, 'warn');
  t.is(typo?.id, 'misspelledKey');
  t.regex(message(typo), /plugins\.cri\.containerd/);
});

for (const file of [
  'openshift-wmco-containerd_conf-v2-containerd1.7-default-runtime-name.toml',
  'hcsshim-ci-commented-v2-wildcard-annotations-wcow-process.toml',
  'containerd-ci-hyperv-periodic-v2-default-runtime-hypervisor.toml',
]) {
  test(`a real valid config has no findings: ${file}`, (t) => {
    t.deepEqual(ids(lintDocument(parse(corpusText('containerd-config', file)), 2, '1.x')), []);
  });
}

test('a clean version 3 config on 2.x has no findings', (t) => {
  const document = parse(
    `version = 3\nimports = ['C:\\Program Files\\containerd\\conf.d\\*.toml']\n[plugins.'${CRI_RUNTIME_KEY}'.containerd]\n  default_runtime_name = 'runhcs-wcow-process'\n[plugins.'${CRI_RUNTIME_KEY}'.containerd.runtimes.runhcs-wcow-process]\n  runtime_type = 'io.containerd.runhcs.v1'\n[plugins.'${CRI_RUNTIME_KEY}'.containerd.runtimes.runhcs-wcow-process.options]\n  ScrubLogs = true\n`,
  );
  t.deepEqual(ids(lintDocument(document, 3, '2.x')), []);
});

test('a v1 short plugin key in a version 2 config: fatal on 1.x, unused on 2.x', (t) => {
  const document = parse('version = 2\n[plugins.cri]\n  sandbox_image = "x"\n');
  const on1 = lintDocument(document, 2, '1.x').find((f) => f.id === 'shortPluginKey');
  const on2 = lintDocument(document, 2, '2.x').find((f) => f.id === 'shortPluginKeyIgnored');
  t.is(on1?.severity, 'fail');
  t.regex(message(on1), /invalid plugin key URI/);
  t.regex(message(on1), new RegExp(CRI_GRPC_KEY.replace(/\./g, '\\.')));
  t.is(on2?.severity, 'warn');
  t.is(
    lintDocument(document, 2, undefined).find((f) => f.id === 'shortPluginKey')?.severity,
    'fail',
    'unknown line is read as the stricter 1.x',
  );
});

test('a full plugin ID in a version 1 config warns', (t) => {
  const findings = lintDocument(parse(`[plugins."${CRI_GRPC_KEY}"]\n  sandbox_image = "x"\n`), 1, '1.x');
  t.deepEqual(ids(findings), [`warn fullPluginKeyInV1 plugins."${CRI_GRPC_KEY}"`]);
});

test('misspelled plugin IDs warn', (t) => {
  const grcp = lintDocument(parse('version = 2\n[plugins."io.containerd.grcp.v1.cri"]\n  x = 1\n'), 2, '1.x');
  t.deepEqual(ids(grcp), ['warn misspelledKey plugins."io.containerd.grcp.v1.cri"']);
  const crii = lintDocument(parse('version = 2\n[plugins."io.containerd.grpc.v1.crii"]\n  x = 1\n'), 2, '1.x');
  t.deepEqual(ids(crii), ['warn misspelledKey plugins."io.containerd.grpc.v1.crii"'], 'one letter off the CRI plugin');
});

test('an unknown plugin type warns', (t) => {
  const findings = lintDocument(
    parse('version = 2\n[plugins."io.containerd.frobnicator.v1.thing"]\n  x = 1\n'),
    2,
    '1.x',
  );
  t.deepEqual(
    findings.map((f) => f.severity),
    ['warn'],
  );
  t.true(['unknownPlugin', 'misspelledKey'].includes(findings[0]?.id ?? ''));
});

test('a known plugin type with a new name is accepted', (t) => {
  t.deepEqual(
    lintDocument(parse('version = 2\n[plugins."io.containerd.snapshotter.v1.blockfile"]\n  x = 1\n'), 2, '1.x'),
    [],
  );
});

test('misspelled keys inside the CRI section, a runtime and its options', (t) => {
  const document = parse(
    `version = 2\n[plugins."${CRI_GRPC_KEY}".containerd]\n  default_runtme_name = "x"\n[plugins."${CRI_GRPC_KEY}".containerd.runtimes.x]\n  runtime_tpye = "io.containerd.runhcs.v1"\n  pod_anotations = []\n[plugins."${CRI_GRPC_KEY}".containerd.runtimes.x.options]\n  SandboxIsolaton = 1\n`,
  );
  const keys = lintDocument(document, 2, '1.x').map((f) => f.segments.at(-1));
  t.true(keys.includes('default_runtme_name'));
  t.true(keys.includes('runtime_tpye'));
  t.true(keys.includes('pod_anotations'));
  t.true(keys.includes('SandboxIsolaton'));
});

test('top-level keys: misspelled and unknown', (t) => {
  const findings = lintDocument(parse('version = 2\nimprots = []\nfrobnicate = true\n'), 2, '1.x');
  t.deepEqual(ids(findings).sort(), ['warn misspelledKey improts', 'warn unknownKey frobnicate']);
});

test('relative glob imports warn on 1.x only', (t) => {
  const relative = parse(
    "version = 2\nimports = ['conf.d\\*.toml', 'C:\\Program Files\\containerd\\conf.d\\*.toml', 'extra.toml']\n",
  );
  t.deepEqual(ids(lintDocument(relative, 2, '1.x')), ['warn relativeGlobImport imports']);
  t.deepEqual(lintDocument(relative, 2, '2.x'), []);
});

test(`the legacy default_runtime table's keys are linted too`, (t) => {
  const findings = lintDocument(
    parse(`version = 2\n[plugins."${CRI_GRPC_KEY}".containerd.default_runtime]\n  runtime_tpye = "x"\n`),
    2,
    '1.x',
  );
  t.deepEqual(ids(findings), [`warn misspelledKey plugins."${CRI_GRPC_KEY}".containerd.default_runtime.runtime_tpye`]);
});
