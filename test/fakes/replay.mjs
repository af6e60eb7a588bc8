#!/usr/bin/env node
// A fake Windows executable for tests and benchmarks, for what test/fakes/replay.bash cannot do (hang,
// a grandchild, closed stdio, a filled pipe; a bash without EPOCHREALTIME): such a fake program is a
// two-line shell wrapper that runs this file with its own path; the behaviour comes from "<program>.fake.json"
// beside it: { stdout | stdoutBase64, stderr, exitCode, delayMs, hang, grandchild, closeStdio,
// stdoutFill, ignoreTermShell }. Each run is appended to $FAKE_HOST_LOG as one JSON line
// ({ program, args, pid, ppid, pgid, children, start, end }) so tests can count processes, see the exact
// argument arrays, and check by pid and process group that nothing is left behind.
// Nothing here runs longer than LIFETIME_MS, so a test that fails leaves nothing behind for long.
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, readFileSync, writeSync } from 'node:fs';

const LIFETIME_MS = 60_000;
const [program, ...args] = process.argv.slice(2);
const start = Date.now();
const spec = JSON.parse(readFileSync(`${program}.fake.json`, 'utf8'));
const children = [];

/** The process group, from /proc (Linux); undefined elsewhere. */
function pgid() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return undefined;
  }
}

function logRun(end = Date.now()) {
  if (!process.env.FAKE_HOST_LOG) return;
  const line = { program, args, pid: process.pid, ppid: process.ppid, pgid: pgid(), children, start, end };
  appendFileSync(process.env.FAKE_HOST_LOG, `${JSON.stringify(line)}\n`);
}

function output() {
  if (spec.stdoutBase64) return Buffer.from(spec.stdoutBase64, 'base64');
  return Buffer.from(spec.stdout ?? '');
}

/** Lives on (until SIGKILL, or LIFETIME_MS), ignoring SIGTERM like a wedged WMI query would. */
function hang() {
  process.on('SIGTERM', () => {});
  setTimeout(() => process.exit(0), LIFETIME_MS);
}

function finish() {
  process.stdout.write(output());
  if (spec.stderr) process.stderr.write(spec.stderr);
  logRun();
  process.exitCode = spec.exitCode ?? 0;
}

if (spec.ignoreTermShell) {
  // The wrapper goes on with `exec sh -c 'trap "" TERM; sleep 60'`; this run only logs.
  logRun(start);
} else if (spec.grandchild) {
  // A process of its own that inherits stdout and stderr and outlives this one.
  const child = spawn(process.execPath, ['-e', `setTimeout(() => {}, ${LIFETIME_MS})`], { stdio: 'inherit' });
  children.push(child.pid);
  child.unref();
  process.stdout.write(output());
  logRun(start);
  if (spec.grandchild === 'hang') hang();
  else process.exitCode = spec.exitCode ?? 0;
} else if (spec.closeStdio) {
  // Answers, closes stdout and stderr, and keeps running: the pipes end but the process does not.
  writeSync(1, output());
  logRun(start);
  closeSync(1);
  closeSync(2);
  setTimeout(() => process.exit(0), LIFETIME_MS);
} else if (spec.stdoutFill) {
  // Prints stdoutFill bytes as fast as the pipe takes them.
  logRun(start);
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  let left = spec.stdoutFill;
  try {
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      writeSync(1, chunk, 0, n);
      left -= n;
    }
  } catch {
    process.exit(1);
  }
} else if (spec.hang) {
  logRun();
  hang();
} else {
  setTimeout(finish, spec.delayMs ?? 0);
}
