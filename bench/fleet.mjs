#!/usr/bin/env node
// Benchmark of 'hostprocess-doctor fleet' over generated reports: real reports of the bundled example
// nodes (analysed in-process), renamed to n/5 nodes with five runs each, as NDJSON with kubectl-style
// prefixes on half the lines and a log message every 50 lines. Runs the CLI as a user would (the
// bundle, when built), each size 5 times, median.
// Usage: npm run bench:fleet [-- --sizes 2500,5000,10000 --runs 3]
// Last line: fleet: <n> reports in <ms> ms, <rate> reports/s   (largest size; target >= 5,000 reports/s,
// and time linear in n: the cost per extra 1,000 reports about the same between sizes)
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyzeFacts } from '../dist/src/engine.js';
import { loadSnapshot } from '../dist/src/sources/snapshot.js';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '2500,5000,10000' }, runs: { type: 'string', default: '5' } },
});
const sizes = values.sizes.split(',').map(Number);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'hostprocess-doctor.cjs');
const examples = path.join(root, 'examples', 'nodes');

const templates = [];
for (const name of (await readdir(examples)).filter((f) => f.endsWith('.json')).sort()) {
  templates.push(await analyzeFacts(await loadSnapshot(path.join(examples, name)), { source: 'live' }));
}

function generate(n) {
  const lines = [];
  const start = Date.parse('2026-11-22T00:00:00Z');
  for (let i = 0; i < n; i++) {
    const nodeIndex = i % Math.max(1, Math.floor(n / 5));
    const report = structuredClone(templates[(nodeIndex + Math.floor(i / 7)) % templates.length]);
    const node = `akswin${String(nodeIndex).padStart(6, '0')}`;
    report.node.name = node;
    report.startedAt = new Date(start + i * 1000).toISOString();
    const json = JSON.stringify(report);
    lines.push(i % 2 === 0 ? `[pod/hostprocess-doctor-${node}/doctor] ${json}` : json);
    if (i % 50 === 0)
      lines.push(
        `[pod/hostprocess-doctor-${node}/doctor] hostprocess-doctor: run ${i} failed, the next run is in 5m: example`,
      );
  }
  return `${lines.join('\n')}\n`;
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-bench-fleet-'));
const results = [];
try {
  for (const n of sizes) {
    const file = path.join(dir, `reports-${n}.ndjson`);
    const text = generate(n);
    await writeFile(file, text);
    const times = [];
    for (let r = 0; r < Number(values.runs); r++) {
      const started = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [bin, 'fleet', file, '--json'], { maxBuffer: 1 << 28, encoding: 'utf8' });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      const view = JSON.parse(run.stdout);
      if (view.reports !== n || view.summary.nodes !== Math.floor(n / 5)) {
        console.error(
          `bench:fleet: expected ${n} reports on ${Math.floor(n / 5)} nodes, got ${view.reports} on ${view.summary.nodes}`,
        );
        process.exit(1);
      }
    }
    const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    results.push({ n, ms, mb: Buffer.byteLength(text) / 1e6 });
    console.log(
      `${n} reports (${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB, ${Math.floor(n / 5)} nodes): ${ms.toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')})`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
// Linearity: the cost of each extra 1,000 reports between consecutive sizes (startup cancels out).
const marginal = results.slice(1).map((r, i) => ((r.ms - results[i].ms) / (r.n - results[i].n)) * 1000);
if (marginal.length > 0) {
  console.log(
    `linearity: ms per extra 1,000 reports between sizes: ${marginal.map((m) => m.toFixed(0)).join(', ')} (equal when time = startup + k*n)`,
  );
}
const last = results.at(-1);
console.log(`fleet: ${last.n} reports in ${last.ms.toFixed(0)} ms, ${Math.round((last.n / last.ms) * 1000)} reports/s`);
