#!/usr/bin/env node
// Cold start of the CLI as a node runs it: `node bin/hostprocess-doctor.js --version` (the bundle, when
// built) against `node -e 0`. The runs alternate, so load from elsewhere on the box hits both alike.
// Usage: npm run bench:startup [-- --runs 20 --warmup 3]
// Last line: startup: doctor <ms> ms, node <ms> ms, ratio <x>   (medians; target ratio <= 1.5)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, warmup: { type: 'string', default: '3' } },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'hostprocess-doctor.js');
if (!existsSync(path.join(root, 'build', 'hostprocess-doctor.cjs'))) {
  console.error('bench:startup: build/hostprocess-doctor.cjs is missing; run npm run bundle first.');
  process.exit(2);
}

const commands = {
  doctor: [process.execPath, [bin, '--version']],
  node: [process.execPath, ['-e', '0']],
};

function time(name) {
  const [file, args] = commands[name];
  const started = process.hrtime.bigint();
  const run = spawnSync(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) {
    console.error(`bench:startup: ${name} exited ${run.status}: ${run.stderr}`);
    process.exit(1);
  }
  return ms;
}

const runs = Number(values.runs);
for (let i = 0; i < Number(values.warmup); i++) for (const name of Object.keys(commands)) time(name);
const samples = { doctor: [], node: [] };
for (let i = 0; i < runs; i++) {
  // Alternate the order too, so neither always runs right after the other.
  const order = i % 2 === 0 ? ['doctor', 'node'] : ['node', 'doctor'];
  for (const name of order) samples[name].push(time(name));
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const fmt = (xs) =>
  `median ${median(xs).toFixed(1)} ms, min ${Math.min(...xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
console.log(`doctor --version: ${fmt(samples.doctor)} (${runs} runs)`);
console.log(`node -e 0:        ${fmt(samples.node)} (${runs} runs)`);
const doctor = median(samples.doctor);
const node = median(samples.node);
console.log(`startup: doctor ${doctor.toFixed(1)} ms, node ${node.toFixed(1)} ms, ratio ${(doctor / node).toFixed(2)}`);
