/**
 * `collect` writes the snapshot that `analyze` reads anywhere, with the same results as the live doctor;
 * `--redact` hides names without changing verdicts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { readSections } from '../../src/collect/powershell.js';
import { type JsonReport, runCli } from '../helpers/cli.js';
import { createFakeHost, type FakeHostSpec } from '../helpers/fakehost.js';
import { healthyNode, withPowershell } from '../helpers/scenarios.js';
import { withoutKeys } from '../helpers/without-keys.js';

const verdicts = (r: JsonReport) => r.results.map((x) => [x.id, x.status, x.messageId]);

async function collectAndAnalyze(spec: FakeHostSpec, extra: string[] = []) {
  const host = await createFakeHost(spec);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-collect-'));
  try {
    const file = path.join(dir, 'node.json');
    const collected = await runCli(['collect', '-o', file, ...extra], { env: host.env });
    const live = await runCli(['doctor', '--json'], { env: host.env });
    const analyzed = await runCli(['analyze', file, '--json']);
    return {
      collected,
      live: JSON.parse(live.stdout) as JsonReport,
      analyzed: JSON.parse(analyzed.stdout) as JsonReport,
      analyzedExit: analyzed.exitCode,
      liveExit: live.exitCode,
      text: await readFile(file, 'utf8'),
    };
  } finally {
    await host.cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}

test.serial('analyze of a collected snapshot gives the same results as the live doctor', async (t) => {
  const { collected, live, analyzed, analyzedExit, liveExit } = await collectAndAnalyze(
    withPowershell('synthetic-containerd-user-account.json'),
  );
  t.is(collected.exitCode, 0);
  t.regex(collected.stderr, /wrote .*node\.json/);
  t.deepEqual(verdicts(analyzed), verdicts(live));
  t.is(analyzedExit, liveExit);
  t.is(analyzed.node.source, 'snapshot');
});

test.serial('--redact replaces host, user and domain names, keeps verdicts', async (t) => {
  const { text, live, analyzed } = await collectAndAnalyze(withPowershell('synthetic-containerd-user-account.json'), [
    '--redact',
  ]);
  t.false(/azureuser/i.test(text), 'user name gone');
  t.false(/akswin000001/i.test(text), 'host name gone');
  t.false(/1004336348-1177238915-682003330/.test(text), 'machine SID gone');
  t.regex(text, /USER-\d/);
  t.regex(text, /S-1-5-21-REDACTED-1001/);
  t.regex(text, /LocalSystem/, 'built-in names stay');
  t.deepEqual(verdicts(analyzed), verdicts(live));
});

test.serial('collect to stdout is the snapshot JSON only', async (t) => {
  const host = await createFakeHost(healthyNode());
  try {
    const run = await runCli(['collect'], { env: host.env });
    t.is(run.exitCode, 0);
    const snapshot = JSON.parse(run.stdout) as { schemaVersion: number; collectedBy: { mode: string } };
    t.is(snapshot.schemaVersion, 1);
    t.is(snapshot.collectedBy.mode, 'live');
  } finally {
    await host.cleanup();
  }
});

test.serial('collect to an unwritable path is a usage error naming the path', async (t) => {
  const host = await createFakeHost(healthyNode());
  try {
    const run = await runCli(['collect', '-o', '/nonexistent-dir/x/node.json'], { env: host.env });
    t.is(run.exitCode, 2);
    t.regex(run.stderr, /cannot write \/nonexistent-dir\/x\/node\.json/);
  } finally {
    await host.cleanup();
  }
});

/** A snapshot's timings and collection time, which two collections of one host do not share. */
const TIMINGS = new Set(['durationMs', 'collectedAt', 'memoryBytes']);
const withoutTimings = (value: unknown) => withoutKeys(value, TIMINGS);

test.serial('doctor --save-snapshot writes what collect -o writes, from the one collection it judged', async (t) => {
  const host = await createFakeHost(withPowershell('synthetic-containerd-user-account.json'));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-save-'));
  t.teardown(async () => {
    await host.cleanup();
    await rm(dir, { recursive: true, force: true });
  });
  const saved = path.join(dir, 'saved node.json');
  const live = await runCli(['doctor', '--json', '--save-snapshot', saved], { env: host.env });
  const programs = (await host.invocations()).map((run) => path.basename(run.program)).sort();
  t.is(live.exitCode, 1, live.stderr);
  t.deepEqual(programs, [...new Set(programs)], 'one collection: each program started once');
  t.true(programs.includes('powershell.exe'), programs.join(', '));
  const collected = path.join(dir, 'collected.json');
  const collect = await runCli(['collect', '-o', collected], { env: host.env });
  t.is(collect.exitCode, 0, collect.stderr);
  const text = await readFile(saved, 'utf8');
  t.deepEqual(withoutTimings(JSON.parse(text)), withoutTimings(JSON.parse(await readFile(collected, 'utf8'))));
  const analyzed = await runCli(['analyze', saved, '--json']);
  t.deepEqual(verdicts(JSON.parse(analyzed.stdout) as JsonReport), verdicts(JSON.parse(live.stdout) as JsonReport));
  t.is(analyzed.exitCode, live.exitCode);
  t.true(JSON.parse(live.stdout).results.length > 10, 'stdout carries the report only');
});

test.serial(
  'doctor --save-snapshot keeps what the node said: the what-if flags judge, they are not saved',
  async (t) => {
    const host = await createFakeHost(healthyNode());
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-save-'));
    t.teardown(async () => {
      await host.cleanup();
      await rm(dir, { recursive: true, force: true });
    });
    const saved = path.join(dir, 'node.json');
    const args = ['--json', '--containerd-version', '1.5.9'];
    const live = await runCli(['doctor', ...args, '--save-snapshot', saved], { env: host.env });
    const snapshot = JSON.parse(await readFile(saved, 'utf8')) as {
      containerd: { version: { value?: { output?: string } } };
    };
    t.regex(snapshot.containerd.version.value?.output ?? '', / v1\.7\.20 /);
    t.is(JSON.parse(live.stdout).results.find((r: { id: string }) => r.id === 'containerd-version')?.status, 'fail');
    const analyzed = await runCli(['analyze', saved, ...args]);
    t.deepEqual(verdicts(JSON.parse(analyzed.stdout) as JsonReport), verdicts(JSON.parse(live.stdout) as JsonReport));
    t.is(analyzed.exitCode, 1);
  },
);

for (const [target, expected] of [
  [
    '/nonexistent-dir/x/node.json',
    /--save-snapshot \/nonexistent-dir\/x\/node\.json: cannot write in \/nonexistent-dir\/x: ENOENT/,
  ],
  ['-', /--save-snapshot needs a file \(the report goes to stdout\)/],
  ['', /--save-snapshot needs a file/],
] as const) {
  test.serial(
    `doctor --save-snapshot ${JSON.stringify(target)}: a usage error before anything is collected`,
    async (t) => {
      const host = await createFakeHost(healthyNode());
      t.teardown(() => host.cleanup());
      const run = await runCli(['doctor', '--save-snapshot', target], { env: host.env });
      t.is(run.exitCode, 2);
      t.regex(run.stderr, expected);
      t.deepEqual(await host.invocations(), [], 'no probe ran');
      t.is(run.stdout, '');
    },
  );
}

test.serial(
  'a PowerShell answer of the wrong shape is kept in the snapshot as unreadable facts, and analyze agrees',
  async (t) => {
    const { collected, live, analyzed, analyzedExit, liveExit, text } = await collectAndAnalyze(
      withPowershell('synthetic-shape-service-null.json'),
    );
    t.is(collected.exitCode, 0, collected.stderr);
    const snapshot = JSON.parse(text) as { containerd: { service: { state: string; reason: string } } };
    t.is(snapshot.containerd.service.state, 'error');
    t.regex(
      snapshot.containerd.service.reason,
      /PowerShell's services section has an unexpected shape: services\[0\] is null, not an object/,
    );
    t.deepEqual(verdicts(analyzed), verdicts(live));
    t.is(analyzedExit, 4);
    t.is(liveExit, 4);
  },
);

test('readSections: every section is checked field by field; a wrong shape is a failed section saying what is wrong', (t) => {
  const doc = (sections: Record<string, unknown>) =>
    `noise before {"v":1,${JSON.stringify(sections).slice(1)} noise after`;
  const read = (sections: Record<string, unknown>) => readSections(doc(sections)) ?? {};
  // Good shapes: an unrolled one-element list, null for an empty list, null fields kept.
  t.deepEqual(
    read({ services: { ok: true, value: { name: 'containerd', startName: null, processId: 1 }, ms: 3 } }).services,
    {
      ok: true,
      value: [{ name: 'containerd', startName: null, processId: 1 }],
      ms: 3,
    },
  );
  t.deepEqual(read({ groups: { ok: true, value: null } }).groups, { ok: true, value: [] });
  t.deepEqual(read({ os: { ok: false, denied: true, error: 'Zugriff verweigert' } }).os, {
    ok: false,
    denied: true,
    error: 'Zugriff verweigert',
  });
  const errorOf = (sections: Record<string, unknown>, name: string) => {
    const section = (read(sections) as Record<string, { ok: boolean; error?: string }>)[name];
    t.false(section?.ok, name);
    return section?.error ?? '';
  };
  t.regex(errorOf({ services: { ok: true } }, 'services'), /services section is garbled: it has no value/);
  t.regex(errorOf({ services: 'x' }, 'services'), /services section is the text "x", not an object/);
  t.regex(errorOf({ services: { ok: 1, value: [] } }, 'services'), /"ok" is the number 1, not true or false/);
  t.regex(
    errorOf({ services: { ok: true, value: [{ name: '' }] } }, 'services'),
    /services\[0\]\.name is empty text, not text/,
  );
  t.regex(
    errorOf({ processes: { ok: true, value: [{ name: 'a', processId: 'x' }] } }, 'processes'),
    /processes\[0\]\.processId is the text "x", not a number/,
  );
  t.regex(
    errorOf({ identity: { ok: true, value: { elevated: 'yes' } } }, 'identity'),
    /identity\.elevated is the text "yes", not true or false/,
  );
  t.regex(
    errorOf({ accounts: { ok: true, value: { LocalSystem: 5 } } }, 'accounts'),
    /accounts\["LocalSystem"\] is the number 5, not text/,
  );
  t.regex(errorOf({ bindflt: { ok: true, value: { present: 'no' } } }, 'bindflt'), /bindflt\.present is the text "no"/);
  t.regex(errorOf({ files: { ok: true, value: [[]] } }, 'files'), /files\[0\] is a list, not an object/);
  // A failed section's own fields are taken only when they have the right type.
  t.deepEqual(read({ os: { ok: false, denied: 'yes', error: 5, ms: 'x' } }).os, { ok: false });
  // __proto__ and constructor stay plain keys.
  const accounts = readSections('{"accounts":{"ok":true,"value":{"__proto__":"S-1","constructor":null}}}')?.accounts;
  t.true(accounts?.ok);
  if (accounts?.ok) {
    t.true(Object.hasOwn(accounts.value, '__proto__'));
    t.is(Object.getOwnPropertyDescriptor(accounts.value, '__proto__')?.value, 'S-1');
    t.is(Object.getPrototypeOf(accounts.value), Object.prototype);
  }
  t.is(readSections('no JSON here'), undefined);
  t.is(readSections('[1, 2]'), undefined);
});
