/**
 * The single-file build: build/hostprocess-doctor.cjs holds every dependency (it runs from an empty
 * directory), bin uses it, and --version evaluates none of the heavy modules.
 */
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { EXAMPLES, ROOT } from '../helpers/cli.js';

const BUNDLE = path.join(ROOT, 'build', 'hostprocess-doctor.cjs');

test.serial('the bundle runs alone, from a directory with no node_modules', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-bundle-'));
  try {
    const bundle = path.join(dir, 'hostprocess-doctor.cjs');
    await copyFile(BUNDLE, bundle);
    await copyFile(path.join(EXAMPLES, 'access-denied.json'), path.join(dir, 'node.json'));
    const run = async (...args: string[]) =>
      execa(process.execPath, [bundle, ...args], { cwd: dir, reject: false, env: { NO_COLOR: '1' } });
    t.is((await run('--version')).stdout, '0.1.0');
    const analyzed = await run('analyze', 'node.json', '--json');
    t.is(analyzed.exitCode, 1, analyzed.stderr);
    t.is((JSON.parse(analyzed.stdout) as { schemaVersion: number }).schemaVersion, 2);
    const prom = await run('analyze', 'node.json', '--format', 'prometheus');
    t.regex(prom.stdout, /^hostprocess_doctor_check_status\{check="containerd-service-account",status="fail"\} 1$/m);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.serial('--version loads no command module and spawns nothing', async (t) => {
  // A preload hook records every module the bundle asks Node for; --version must need almost none.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-preload-'));
  try {
    const hook = path.join(dir, 'hook.cjs');
    await writeFile(
      hook,
      `const Module = require('node:module');
const seen = new Set();
const load = Module._load;
Module._load = function (request, ...rest) { seen.add(request); return load.call(this, request, ...rest); };
process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify([...seen]) + '\\n'));
`,
    );
    const run = await execa(process.execPath, ['-r', hook, BUNDLE, '--version'], { reject: false });
    t.is(run.exitCode, 0);
    t.is(run.stdout, '0.1.0');
    const loaded = JSON.parse(/LOADED (.*)/.exec(run.stderr)?.[1] ?? '[]') as string[];
    const heavy = loaded.filter((m) => /child_process|cluster|worker_threads|zlib|crypto|https?$/.test(m));
    t.deepEqual(heavy, [], `--version loaded ${loaded.join(', ')}`);
    // The same hook does see the heavy modules on a real command, so the test is not vacuous.
    const analyze = await execa(
      process.execPath,
      ['-r', hook, BUNDLE, 'analyze', path.join(EXAMPLES, 'access-denied.json'), '--json'],
      { reject: false },
    );
    const analyzeLoaded = JSON.parse(/LOADED (.*)/.exec(analyze.stderr)?.[1] ?? '[]') as string[];
    t.true(analyzeLoaded.length > loaded.length, `analyze loaded ${analyzeLoaded.join(', ')}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.serial('bin runs the bundle when it is present', async (t) => {
  const trace = await execa(process.execPath, [path.join(ROOT, 'bin', 'hostprocess-doctor.cjs'), '--version'], {
    reject: false,
    env: { NODE_DEBUG: 'module' },
  });
  t.is(trace.stdout, '0.1.0');
  t.regex(trace.stderr, /hostprocess-doctor\.cjs/);
  t.notRegex(trace.stderr, /dist[\\/]src[\\/]cli[\\/]run\.js/);
});

// Below Node 22.1, bin runs the bundle through vm.Script, which has no callback for import(): one left
// in the bundle is a crash (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING) on the path that reaches it.
test.serial('the bundle holds no dynamic import(), and bin lints a file (the vm.Script path on Node 20)', async (t) => {
  const source = readFileSync(BUNDLE, 'latin1');
  t.deepEqual(source.match(/.{0,60}\bimport\(.{0,40}/g) ?? [], []);
  const run = await execa(
    process.execPath,
    [path.join(ROOT, 'bin', 'hostprocess-doctor.cjs'), 'lint', 'deploy/daemonset.yaml'],
    {
      cwd: ROOT,
      reject: false,
      env: { NO_COLOR: '1' },
    },
  );
  t.is(run.exitCode, 0, run.stderr);
});
