/**
 * The CLI end to end: the built binary, its exit codes, its JSON (validated against the published
 * schema) and its human output.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { CHECKS } from '../checks/index.js';
import { CORPUS, EXAMPLES, type JsonReport, runCli, schemaErrors, statusOf } from './helpers/cli.js';

const example = (name: string) => path.join(EXAMPLES, `${name}.json`);

async function tempFile(name: string, content: string): Promise<[string, () => Promise<void>]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-cli-'));
  const file = path.join(dir, name);
  await writeFile(file, content);
  return [file, () => rm(dir, { recursive: true, force: true })];
}

test('the access-denied example prints the failure with the sc.exe fix and exits 1', async (t) => {
  const run = await runCli(['analyze', example('access-denied')]);
  t.is(run.exitCode, 1);
  t.is(run.stderr, '');
  t.regex(run.stdout, /\[✗\] containerd \(containerd 1\.7\.20\)/);
  t.regex(run.stdout, /✗ containerd runs as \.\\admin/);
  t.regex(run.stdout, /failed to create user process token: failed to logon user: Access is denied\./);
  t.regex(run.stdout, /^ {8}sc\.exe config containerd obj= LocalSystem$/m);
  t.regex(run.stdout, /^ {8}Restart-Service containerd$/m);
  t.regex(run.stdout, /\[containerd-service-account\]/);
  t.regex(run.stdout, /Doctor found 1 failure, 0 warnings in 1 group/);
  t.false(run.stdout.includes('\u001b['), 'no colour when stdout is not a terminal');
});

const EXAMPLE_EXITS: Record<string, [number, string, string]> = {
  'healthy-1.7': [0, 'containerd-service-account', 'pass'],
  'access-denied': [1, 'containerd-service-account', 'fail'],
  'containerd-1.5-no-annotations': [1, 'containerd-hostprocess-annotations', 'fail'],
  'hyperv-default-runtime': [1, 'containerd-default-runtime', 'fail'],
  'missing-local-group': [1, 'local-groups', 'fail'],
};

for (const [name, [exitCode, id, status]] of Object.entries(EXAMPLE_EXITS)) {
  test(`example ${name}: exit ${exitCode}, ${id} ${status}, JSON valid`, async (t) => {
    const run = await runCli(['analyze', example(name), '--json']);
    t.is(run.exitCode, exitCode);
    t.is(run.stderr, '');
    const report = JSON.parse(run.stdout) as JsonReport;
    t.is(schemaErrors(report), '');
    t.is(statusOf(report, id), status);
    t.is(report.schemaVersion, 2);
    t.is(report.verdict, exitCode === 0 ? 'healthy' : 'unhealthy');
    t.is(report.node.source, 'snapshot');
    t.is(report.results.length, CHECKS.length);
    t.is(
      Object.values(report.summary).reduce((a, b) => a + b, 0),
      CHECKS.length,
    );
  });
}

test('--json writes only the report to stdout, parseable as a whole', async (t) => {
  const run = await runCli(['analyze', example('healthy-1.7'), '--json']);
  t.notThrows(() => JSON.parse(run.stdout));
  t.true(run.stdout.trimStart().startsWith('{'));
  t.true(run.stdout.endsWith('}\n'));
});

test('what-if flags alone lint a config with no snapshot; unrelated checks skip', async (t) => {
  const config = path.join(
    CORPUS,
    'containerd-config',
    'hcsshim-ci-commented-v2-wildcard-annotations-wcow-process.toml',
  );
  const run = await runCli(['analyze', '--containerd-config', config, '--containerd-version', '1.7.20', '--json']);
  t.is(run.exitCode, 0);
  const report = JSON.parse(run.stdout) as JsonReport;
  t.is(schemaErrors(report), '');
  t.is(report.node.source, 'what-if');
  t.deepEqual(report.node.whatIf, ['--containerd-version', '--containerd-config']);
  t.is(statusOf(report, 'containerd-config'), 'pass');
  t.is(statusOf(report, 'containerd-service-account'), 'skip');
  t.is(report.results.find((r) => r.id === 'os-build')?.messageId, 'notCollected');
});

test('what-if flags override snapshot facts', async (t) => {
  const run = await runCli(['analyze', example('healthy-1.7'), '--service-account', 'CORP\\svc-ctrd', '--json']);
  t.is(run.exitCode, 1);
  const report = JSON.parse(run.stdout) as JsonReport;
  t.is(statusOf(report, 'containerd-service-account'), 'fail');
  t.deepEqual(report.node.whatIf, ['--service-account']);
});

test('kubeadm-flags.env through --kubelet-flags @FILE: no containerd endpoint fails', async (t) => {
  const env = path.join(CORPUS, 'kubelet', 'kubeadm-flags-env-windows-node-2020-k8s-pr88287.env');
  const run = await runCli([
    'analyze',
    '--kubelet-flags',
    `@${env}`,
    '--kubelet-version',
    'v1.19.3',
    '--json',
    '--only',
    'kubelet',
  ]);
  const report = JSON.parse(run.stdout) as JsonReport;
  t.is(statusOf(report, 'kubelet-runtime-endpoint'), 'fail');
  t.is(report.results.find((r) => r.id === 'kubelet-runtime-endpoint')?.messageId, 'notSetDockershim');
  t.is(statusOf(report, 'kubelet-version'), 'fail');
  t.is(run.exitCode, 1);
});

test('--kubelet-flags with a leading dash works in the = form', async (t) => {
  const run = await runCli([
    'analyze',
    '--kubelet-flags=--container-runtime-endpoint=npipe:////./pipe/containerd-containerd --feature-gates=WindowsHostProcessContainers=true',
    '--kubelet-version',
    '1.29.3',
    '--json',
    '--only',
    'kubelet',
  ]);
  const report = JSON.parse(run.stdout) as JsonReport;
  t.is(statusOf(report, 'kubelet-runtime-endpoint'), 'pass');
  t.is(statusOf(report, 'kubelet-feature-gate'), 'fail');
});

test('--only and --skip take ids and groups', async (t) => {
  const only = JSON.parse(
    (await runCli(['analyze', example('healthy-1.7'), '--json', '--only', 'kubelet,os-build'])).stdout,
  ) as JsonReport;
  t.deepEqual(
    only.results.map((r) => r.id),
    CHECKS.filter((c) => c.meta.group === 'kubelet' || c.meta.id === 'os-build').map((c) => c.meta.id),
  );
  t.true(only.results.some((r) => r.id === 'os-build') && only.results.some((r) => r.id === 'kubelet-version'));
  const skip = JSON.parse(
    (await runCli(['analyze', example('healthy-1.7'), '--json', '--skip', 'containerd', '--skip', 'context'])).stdout,
  ) as JsonReport;
  t.false(skip.results.some((r) => r.id.startsWith('containerd') || r.id === 'hostprocess-context'));
  t.true(skip.results.some((r) => r.id === 'os-build'));
});

test('an unknown check id is a usage error that lists where to look', async (t) => {
  const run = await runCli(['analyze', example('healthy-1.7'), '--only', 'containerd-versoin']);
  t.is(run.exitCode, 2);
  t.regex(run.stderr, /--only: unknown check or group 'containerd-versoin'/);
  t.regex(run.stderr, /hostprocess-doctor checks/);
  t.is(run.stdout, '');
});

test('--ignore turns the failure into a warning and says so', async (t) => {
  const run = await runCli(['analyze', example('access-denied'), '--ignore', 'containerd-service-account']);
  t.is(run.exitCode, 0);
  t.regex(run.stdout, /! containerd runs as \.\\admin.*ignored with --ignore containerd-service-account/);
  t.regex(run.stdout, /1 failure reported as a warning because of --ignore/);
  const json = JSON.parse(
    (await runCli(['analyze', example('access-denied'), '--ignore', 'all', '--json'])).stdout,
  ) as JsonReport;
  const result = json.results.find((r) => r.id === 'containerd-service-account') as JsonReport['results'][number] & {
    ignored?: boolean;
  };
  t.is(result.status, 'warn');
  t.true(result.ignored);
});

test('-v shows passing checks with observed and expected values and evidence', async (t) => {
  const run = await runCli(['analyze', example('healthy-1.7'), '-v']);
  t.regex(run.stdout, /✓ containerd runs as LocalSystem/);
  t.regex(run.stdout, /observed: LocalSystem \(S-1-5-18\); expected: LocalSystem/);
  t.regex(run.stdout, /evidence:/);
  const quiet = await runCli(['analyze', example('healthy-1.7')]);
  t.false(quiet.stdout.includes('✓ containerd runs as LocalSystem'));
});

test('colour only when forced or on a terminal, and never with NO_COLOR or --no-color', async (t) => {
  const forced = await runCli(['analyze', example('access-denied')], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
  t.true(forced.stdout.includes('\u001b[31m'));
  const noColor = await runCli(['analyze', example('access-denied'), '--no-color'], {
    env: { FORCE_COLOR: '1', NO_COLOR: '' },
  });
  t.false(noColor.stdout.includes('\u001b['));
  const envNoColor = await runCli(['analyze', example('access-denied')], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
  t.false(envNoColor.stdout.includes('\u001b['));
});

test('a broken containerd config is a finding (exit 1), not a usage error', async (t) => {
  const [file, cleanup] = await tempFile(
    'config.toml',
    'version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd]\n  default_runtime_name = "runhcs-wcow-process\n',
  );
  try {
    const run = await runCli(['analyze', '--containerd-config', file, '--json']);
    t.is(run.exitCode, 1);
    const report = JSON.parse(run.stdout) as JsonReport;
    const result = report.results.find((r) => r.id === 'containerd-config');
    t.is(result?.messageId, 'syntax');
    t.true(result?.message.includes(`${file}:3:`));
  } finally {
    await cleanup();
  }
});

const USAGE_ERRORS: [string, string[], RegExp][] = [
  ['an unknown flag', ['analyze', example('healthy-1.7'), '--frobnicate'], /unknown option --frobnicate/],
  [
    'a missing snapshot',
    ['analyze', '/no/such/node.json'],
    /snapshot \/no\/such\/node\.json: cannot read it \(no such file\)/,
  ],
  ['no snapshot and no what-if flag', ['analyze'], /needs a snapshot file or at least one what-if flag/],
  ['two snapshots', ['analyze', example('healthy-1.7'), example('access-denied')], /takes one snapshot/],
  [
    'a missing --containerd-config',
    ['analyze', '--containerd-config', '/no/config.toml'],
    /--containerd-config \/no\/config\.toml: cannot read it \(no such file\)/,
  ],
  [
    'a version flag without a version',
    ['analyze', '--containerd-version', '1.7'],
    /--containerd-version "1\.7": no major\.minor\.patch/,
  ],
  ['a bad --os-build', ['analyze', '--os-build', 'ws2022'], /--os-build "ws2022"/],
  ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
];

for (const [what, args, message] of USAGE_ERRORS) {
  test(`usage error: ${what} exits 2 with a clear message and no stack trace`, async (t) => {
    const run = await runCli(args);
    t.is(run.exitCode, 2);
    t.regex(run.stderr, message);
    t.false(/\n\s+at /.test(run.stderr), 'no stack trace');
  });
}

const BAD_SNAPSHOTS: [string, string, RegExp][] = [
  ['not JSON', '{"schemaVersion": 1,', /is not valid JSON/],
  ['not an object', '[1,2]', /expected a JSON object/],
  ['no schemaVersion', '{"os": {}}', /has no schemaVersion/],
  [
    'a newer schemaVersion',
    '{"schemaVersion": 99}',
    /schemaVersion 99, newer than this hostprocess-doctor reads \(up to \d+\)\. Upgrade/,
  ],
  [
    'a report, not a snapshot',
    '{"schemaVersion":1,"summary":{},"results":[]}',
    /is a hostprocess-doctor report, not a snapshot/,
  ],
  [
    'a fact with a bad state',
    '{"schemaVersion":1,"os":{"state":"fine","source":{"kind":"registry"},"value":{"build":1}}}',
    /\/os\/state must be equal to one of the allowed values/,
  ],
  [
    'a failed fact without a reason',
    '{"schemaVersion":1,"os":{"state":"denied","source":{"kind":"registry"}}}',
    /\/os must have required property 'reason'/,
  ],
];

for (const [what, content, message] of BAD_SNAPSHOTS) {
  test(`bad snapshot: ${what} is a usage error naming the file`, async (t) => {
    const [file, cleanup] = await tempFile('node.json', content);
    try {
      const run = await runCli(['analyze', file]);
      t.is(run.exitCode, 2);
      t.true(run.stderr.includes(file), 'names the file');
      t.regex(run.stderr, message);
    } finally {
      await cleanup();
    }
  });
}

test('a snapshot can come on stdin', async (t) => {
  const { readFile } = await import('node:fs/promises');
  const run = await runCli(['analyze', '-', '--json'], { input: await readFile(example('access-denied'), 'utf8') });
  t.is(run.exitCode, 1);
  const report = JSON.parse(run.stdout) as JsonReport;
  t.is(report.node.snapshot, 'stdin');
});

test('a snapshot with a BOM and CRLF is read', async (t) => {
  const { readFile } = await import('node:fs/promises');
  const text = `\ufeff${(await readFile(example('healthy-1.7'), 'utf8')).replace(/\n/g, '\r\n')}`;
  const [file, cleanup] = await tempFile('node.json', text);
  try {
    t.is((await runCli(['analyze', file])).exitCode, 0);
  } finally {
    await cleanup();
  }
});

test('checks lists every id with its group and title', async (t) => {
  const run = await runCli(['checks']);
  t.is(run.exitCode, 0);
  for (const id of [
    'os-build',
    'containerd-service-account',
    'kubelet-feature-gate',
    'local-groups',
    'hostprocess-context',
  ])
    t.regex(run.stdout, new RegExp(`^  ${id}\\s+\\S`, 'm'));
  const json = JSON.parse((await runCli(['checks', '--json'])).stdout) as {
    id: string;
    group: string;
    title: string;
  }[];
  t.is(json.length, CHECKS.length);
  t.true(json.every((c) => c.id && c.group && c.title));
});

test('--version and --help', async (t) => {
  const version = await runCli(['--version']);
  t.regex(version.stdout, /^\d+\.\d+\.\d+\n$/);
  const help = await runCli(['--help']);
  t.regex(help.stdout, /Usage: hostprocess-doctor \[COMMAND\]/);
  t.regex(help.stdout, /analyze/);
  const analyzeHelp = await runCli(['analyze', '--help']);
  t.regex(analyzeHelp.stdout, /--containerd-config FILE/);
  t.is(analyzeHelp.exitCode, 0);
});
