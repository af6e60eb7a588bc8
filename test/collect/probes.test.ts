/**
 * The probe layer against fake programs that are slow, hang, fail, print UTF-16 or garbage, or are
 * missing. The real execa spawning and decoding code runs.
 */
import test from 'ava';
import { runProbe } from '../../src/collect/exec.js';
import { type CollectOptions, collectLiveFacts } from '../../src/collect/live.js';
import { CONTAINERD, createFakeHost, type FakeProgram, localPath, POWERSHELL } from '../helpers/fakehost.js';
import { healthyNode } from '../helpers/scenarios.js';

async function probeWith(program: FakeProgram, timeoutMs = 15_000) {
  const host = await createFakeHost({ programs: { [CONTAINERD]: program } });
  try {
    return await runProbe(localPath(host.root, CONTAINERD), ['--version'], { timeoutMs });
  } finally {
    await host.cleanup();
  }
}

test.serial('a slow program within its timeout is ok', async (t) => {
  const probe = await probeWith({ stdout: 'containerd github.com/containerd/containerd v1.7.20 x\n', delayMs: 300 });
  t.is(probe.state, 'ok');
  t.regex(probe.stdout, /v1\.7\.20/);
  t.true(probe.durationMs >= 300);
  t.is(probe.source.exitCode, 0);
});

test.serial('a hung program is killed at its timeout', async (t) => {
  const started = Date.now();
  const probe = await probeWith({ hang: true }, 700);
  t.is(probe.state, 'timeout');
  t.regex(probe.reason ?? '', /700 ms/);
  t.true(Date.now() - started < 700 + 1000, `took ${Date.now() - started} ms`);
});

test.serial('a non-zero exit is an error with a stderr excerpt', async (t) => {
  const probe = await probeWith({ stderr: 'panic: something broke\n', exitCode: 2 });
  t.is(probe.state, 'error');
  t.regex(probe.reason ?? '', /exit code 2: panic: something broke/);
  t.is(probe.source.stderr, 'panic: something broke');
});

test.serial('"Access is denied" on stderr is a denied probe', async (t) => {
  const probe = await probeWith({ stderr: 'Access is denied.\r\n', exitCode: 1 });
  t.is(probe.state, 'denied');
});

test.serial('UTF-16LE output with a BOM is decoded', async (t) => {
  const text = '\ufeffKubernetes v1.29.3\r\n';
  const probe = await probeWith({ stdoutBytes: Buffer.from(text, 'utf16le') });
  t.is(probe.stdout.trim(), 'Kubernetes v1.29.3');
});

test.serial('a program that is not there is missing', async (t) => {
  const probe = await runProbe('/nonexistent/containerd.exe', ['--version'], { timeoutMs: 15_000 });
  t.is(probe.state, 'missing');
});

async function collectWith(mutate: (spec: ReturnType<typeof healthyNode>) => void, options: CollectOptions = {}) {
  const spec = healthyNode();
  mutate(spec);
  const host = await createFakeHost(spec);
  try {
    return await collectLiveFacts({ timeoutMs: 15_000, ...options, env: { ...process.env, ...host.env } });
  } finally {
    await host.cleanup();
  }
}

test.serial('PowerShell printing garbage: every PowerShell fact is an error, nothing crashes', async (t) => {
  const { facts } = await collectWith((spec) => {
    spec.programs[POWERSHELL] = { stdout: 'Get-CimInstance : Invalid class\r\n+ CategoryInfo : ...\r\n' };
  });
  t.is(facts.containerd?.service?.state, 'error');
  t.regex(facts.containerd?.service?.reason ?? '', /no JSON document/);
  t.is(facts.os?.state, 'error');
  t.is(facts.containerd?.config?.state, 'error');
  t.is(facts.containerd?.version?.state, 'ok', 'direct probes still work');
});

test.serial('PowerShell exiting non-zero: facts say so', async (t) => {
  const { facts } = await collectWith((spec) => {
    spec.programs[POWERSHELL] = { stderr: 'powershell.exe : The term is not recognized\r\n', exitCode: 1 };
  });
  t.is(facts.containerd?.serviceAccount?.state, 'error');
  t.regex(facts.containerd?.serviceAccount?.reason ?? '', /exit code 1/);
});

test.serial('PowerShell missing: facts are missing, the direct probes still run', async (t) => {
  const { facts, probes } = await collectWith((spec) => {
    delete spec.programs[POWERSHELL];
  });
  t.is(facts.os?.state, 'missing');
  t.is(facts.kubelet?.version?.state, 'ok');
  t.true(probes.some((p) => p.command[0] === 'powershell.exe' && p.state === 'missing'));
});

test.serial('containerd.exe missing: its version fact is missing with the reason', async (t) => {
  const { facts } = await collectWith((spec) => {
    delete spec.programs[CONTAINERD];
  });
  t.is(facts.containerd?.version?.state, 'missing');
});

test.serial('every probe keeps its provenance: command, exit code and duration', async (t) => {
  const { facts, probes } = await collectWith(() => {});
  const version = facts.containerd?.version;
  t.is(version?.source.kind, 'command');
  t.deepEqual(version?.source.command, ['C:\\Program Files\\containerd\\containerd.exe', '--version']);
  t.is(version?.source.exitCode, 0);
  t.is(typeof version?.source.durationMs, 'number');
  t.is(facts.os?.source.kind, 'registry');
  t.is(probes.filter((p) => p.command[0] === 'powershell.exe').length, 1);
});

test.serial('the containerd log named by --log-file is read', async (t) => {
  const { facts } = await collectWith(() => {});
  t.is(facts.containerd?.log?.state, 'ok');
  t.regex(facts.containerd?.log?.value?.tail ?? '', /starting containerd/);
});

test.serial('groups from HOSTPROCESS_DOCTOR_GROUPS and --group are the intent', async (t) => {
  const { facts } = await collectWith(() => {}, { groups: ['a-group'] });
  t.deepEqual(facts.intent?.groups, ['a-group']);
});

test.serial('--inventory adds systeminformation host facts without blocking the run', async (t) => {
  const { facts, probes } = await collectWith(() => {}, { inventory: true });
  t.is(facts.host?.state, 'ok');
  t.is(facts.host?.source.key, 'systeminformation.osInfo()');
  t.truthy(facts.host?.value?.arch);
  t.is(probes.filter((p) => p.command[0] === 'powershell.exe').length, 1);
});

test.serial('without --inventory the host fact costs no process', async (t) => {
  const { facts } = await collectWith(() => {});
  t.is(facts.host?.source.key, 'node:os, registry ProductName');
  t.is(facts.host?.value?.osCaption, 'Windows Server 2022 Datacenter');
});
