/**
 * `collect` writes the snapshot that `analyze` reads anywhere, with the same results as the live doctor;
 * `--redact` hides names without changing verdicts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { type JsonReport, runCli } from '../helpers/cli.js';
import { createFakeHost, type FakeHostSpec } from '../helpers/fakehost.js';
import { healthyNode, withPowershell } from '../helpers/scenarios.js';

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
