#!/usr/bin/env node
// Runs ava with the TAP reporter, streams its output, and closes with the plain
// "N passed, N failed" line that CI reads (ava's own closing line is not one of them).
// ava's exit code is kept: a run that crashes before any test still fails.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

// ava/entrypoints/cli.mjs is in neither ava's "exports" nor resolvable through package.json, so find it by path.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const avaCli = path.join(root, 'node_modules', 'ava', 'entrypoints', 'cli.mjs');
// Suites that need a real implementation write one line here when they skip (test/helpers/optional.ts).
const skippedDir = path.join(root, 'dist', '.skipped-suites');
rmSync(skippedDir, { recursive: true, force: true });

function skippedSuites() {
  try {
    return readdirSync(skippedDir)
      .sort()
      .map((f) => readFileSync(path.join(skippedDir, f), 'utf8').trim());
  } catch {
    return [];
  }
}

const child = spawn(process.execPath, [avaCli, '--tap', ...process.argv.slice(2)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
// The suites that compare with a real implementation, by the title prefix ava gives their files.
const SUITES = [
  ['containerd 1.6.20 (test/oracles/containerd)', ['oracles › containerd ›']],
  ['go-toml v1 and v2 (test/oracles/gotoml)', ['oracles › gotoml ›']],
  [
    'PowerShell 7.6.9 (test/powershell/{collect,ps51}, test/rules/powershell)',
    ['powershell › collect ›', 'powershell › ps51 ›', 'rules › powershell ›'],
  ],
  ['Windows Node under wine (test/win32)', ['win32 ›']],
];
const suiteCounts = SUITES.map(() => ({ passed: 0, failed: 0, skipped: 0 }));
function countSuite(title, outcome) {
  const index = SUITES.findIndex(([, prefixes]) => prefixes.some((p) => title.startsWith(p)));
  if (index >= 0) suiteCounts[index][outcome] += 1;
}
const lines = readline.createInterface({ input: child.stdout });
lines.on('line', (line) => {
  process.stdout.write(`${line}\n`);
  const m = /^(not ok|ok) \d+ - (.*)$/.exec(line);
  if (!m) return;
  const directive = /#\s*(SKIP|TODO)\b/i.exec(m[2])?.[1]?.toUpperCase();
  if (directive === 'TODO') return;
  const outcome = directive === 'SKIP' ? 'skipped' : m[1] === 'ok' ? 'passed' : 'failed';
  countSuite(m[2], outcome);
  if (outcome === 'skipped') skipped += 1;
  else if (outcome === 'passed') passed += 1;
  else {
    failed += 1;
    failures.push(m[2]);
  }
});

child.on('close', (code, signal) => {
  lines.close();
  const exitCode = code ?? (signal ? 1 : 0);
  // A non-zero exit with no failing test (an import crash, a timeout) still counts as a failure.
  if (exitCode !== 0 && failed === 0) failed = 1;
  if (failures.length > 0) {
    process.stdout.write('\nFailed tests:\n');
    for (const name of failures) process.stdout.write(`  - ${name}\n`);
  }
  process.stdout.write('\nSuites against real implementations:\n');
  for (const [index, [name]] of SUITES.entries()) {
    const c = suiteCounts[index];
    process.stdout.write(`  ${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped\n`);
  }
  const suites = skippedSuites();
  if (suites.length > 0) {
    process.stdout.write('\nSkipped suites (no real implementation on this machine):\n');
    for (const line of suites) process.stdout.write(`  - ${line}\n`);
  }
  if (skipped > 0) process.stdout.write(`\n${skipped} skipped\n`);
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  process.exit(exitCode);
});
