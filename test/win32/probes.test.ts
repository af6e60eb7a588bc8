/**
 * The probe layer on win32: the Windows node under wine runs src/collect/exec.ts against the mingw fakes
 * (test/win32/fake.c). One wine start runs every case (a driver script), then each case is asserted here.
 *
 * What it proves on win32: no shell (a missing program is `missing` with nothing started, never cmd.exe's
 * 9009/1; a .cmd is refused; the command line the fake got starts with the program itself, its parent is
 * node.exe, and CommandLineToArgvW gives back the exact argument array), the state mapping, UTF-16
 * decoding, the output bound, and that no hung program, grandchild or closed pipe holds a probe past its
 * timeout. Wine's taskkill has no /T, so under wine a grandchild outlives its killed parent (on Windows
 * taskkill /T ends it); a fake grandchild ends itself when its fake host is removed (test/win32/fake.c),
 * never by pid, which Windows reuses at once.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { createFakeHost, type FakeHostSpec, type Invocation } from '../helpers/fakehost.js';
import { buildFake, ROOT, runWine, toWindows, type WineSetup, windowsPidsAlive, wineSuite } from './wine.js';

const setup = wineSuite();

/** Long enough for a fake to start and log itself under wine on a loaded machine before it is killed. */
const TIMEOUT_MS = 3000;
const BACK_WITHIN_MS = 8000;

const NASTY = [
  'a b',
  '',
  'q"uote',
  'back\\slash\\',
  'trailing\\',
  '\\\\server\\share',
  '%PATH%',
  '^&|<>',
  '$HOME `id`',
  'tab\there',
  'Zürich ✓ 日本',
];

/** Per process: two runs of the suite may share the prefix. */
const PROBES_ROOT = `C:\\probes-${process.pid}`;
const DIR = `${PROBES_ROOT}\\Program Files\\contäinerd ✓`;
const prog = (name: string) => `${DIR}\\${name}`;

const PROGRAMS: FakeHostSpec['programs'] = {
  [prog('ok.exe')]: { stdout: 'containerd github.com/containerd/containerd v1.7.20 x\r\n' },
  [prog('slow.exe')]: { stdout: 'slow\r\n', delayMs: 300 },
  [prog('denied.exe')]: { stderr: 'Access is denied.\r\n', exitCode: 5 },
  [prog('verweigert.exe')]: { stderr: 'Zugriff verweigert\r\n', exitCode: 1 },
  [prog('fails.exe')]: { stderr: 'panic: something broke\r\n', exitCode: 2 },
  [prog('utf16.exe')]: { stdoutBytes: Buffer.from('\ufeffKubernetes v1.29.3\r\n', 'utf16le') },
  [prog('hang.exe')]: { hang: true },
  [prog('grandchild-hang.exe')]: { grandchild: 'hang', stdout: 'partial' },
  [prog('grandchild-exit.exe')]: { grandchild: 'exit', stdout: 'answer\r\n' },
  [prog('closes.exe')]: { closeStdio: true, stdout: 'answer\r\n' },
  [prog('fill.exe')]: { stdoutFill: 100 * 1024 * 1024 },
  [prog('stop1.exe')]: { hang: true },
  [prog('stop2.exe')]: { grandchild: 'hang' },
};

interface Outcome {
  state: string;
  reason?: string;
  exitCode?: number;
  stdout: string;
  stdoutLength: number;
  tookMs: number;
}

/** Runs inside the Windows node: every case in turn, the results as one JSON file. */
const DRIVER = `
import { readFileSync, writeFileSync } from 'node:fs';
import { endAllProbes, runningProbes, runProbe } from ${JSON.stringify(`file:///${toWindows(path.join(ROOT, 'dist', 'src', 'collect', 'exec.js')).replace(/\\/g, '/')}`)};
// Cases come in a file: non-ASCII on a command line from Linux would depend on wine's locale.
const { dir, cases } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = process.argv[3];
const results = {};
async function one(name, file, args, timeoutMs) {
  const started = Date.now();
  const p = await runProbe(file, args, { timeoutMs });
  results[name] = { state: p.state, reason: p.reason, exitCode: p.exitCode, stdout: p.stdout.slice(0, 200), stdoutLength: p.stdout.length, tookMs: Date.now() - started };
}
for (const [name, file, args, timeoutMs] of cases) await one(name, file, args, timeoutMs);
// endAllProbes: two probes with 60 s timeouts, ended as soon as both have started.
const started = Date.now();
const pending = [runProbe(dir + '\\\\stop1.exe', [], { timeoutMs: 60000 }), runProbe(dir + '\\\\stop2.exe', [], { timeoutMs: 60000 })];
// Both fakes have started once both have logged (a fixed sleep could race a loaded machine).
const logged = () => { try { return readFileSync(process.env.FAKE_HOST_LOG, 'utf8'); } catch { return ''; } };
const bothLogged = () => { const log = logged(); return log.includes('stop1.exe') && log.includes('stop2.exe'); };
for (let i = 0; i < 600 && !bothLogged(); i++) await new Promise((r) => setTimeout(r, 50));
const before = runningProbes();
await endAllProbes();
const stopped = await Promise.all(pending);
results.endAll = { before, after: runningProbes(), states: stopped.map((p) => p.state), reasons: stopped.map((p) => p.reason), tookMs: Date.now() - started };
writeFileSync(out, JSON.stringify(results));
`;

let results: Record<string, Outcome> & {
  endAll?: { before: number; after: number; states: string[]; reasons: string[]; tookMs: number };
} = {};
let runs: Invocation[] = [];
let driverError = '';

async function runDriver(s: WineSetup): Promise<void> {
  const fake = buildFake();
  const work = mkdtempSync(path.join(os.tmpdir(), 'hpd-win32-probes-'));
  const driveC = path.join(s.prefix, 'drive_c');
  const local = (windowsPath: string) => path.join(driveC, ...windowsPath.slice(3).split('\\'));
  const host = await createFakeHost(
    { programs: PROGRAMS },
    { root: local(PROBES_ROOT), place: local, programs: { exe: fake }, logPath: toWindows },
  );
  try {
    // A batch file exists but is never run: CreateProcess would hand it to cmd.exe.
    mkdirSync(local(DIR), { recursive: true });
    writeFileSync(local(prog('script.cmd')), '@echo off\r\necho ran\r\n');
    const cases: [string, string, string[], number][] = [
      ['ok', prog('ok.exe'), ['--version'], 30_000],
      ['nasty', prog('ok.exe'), NASTY, 30_000],
      ['slow', prog('slow.exe'), [], 30_000],
      ['missing', prog('missing.exe'), ['--version'], 30_000],
      ['bare', 'containerd.exe', ['--version'], 30_000],
      ['cmd', prog('script.cmd'), [], 30_000],
      ['denied', prog('denied.exe'), [], 30_000],
      ['verweigert', prog('verweigert.exe'), [], 30_000],
      ['fails', prog('fails.exe'), [], 30_000],
      ['utf16', prog('utf16.exe'), [], 30_000],
      ['hang', prog('hang.exe'), [], TIMEOUT_MS],
      ['grandchildHang', prog('grandchild-hang.exe'), [], TIMEOUT_MS],
      ['grandchildExit', prog('grandchild-exit.exe'), [], 30_000],
      ['closes', prog('closes.exe'), [], TIMEOUT_MS],
      ['fill', prog('fill.exe'), [], 60_000],
    ];
    writeFileSync(path.join(work, 'driver.mjs'), DRIVER);
    const out = path.join(work, 'results.json');
    writeFileSync(path.join(work, 'cases.json'), JSON.stringify({ dir: DIR, cases }));
    const run = await runWine(
      s,
      [toWindows(path.join(work, 'driver.mjs')), toWindows(path.join(work, 'cases.json')), toWindows(out)],
      {
        env: { FAKE_HOST_LOG: toWindows(host.logFile) },
      },
    );
    try {
      results = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      driverError = `the driver wrote no results (exit ${run.exitCode}): ${run.stdout} ${run.stderr}`;
    }
    runs = await host.invocations();
  } finally {
    await host.cleanup();
    rmSync(local(PROBES_ROOT), { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

const runOf = (name: string) => runs.filter((r) => r.program.toLowerCase().endsWith(`\\${name}`));

if (setup) {
  test.before(async (t) => {
    // Longer than ava's 60 s inactivity timeout: one wine start runs every case.
    t.timeout(300_000);
    await runDriver(setup);
  });

  test.serial('the driver ran every case', (t) => {
    t.is(driverError, '');
    t.truthy(results.ok);
  });

  test.serial('win32: a program is run directly, by its own path, from node.exe, with no shell', (t) => {
    t.is(results.ok?.state, 'ok');
    t.regex(results.ok?.stdout ?? '', /v1\.7\.20/);
    const [run] = runOf('ok.exe');
    t.truthy(run);
    t.is(run?.parentExe?.toLowerCase(), 'node.exe', 'the parent is node.exe, not cmd.exe');
    t.false(/cmd(\.exe)?"?\s+\/[dsc]/i.test(run?.commandLine ?? ''), run?.commandLine);
    t.true(run?.commandLine?.startsWith(`"${DIR}\\ok.exe"`), run?.commandLine);
    t.deepEqual(run?.args, ['--version']);
  });

  test.serial('win32: an argument array with quotes, backslashes, %, ^, & and non-ASCII arrives intact', (t) => {
    t.is(results.nasty?.state, 'ok');
    const run = runOf('ok.exe').find((r) => r.args.length === NASTY.length);
    t.deepEqual(run?.args, NASTY);
    t.is(run?.argv?.length, NASTY.length + 1);
  });

  test.serial('win32: a missing program is missing, and nothing was started (no cmd.exe fallback)', (t) => {
    t.is(results.missing?.state, 'missing');
    t.is(results.missing?.reason, `${prog('missing.exe')} was not found`);
    t.is(results.missing?.exitCode, undefined, 'cmd.exe would have said 9009 (wine) or 1 (Windows)');
    t.is(results.bare?.state, 'missing');
    t.regex(results.bare?.reason ?? '', /never a PATH search/);
    t.is(runOf('missing.exe').length, 0);
  });

  test.serial('win32: a batch file is not run (CreateProcess would start cmd.exe for it)', (t) => {
    t.is(results.cmd?.state, 'error');
    t.regex(results.cmd?.reason ?? '', /not a Windows program/);
  });

  test.serial('win32: exit codes, "Access is denied" (English and German) and UTF-16 output', (t) => {
    t.is(results.slow?.state, 'ok');
    t.is(results.denied?.state, 'denied');
    t.regex(results.denied?.reason ?? '', /exit code 5: Access is denied\./);
    t.is(results.verweigert?.state, 'denied');
    t.is(results.fails?.state, 'error');
    t.regex(results.fails?.reason ?? '', /exit code 2: panic: something broke/);
    t.is(results.utf16?.stdout.trim(), 'Kubernetes v1.29.3');
  });

  for (const name of ['hang', 'grandchildHang', 'closes'] as const) {
    test.serial(`win32: ${name} is a timeout, back within its timeout plus a margin`, (t) => {
      t.is(results[name]?.state, 'timeout');
      t.is(results[name]?.reason, `no answer within ${TIMEOUT_MS} ms (killed)`);
      t.true((results[name]?.tookMs ?? Infinity) < TIMEOUT_MS + BACK_WITHIN_MS, `took ${results[name]?.tookMs} ms`);
    });
  }

  test.serial('win32: a grandchild that holds the pipes after the program exited does not hold the probe', (t) => {
    t.is(results.grandchildExit?.state, 'ok');
    t.is(results.grandchildExit?.stdout, 'answer\r\n');
    t.true((results.grandchildExit?.tookMs ?? Infinity) < BACK_WITHIN_MS, `took ${results.grandchildExit?.tookMs} ms`);
    t.is(runOf('grandchild-exit.exe')[0]?.children?.length, 1);
  });

  test.serial('win32: 100 MB on stdout is cut at 8 MiB and is an error', (t) => {
    t.is(results.fill?.state, 'error');
    t.is(results.fill?.reason, 'printed more than 8 MiB on stdout; cut there and killed');
    t.is(results.fill?.stdoutLength, 8 * 1024 * 1024);
  });

  test.serial('win32: endAllProbes ends running probes long before their timeouts', (t) => {
    const endAll = results.endAll;
    t.is(endAll?.before, 2);
    t.is(endAll?.after, 0);
    t.deepEqual(endAll?.states, ['error', 'error']);
    t.true((endAll?.tookMs ?? Infinity) < 30_000, `took ${endAll?.tookMs} ms`);
  });

  test.serial('win32: the killed programs themselves are gone', async (t) => {
    const killed = ['hang.exe', 'grandchild-hang.exe', 'closes.exe', 'fill.exe', 'stop1.exe', 'stop2.exe'].flatMap(
      (name) => runOf(name).map((r) => r.pid),
    );
    t.true(killed.length >= 6);
    t.deepEqual(await windowsPidsAlive(setup, killed), []);
  });
}
