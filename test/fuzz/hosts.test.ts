/**
 * The fuzz suite, part 2: fake Windows hosts whose programs misbehave (hang, fail, crash, close stdout but
 * keep running, leave a grandchild holding the pipe, print garbage or 100 MB, ignore SIGTERM), the doctor
 * run against each in-process (runCli, several at once), and a handful through the built binary
 * (spawnCli). Each run is held to the contract in contract.ts: an exit code of the contract, a valid JSON
 * report, an end within a generous bound of --timeout, no pass for a check whose probe failed, and no
 * process left behind.
 */

import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import test from 'ava';
import { BIN, ROOT, runCli, schemaErrors } from '../helpers/cli.js';
import {
  CONTAINERD,
  createFakeHost,
  type FakeHostSpec,
  type FakeProgram,
  KUBELET,
  POWERSHELL,
  SHIM,
} from '../helpers/fakehost.js';
import { healthyNode } from '../helpers/scenarios.js';
import { holdsContract, nothingLeft } from './contract.js';
import { pick, random } from './regex-sample.js';

const TIMEOUT_S = 1;
/** Generous: PowerShell, then the file reads, then the probes again, each within --timeout, plus kill graces. */
const BOUND_MS = 30_000;

const BEHAVIOURS: Record<string, FakeProgram> = {
  hang: { hang: true },
  'exit 1': { exitCode: 1, stderr: 'something went wrong\r\n' },
  crash: { exitCode: 139, stderr: 'Segmentation fault (core dumped)\n' },
  'close stdout, keep running': { closeStdio: true, stdout: 'half an answer' },
  'grandchild holds the pipe, parent exits': { grandchild: 'exit', stdout: 'answer' },
  'grandchild holds the pipe, parent hangs': { grandchild: 'hang', stdout: 'answer' },
  garbage: { stdoutBytes: Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) & 0xff) },
  '100 MB of output': { stdoutFill: 100 * 1024 * 1024 },
  'ignores SIGTERM (sh trap)': { ignoreTermShell: true },
  'answers just too late': { delayMs: TIMEOUT_S * 1000 + 500, stdout: 'late' },
  'prints nothing': { stdout: '' },
};

const PROGRAMS: Record<string, { path: string; judged: string[] }> = {
  PowerShell: {
    path: POWERSHELL,
    judged: [
      'os-build',
      'bind-filter',
      'containerd-service',
      'containerd-service-account',
      'kubelet-service',
      'containerd-config',
      'containerd-default-runtime',
      'kubelet-runtime-endpoint',
      'local-groups',
    ],
  },
  containerd: { path: CONTAINERD, judged: ['containerd-version'] },
  shim: { path: SHIM, judged: ['runhcs-shim'] },
  kubelet: { path: KUBELET, judged: ['kubelet-version'] },
};

interface HostCase {
  name: string;
  spec: FakeHostSpec;
  notPass: string[];
}

function hostCases(): HostCase[] {
  const cases: HostCase[] = [];
  // Every behaviour for PowerShell and for the shim (D2: the shim check passed when its probe failed);
  // a seeded pick for containerd and kubelet; then all four programs misbehaving at once.
  const rnd = random(5);
  for (const [program, { path, judged }] of Object.entries(PROGRAMS)) {
    const behaviours =
      program === 'PowerShell' || program === 'shim'
        ? Object.keys(BEHAVIOURS)
        : [pick(rnd, Object.keys(BEHAVIOURS)), pick(rnd, Object.keys(BEHAVIOURS))];
    for (const behaviour of new Set(behaviours)) {
      const spec = healthyNode();
      spec.programs[path] = BEHAVIOURS[behaviour] as FakeProgram;
      cases.push({ name: `${program}: ${behaviour}`, spec, notPass: judged });
    }
  }
  for (const behaviour of ['hang', 'garbage', 'grandchild holds the pipe, parent hangs']) {
    const spec = healthyNode();
    for (const { path } of Object.values(PROGRAMS)) spec.programs[path] = BEHAVIOURS[behaviour] as FakeProgram;
    cases.push({
      name: `every program: ${behaviour}`,
      spec,
      notPass: Object.values(PROGRAMS).flatMap((p) => p.judged),
    });
  }
  // Programs missing, and files the doctor reads being odd.
  const missing = healthyNode();
  missing.programs = {};
  cases.push({ name: 'no program at all', spec: missing, notPass: Object.values(PROGRAMS).flatMap((p) => p.judged) });
  const binaryConfig = healthyNode();
  binaryConfig.files = {
    ...binaryConfig.files,
    'C:\\Program Files\\containerd\\config.toml': Uint8Array.from({ length: 8192 }, (_, i) => (i * 97) & 0xff),
    'C:\\ProgramData\\containerd\\containerd.log': Uint8Array.from({ length: 70_000 }, (_, i) => (i * 13) & 0xff),
    'C:\\var\\lib\\kubelet\\config.yaml': `x: &a [${'*a,'.repeat(200)}]`,
  };
  cases.push({ name: 'binary config, log and kubelet config', spec: binaryConfig, notPass: [] });
  return cases;
}

async function runHost(c: HostCase) {
  const host = await createFakeHost(c.spec);
  try {
    const started = performance.now();
    const run = await runCli(['doctor', '--json', '--timeout', `${TIMEOUT_S}s`, '--group', 'hpc-readers'], {
      env: host.env,
    });
    const ms = performance.now() - started;
    return { run: { ...run, ms }, runs: await host.invocations() };
  } finally {
    await host.cleanup();
  }
}

test('fuzz: fake hosts whose programs hang, fail, crash, close stdout, leave grandchildren, print garbage or 100 MB', async (t) => {
  t.timeout(300_000);
  const cases = hostCases();
  // A few at a time: each waits mostly on its probes' timeouts.
  const AT_ONCE = 8;
  for (let i = 0; i < cases.length; i += AT_ONCE) {
    const batch = cases.slice(i, i + AT_ONCE);
    const outcomes = await Promise.all(batch.map(runHost));
    for (const [k, { run, runs }] of outcomes.entries()) {
      const c = batch[k] as HostCase;
      holdsContract(t, `host ${c.name}`, run, {
        json: true,
        report: schemaErrors,
        boundMs: BOUND_MS,
        exits: [0, 1, 4],
        notPass: c.notPass,
      });
      await nothingLeft(t, `host ${c.name}`, runs);
    }
  }
  t.log(`fake hosts: ${cases.length} in-process`);
});

// ------------------------------------------------------------------------------------------ through the binary

async function spawnWith(args: string[], env: Record<string, string>, stdout: 'pipe' | number = 'pipe') {
  const started = performance.now();
  return await new Promise<{ exitCode: number; stdout: string; stderr: string; ms: number }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      stdio: ['ignore', stdout, 'pipe'],
      env: { NO_COLOR: '1', ...env },
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      err += d;
    });
    child.on('close', (code, signal) =>
      resolve({ exitCode: code ?? (signal ? 128 : -1), stdout: out, stderr: err, ms: performance.now() - started }),
    );
  });
}

test.serial(
  'fuzz through the binary: hung, grandchild-holding and SIGTERM-ignoring probes; the process exits and leaves nothing',
  async (t) => {
    t.timeout(180_000);
    const cases: HostCase[] = [];
    // The two that hold a process longest (a plain hang and closed pipes are subsets of these; the
    // in-process cases above run every behaviour).
    for (const behaviour of ['grandchild holds the pipe, parent hangs', 'ignores SIGTERM (sh trap)']) {
      const spec = healthyNode();
      for (const { path } of Object.values(PROGRAMS)) spec.programs[path] = BEHAVIOURS[behaviour] as FakeProgram;
      cases.push({
        name: `binary, every program: ${behaviour}`,
        spec,
        notPass: Object.values(PROGRAMS).flatMap((p) => p.judged),
      });
    }
    for (const c of cases) {
      const host = await createFakeHost(c.spec);
      try {
        const run = await spawnWith(['doctor', '--json', '--timeout', `${TIMEOUT_S}s`], host.env);
        holdsContract(t, c.name, run, {
          json: true,
          report: schemaErrors,
          boundMs: BOUND_MS,
          exits: [0, 1, 4],
          notPass: c.notPass,
        });
        await nothingLeft(t, c.name, await host.invocations());
      } finally {
        await host.cleanup();
      }
    }
    t.log(`fake hosts through the binary: ${cases.length}`);
  },
);

test.serial(
  'fuzz through the binary: a report that cannot be written (stdout on /dev/full) is exit 74, nothing else',
  async (t) => {
    const fd = openSync('/dev/full', 'w');
    try {
      const run = await spawnWith(['analyze', 'examples/nodes/access-denied.json', '--json'], {}, fd);
      t.is(run.exitCode, 74, run.stderr);
      t.false(/\n\s+at .+:\d+:\d+/.test(run.stderr), run.stderr);
    } finally {
      closeSync(fd);
    }
  },
);
