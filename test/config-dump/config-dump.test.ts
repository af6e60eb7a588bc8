/**
 * `hostprocess-doctor config-dump`, in-process: a config with a conf.d import (which file set each runtime
 * setting), the JSON shape docs/containerd.md describes, refusals in containerd's words on stderr, and the
 * exit codes 0 / 1 / 2 / 4. test/oracles/containerd.test.ts compares the dump with containerd 1.6.20's.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { loadBytesV1 } from '../../src/parse/toml-gotoml1.js';
import { nodeAt, toPlain } from '../../src/parse/toml-tree.js';
import { EXAMPLES, runCli } from '../helpers/cli.js';

const roots: string[] = [];
test.after.always(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'hpd-dump-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}

const CRI = 'plugins."io.containerd.grpc.v1.cri"';
const MAIN = [
  'version = 2',
  "imports = ['conf.d/*.toml']",
  `[${CRI}.containerd]`,
  '  default_runtime_name = "runhcs-wcow-process"',
  `[${CRI}.containerd.runtimes.runhcs-wcow-process]`,
  '  runtime_type = "io.containerd.runhcs.v1"',
  '  pod_annotations = ["main/*"]',
  '',
].join('\n');
// 1.x replaces the CRI table whole with the import's: its runtime and default win, the main file's go.
const DROPIN = [
  'version = 2',
  `[${CRI}.containerd]`,
  '  default_runtime_name = "hv"',
  `[${CRI}.containerd.runtimes.hv]`,
  '  runtime_type = "io.containerd.runhcs.v1"',
  '  container_annotations = ["io.microsoft.container.*"]',
  `[${CRI}.containerd.runtimes.hv.options]`,
  '  SandboxIsolation = 1',
  '',
].join('\n');

const dumpArgs = (root: string, ...more: string[]) => [
  'config-dump',
  '--containerd-config',
  path.join(root, 'config.toml'),
  ...more,
];

test('TOML out: the merged config as containerd 1.7 loads it, the import’s CRI table in place', async (t) => {
  const root = await tree({ 'config.toml': MAIN, 'conf.d/10-hv.toml': DROPIN });
  const run = await runCli(dumpArgs(root, '--containerd-version', '1.7.20'));
  t.is(run.exitCode, 0, run.stderr);
  const parsed = loadBytesV1(new TextEncoder().encode(run.stdout), '1.9.5');
  t.true(parsed.ok, 'the output is TOML containerd reads');
  if (!parsed.ok) return;
  const get = (...p: string[]) => {
    const n = nodeAt(parsed.tree as never, p);
    return n ? toPlain(n as never) : undefined;
  };
  const cri = ['plugins', 'io.containerd.grpc.v1.cri', 'containerd'];
  t.is(get(...cri, 'default_runtime_name'), 'hv');
  t.deepEqual(Object.keys(get(...cri, 'runtimes') as object), ['hv']);
  t.deepEqual(get('imports'), [path.join(root, 'config.toml'), path.join(root, 'conf.d', '10-hv.toml')]);
});

test('--show-origin names the file and line of each value: the runtime from conf.d, the version from the main file', async (t) => {
  const root = await tree({ 'config.toml': MAIN, 'conf.d/10-hv.toml': DROPIN });
  const run = await runCli(dumpArgs(root, '--containerd-version', '1.7.20', '--show-origin'));
  t.is(run.exitCode, 0, run.stderr);
  const dropIn = path.join(root, 'conf.d', '10-hv.toml');
  const lineOf = (re: RegExp) => run.stdout.split('\n').find((l) => re.test(l)) ?? '';
  t.true(lineOf(/default_runtime_name = "hv"/).includes(`${dropIn}:3`), lineOf(/default_runtime_name/));
  t.true(lineOf(/container_annotations/).includes(`${dropIn}:6`), lineOf(/container_annotations/));
  t.true(lineOf(/SandboxIsolation = 1/).includes(`${dropIn}:8`), lineOf(/SandboxIsolation/));
  t.true(lineOf(/^\s*snapshotter = "windows"/).includes('(built-in default)'), 'defaults say so');
});

test('--json: the documented shape, with origins on 2.x where the main file and the import merge', async (t) => {
  const root = await tree({ 'config.toml': MAIN, 'conf.d/10-hv.toml': DROPIN });
  const run = await runCli(dumpArgs(root, '--containerd-version', '2.1.0', '--json', '--show-origin'));
  t.is(run.exitCode, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  t.deepEqual(Object.keys(out), [
    'containerd',
    'family',
    'loads',
    'files',
    'unread',
    'disabledPlugins',
    'cri',
    'config',
  ]);
  t.is(out.containerd, '2.1.0');
  t.is(out.family, '2.0-2.2');
  t.true(out.loads);
  t.is(out.cri.defaultRuntime, 'hv');
  t.is(out.cri.defaultRuntimeOrigin, `${path.join(root, 'conf.d', '10-hv.toml')}:3`);
  const names = out.cri.runtimes.map((r: { name: string }) => r.name);
  t.true(names.includes('hv') && names.includes('runhcs-wcow-process'), '2.x merges runtimes: both stay');
  const main = out.cri.runtimes.find((r: { name: string }) => r.name === 'runhcs-wcow-process');
  t.deepEqual(main.pod_annotations, ['main/*']);
  const rt = out.config.plugins['io.containerd.cri.v1.runtime'].containerd;
  t.deepEqual(rt.default_runtime_name, { value: 'hv', origin: `${path.join(root, 'conf.d', '10-hv.toml')}:3` });
});

test('exit 1 when that containerd refuses the config, with its words on stderr and nothing on stdout', async (t) => {
  const root = await tree({ 'config.toml': 'version = 2\ndisabled_plugins = ["cri"]\n' });
  const run = await runCli(dumpArgs(root, '--containerd-version', '1.7.20'));
  t.is(run.exitCode, 1);
  t.is(run.stdout, '');
  t.is(
    run.stderr,
    `containerd: failed to load TOML from ${path.join(root, 'config.toml')}: invalid disabled plugin URI "cri" expect io.containerd.x.vx\n`,
  );
  const json = await runCli(dumpArgs(root, '--containerd-version', '1.7.20', '--json'));
  t.is(json.exitCode, 1);
  t.false(JSON.parse(json.stdout).loads);
  t.regex(JSON.parse(json.stdout).refusal.message, /invalid disabled plugin URI "cri"/);
});

test('the same config, three verdicts: the family decides', async (t) => {
  const root = await tree({ 'config.toml': 'version = 2\n[plugins."containerd.io.grpc.v1.cri"]\n  x = 1\n' });
  t.is((await runCli(dumpArgs(root, '--containerd-version', '1.6.20'))).exitCode, 0);
  t.is((await runCli(dumpArgs(root, '--containerd-version', '1.7.0'))).exitCode, 1, '1.7 checks the prefix');
  t.is((await runCli(dumpArgs(root, '--containerd-version', '2.1.0'))).exitCode, 0);
});

test('usage errors exit 2 with what to do', async (t) => {
  const root = await tree({ 'config.toml': 'version = 2\n' });
  const none = await runCli(['config-dump']);
  t.is(none.exitCode, 2);
  t.regex(none.stderr, /needs --containerd-config FILE/);
  const noVersion = await runCli(dumpArgs(root));
  t.is(noVersion.exitCode, 2);
  t.regex(noVersion.stderr, /--containerd-version/);
  const two = await runCli(['config-dump', 'a.json', 'b.json']);
  t.is(two.exitCode, 2);
  const bogus = await runCli(dumpArgs(root, '--containerd-version', '1.7.20', '--bogus'));
  t.is(bogus.exitCode, 2);
});

test('a snapshot brings its own version; an unreadable import makes the dump incomplete (exit 4)', async (t) => {
  const example = JSON.parse(await readFile(path.join(EXAMPLES, 'healthy-1.7.json'), 'utf8'));
  const root = await tree({});
  const ok = path.join(root, 'ok.json');
  await writeFile(ok, JSON.stringify(example));
  const fine = await runCli(['config-dump', ok]);
  t.is(fine.exitCode, 0, fine.stderr);
  t.regex(fine.stdout, /io\.containerd\.grpc\.v1\.cri/);
  const config = example.containerd.config.value;
  const dropIn = 'C:\\Program Files\\containerd\\conf.d\\x.toml';
  config.files[0].text = `imports = ['${dropIn.replace(/\\/g, '\\\\')}']\n${config.files[0].text}`;
  delete config.files[0].parse;
  config.files.push({ path: dropIn, state: 'denied', reason: 'access denied', importedBy: config.path });
  const blind = path.join(root, 'blind.json');
  await writeFile(blind, JSON.stringify(example));
  const run = await runCli(['config-dump', blind]);
  t.is(run.exitCode, 4, run.stderr);
  t.regex(run.stderr, /could not read .*x\.toml \(access denied\): the dump is incomplete/);
});

test('a Windows import glob: unresolvable off the node (exit 4, said on stderr); resolved where the platform is win32', async (t) => {
  const root = await tree({ 'config.toml': "version = 2\nimports = ['C:\\\\conf.d\\\\*.toml']\n" });
  const args = dumpArgs(root, '--containerd-version', '1.7.20', '--json');
  const off = await runCli(args, { platform: 'linux' });
  t.is(off.exitCode, 4);
  t.regex(off.stderr, /could not read C:\\conf\.d\\\*\.toml \(a Windows glob, which this machine cannot resolve/);
  // The platform comes from the run's io (what-if flags pass it on), not from the process the test runs in.
  const on = await runCli(args, { platform: 'win32' });
  t.is(on.exitCode, 0, on.stderr);
  t.is(on.stderr, '');
});
