#!/usr/bin/env node
// How quickly the shipped CLI answers, against `node -e 0` in the same run: `analyze` of an example node
// with --json, `explain` of the most common error, and `--version`. Each command is timed pair by pair
// with `node -e 0` (alternating which goes first), so load from elsewhere on the box hits both alike; the
// figure is the median of the per-pair ratios.
// Usage: npm run bench:cli [-- --runs 30 --warmup 3]
// Last line: cli: analyze <x>, explain <y>, version <z>   (targets: analyze <= 2.0, explain <= 1.6, version <= 1.3)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '30' }, warmup: { type: 'string', default: '3' } },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'hostprocess-doctor.cjs');
if (!existsSync(path.join(root, 'build', 'hostprocess-doctor.cjs'))) {
  console.error('bench:cli: build/hostprocess-doctor.cjs is missing; run npm run bundle first.');
  process.exit(2);
}

const COMMANDS = {
  analyze: [bin, 'analyze', path.join(root, 'examples', 'nodes', 'access-denied.json'), '--json'],
  explain: [bin, 'explain', 'failed to create user process token: failed to logon user: Access is denied.'],
  version: [bin, '--version'],
};
const BASELINE = ['-e', '0'];
const TARGETS = { analyze: 2.0, explain: 1.6, version: 1.3 };

function time(args, expected) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!expected.includes(run.status)) {
    console.error(`bench:cli: ${args.slice(1, 3).join(' ')} exited ${run.status}: ${run.stderr}`);
    process.exit(1);
  }
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const runs = Number(values.runs);
const results = {};
for (const [name, args] of Object.entries(COMMANDS)) {
  const expected = name === 'analyze' ? [1] : [0];
  for (let i = 0; i < Number(values.warmup); i++) {
    time(args, expected);
    time(BASELINE, [0]);
  }
  const ratios = [];
  const cli = [];
  const node = [];
  for (let i = 0; i < runs; i++) {
    const pair =
      i % 2 === 0 ? [time(args, expected), time(BASELINE, [0])] : [time(BASELINE, [0]), time(args, expected)].reverse();
    cli.push(pair[0]);
    node.push(pair[1]);
    ratios.push(pair[0] / pair[1]);
  }
  results[name] = median(ratios);
  console.log(
    `${name.padEnd(8)} median ${median(cli).toFixed(1)} ms vs node -e 0 ${median(node).toFixed(1)} ms: ratio ${results[name].toFixed(2)} (target ${TARGETS[name]}; ${runs} pairs)`,
  );
}
console.log(
  `cli: analyze ${results.analyze.toFixed(2)}, explain ${results.explain.toFixed(2)}, version ${results.version.toFixed(2)}`,
);
