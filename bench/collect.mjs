#!/usr/bin/env node
// Benchmark of live collection against a fake Windows host with set latencies (the fakes sleep; file
// reads are real). Usage: npm run bench:collect [-- --powershell-ms 600 --program-ms 60 --runs 5
//                         --hang powershell --timeout 2000]
// Last line: collect: wall <ms> ms, slowest probe <ms> ms, ratio <x>, processes <n>, powershell <n>
// Targets: ratio <= 1.2, powershell = 1, processes <= 5; with --hang powershell --timeout 2000, wall <= 3000.
import { parseArgs } from 'node:util';
import { collectLiveFacts } from '../dist/src/collect/live.js';
import { createFakeHost } from '../dist/test/helpers/fakehost.js';
import { healthyNode } from '../dist/test/helpers/scenarios.js';

const { values } = parseArgs({
  options: {
    'powershell-ms': { type: 'string', default: '600' },
    'program-ms': { type: 'string', default: '60' },
    runs: { type: 'string', default: '5' },
    hang: { type: 'string' },
    timeout: { type: 'string', default: '6000' },
  },
});
if (values.hang !== undefined && values.hang !== 'powershell') {
  console.error(`bench:collect: --hang takes "powershell", not ${JSON.stringify(values.hang)}`);
  process.exit(2);
}

const spec = healthyNode({
  latency: { powershell: Number(values['powershell-ms']), programs: Number(values['program-ms']) },
  ...(values.hang ? { hang: 'powershell' } : {}),
});
const host = await createFakeHost(spec);
const env = { ...process.env, ...host.env };
const runs = [];
try {
  for (let i = 0; i < Number(values.runs); i++) {
    const started = performance.now();
    const { probes } = await collectLiveFacts({ env, timeoutMs: Number(values.timeout) });
    const wall = performance.now() - started;
    const slowest = Math.max(...probes.map((p) => p.durationMs));
    runs.push({
      wall,
      slowest,
      processes: probes.length,
      powershell: probes.filter((p) => p.command[0] === 'powershell.exe').length,
    });
    console.log(
      `run ${i + 1}: wall ${wall.toFixed(0)} ms, slowest probe ${slowest} ms, ${probes.map((p) => `${p.command[0].split('\\').pop()} ${p.durationMs} ms ${p.state}`).join(', ')}`,
    );
  }
} finally {
  await host.cleanup();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const wall = median(runs.map((r) => r.wall));
const slowest = median(runs.map((r) => r.slowest));
const processes = Math.max(...runs.map((r) => r.processes));
const powershell = Math.max(...runs.map((r) => r.powershell));
console.log(
  `collect: wall ${wall.toFixed(0)} ms, slowest probe ${slowest} ms, ratio ${(wall / slowest).toFixed(2)}, processes ${processes}, powershell ${powershell}`,
);
// A hung PowerShell leaves nothing behind; leave promptly.
process.exit(0);
