/**
 * scripts/stage-image.mjs stages the image context (without the 88 MB exe here: --skip-exe; the win32
 * suite builds and runs the exe itself) and prints the build command; the Dockerfile's COPY finds what it
 * needs.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { ROOT } from '../helpers/cli.js';

test.serial(
  'image:context --skip-exe stages the Dockerfile and the notices, and prints the build command',
  async (t) => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'hpd-image-')), 'image');
    t.teardown(() => rm(path.dirname(out), { recursive: true, force: true }));
    const run = await execa(
      process.execPath,
      [
        path.join(ROOT, 'scripts', 'stage-image.mjs'),
        '--skip-exe',
        '--out',
        out,
        '--image',
        'myregistry.azurecr.io/hostprocess-doctor:0.1.0',
      ],
      {
        reject: false,
      },
    );
    t.is(run.exitCode, 0, run.stderr);
    t.deepEqual((await readdir(out)).sort(), ['Dockerfile', 'hostprocess-doctor']);
    t.deepEqual((await readdir(path.join(out, 'hostprocess-doctor'))).sort(), ['THIRD-PARTY-NOTICES.txt']);
    t.deepEqual(await readFile(path.join(out, 'Dockerfile')), await readFile(path.join(ROOT, 'deploy', 'Dockerfile')));
    const notices = await readFile(path.join(out, 'hostprocess-doctor', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const pkg of ['execa', 'prom-client', 'semver', 'toml', 'yaml', 'systeminformation'])
      t.regex(notices, new RegExp(`^  ${pkg} \\d`, 'm'), pkg);
    t.regex(notices, /Permission is hereby granted/, 'the licence texts themselves');
    t.regex(notices, /hostprocess-doctor\.exe is a single executable of Node\.js 22\.\d+\.\d+/);
    t.regex(run.stdout, /--skip-exe: hostprocess-doctor\.exe left out/);
    const lines = run.stdout.trim().split('\n');
    t.is(
      lines.at(-1),
      `docker buildx build --platform windows/amd64 --provenance=false --tag myregistry.azurecr.io/hostprocess-doctor:0.1.0 --push ${out}`,
    );
  },
);

test.serial('node.exe must be an LTS line in support: an end-of-life or odd line is refused', async (t) => {
  const script = path.join(ROOT, 'scripts', 'stage-image.mjs');
  const stage = (version: string) =>
    execa(
      process.execPath,
      [script, '--skip-exe', '--out', path.join(os.tmpdir(), 'hpd-image-refused'), '--node-version', version],
      { reject: false },
    );
  const eol = await stage('20.20.2');
  t.is(eol.exitCode, 1);
  t.regex(eol.stderr, /Node\.js 20 reached its end of life on 2026-04-30/);
  const odd = await stage('25.1.0');
  t.is(odd.exitCode, 1);
  t.regex(odd.stderr, /not an LTS line/);
  const text = await readFile(script, 'utf8');
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
    hostprocessDoctor: { windowsNode: string };
  };
  const pinned = /^(\d+)\./.exec(pkg.hostprocessDoctor.windowsNode)?.[1];
  const until = new RegExp(`${pinned}: '(\\d{4}-\\d\\d-\\d\\d)'`).exec(text)?.[1];
  t.truthy(until, `Node.js ${pinned} is in the LTS table`);
  t.true(new Date(until ?? 0) > new Date(), `Node.js ${pinned} is supported until ${until}`);
});
