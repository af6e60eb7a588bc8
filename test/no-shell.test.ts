/**
 * No process is started through a shell, on any platform.
 *
 * Statically: the sources never ask for a shell, never parse a command string, and start processes in one
 * place only (src/collect/exec.ts: execa for probes, spawn for taskkill, argument arrays and `shell: false`).
 * At run time: argument arrays full of shell metacharacters reach the fake program byte for byte, the fake's
 * parent is this very process (nothing stood between), and a missing program is `missing` without any
 * process started (no `cmd.exe /d /s /c` or `sh -c` fallback).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { runProbe } from '../src/collect/exec.js';
import { collectLiveFacts } from '../src/collect/live.js';
import { CONTAINERD, createFakeHost, localPath, POWERSHELL } from './helpers/fakehost.js';
import { healthyNode } from './helpers/scenarios.js';

const root = path.resolve(import.meta.dirname, '../..');
const EXEC = path.join('src', 'collect', 'exec.ts');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|js|mjs|cjs)$/.test(name) ? [full] : [];
  });
}

const FORBIDDEN: [RegExp, string][] = [
  [/\bshell\s*:\s*(true|['"`])/, 'a shell option'],
  [/\bexecaCommand(Sync)?\b/, 'execaCommand (parses a command string)'],
  [/\bexeca\s*`/, 'execa template string'],
  [/import\s*\{[^}]*(^|[\s,])\$([\s,]|$)[^}]*\}\s*from\s*['"]execa['"]/m, "execa's $ template API"],
  [/child_process['"]\)?\s*;?[^\n]*\bexec(Sync)?\b/, 'child_process exec'],
  [/\bexecSync\s*\(/, 'execSync'],
  [/\bwindowsVerbatimArguments\s*:\s*true/, 'verbatim (unquoted) Windows arguments'],
  [/['"]cross-spawn['"]/, 'cross-spawn (falls back to cmd.exe)'],
  [/['"](\/bin\/)?(ba|da)?sh['"]\s*,\s*\[\s*['"]-c['"]/, 'sh -c'],
  [/['"]cmd(\.exe)?['"]\s*,\s*\[\s*['"]\/[cdsk]['"]/i, 'cmd.exe /c'],
];

const STARTS_PROCESSES =
  /from\s*['"](node:)?child_process['"]|from\s*['"]execa['"]|(require|import|getBuiltinModule)\(\s*['"](node:)?(child_process|execa)['"]\s*\)/;

test('src, checks and bin start no process through a shell', (t) => {
  const files = ['src', 'checks', 'bin'].flatMap((d) => sources(path.join(root, d)));
  t.true(files.length > 20);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [pattern, what] of FORBIDDEN) t.false(pattern.test(text), `${path.relative(root, file)} uses ${what}`);
  }
});

test('processes are started in src/collect/exec.ts only, by execa or spawn with shell: false', (t) => {
  const starters = ['src', 'checks', 'bin']
    .flatMap((d) => sources(path.join(root, d)))
    .filter((file) => STARTS_PROCESSES.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(root, file));
  t.deepEqual(starters, [EXEC]);
  const exec = readFileSync(path.join(root, EXEC), 'utf8');
  const spawns = exec.match(/\b(spawn|execa)\(/g) ?? [];
  const noShell = exec.match(/\bshell:\s*false\b/g) ?? [];
  t.true(
    spawns.some((s) => s.startsWith('execa')),
    'probes start through execa',
  );
  t.is(noShell.length, spawns.length, 'every spawn says shell: false');
});

/** Arguments a shell would split, expand, redirect or run. */
const NASTY = [
  'a b',
  '',
  'q"uote',
  "it's",
  '$HOME',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell would expand it; that is the point
  '${PATH}',
  '`id`',
  '$(id)',
  '*',
  '; echo injected',
  '&& echo injected',
  '| cat',
  '> out.txt',
  'back\\slash\\',
  '%PATH%',
  '^&',
  'line\nbreak',
  'Zürich ✓',
];

test('at run time the argument array arrives intact, straight from this process', async (t) => {
  const host = await createFakeHost({ programs: { [CONTAINERD]: { stdout: 'ok\n' } } });
  try {
    const probe = await runProbe(localPath(host.root, CONTAINERD), NASTY, {
      timeoutMs: 15_000,
      env: { ...process.env, FAKE_HOST_LOG: host.logFile },
    });
    t.is(probe.state, 'ok');
    const runs = await host.invocations();
    t.is(runs.length, 1);
    t.deepEqual(runs[0]?.args, NASTY);
    if (process.platform !== 'win32') t.is(runs[0]?.ppid, process.pid, 'no shell between this process and the program');
  } finally {
    await host.cleanup();
  }
});

test('at run time a missing program starts nothing: no cmd.exe or sh fallback', async (t) => {
  const host = await createFakeHost({ programs: {} });
  try {
    const probe = await runProbe(localPath(host.root, CONTAINERD), ['--version'], {
      timeoutMs: 15_000,
      env: { ...process.env, FAKE_HOST_LOG: host.logFile },
    });
    t.is(probe.state, 'missing');
    t.is(probe.exitCode, undefined, 'no exit code: nothing ran (cmd.exe would say 9009 or 1)');
    t.deepEqual(await host.invocations(), []);
  } finally {
    await host.cleanup();
  }
});

test('at run time a whole collection starts each program directly, with its own argument array', async (t) => {
  const host = await createFakeHost(healthyNode());
  try {
    await collectLiveFacts({ timeoutMs: 15_000, env: { ...process.env, ...host.env } });
    const runs = await host.invocations();
    t.is(runs.length, 4);
    const ps = runs.find((r) => r.program === localPath(host.root, POWERSHELL));
    t.is(ps?.args.length, 7);
    t.is(ps?.args[5], '-EncodedCommand');
    for (const run of runs) {
      if (process.platform !== 'win32') t.is(run.ppid, process.pid, run.program);
      if (run !== ps) t.deepEqual(run.args, ['--version']);
    }
  } finally {
    await host.cleanup();
  }
});
