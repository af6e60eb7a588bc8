/**
 * watch keeps nothing from one run to the next: many cycles with a tiny interval, heap compared after a
 * warm-up. The facts are collected from a fake Windows host (the real collectors, spawning the fake
 * programs); every cycle then does all that a watch cycle does after collection (what-if, the checks,
 * the JSON line, the Prometheus text and the atomic textfile write).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import test from 'ava';
import { watch, watchCommand } from '../../src/cli/commands/watch.js';
import { parseOptions } from '../../src/cli/options.js';
import { collectLiveFacts } from '../../src/collect/live.js';
import type { NodeFacts } from '../../src/contract/facts.js';
import { testIo } from '../helpers/cli.js';
import { createFakeHost } from '../helpers/fakehost.js';
import { healthyNode } from '../helpers/scenarios.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

async function heapOver(cycles: number, warmup: number, collect: () => Promise<NodeFacts>, dir: string) {
  const controller = new AbortController();
  const samples: number[] = [];
  let bytes = 0;
  const { io, stdoutLength } = testIo({ countOnly: true });
  const args = ['--interval', '1ms', '--textfile-dir', dir, '--group', 'hpc-readers'];
  await watch(parseOptions(watchCommand.spec, args), io, {
    signal: controller.signal,
    collect,
    onCycle: (n) => {
      if (n === warmup || n === cycles) samples.push(heapAfterGc());
      bytes = stdoutLength();
      if (n >= cycles) controller.abort();
    },
  });
  return { growth: (samples[1] ?? 0) - (samples[0] ?? 0), bytes };
}

test.serial('heap stays flat over 400 watch cycles', async (t) => {
  const host = await createFakeHost(healthyNode());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-watch-mem-'));
  t.teardown(async () => {
    await host.cleanup();
    await rm(dir, { recursive: true, force: true });
  });
  const { facts } = await collectLiveFacts({ env: { ...process.env, ...host.env }, groups: ['hpc-readers'] });
  const started = Date.now();
  const { growth, bytes } = await heapOver(400, 150, async () => structuredClone(facts), dir);
  t.log(
    `250 cycles after warm-up: heap ${(growth / 1024).toFixed(0)} KiB, ${(bytes / 1e6).toFixed(1)} MB of reports written, ${Date.now() - started} ms`,
  );
  // A report is ~10 KB: keeping one per cycle would grow the heap by ~2.5 MB or more.
  t.true(growth < 1.5 * 1024 * 1024, `heap grew by ${(growth / 1024).toFixed(0)} KiB`);
});

test.serial('heap stays flat over watch cycles that collect from the fake host each time', async (t) => {
  const host = await createFakeHost(healthyNode());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-watch-mem-'));
  t.teardown(async () => {
    await host.cleanup();
    await rm(dir, { recursive: true, force: true });
  });
  const env = { ...process.env, ...host.env };
  const started = Date.now();
  const { growth } = await heapOver(
    10,
    4,
    async () => (await collectLiveFacts({ env, groups: ['hpc-readers'] })).facts,
    dir,
  );
  t.log(`6 collecting cycles after warm-up: heap ${(growth / 1024).toFixed(0)} KiB, ${Date.now() - started} ms`);
  t.true(growth < 1.5 * 1024 * 1024, `heap grew by ${(growth / 1024).toFixed(0)} KiB`);
});
