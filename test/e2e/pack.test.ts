/**
 * `npm pack`, then `npm install -g` of the tarball, puts `hostprocess-doctor` on PATH, and the installed
 * command analyses the example nodes it ships with as the checkout does.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { ROOT } from '../helpers/cli.js';

const run = promisify(execFile);

test.serial('npm pack and npm install -g give a working hostprocess-doctor on PATH', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-pack-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  // --ignore-scripts: the tree is already built; `prepare` would rebuild it under the other tests.
  await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, timeout: 120_000 });
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  t.truthy(tarball);
  const prefix = path.join(dir, 'prefix');
  await run(
    'npm',
    [
      'install',
      '-g',
      '--prefix',
      prefix,
      '--ignore-scripts',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      path.join(dir, tarball ?? ''),
    ],
    { cwd: dir, timeout: 180_000 },
  );
  const env = {
    ...process.env,
    PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    NO_COLOR: '1',
  };
  const version = await run('hostprocess-doctor', ['--version'], { env, cwd: dir });
  t.regex(version.stdout, /^\d+\.\d+\.\d+\n$/);
  const example = path.join(
    prefix,
    'lib',
    'node_modules',
    'hostprocess-doctor',
    'examples',
    'nodes',
    'healthy-1.7.json',
  );
  const analyzed = await run('hostprocess-doctor', ['analyze', example, '--json'], { env, cwd: dir });
  t.is((JSON.parse(analyzed.stdout) as { verdict: string }).verdict, 'healthy');
});
