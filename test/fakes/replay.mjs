#!/usr/bin/env node
// A fake Windows executable for tests and benchmarks. Every fake program in a fake host is a two-line
// shell wrapper that runs this file with its own path; the behaviour comes from "<program>.fake.json"
// beside it: { stdout | stdoutBase64, stderr, exitCode, delayMs, hang }. Each run is appended to
// $FAKE_HOST_LOG as one JSON line ({ program, args, pid, start, end }) so tests can count processes and
// see the exact argument arrays.
import { appendFileSync, readFileSync } from 'node:fs';

const [program, ...args] = process.argv.slice(2);
const start = Date.now();
const spec = JSON.parse(readFileSync(`${program}.fake.json`, 'utf8'));

function logRun() {
  if (!process.env.FAKE_HOST_LOG) return;
  appendFileSync(
    process.env.FAKE_HOST_LOG,
    `${JSON.stringify({ program, args, pid: process.pid, start, end: Date.now() })}\n`,
  );
}

function finish() {
  if (spec.stdoutBase64) process.stdout.write(Buffer.from(spec.stdoutBase64, 'base64'));
  else if (spec.stdout) process.stdout.write(spec.stdout);
  if (spec.stderr) process.stderr.write(spec.stderr);
  logRun();
  process.exitCode = spec.exitCode ?? 0;
}

if (spec.hang) {
  logRun();
  // Ignore SIGTERM like a wedged WMI query would; only SIGKILL ends it.
  process.on('SIGTERM', () => {});
  setInterval(() => {}, 1 << 30);
} else {
  setTimeout(finish, spec.delayMs ?? 0);
}
