/**
 * `hostprocess-doctor lint` as a user runs it: inputs (files, directories, stdin, encodings), exit codes
 * (0 clean, 1 an error, 2 usage or invalid input, 4 inconclusive), the node facts, and the three outputs
 * (human, --json against schema/lint.schema.json, --format sarif against what GitHub requires).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import test from 'ava';
import type { LintReport } from '../../src/lint/report.js';
import { LINT_RULES } from '../../src/lint/rules/index.js';
import { EXAMPLES, ROOT, runCli } from '../helpers/cli.js';
import { docs, namespace, workload } from './helpers/manifests.js';
import { sarifProblems } from './helpers/sarif-check.js';

const schema = JSON.parse(await readFile(path.join(ROOT, 'schema', 'lint.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

function schemaErrors(data: unknown): string {
  return validate(data) ? '' : JSON.stringify(validate.errors, null, 2);
}

async function tempDir(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-lint-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

const json = (stdout: string) => JSON.parse(stdout) as LintReport;
const noStack = (stderr: string) => !/\n\s+at /.test(stderr);

test.serial(
  'deploy/ lints clean: exit 0, no error or warning, kustomization.yaml and non-workloads skipped',
  async (t) => {
    const run = await runCli(['lint', 'deploy/', '--json']);
    t.is(run.exitCode, 0, run.stdout + run.stderr);
    const report = json(run.stdout);
    t.is(schemaErrors(report), '');
    t.is(report.verdict, 'healthy');
    t.is(report.summary.error, 0);
    t.is(report.summary.warning, 0);
    t.deepEqual(report.files, ['deploy/daemonset.yaml', 'deploy/job.yaml', 'deploy/namespace.yaml']);
    t.deepEqual(
      report.results.filter((r) => r.status === 'linted').map((r) => r.object.kind),
      ['DaemonSet', 'Job'],
    );
    t.deepEqual(
      report.results.filter((r) => r.status === 'notWorkload').map((r) => r.object.kind),
      ['ServiceAccount', 'Namespace'],
    );
    // The only findings are the LocalSystem advice, which the manifests' own comments justify.
    const ids = new Set(report.results.flatMap((r) => r.findings.map((f) => `${f.ruleId}/${f.severity}`)));
    t.deepEqual([...ids], ['prefer-local-service/note']);
    // Pod Security is judged: the namespace manifest says privileged.
    t.true(report.results.filter((r) => r.status === 'linted').every((r) => r.namespace?.labelsFrom === 'object'));
  },
);

test.serial('deploy/ with --recursive also reads deploy/npd/, which holds no Kubernetes object', async (t) => {
  const run = await runCli(['lint', 'deploy', '-R', '--json']);
  t.is(run.exitCode, 0, run.stderr);
  const report = json(run.stdout);
  t.true(report.files.includes('deploy/npd/hostprocess-doctor-monitor.json'));
  t.true(
    report.results.some((r) => r.file === 'deploy/npd/hostprocess-doctor-monitor.json' && r.status === 'notKubernetes'),
  );
});

test('the human output: grouped by file and object, file:line:column, the fix and the docs page', async (t) => {
  const run = await runCli([
    'lint',
    'test/fixtures/manifests/broken/sigwindowstools-flannel-overlay-no-host-network.yaml',
  ]);
  t.is(run.exitCode, 1);
  const out = run.stdout;
  t.regex(out, /^hostprocess-doctor 0\.1\.0 · lint · 1 file · no node facts$/m);
  t.regex(out, /^\[✗\] DaemonSet kube-system\/kube-flannel-ds-windows-amd64 \(line \d+\)$/m);
  t.regex(
    out,
    /✗ spec\.template\.spec\.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers {2}\[host-network\]/,
  );
  t.regex(out, /at test\/fixtures\/manifests\/broken\/sigwindowstools-flannel-overlay-no-host-network\.yaml:75:5/);
  t.regex(out, /Docs: docs\/lint\/host-network\.md/);
  t.regex(out, /also read, not workloads: ConfigMap kube-flannel-windows-cfg/);
  t.regex(out, /^✗ Lint found 1 error, 0 warnings and 1 note in 1 of 1 HostProcess workload/m);
  t.false(out.includes('\u001b['), 'no colour with NO_COLOR');
});

test('-v lists what each object did not check', async (t) => {
  const run = await runCli(['lint', 'deploy/daemonset.yaml', '-v']);
  t.is(run.exitCode, 0);
  t.regex(run.stdout, /- not checked: the node: no node facts/);
  t.regex(run.stdout, /- not checked: Pod Security: the labels of namespace hostprocess-doctor are not known/);
});

test('a directory: *.yaml, *.yml and *.json in name order; kustomization.yaml skipped; subdirectories only with -R', async (t) => {
  const dir = await tempDir({
    'b.yml': workload({}, { name: 'b' }),
    'a.yaml': workload({}, { name: 'a' }),
    'c.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
    'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n',
    'notes.txt': 'not a manifest',
    'sub/d.yaml': workload({}, { name: 'd' }),
  });
  try {
    const flat = json((await runCli(['lint', '.', '--json'], { cwd: dir })).stdout);
    t.deepEqual(flat.files, ['a.yaml', 'b.yml', 'c.json']);
    const deep = json((await runCli(['lint', '.', '--recursive', '--json'], { cwd: dir })).stdout);
    t.deepEqual(deep.files, ['a.yaml', 'b.yml', 'c.json', 'sub/d.yaml']);
    const named = json((await runCli(['lint', 'kustomization.yaml', 'a.yaml', '--json'], { cwd: dir })).stdout);
    t.deepEqual(
      named.results.map((r) => r.status),
      ['notWorkload', 'linted'],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('stdin: `-`, and with no input when stdin is a pipe; a terminal is a usage error', async (t) => {
  const piped = await runCli(['lint', '-', '--json'], { input: workload({ hostNetwork: undefined }) });
  t.is(piped.exitCode, 1);
  t.is(json(piped.stdout).results[0]?.file, 'stdin');
  const implicit = await runCli(['lint', '--json'], { input: workload() });
  t.is(implicit.exitCode, 0, implicit.stderr);
  const terminal = await runCli(['lint'], { stdinTTY: true });
  t.is(terminal.exitCode, 2);
  t.regex(terminal.stderr, /lint needs manifests/);
});

test('UTF-16LE with a BOM and CRLF line endings, as Windows PowerShell 5.1 writes files', async (t) => {
  const text = workload({ hostNetwork: undefined }).replace(/\n/g, '\r\n');
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const dir = await tempDir({ 'ds.yaml': bytes });
  try {
    const run = await runCli(['lint', 'ds.yaml', '--json'], { cwd: dir });
    t.is(run.exitCode, 1, run.stderr);
    const finding = json(run.stdout).results[0]?.findings[0];
    t.is(finding?.ruleId, 'host-network');
    t.is(finding?.location.line, text.split('\r\n').findIndex((l) => l.startsWith('    spec:')) + 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const usage: [string, string[], RegExp, Record<string, string>?][] = [
  [
    'invalid YAML names file:line:column',
    ['lint', 'bad.yaml'],
    /^hostprocess-doctor: lint: bad\.yaml:1:4: invalid YAML: Nested mappings are not allowed/,
    { 'bad.yaml': 'a: b\n  c: [d\n' },
  ],
  [
    'a duplicate key',
    ['lint', 'dup.yaml'],
    /dup\.yaml:3:1: invalid YAML: Map keys must be unique/,
    { 'dup.yaml': 'kind: Pod\napiVersion: v1\nkind: Pod\n' },
  ],
  [
    'a Helm template that is not YAML says to render it',
    ['lint', 'chart.yaml'],
    /invalid YAML: .*render it first \(helm template/,
    { 'chart.yaml': 'kind: Pod\nspec:\n  {{- if .Values.x }}\n  hostNetwork: true\n  {{- end }}\n' },
  ],
  [
    'a document that contains itself through an alias (a walk over it would never end)',
    ['lint', 'cycle.yaml'],
    /^hostprocess-doctor: lint: cycle\.yaml:1:1: document 1 contains itself/,
    { 'cycle.yaml': 'foo: &a {x: [*a, *a, *a]}\n' },
  ],
  [
    'alias expansion past the bound',
    ['lint', 'laughs.yaml'],
    /laughs\.yaml:1:1: cannot read document 1: .*Excessive alias count/,
    {
      'laughs.yaml': `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${Array(10).fill('*a').join(', ')}]\nc: &c [${Array(10).fill('*b').join(', ')}]\nd: [${Array(10).fill('*c').join(', ')}]\n`,
    },
  ],
  ['a missing file', ['lint', 'nope.yaml'], /lint nope\.yaml: cannot read it \(no such file\)/],
  [
    'a directory without manifests',
    ['lint', 'empty'],
    /lint empty: the directory has no \.yaml, \.yml or \.json manifests/,
    { 'empty/x.txt': '' },
  ],
  [
    'an unknown format',
    ['lint', 'x.yaml', '--format', 'xml'],
    /--format "xml" is not a format; give one of human, json, sarif/,
    { 'x.yaml': '' },
  ],
  [
    '--json with --format sarif',
    ['lint', 'x.yaml', '--json', '--format', 'sarif'],
    /ask for two formats/,
    { 'x.yaml': '' },
  ],
  [
    '--docs-base without sarif',
    ['lint', 'x.yaml', '--docs-base', 'https://example.org/'],
    /--docs-base goes with --format sarif/,
    { 'x.yaml': '' },
  ],
  [
    '--docs-base that is not a URL',
    ['lint', 'x.yaml', '--format', 'sarif', '--docs-base', 'docs'],
    /not an absolute http\(s\) URL/,
    { 'x.yaml': '' },
  ],
  [
    'a Pod Security level that is not one',
    ['lint', 'x.yaml', '--pod-security-default', 'strict'],
    /--pod-security-default "strict": give one of privileged, baseline, restricted/,
    { 'x.yaml': '' },
  ],
  [
    'malformed --namespace-labels',
    ['lint', 'x.yaml', '--namespace-labels', 'kube-system'],
    /--namespace-labels "kube-system": give NAMESPACE=KEY=VALUE/,
    { 'x.yaml': '' },
  ],
  [
    'an unknown rule for --ignore',
    ['lint', 'x.yaml', '--ignore', 'host-netwrok'],
    /--ignore: unknown rule 'host-netwrok'\. The rules: /,
    { 'x.yaml': '' },
  ],
  [
    'a bad --containerd-version',
    ['lint', 'x.yaml', '--containerd-version', 'latest'],
    /--containerd-version "latest"/,
    { 'x.yaml': '' },
  ],
  ['stdin twice', ['lint', '-', '--snapshot', '-'], /stdin can hold the manifests or the snapshot, not both/],
];

for (const [what, args, message, files] of usage) {
  test(`usage error: ${what} exits 2 with a clear message and no stack trace`, async (t) => {
    const dir = await tempDir(files ?? {});
    try {
      const run = await runCli(args, { cwd: dir, input: '' });
      t.is(run.exitCode, 2, run.stdout + run.stderr);
      t.regex(run.stderr, message);
      t.true(noStack(run.stderr), run.stderr);
      t.is(run.stdout, '');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test('exit 4: no HostProcess workload in the input', async (t) => {
  const run = await runCli(['lint', '-', '--json'], {
    input: JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    }),
  });
  t.is(run.exitCode, 4);
  const report = json(run.stdout);
  t.is(report.results[0]?.status, 'notHostProcess');
  t.deepEqual(
    report.notSeen.map((n) => n.kind),
    ['nothingLinted'],
  );
  t.is(schemaErrors(report), '');
});

test('exit 4: an unrendered template; the human output says what was not seen', async (t) => {
  const input = workload({ securityContext: { windowsOptions: { runAsUserName: '{{ .Values.user }}' } } });
  const run = await runCli(['lint', '-'], { input });
  t.is(run.exitCode, 4, run.stdout);
  t.regex(run.stdout, /^\? Inconclusive \(1 warning\): the lint could not see everything it needs/m);
  t.regex(run.stdout, /render the manifest/);
});

test('--snapshot: the node fails containerd-service-account, an error against each workload (exit 1)', async (t) => {
  const run = await runCli(['lint', 'deploy/', '--snapshot', path.join(EXAMPLES, 'access-denied.json'), '--json']);
  t.is(run.exitCode, 1, run.stderr);
  const report = json(run.stdout);
  t.is(schemaErrors(report), '');
  t.is(report.node.source, 'snapshot');
  const nodeFindings = report.results.flatMap((r) => r.findings.filter((f) => f.ruleId === 'node-check'));
  t.is(nodeFindings.length, 2);
  t.true(nodeFindings.every((f) => f.data?.check === 'containerd-service-account' && f.severity === 'error'));
});

test('--snapshot of a healthy node: deploy/ stays clean', async (t) => {
  const run = await runCli(['lint', 'deploy/', '--snapshot', path.join(EXAMPLES, 'healthy-1.7.json')]);
  t.is(run.exitCode, 0, run.stdout);
  t.regex(run.stdout, /· node \S+ \(snapshot /);
});

test('what-if: a local group on containerd 1.6 is an error; --group says the group exists', async (t) => {
  const input = workload({ securityContext: { windowsOptions: { runAsUserName: 'hpc-readers' } } });
  const old = await runCli(['lint', '-', '--containerd-version', '1.6.20', '--json'], { input });
  t.is(old.exitCode, 1);
  t.deepEqual(
    json(old.stdout).results[0]?.findings.map((f) => f.messageId),
    ['containerdTooOld'],
  );
  const fine = await runCli(['lint', '-', '--containerd-version', '1.7.20', '--group', 'hpc-readers', '--json'], {
    input,
  });
  t.is(fine.exitCode, 0, fine.stdout);
  const missing = await runCli(['lint', '-', '--containerd-version', '1.7.20', '--group', 'other', '--json'], {
    input,
  });
  t.is(missing.exitCode, 1);
  t.true(json(missing.stdout).results[0]?.findings.some((f) => f.ruleId === 'local-group-exists') ?? false);
});

test('exit 4: snapshot facts that could not be read make the run inconclusive', async (t) => {
  const snapshot = JSON.parse(await readFile(path.join(EXAMPLES, 'healthy-1.7.json'), 'utf8'));
  snapshot.containerd.version = {
    state: 'denied',
    reason: 'Access is denied.',
    source: { kind: 'command', command: ['containerd.exe', '--version'] },
  };
  const dir = await tempDir({ 'node.json': JSON.stringify(snapshot), 'ds.yaml': workload() });
  try {
    const run = await runCli(['lint', 'ds.yaml', '--snapshot', 'node.json', '--json'], { cwd: dir });
    t.is(run.exitCode, 4, run.stdout);
    const report = json(run.stdout);
    t.true(report.notSeen.some((n) => n.kind === 'unreadable' && n.rule === 'node-check' && n.state === 'denied'));
    t.is(schemaErrors(report), '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('Pod Security from --namespace-labels, --pod-security-default and -n', async (t) => {
  const input = workload({}, { namespace: undefined });
  const unknown = json((await runCli(['lint', '-', '--json'], { input })).stdout);
  t.true(unknown.results[0]?.notChecked.some((n) => n.rule === 'pod-security-enforce') ?? false);
  const labelled = await runCli(
    [
      'lint',
      '-',
      '-n',
      'win',
      '--namespace-labels',
      'win=pod-security.kubernetes.io/enforce=baseline,pod-security.kubernetes.io/enforce-version=v1.30',
      '--json',
    ],
    { input },
  );
  t.is(labelled.exitCode, 1);
  t.is(json(labelled.stdout).results[0]?.findings[0]?.data?.policy, 'baseline:v1.30');
  const defaulted = await runCli(['lint', '-', '--pod-security-default', 'restricted', '--json'], { input });
  t.is(defaulted.exitCode, 1);
  t.is(json(defaulted.stdout).results[0]?.findings[0]?.messageId, 'workload');
});

test('a Namespace in one input file applies to workloads in another', async (t) => {
  const dir = await tempDir({
    'ns.yaml': namespace('hpc-system', { 'pod-security.kubernetes.io/enforce': 'baseline' }),
    'ds.yaml': workload(),
  });
  try {
    const run = await runCli(['lint', 'ds.yaml', 'ns.yaml', '--json'], { cwd: dir });
    t.is(run.exitCode, 1);
    const finding = json(run.stdout).results.find((r) => r.file === 'ds.yaml')?.findings[0];
    t.is(finding?.ruleId, 'pod-security-enforce');
    t.is(finding?.location.file, 'ns.yaml');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('--ignore reports an error as a warning, visible and marked; --allow-system drops the LocalSystem note', async (t) => {
  const input = workload({
    hostNetwork: undefined,
    securityContext: { windowsOptions: { runAsUserName: 'NT AUTHORITY\\SYSTEM' } },
  });
  const run = await runCli(['lint', '-', '--ignore', 'host-network', '--allow-system', '--json'], { input });
  t.is(run.exitCode, 0);
  const findings = json(run.stdout).results[0]?.findings ?? [];
  t.deepEqual(
    findings.map((f) => [f.ruleId, f.severity, f.ignored]),
    [['host-network', 'warning', true]],
  );
  const human = await runCli(['lint', '-', '--ignore', 'all'], { input });
  t.regex(human.stdout, /reported as a warning because of --ignore/);
});

test('--format sarif: valid SARIF 2.1.0 for GitHub, one result per finding on the manifest line', async (t) => {
  const run = await runCli(['lint', 'test/fixtures/manifests/broken', '--format', 'sarif']);
  t.is(run.exitCode, 1, run.stderr);
  const log = JSON.parse(run.stdout);
  t.deepEqual(sarifProblems(log), []);
  const [sarifRun] = log.runs;
  t.deepEqual(
    sarifRun.tool.driver.rules.map((r: { id: string }) => r.id),
    LINT_RULES.map((r) => r.meta.id),
  );
  t.true(
    sarifRun.tool.driver.rules.every((r: { helpUri?: string }) => r.helpUri === undefined),
    'no helpUri without --docs-base',
  );
  const report = json((await runCli(['lint', 'test/fixtures/manifests/broken', '--json'])).stdout);
  const findings = report.results.flatMap((r) => r.findings);
  t.is(sarifRun.results.length, findings.length);
  const hostNetwork = sarifRun.results.find(
    (r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      r.ruleId === 'host-network' &&
      r.locations[0]?.physicalLocation.artifactLocation.uri.endsWith('flannel-overlay-no-host-network.yaml'),
  );
  t.is(hostNetwork.level, 'error');
  t.is(
    hostNetwork.locations[0].physicalLocation.artifactLocation.uri,
    'test/fixtures/manifests/broken/sigwindowstools-flannel-overlay-no-host-network.yaml',
  );
  t.deepEqual(hostNetwork.locations[0].physicalLocation.region, {
    startLine: 75,
    startColumn: 5,
    endLine: 75,
    endColumn: 9,
  });
  const levels = new Set(sarifRun.results.map((r: { level: string }) => r.level));
  t.deepEqual([...levels].sort(), ['error', 'note', 'warning']);
  const fingerprints = sarifRun.results.map(
    (r: { partialFingerprints: Record<string, string> }) => Object.values(r.partialFingerprints)[0],
  );
  t.is(new Set(fingerprints).size, fingerprints.length, 'fingerprints are distinct');
});

test('--format sarif with --docs-base: every rule gets an absolute helpUri to docs/lint/<id>.md', async (t) => {
  const run = await runCli([
    'lint',
    'deploy/',
    '--format',
    'sarif',
    '--docs-base',
    'https://example.org/hostprocess-doctor/v0.1.0',
  ]);
  t.is(run.exitCode, 0);
  const log = JSON.parse(run.stdout);
  t.deepEqual(sarifProblems(log), []);
  for (const rule of log.runs[0].tool.driver.rules)
    t.is(rule.helpUri, `https://example.org/hostprocess-doctor/v0.1.0/docs/lint/${rule.id}.md`);
});

test('SARIF fingerprints are stable when lines move', async (t) => {
  const base = workload({ hostNetwork: undefined });
  const moved = `# a comment\n# another\n${base}`;
  const one = JSON.parse((await runCli(['lint', '-', '--format', 'sarif'], { input: base })).stdout);
  const two = JSON.parse((await runCli(['lint', '-', '--format', 'sarif'], { input: moved })).stdout);
  t.deepEqual(one.runs[0].results[0].partialFingerprints, two.runs[0].results[0].partialFingerprints);
  t.is(
    two.runs[0].results[0].locations[0].physicalLocation.region.startLine,
    one.runs[0].results[0].locations[0].physicalLocation.region.startLine + 2,
  );
});

test('the SARIF checker catches what GitHub would refuse (it can fail)', (t) => {
  t.true(sarifProblems({ version: '2.1.0', runs: [] }).includes('$schema is required'));
  const problems = sarifProblems({
    $schema: 'x',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'x', rules: [{ id: 'a', shortDescription: { text: '' }, helpUri: 'docs/a.md' }] } },
        results: [{ message: { text: 'm' }, locations: [] }],
      },
    ],
  });
  t.true(problems.some((p) => p.includes('shortDescription.text is required')));
  t.true(problems.some((p) => p.includes('helpUri must be an absolute URI')));
  t.true(problems.some((p) => p.includes('partialFingerprints is required')));
  t.true(problems.some((p) => p.includes('locations has 1 to 10 entries')));
});

test('the JSON schema refuses what is not a lint report (it can fail)', async (t) => {
  t.not(schemaErrors({ schemaVersion: 1 }), '');
  // A real report is valid; the same report with a verdict the contract does not know is not, at /verdict.
  const report = JSON.parse((await runCli(['lint', 'deploy/', '--json'], { cwd: ROOT })).stdout);
  t.is(schemaErrors(report), '');
  t.regex(schemaErrors({ ...report, verdict: 'fine' }), /"instancePath": "\/verdict"/);
});

test('lint --help lists the options and the exit codes', async (t) => {
  const run = await runCli(['lint', '--help']);
  t.is(run.exitCode, 0);
  for (const option of [
    '--recursive',
    '--snapshot',
    '--containerd-version',
    '--group',
    '--namespace-labels',
    '--pod-security-default',
    '--allow-system',
    '--format',
    '--docs-base',
  ])
    t.true(run.stdout.includes(option), option);
  t.false(run.stdout.includes('--kubelet-flags'), 'kubelet what-if flags say nothing about a workload');
  t.regex(run.stdout, /4 inconclusive/);
  t.regex((await runCli(['--help'])).stdout, /^ {2}lint +check HostProcess workload manifests/m);
});

test('a JSON List through the CLI, as kubectl get -o json prints it', async (t) => {
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    items: [JSON.parse(JSON.stringify((await import('yaml')).parse(docs(workload({ hostNetwork: undefined })))))],
  };
  const run = await runCli(['lint', '-', '--json'], { input: JSON.stringify(list, null, 2) });
  t.is(run.exitCode, 1);
  const [result] = json(run.stdout).results;
  t.is(result?.item, 0);
  t.is(result?.findings[0]?.path, 'spec.template.spec.hostNetwork');
});
