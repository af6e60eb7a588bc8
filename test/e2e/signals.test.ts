/**
 * Stopping the doctor while a probe hangs: SIGTERM or SIGINT ends every probe's process tree, then the
 * doctor exits with the conventional 128 + signal number. Nothing it started is left running. The built
 * binary runs in its own process (a signal needs a real process), against a fake host whose PowerShell
 * and containerd hang and ignore SIGTERM.
 */
import { readFileSync } from 'node:fs';
import test from 'ava';
import { execa } from 'execa';
import { BIN, ROOT } from '../helpers/cli.js';
import { CONTAINERD, createFakeHost } from '../helpers/fakehost.js';
import { healthyNode } from '../helpers/scenarios.js';

/** Running, not a zombie (a container's PID 1 may not reap what was reparented to it). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const [signal, code] of [
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const) {
  for (const command of ['doctor', 'collect']) {
    test.serial(`${command}: ${signal} while probes hang ends them all, then exits ${code}`, async (t) => {
      const spec = healthyNode({ hang: 'powershell' });
      spec.programs[CONTAINERD] = { hang: true };
      const host = await createFakeHost(spec);
      t.teardown(() => host.cleanup());
      const child = execa(process.execPath, [BIN, command, '--timeout', '10m'], {
        cwd: ROOT,
        env: { NO_COLOR: '1', ...host.env },
        reject: false,
        timeout: 120_000,
      });
      // Wait until both hung probes have started.
      for (let i = 0; i < 600; i++) {
        const runs = await host.invocations();
        const started = (exe: string) => runs.some((r) => r.program.endsWith(exe));
        if (started('powershell.exe') && started('containerd.exe')) break;
        await sleep(100);
      }
      const runs = await host.invocations();
      t.true(
        runs.some((r) => r.program.endsWith('powershell.exe')),
        'PowerShell started',
      );
      child.kill(signal);
      const result = await child;
      t.is(result.exitCode, code, String(result.stderr));
      t.regex(String(result.stderr), new RegExp(`${signal} received, stopping`));
      const pids = (await host.invocations()).map((r) => r.pid);
      t.true(pids.length >= 2, `the fakes ran: ${pids.join(', ')}`);
      // The kills were sent before the doctor exited; reaping a reparented process takes a moment.
      for (let i = 0; i < 100 && pids.some(alive); i++) await sleep(50);
      t.deepEqual(pids.filter(alive), [], 'no probe is left running');
    });
  }
}
