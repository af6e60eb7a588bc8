/**
 * The probe layer against fake programs that are slow, hang, fail, print UTF-16 or garbage, are missing,
 * or misbehave with their process tree and pipes. The real spawning, killing and decoding code runs.
 *
 * No assertion depends on machine speed: a misbehaving fake would otherwise run 60 s, the timeouts are
 * 500 ms, and a probe must be back within 3 s.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { endAllProbes, type ProbeLog, runningProbes, runProbe } from '../../src/collect/exec.js';
import { findOnPath, hostFor } from '../../src/collect/host.js';
import { type CollectOptions, collectLiveFacts } from '../../src/collect/live.js';
import {
  CONTAINERD,
  createFakeHost,
  type FakeHost,
  type FakeProgram,
  type Invocation,
  localPath,
  POWERSHELL,
  ROOT,
} from '../helpers/fakehost.js';
import { healthyNode } from '../helpers/scenarios.js';

/** Would otherwise run 60 s; must be back well before that. */
const SHORT_TIMEOUT_MS = 500;
const BACK_WITHIN_MS = 3000;
/**
 * For the cases that assert what the fake did (its log, its process group, its leftovers): long enough for
 * the fake to start and log itself before the kill however loaded the machine, so the assertion cannot race.
 */
const STARTED_TIMEOUT_MS = 3000;
const isLinux = process.platform === 'linux';

/** The environment a collection gives its probes: the fake host's (its log, a PATH that finds nothing). */
const envOf = (host: FakeHost) => ({ ...process.env, ...host.env });

async function withProgram<T>(
  program: FakeProgram,
  body: (host: FakeHost, exe: string, env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T> {
  const host = await createFakeHost({ programs: { [CONTAINERD]: program } });
  try {
    return await body(host, localPath(host.root, CONTAINERD), envOf(host));
  } finally {
    await host.cleanup();
  }
}

async function probeWith(program: FakeProgram, timeoutMs = 15_000) {
  return withProgram(program, (_host, exe, env) => runProbe(exe, ['--version'], { timeoutMs, env }));
}

/** Live (non-zombie) processes in a process group, from /proc. */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && Number(fields[2]) === pgid) members.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** SIGKILL was sent before runProbe returned; give the kernel a moment to finish the deaths. */
async function leftovers(runs: Invocation[]): Promise<number[]> {
  const pids = runs.flatMap((r) => [r.pid, ...(r.children ?? [])]);
  const groups = runs.flatMap((r) => (r.pgid ? [r.pgid] : []));
  let left: number[] = [];
  for (let i = 0; i < 40; i++) {
    left = [...new Set([...pids.filter(alive), ...groups.flatMap(groupMembers)])];
    if (left.length === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  return left;
}

async function waitForRun(host: FakeHost): Promise<Invocation[]> {
  for (let i = 0; i < 200; i++) {
    const runs = await host.invocations();
    if (runs.length > 0) return runs;
    await new Promise((r) => setTimeout(r, 25));
  }
  return [];
}

// ---- outcomes ------------------------------------------------------------------------------------------

test.serial('a slow program within its timeout is ok', async (t) => {
  const probe = await probeWith({ stdout: 'containerd github.com/containerd/containerd v1.7.20 x\n', delayMs: 300 });
  t.is(probe.state, 'ok');
  t.regex(probe.stdout, /v1\.7\.20/);
  t.true(probe.durationMs >= 300);
  t.is(probe.source.exitCode, 0);
});

test.serial('a hung program is killed at its timeout', async (t) => {
  const started = Date.now();
  const probe = await probeWith({ hang: true }, SHORT_TIMEOUT_MS);
  t.is(probe.state, 'timeout');
  t.regex(probe.reason ?? '', /no answer within 500 ms \(killed\)/);
  t.true(Date.now() - started < BACK_WITHIN_MS, `took ${Date.now() - started} ms`);
  t.is(probe.exitCode, undefined);
});

test.serial('a non-zero exit is an error with a stderr excerpt', async (t) => {
  const probe = await probeWith({ stderr: 'panic: something broke\n', exitCode: 2 });
  t.is(probe.state, 'error');
  t.regex(probe.reason ?? '', /exit code 2: panic: something broke/);
  t.is(probe.source.stderr, 'panic: something broke');
  t.is(probe.exitCode, 2);
});

for (const [language, text] of [
  ['English', 'Access is denied.\r\n'],
  ['German', 'Zugriff verweigert\r\n'],
  ['French', 'Accès refusé.\r\n'],
] as const) {
  test.serial(`"Access is denied" on stderr (${language}) is a denied probe`, async (t) => {
    const probe = await probeWith({ stderr: text, exitCode: 1 });
    t.is(probe.state, 'denied');
    t.regex(probe.reason ?? '', /exit code 1/);
  });
}

test.serial('UTF-16LE output with a BOM is decoded', async (t) => {
  const text = '\ufeffKubernetes v1.29.3\r\n';
  const probe = await probeWith({ stdoutBytes: Buffer.from(text, 'utf16le') });
  t.is(probe.stdout.trim(), 'Kubernetes v1.29.3');
});

test.serial('garbage on stdout is passed on as text, exit code 0 keeps it ok', async (t) => {
  const probe = await probeWith({ stdoutBytes: Uint8Array.from([0x80, 0xff, 0x00, 0x41, 0x0a]) });
  t.is(probe.state, 'ok');
  t.is(typeof probe.stdout, 'string');
});

// ---- resolving the program: no shell, no PATH search -----------------------------------------------

test.serial('a program that is not there is missing, and nothing is spawned', async (t) => {
  const probe = await runProbe('/nonexistent/containerd.exe', ['--version'], { timeoutMs: 15_000 });
  t.is(probe.state, 'missing');
  t.is(probe.reason, '/nonexistent/containerd.exe was not found');
  t.is(probe.exitCode, undefined);
  t.deepEqual(probe.source.command, ['/nonexistent/containerd.exe', '--version']);
});

test.serial('a directory is not a program: missing', async (t) => {
  const probe = await runProbe(path.join(ROOT, 'test'), ['--version'], { timeoutMs: 15_000 });
  t.is(probe.state, 'missing');
  t.regex(probe.reason ?? '', /not a file/);
});

test.serial('a bare program name is never looked up on PATH', async (t) => {
  const log: ProbeLog[] = [];
  const probe = await runProbe('sh', ['-c', 'echo hi'], { timeoutMs: 15_000, log });
  t.is(probe.state, 'missing');
  t.regex(probe.reason ?? '', /never a PATH search/);
  t.is(probe.stdout, '');
  t.is(log.length, 1, 'logged like any probe');
});

test.serial('a file that may not be executed is denied', async (t) => {
  await withProgram({ stdout: 'x' }, async (_host, exe, env) => {
    await chmod(exe, 0o644);
    const probe = await runProbe(exe, ['--version'], { timeoutMs: 15_000, env });
    t.is(probe.state, 'denied');
    t.regex(probe.reason ?? '', /EACCES/);
  });
});

test.serial('a relative path is resolved against cwd', async (t) => {
  await withProgram({ stdout: 'relative ok\n' }, async (host, _exe, env) => {
    const probe = await runProbe(path.join('C', 'Program Files', 'containerd', 'containerd.exe'), ['--version'], {
      timeoutMs: 15_000,
      cwd: host.root,
      env,
    });
    t.is(probe.state, 'ok');
    t.is(probe.stdout, 'relative ok\n');
  });
});

// ---- the process tree and the pipes ------------------------------------------------------------------

test.serial('a hung program: its process group is gone when the probe returns', async (t) => {
  await withProgram({ hang: true }, async (host, exe, env) => {
    const probe = await runProbe(exe, ['--version'], { timeoutMs: STARTED_TIMEOUT_MS, env });
    t.is(probe.state, 'timeout');
    const runs = await host.invocations();
    t.is(runs.length, 1);
    if (isLinux) t.is(runs[0]?.pgid, runs[0]?.pid, 'the probe leads a process group of its own');
    if (isLinux) t.deepEqual(await leftovers(runs), []);
  });
});

test.serial('a grandchild that holds stdout while the program hangs: timeout, both killed', async (t) => {
  await withProgram({ grandchild: 'hang', stdout: 'partial' }, async (host, exe, env) => {
    // The fake must have started its grandchild before the timeout, however loaded the machine: a
    // timeout of seconds (not the short one) leaves it the time to, so the assertion below cannot race.
    const timeoutMs = STARTED_TIMEOUT_MS;
    const started = Date.now();
    const probe = await runProbe(exe, ['--version'], { timeoutMs, env });
    const took = Date.now() - started;
    t.is(probe.state, 'timeout');
    t.true(took < timeoutMs + BACK_WITHIN_MS, `took ${took} ms`);
    const runs = await host.invocations();
    t.is(runs[0]?.children?.length, 1, 'the grandchild was started');
    if (isLinux) t.deepEqual(await leftovers(runs), []);
  });
});

test.serial('a grandchild that holds stdout after the program exited: its answer is kept, nothing waits', async (t) => {
  await withProgram({ grandchild: 'exit', stdout: 'containerd v1.7.20\n' }, async (host, exe, env) => {
    const started = Date.now();
    const probe = await runProbe(exe, ['--version'], { timeoutMs: 30_000, env });
    const took = Date.now() - started;
    t.is(probe.state, 'ok');
    t.is(probe.stdout, 'containerd v1.7.20\n');
    t.is(probe.exitCode, 0);
    t.true(took < BACK_WITHIN_MS, `took ${took} ms with a 30 s timeout`);
    if (isLinux) t.deepEqual(await leftovers(await host.invocations()), []);
  });
});

test.serial('a program that closes stdout and stderr but keeps running: timeout, killed', async (t) => {
  await withProgram({ closeStdio: true, stdout: 'containerd v1.7.20\n' }, async (host, exe, env) => {
    const started = Date.now();
    const probe = await runProbe(exe, ['--version'], { timeoutMs: STARTED_TIMEOUT_MS, env });
    const took = Date.now() - started;
    t.is(probe.state, 'timeout');
    t.true(took < STARTED_TIMEOUT_MS + BACK_WITHIN_MS, `took ${took} ms`);
    if (isLinux) t.deepEqual(await leftovers(await host.invocations()), []);
  });
});

test.serial(`a shell wrapper that ignores SIGTERM (sh -c 'trap "" TERM; sleep 60'): SIGKILL ends it`, async (t) => {
  await withProgram({ ignoreTermShell: true }, async (host, exe, env) => {
    const started = Date.now();
    const probe = await runProbe(exe, ['--version'], { timeoutMs: STARTED_TIMEOUT_MS, env });
    const took = Date.now() - started;
    t.is(probe.state, 'timeout');
    t.true(took < STARTED_TIMEOUT_MS + BACK_WITHIN_MS, `took ${took} ms`);
    const runs = await host.invocations();
    t.is(runs.length, 1);
    t.not(runs[0]?.pgid, undefined);
    if (isLinux) t.deepEqual(await leftovers(runs), [], 'the shell and its sleep are gone');
  });
});

test.serial('a program that prints 100 MB is cut at 8 MiB and is an error, not a hang', async (t) => {
  await withProgram({ stdoutFill: 100 * 1024 * 1024 }, async (host, exe, env) => {
    const probe = await runProbe(exe, ['--version'], { timeoutMs: 60_000, env });
    t.is(probe.state, 'error');
    t.is(probe.reason, 'printed more than 8 MiB on stdout; cut there and killed');
    t.is(probe.stdout.length, 8 * 1024 * 1024);
    if (isLinux) t.deepEqual(await leftovers(await host.invocations()), []);
  });
});

test.serial('the per-stream limit can be lowered; stderr is bounded too', async (t) => {
  await withProgram({ stderr: 'e'.repeat(5000), exitCode: 0 }, async (_host, exe, env) => {
    const probe = await runProbe(exe, ['--version'], { timeoutMs: 15_000, maxOutputBytes: 1000, env });
    t.is(probe.state, 'error');
    t.is(probe.reason, 'printed more than 1000 bytes on stderr; cut there and killed');
    t.is(probe.stderr.length, 1000);
  });
});

test.serial('endAllProbes ends every running probe and its tree at once', async (t) => {
  const host = await createFakeHost({
    programs: { [CONTAINERD]: { grandchild: 'hang' }, 'C:\\k\\kubelet.exe': { ignoreTermShell: true } },
  });
  const env = envOf(host);
  try {
    const started = Date.now();
    const probes = [
      runProbe(localPath(host.root, CONTAINERD), ['--version'], { timeoutMs: 60_000, env }),
      runProbe(localPath(host.root, 'C:\\k\\kubelet.exe'), ['--version'], { timeoutMs: 60_000, env }),
    ];
    for (let i = 0; i < 200 && (await host.invocations()).length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    t.is(runningProbes(), 2);
    await endAllProbes();
    const results = await Promise.all(probes);
    t.true(Date.now() - started < 10_000, 'long before their 60 s timeouts');
    for (const probe of results) {
      t.is(probe.state, 'error');
      t.regex(probe.reason ?? '', /stopped before it answered/);
    }
    t.is(runningProbes(), 0);
    if (isLinux) t.deepEqual(await leftovers(await host.invocations()), []);
  } finally {
    await host.cleanup();
  }
});

test.serial('a process that exits while a probe runs takes the probe tree with it', async (t) => {
  await withProgram({ grandchild: 'hang' }, async (host, exe, env) => {
    const script = `
      import { runProbe } from ${JSON.stringify(path.join(ROOT, 'dist', 'src', 'collect', 'exec.js'))};
      runProbe(${JSON.stringify(exe)}, ['--version'], { timeoutMs: 60000 });
      process.stdin.once('data', () => process.exit(0));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['pipe', 'ignore', 'inherit'],
      env,
    });
    const runs = await waitForRun(host);
    t.is(runs.length, 1);
    child.stdin?.end('exit\n');
    await new Promise((r) => child.once('exit', r));
    if (isLinux) t.deepEqual(await leftovers(runs), []);
  });
});

// ---- the fake host's PATH (host.ts) -------------------------------------------------------------------

test.serial('fake host: a program found on PATH is opened where it was found, not mapped again', async (t) => {
  const root = '/fake-root';
  const host = hostFor({ HOSTPROCESS_DOCTOR_FAKE_HOST: root });
  // On win32 a PATH hit such as C:\fakes\containerd.exe looks like a Windows path; it must stay as it is.
  host.markLocal?.('C:\\fakes\\containerd.exe');
  t.is(host.local('C:\\fakes\\containerd.exe'), 'C:\\fakes\\containerd.exe');
  t.is(host.local('C:\\fakes\\other.exe'), path.join(root, 'C', 'fakes', 'other.exe'));
  t.is(host.local('/usr/local/bin/kubelet.exe'), '/usr/local/bin/kubelet.exe');
});

test.serial('fake host: findOnPath marks its hit, and collection probes it there', async (t) => {
  const spec = healthyNode();
  const kubelet = spec.programs['C:\\k\\kubelet.exe'] as FakeProgram;
  delete spec.programs['C:\\k\\kubelet.exe'];
  const host = await createFakeHost(spec);
  try {
    const bin = path.join(host.root, 'bin dir');
    await mkdir(bin, { recursive: true });
    // Lay kubelet out on PATH only, as a fake-host program in its own little tree.
    const side = await createFakeHost(
      { programs: { 'C:\\kubelet.exe': kubelet } },
      { root: bin, place: () => path.join(bin, 'kubelet.exe') },
    );
    const env = { ...host.env, PATH: bin };
    const fakeHost = hostFor(env);
    const found = await findOnPath(fakeHost, 'kubelet.exe');
    t.is(found, path.join(bin, 'kubelet.exe'));
    t.is(fakeHost.local(found as string), found as string);
    // The PowerShell answer names C:\k\kubelet.exe, which is probed too (and is missing); the PATH hit was
    // probed where it is, not at <root>/C/<PATH dir>.
    const { probes } = await collectLiveFacts({ timeoutMs: 15_000, env: { ...process.env, ...env } });
    t.like(
      probes.find((p) => p.command[0] === found),
      { command: [found, '--version'], state: 'ok' },
    );
    await side.cleanup();
  } finally {
    await host.cleanup();
  }
});

// ---- the collectors on the fake host -------------------------------------------------------------------

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

test.serial('PowerShell missing: its probe is missing, its facts unread, the direct probes still run', async (t) => {
  const { facts, probes } = await collectWith((spec) => {
    delete spec.programs[POWERSHELL];
  });
  // A missing powershell.exe says nothing about what it would have read: those facts are errors.
  t.not(facts.os?.state, 'ok');
  t.regex(facts.os?.reason ?? '', /powershell\.exe was not found/);
  t.is(facts.kubelet?.version?.state, 'ok');
  t.true(probes.some((p) => p.command[0] === 'powershell.exe' && p.state === 'missing'));
});

test.serial('containerd.exe missing: its version fact is missing with the reason', async (t) => {
  const { facts } = await collectWith((spec) => {
    delete spec.programs[CONTAINERD];
  });
  t.is(facts.containerd?.version?.state, 'missing');
});

test.serial('a hung grandchild of PowerShell does not hold the collection past its timeout', async (t) => {
  const started = Date.now();
  const { facts } = await collectWith(
    (spec) => {
      spec.programs[POWERSHELL] = { grandchild: 'hang' };
    },
    { timeoutMs: 1000 },
  );
  t.true(Date.now() - started < 1000 + BACK_WITHIN_MS, `took ${Date.now() - started} ms`);
  t.is(facts.os?.state, 'timeout');
  t.is(facts.containerd?.version?.state, 'ok');
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

/** The built doctor (npm run build), as the process entry would start itself. */
const BIN_SELF = { file: process.execPath, args: [path.join(ROOT, 'bin', 'hostprocess-doctor.cjs')] };
const INVENTORY_FAKE = 'C:\\hpd\\inventory-child.exe';

test.serial(
  '--inventory: the doctor starts itself (__inventory) as one more probe, and keeps its host facts',
  async (t) => {
    const { facts, probes } = await collectWith(() => {}, { inventory: true, self: BIN_SELF });
    t.is(facts.host?.state, 'ok');
    t.is(facts.host?.source.key, 'systeminformation.osInfo()');
    t.is(facts.host?.source.kind, 'command');
    t.truthy(facts.host?.value?.arch);
    t.is(typeof facts.host?.value?.memoryBytes, 'number', 'node:os still gives the memory');
    t.deepEqual(
      probes.filter((p) => p.command[1] === '__inventory').map((p) => [p.command.join(' '), p.state]),
      [['hostprocess-doctor __inventory', 'ok']],
    );
    t.is(probes.filter((p) => p.command[0] === 'powershell.exe').length, 1);
  },
);

/** A collection whose inventory child is a fake program; returns the facts, the probes and what the fake did. */
async function collectWithInventoryFake(
  program: FakeProgram,
  options: CollectOptions = {},
  during?: (started: () => Promise<boolean>) => Promise<void>,
) {
  const spec = healthyNode();
  spec.programs[INVENTORY_FAKE] = program;
  const host = await createFakeHost(spec);
  try {
    const file = localPath(host.root, INVENTORY_FAKE);
    const ofFake = async () => (await host.invocations()).filter((r) => r.program === file);
    const collection = collectLiveFacts({
      timeoutMs: 15_000,
      ...options,
      inventory: true,
      self: { file, args: [] },
      env: envOf(host),
    });
    await during?.(async () => (await ofFake()).length > 0);
    const { facts, probes } = await collection;
    const fake = await ofFake();
    return { facts, probes, fake, left: isLinux ? await leftovers(fake) : [] };
  } finally {
    await host.cleanup();
  }
}

test.serial(
  '--inventory: a child that hangs with a grandchild is ended, tree and all, at --timeout; node:os facts stay',
  async (t) => {
    const { facts, probes, fake, left } = await collectWithInventoryFake({ grandchild: 'hang' }, { timeoutMs: 5000 });
    t.is(probes.find((p) => p.command[1] === '__inventory')?.state, 'timeout');
    t.is(facts.host?.state, 'ok');
    t.is(facts.host?.source.key, 'node:os, registry ProductName');
    t.regex(facts.host?.reason ?? '', /^inventory: no answer within 5000 ms/);
    t.deepEqual(fake[0]?.args, ['__inventory']);
    t.is(fake[0]?.children?.length, 1, 'the grandchild was started');
    t.deepEqual(left, [], 'the child and its grandchild are gone');
    t.is(facts.containerd?.version?.state, 'ok', 'the other probes are not held up');
  },
);

test.serial('--inventory: garbled, failed or empty answers cost the inventory alone, with the reason', async (t) => {
  const cases: [FakeProgram, RegExp][] = [
    [
      { stdout: 'Get-CimInstance : Access denied\r\n' },
      /^inventory: the inventory child printed garbled output \(not JSON/,
    ],
    [{ stdout: '{"hostname": 42}\n' }, /garbled output \(hostname is not a short string\)/],
    [{ stdout: '[]\n' }, /garbled output \(not a JSON object\)/],
    [{ stdout: '{}\n' }, /garbled output \(neither hostname nor arch\)/],
    [{ stderr: 'systeminformation failed: boom\n', exitCode: 1 }, /^inventory: .*exit(ed)? .*1/],
  ];
  for (const [program, reason] of cases) {
    const { facts } = await collectWithInventoryFake(program);
    t.is(facts.host?.state, 'ok', JSON.stringify(program));
    t.is(facts.host?.source.key, 'node:os, registry ProductName');
    t.regex(facts.host?.reason ?? '', reason, JSON.stringify(program));
  }
});

test.serial('--inventory: endAllProbes (the doctor stopped) ends the inventory child and its tree too', async (t) => {
  const started = Date.now();
  const { probes, fake, left } = await collectWithInventoryFake(
    { grandchild: 'hang' },
    { timeoutMs: 60_000 },
    async (fakeStarted) => {
      for (let i = 0; i < 400 && !(await fakeStarted()); i++) await new Promise((r) => setTimeout(r, 25));
      await endAllProbes();
    },
  );
  t.true(Date.now() - started < 20_000, 'long before the 60 s timeout');
  t.is(probes.find((p) => p.command[1] === '__inventory')?.state, 'error');
  t.is(fake.length, 1);
  t.deepEqual(left, []);
});

test.serial(
  '--inventory without a way to start the doctor again (a library call): said, and node:os facts stay',
  async (t) => {
    const { facts, probes } = await collectWith(() => {}, { inventory: true });
    t.is(facts.host?.source.key, 'node:os, registry ProductName');
    t.regex(facts.host?.reason ?? '', /^inventory: the doctor does not know its own executable/);
    t.false(probes.some((p) => p.command[1] === '__inventory'));
  },
);

test.serial('without --inventory the host fact costs no process', async (t) => {
  const { facts } = await collectWith(() => {});
  t.is(facts.host?.source.key, 'node:os, registry ProductName');
  t.is(facts.host?.value?.osCaption, 'Windows Server 2022 Datacenter');
});
