/**
 * The live collectors end to end: `doctor --json` against fake Windows hosts whose programs replay
 * recorded outputs. The real spawning, timeout, decoding and parsing code runs.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { CHECKS } from '../../checks/index.js';
import { type JsonReport, runCli, schemaErrors, statusOf } from '../helpers/cli.js';
import { createFakeHost, type FakeHostSpec, type Invocation, POWERSHELL } from '../helpers/fakehost.js';
import { CONFIG_PATH, corpus, healthyNode, withPowershell } from '../helpers/scenarios.js';

interface Outcome {
  report: JsonReport;
  exitCode: number;
  stderr: string;
  runs: Invocation[];
  wallMs: number;
  finishedAt: number;
}

async function doctor(spec: FakeHostSpec, args: string[] = []): Promise<Outcome> {
  const host = await createFakeHost(spec);
  try {
    const started = Date.now();
    const run = await runCli(['doctor', '--json', ...args], { env: host.env });
    const finishedAt = Date.now();
    const report = JSON.parse(run.stdout) as JsonReport;
    return {
      report,
      exitCode: run.exitCode,
      stderr: run.stderr,
      runs: await host.invocations(),
      wallMs: finishedAt - started,
      finishedAt,
    };
  } finally {
    await host.cleanup();
  }
}

const statuses = (r: JsonReport) => Object.fromEntries(r.results.map((x) => [x.id, x.status]));

test.serial('healthy 1.7 node: every check passes, one PowerShell, at most five processes', async (t) => {
  const { report, exitCode, runs } = await doctor(healthyNode(), ['--group', 'hpc-readers']);
  t.is(schemaErrors(report), '');
  t.is(exitCode, 0);
  t.deepEqual(statuses(report), Object.fromEntries(CHECKS.map((c) => [c.meta.id, 'pass'])));
  t.is(report.node.source, 'live');
  t.is(report.node.containerdVersion, '1.7.20');
  t.is(report.node.osBuild, '20348.2849');
  t.is(runs.filter((r) => r.program.endsWith('powershell.exe')).length, 1);
  t.true(runs.length <= 5, `${runs.length} processes`);
});

test.serial('no probe is started through a shell: each gets its own argument array', async (t) => {
  const { runs } = await doctor(healthyNode());
  const ps = runs.find((r) => r.program.endsWith('powershell.exe'));
  t.truthy(ps);
  t.deepEqual(ps?.args.slice(0, 6), [
    '-NoProfile',
    '-NoLogo',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
  ]);
  t.is(ps?.args.length, 7);
  // The encoded script is UTF-16LE base64 and really is the collection script.
  const script = Buffer.from(ps?.args[6] ?? '', 'base64').toString('utf16le');
  t.regex(script, /Win32_Service/);
  t.regex(script, /ConvertTo-Json/);
  for (const run of runs.filter((r) => !r.program.endsWith('powershell.exe'))) t.deepEqual(run.args, ['--version']);
  // Paths with spaces arrive whole.
  t.true(runs.some((r) => r.program.includes('Program Files')));
});

test.serial('containerd under a user account: the Access is denied failure with the sc.exe fix', async (t) => {
  const { report, exitCode } = await doctor(withPowershell('synthetic-containerd-user-account.json'));
  t.is(exitCode, 1);
  t.is(statusOf(report, 'containerd-service-account'), 'fail');
  const result = report.results.find((r) => r.id === 'containerd-service-account');
  t.true(result?.message.includes('failed to create user process token: failed to logon user: Access is denied.'));
  t.deepEqual(result?.fix?.commands, ['sc.exe config containerd obj= LocalSystem', 'Restart-Service containerd']);
  t.is(report.summary.fail, 1);
});

test.serial('a config with imports: the glob import is merged and decides the default runtime', async (t) => {
  const spec = healthyNode();
  spec.files = {
    ...spec.files,
    [CONFIG_PATH]:
      'version = 2\r\nimports = ["C:\\\\Program Files\\\\containerd\\\\conf.d\\\\*.toml"]\r\n\r\n[plugins."io.containerd.grpc.v1.cri"]\r\n  sandbox_image = "mcr.microsoft.com/oss/kubernetes/pause:3.9"\r\n',
    'C:\\Program Files\\containerd\\conf.d\\10-hyperv.toml': corpus(
      'containerd-config/containerd-ci-hyperv-periodic-v2-default-runtime-hypervisor.toml',
    ),
  };
  const { report } = await doctor(spec);
  t.is(statusOf(report, 'containerd-config'), 'pass');
  t.regex(report.results.find((r) => r.id === 'containerd-config')?.message ?? '', /1 import merged/);
  t.is(statusOf(report, 'containerd-default-runtime'), 'fail');
  t.regex(report.results.find((r) => r.id === 'containerd-default-runtime')?.message ?? '', /runhcs-wcow-hypervisor/);
});

test.serial('a config with an import that does not exist: reported, not ignored', async (t) => {
  const spec = healthyNode();
  spec.files = {
    ...spec.files,
    [CONFIG_PATH]: 'version = 2\nimports = ["C:\\\\Program Files\\\\containerd\\\\extra.toml"]\n',
  };
  const { report, exitCode } = await doctor(spec);
  t.is(exitCode, 1);
  t.is(report.results.find((r) => r.id === 'containerd-config')?.messageId, 'importMissing');
  t.is(statusOf(report, 'containerd-default-runtime'), 'skip');
});

test.serial('kubelet behind nssm: its arguments come from the running process', async (t) => {
  const { report } = await doctor(withPowershell('synthetic-kubelet-nssm.json'));
  t.is(statusOf(report, 'kubelet-runtime-endpoint'), 'pass');
  t.is(statusOf(report, 'kubelet-feature-gate'), 'pass');
});

test.serial('a non-admin user who cannot read StartName: the account is skipped, never passed', async (t) => {
  const { report, exitCode } = await doctor(withPowershell('synthetic-non-admin.json'));
  t.is(statusOf(report, 'containerd-service-account'), 'skip');
  t.regex(report.results.find((r) => r.id === 'containerd-service-account')?.message ?? '', /access denied/);
  t.is(report.results.find((r) => r.id === 'hostprocess-context')?.messageId, 'onHostNotElevated');
  // The service's own command line still shows the config and kubelet flags.
  t.is(statusOf(report, 'containerd-config'), 'pass');
  t.is(statusOf(report, 'kubelet-runtime-endpoint'), 'pass');
  // Blind to the account behind "Access is denied": never healthy (exit 0 before 0.2), but inconclusive.
  t.is(exitCode, 4);
  t.is(report.verdict, 'inconclusive');
  t.true(report.notSeen.some((n) => n.check === 'containerd-service-account' && n.state === 'denied'));
});

test.serial('a German-locale node with UTF-16 output: localized accounts are judged by SID', async (t) => {
  const { report } = await doctor(withPowershell('synthetic-german-locale.utf16le-bom.json'), ['--group', 'Leser-HPC']);
  t.is(statusOf(report, 'containerd-service-account'), 'warn');
  t.is(report.results.find((r) => r.id === 'containerd-service-account')?.messageId, 'localService');
  t.is(statusOf(report, 'local-groups'), 'pass');
  t.is(statusOf(report, 'bind-filter'), 'skip');
  t.regex(report.results.find((r) => r.id === 'bind-filter')?.message ?? '', /verweigert/);
  t.is(statusOf(report, 'os-build'), 'pass');
});

test.serial(
  'a hung PowerShell: the run ends within its timeout plus a margin, with skips and no false pass',
  async (t) => {
    const { report, runs, finishedAt, wallMs } = await doctor(healthyNode({ hang: 'powershell' }), ['--timeout', '2s']);
    // From the moment the fake PowerShell started (after the CLI's own start-up) to the CLI's exit.
    const psStart = runs.find((r) => r.program.endsWith('powershell.exe'))?.start ?? 0;
    // The margin (3 s, as for every probe) covers the kill grace and a loaded machine; a probe that outlived
    // its timeout would hold the run its full 60 s.
    t.true(
      finishedAt - psStart <= 5000,
      `ended ${finishedAt - psStart} ms after PowerShell started (wall ${wallMs} ms)`,
    );
    for (const id of [
      'os-build',
      'bind-filter',
      'containerd-service',
      'containerd-service-account',
      'containerd-config',
      'containerd-default-runtime',
      'kubelet-feature-gate',
      'kubelet-runtime-endpoint',
    ]) {
      t.is(statusOf(report, id), 'skip', id);
    }
    t.regex(report.results.find((r) => r.id === 'containerd-service-account')?.message ?? '', /timed out/);
  },
);

test.serial('off Windows without a fake host, doctor explains and exits 3', async (t) => {
  const run = await runCli(['doctor']);
  t.is(run.exitCode, 3);
  t.regex(run.stderr, /collect -o node\.json/);
  t.is(run.stdout, '');
});

test.serial(`the fake host maps ${POWERSHELL} and is announced on stderr`, async (t) => {
  const { stderr } = await doctor(healthyNode());
  t.regex(stderr, /test mode/);
});

test.serial("the doctor reads containerd's log: known messages become evidence on the related check", async (t) => {
  const spec = withPowershell('synthetic-containerd-user-account.json');
  spec.files = {
    ...spec.files,
    'C:\\ProgramData\\containerd\\containerd.log':
      'time="2026-11-20T09:12:44.118Z" level=error msg="RunPodSandbox for &PodSandboxMetadata{Name:hpc-test,Uid:1,Namespace:default,Attempt:0,} failed, error" error="failed to start sandbox container task \\"6f1b\\": failed to create user process token: failed to logon user: Access is denied.: unknown"\n',
  };
  const { report } = await doctor(spec);
  const result = report.results.find((r) => r.id === 'containerd-service-account') as JsonReport['results'][number] & {
    evidence: { fact: string; value?: string; source: { path?: string } }[];
  };
  t.is(result.status, 'fail');
  const fromLog = result.evidence.find((e) => e.fact === 'containerd.log');
  t.truthy(fromLog, 'evidence from containerd.log');
  t.regex(fromLog?.value ?? '', /failed to logon user: Access is denied/);
  t.is(fromLog?.source.path, 'C:\\ProgramData\\containerd\\containerd.log');
});

// ------------------------------------------------------------------------------ PowerShell's JSON of the wrong shape

interface ShapeCase {
  fixture: string;
  /** Checks that must skip as unreadable, with the reason naming the section. */
  skip: string[];
  section: string;
  args?: string[];
  /** Exit 4 (inconclusive) unless no check needed the broken section. */
  exitCode: number;
}

const SHAPES: ShapeCase[] = [
  {
    fixture: 'services-string',
    section: 'services',
    skip: ['containerd-service', 'containerd-service-account', 'kubelet-service'],
    exitCode: 4,
  },
  {
    fixture: 'service-null',
    section: 'services',
    skip: ['containerd-service', 'containerd-service-account', 'kubelet-service'],
    exitCode: 4,
  },
  {
    fixture: 'service-noname',
    section: 'services',
    skip: ['containerd-service', 'containerd-service-account', 'kubelet-service'],
    exitCode: 4,
  },
  {
    fixture: 'startname-object',
    section: 'services',
    skip: ['containerd-service', 'containerd-service-account', 'kubelet-service'],
    exitCode: 4,
  },
  {
    fixture: 'ok-string',
    section: 'services',
    skip: ['containerd-service', 'containerd-service-account', 'kubelet-service'],
    exitCode: 4,
  },
  { fixture: 'os-null', section: 'os', skip: ['os-build'], exitCode: 4 },
  {
    fixture: 'groups-null-item',
    section: 'groups',
    skip: ['local-groups'],
    args: ['--group', 'hpc-readers'],
    exitCode: 4,
  },
  // containerd's and kubelet's command lines then come from their services: nothing needed the processes.
  { fixture: 'process-name-number', section: 'processes', skip: [], exitCode: 0 },
  { fixture: 'cmdline-number', section: 'processes', skip: [], exitCode: 0 },
  // The binaries' presence is then read by Node itself.
  { fixture: 'files-wrong-types', section: 'files', skip: [], exitCode: 0 },
];

for (const c of SHAPES) {
  test.serial(
    `PowerShell JSON of the wrong shape (${c.fixture}): the ${c.section} facts are unreadable, no crash`,
    async (t) => {
      const { report, exitCode, stderr } = await doctor(withPowershell(`synthetic-shape-${c.fixture}.json`), c.args);
      t.is(schemaErrors(report), '');
      t.is(exitCode, c.exitCode, stderr);
      t.false(/internal error/.test(stderr), stderr);
      for (const id of c.skip) {
        const result = report.results.find((r) => r.id === id);
        t.is(result?.status, 'skip', id);
        t.is(result?.skipReason, 'unreadable', id);
        t.regex(
          result?.message ?? '',
          new RegExp(`PowerShell's ${c.section} section (has an unexpected shape|is garbled)`),
          id,
        );
      }
      // Nothing the broken section feeds passes on it, and nothing fails for want of it.
      t.is(report.summary.fail, 0, JSON.stringify(report.results.filter((r) => r.status === 'fail').map((r) => r.id)));
      if (c.exitCode === 4) {
        t.is(report.verdict, 'inconclusive');
        t.true(report.notSeen.some((n) => c.skip.includes(n.check ?? '') && n.state === 'error'));
      }
    },
  );
}

test.serial('__proto__ and constructor keys in PowerShell JSON stay plain keys', async (t) => {
  const { report, exitCode } = await doctor(withPowershell('synthetic-shape-proto-keys.json'));
  t.is(exitCode, 0);
  t.is(statusOf(report, 'containerd-service-account'), 'pass');
  t.is(statusOf(report, 'containerd-service'), 'pass');
  t.is(({} as Record<string, unknown>).name, undefined, 'no prototype was touched');
});

test.serial(
  'PowerShell missing: its facts are unread, not absent; nothing fails for it; inconclusive (fuzz D7)',
  async (t) => {
    const spec = healthyNode();
    delete spec.programs[POWERSHELL];
    const { report, exitCode } = await doctor(spec);
    t.is(exitCode, 4);
    t.is(report.verdict, 'inconclusive');
    t.is(report.summary.fail, 0, JSON.stringify(report.results.filter((r) => r.status === 'fail').map((r) => r.id)));
    t.is(report.summary.warn, 0, JSON.stringify(report.results.filter((r) => r.status === 'warn').map((r) => r.id)));
    for (const id of ['containerd-service', 'bind-filter', 'os-build', 'containerd-service-account']) {
      const result = report.results.find((r) => r.id === id);
      t.is(result?.status, 'skip', id);
      t.is(result?.skipReason, 'unreadable', id);
      t.regex(result?.message ?? '', /PowerShell could not run: .*powershell\.exe/, id);
    }
    // What Node reads itself is still judged.
    t.is(statusOf(report, 'containerd-version'), 'pass');
  },
);

test.serial('PowerShell that starts but fails (exit 1, no JSON): unread facts, inconclusive', async (t) => {
  const spec = healthyNode();
  spec.programs[POWERSHELL] = { exitCode: 1, stderr: 'The term is not recognized\r\n' };
  const { report, exitCode } = await doctor(spec);
  t.is(exitCode, 4);
  t.is(report.summary.fail, 0);
  const service = report.results.find((r) => r.id === 'containerd-service');
  t.is(service?.status, 'skip');
  t.regex(service?.message ?? '', /PowerShell could not run/);
});

test.serial('PowerShell printing garbage: unread facts, inconclusive', async (t) => {
  const spec = healthyNode();
  spec.programs[POWERSHELL] = { stdout: '\u0000\u00ff garbage { not json' };
  const { report, exitCode } = await doctor(spec);
  t.is(exitCode, 4);
  t.is(report.summary.fail, 0);
  t.regex(
    report.results.find((r) => r.id === 'containerd-service')?.message ?? '',
    /PowerShell could not run: PowerShell printed no JSON document/,
  );
});

test.serial('the containerd log named by --log-file is a FIFO: refused without opening it, the run ends', async (t) => {
  const spec = healthyNode();
  if (spec.files) delete spec.files['C:\\ProgramData\\containerd\\containerd.log'];
  const host = await createFakeHost(spec);
  try {
    const fifo = path.join(host.root, 'C', 'ProgramData', 'containerd', 'containerd.log');
    await mkdir(path.dirname(fifo), { recursive: true });
    await execa('mkfifo', [fifo]);
    const started = Date.now();
    const run = await runCli(['collect', '--timeout', '2s'], { env: host.env });
    t.true(Date.now() - started < 15_000);
    const facts = JSON.parse(run.stdout) as { containerd?: { log?: { state: string; reason?: string } } };
    t.is(facts.containerd?.log?.state, 'error');
    t.regex(facts.containerd?.log?.reason ?? '', /named pipe \(FIFO\)/);
  } finally {
    await host.cleanup();
  }
});

test.serial('a huge containerd log: only its tail is read', async (t) => {
  const spec = healthyNode();
  const line = 'time="2026-11-20T09:00:00Z" level=info msg="noise"\n';
  const tail =
    'time="2026-11-20T09:12:44Z" level=error msg="x" error="failed to create user process token: failed to logon user: Access is denied.: unknown"\n';
  spec.files = { ...spec.files, 'C:\\ProgramData\\containerd\\containerd.log': line.repeat(400_000) + tail };
  const host = await createFakeHost(spec);
  try {
    const run = await runCli(['collect'], { env: host.env });
    const facts = JSON.parse(run.stdout) as { containerd?: { log?: { state: string; value?: { tail: string } } } };
    t.is(facts.containerd?.log?.state, 'ok');
    t.true((facts.containerd?.log?.value?.tail.length ?? 0) <= 64 * 1024);
    t.true(facts.containerd?.log?.value?.tail.endsWith(tail));
  } finally {
    await host.cleanup();
  }
});
