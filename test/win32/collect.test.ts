/**
 * The live collectors on win32, end to end: the real bundle (build/hostprocess-doctor.cjs) under the Windows
 * node in wine, against mingw fakes, for every scenario in ./scenarios.ts. Each scenario also runs on the
 * Linux fake host (test/fakes/replay.bash and replay.mjs) with the Linux node, and the two must agree: the
 * same `doctor --json` report and exit code, and the same facts in the snapshot that run saved
 * (--save-snapshot; timings, platform and memoryBytes masked). `collect` itself runs for a few (COLLECT),
 * and prints those facts.
 *
 * Two layouts: HOSTPROCESS_DOCTOR_FAKE_HOST=C:\fakehost-… (every scenario; fakes at <root>\C\…), and the
 * real Windows paths in the prefix's drive_c (no fake-host switch; the fake powershell.exe replaces wine's
 * stub, containerd under C:\Program Files\containerd, kubelet at C:\k) for a few. The wine runs are batched
 * up front (two at a time for the fake-host layout; one at a time at the real paths, which share the
 * prefix), then asserted. No assertion depends on speed: a hang would otherwise hold a run 60 s.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {
  CONTAINERD,
  createFakeHost,
  type FakeHostSpec,
  type Invocation,
  POWERSHELL,
  SHIM,
} from '../helpers/fakehost.js';
import { DEFAULT_TIMEOUT_MS, ODD_DIR, optionsOf, SCENARIOS, type Scenario } from './scenarios.js';
import {
  buildFake,
  copyBundle,
  inDriveC,
  POWERSHELL_REAL,
  runBundle,
  saveWineStub,
  toWindows,
  type WineSetup,
  wineSuite,
  withPrefixLock,
} from './wine.js';

const setup = wineSuite();

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

interface Side {
  doctor: Run;
  /** The snapshot doctor --save-snapshot wrote: the facts the doctor judged ('' if none). */
  facts: string;
  /** collect's run (COLLECT scenarios only). */
  collect?: Run;
  /** doctor without --json (the real-path healthy node only). */
  human?: Run;
  /** The fakes' log of the doctor run. */
  runs: Invocation[];
  doctorFinishedAt: number;
  /** How local program paths read in this side's output, for masking. */
  locals: [string, string][];
}

const linux = new Map<string, Side>();
const fakeHost = new Map<string, Side>();
const realPaths = new Map<string, Side>();
const REAL_SCENARIOS = ['healthy', 'powershell-grandchild', 'missing-powershell', 'odd-paths'];
/** Also run without --json (the terminal report). */
const HUMAN = ['healthy', 'access-denied'];
/**
 * Also run `collect` (the command itself, on win32 too). Every scenario's facts come from the doctor run's
 * --save-snapshot, which is the one collection it judged: a second collection per scenario would double
 * the wine runs for the same code.
 */
const COLLECT = ['healthy', 'odd-paths'];
let fatal = '';
/** This file's copy of build/hostprocess-doctor.cjs (copyBundle). */
let bundle = '';

function doctorArgs(s: Scenario, snapshot: string): string[] {
  return ['doctor', '--json', '--save-snapshot', snapshot, ...optionsOf(s)];
}

async function readSaved(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

async function runLinux(args: string[], env: Record<string, string>): Promise<Run & { finishedAt: number }> {
  const child = spawn(process.execPath, [bundle, ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += c;
  });
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  const exitCode = await new Promise<number>((resolve) => child.once('close', (code) => resolve(code ?? -1)));
  return { exitCode, stdout, stderr, finishedAt: Date.now() };
}

type Runner = (args: string[]) => Promise<Run & { finishedAt: number }>;

/**
 * One side's runs of a scenario: doctor --json saving its snapshot (`snapshot` here, `snapshotArg` as the
 * doctor names it), then collect (COLLECT) and the terminal report (`human`), each through `run`.
 */
async function runScenario(
  run: Runner,
  s: Scenario,
  where: { snapshot: string; snapshotArg: string; locals: [string, string][] },
  host: { invocations(): Promise<Invocation[]> },
  human: boolean,
): Promise<Side> {
  const doctor = await run(doctorArgs(s, where.snapshotArg));
  const runs = await host.invocations();
  const collect = COLLECT.includes(s.name) ? await run(['collect', ...optionsOf(s)]) : undefined;
  const terminal = human ? await run(['doctor', ...optionsOf(s)]) : undefined;
  return {
    doctor,
    facts: await readSaved(where.snapshot),
    ...(collect ? { collect } : {}),
    ...(terminal ? { human: terminal } : {}),
    runs,
    doctorFinishedAt: doctor.finishedAt,
    locals: where.locals,
  };
}

async function linuxSide(s: Scenario): Promise<Side> {
  const host = await createFakeHost(s.spec());
  const snapshot = path.join(host.root, 'saved.json');
  try {
    const where = { snapshot, snapshotArg: snapshot, locals: [[`${host.root}/C/`, 'C:\\']] as [string, string][] };
    return await runScenario((args) => runLinux(args, host.env), s, where, host, HUMAN.includes(s.name));
  } finally {
    await host.cleanup();
  }
}

let counter = 0;

/** HOSTPROCESS_DOCTOR_FAKE_HOST=C:\fakehost-<pid>-<n>, with .exe fakes. */
async function fakeHostSide(s: WineSetup, fakeExe: string, scenario: Scenario): Promise<Side> {
  const name = `fakehost-${process.pid}-${++counter}`;
  const root = path.join(s.prefix, 'drive_c', name);
  const host = await createFakeHost(scenario.spec(), { root, programs: { exe: fakeExe }, logPath: toWindows });
  const env = { HOSTPROCESS_DOCTOR_FAKE_HOST: `C:\\${name}`, FAKE_HOST_LOG: toWindows(host.logFile) };
  const snapshot = path.join(root, 'saved.json');
  try {
    const where = {
      snapshot,
      snapshotArg: toWindows(snapshot),
      locals: [[`C:\\${name}\\C\\`, 'C:\\']] as [string, string][],
    };
    // The terminal report of a scenario that also runs at the real paths comes from there.
    const human = HUMAN.includes(scenario.name) && !REAL_SCENARIOS.includes(scenario.name);
    return await runScenario((args) => runBundle(s, bundle, args, env), scenario, where, host, human);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * Fake host on win32 with containerd and its shim only in a directory on PATH (WINEPATH; wine does not see
 * the Unix PATH) and no PowerShell: the PATH hit is a local path that looks like a Windows one, and must be
 * probed where it is, not mapped into the fake root again.
 */
let onPath: { collect: Run; runs: Invocation[]; dir: string } | undefined;
async function onPathSide(s: WineSetup, fakeExe: string): Promise<void> {
  const name = `fakehost-${process.pid}-path`;
  const root = path.join(s.prefix, 'drive_c', name);
  const dir = `C:\\${name}-bin`;
  const spec = SCENARIOS.find((x) => x.name === 'healthy')?.spec() as FakeHostSpec;
  const containerd = spec.programs[CONTAINERD];
  const shim = spec.programs[SHIM];
  delete spec.programs[POWERSHELL];
  delete spec.programs[CONTAINERD];
  delete spec.programs[SHIM];
  const host = await createFakeHost(spec, { root, programs: { exe: fakeExe }, logPath: toWindows });
  await createFakeHost(
    {
      programs: { [`${dir}\\containerd.exe`]: containerd ?? {}, [`${dir}\\containerd-shim-runhcs-v1.exe`]: shim ?? {} },
    },
    { root: inDriveC(s, dir), place: (p) => inDriveC(s, p), programs: { exe: fakeExe } },
  );
  try {
    const env = {
      HOSTPROCESS_DOCTOR_FAKE_HOST: `C:\\${name}`,
      FAKE_HOST_LOG: toWindows(host.logFile),
      WINEPATH: dir,
    };
    const collect = await runBundle(s, bundle, ['collect', '--timeout', '60s'], env);
    onPath = { collect, runs: await host.invocations(), dir };
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(inDriveC(s, dir), { recursive: true, force: true });
  }
}

/** At the real Windows paths in drive_c, no fake-host switch. */
async function realPathsSide(s: WineSetup, fakeExe: string, scenario: Scenario): Promise<Side> {
  const restore = await saveWineStub(s);
  const spec: FakeHostSpec = scenario.spec();
  // No PowerShell in the scenario means none on the node: not even wine's stub.
  if (!spec.programs[POWERSHELL]) await rm(inDriveC(s, POWERSHELL_REAL), { force: true });
  const logRoot = path.join(s.prefix, 'drive_c', `hpd-real-${process.pid}`);
  const host = await createFakeHost(spec, {
    root: logRoot,
    place: (p) => inDriveC(s, p),
    programs: { exe: fakeExe },
    logPath: toWindows,
  });
  const env = { FAKE_HOST_LOG: toWindows(host.logFile) };
  const saved = await mkdtemp(path.join(os.tmpdir(), 'hpd-win32-saved-'));
  const snapshot = path.join(saved, 'saved.json');
  try {
    const where = { snapshot, snapshotArg: toWindows(snapshot), locals: [] };
    return await runScenario(
      (args) => runBundle(s, bundle, args, env),
      scenario,
      where,
      host,
      HUMAN.includes(scenario.name),
    );
  } finally {
    await host.cleanup();
    await rm(saved, { recursive: true, force: true });
    await rm(logRoot, { recursive: true, force: true });
    await restore();
  }
}

/**
 * A probe that went unanswered for the scenario's whole --timeout (60 s) where the scenario hangs nothing.
 * Seen twice under wine on a loaded machine (a fake's `--version`, once in CI and once in a steadiness run
 * with both cores busy), never on the Linux side and never twice in a row; the cause inside wine is
 * unknown. Such a run is made once more, and said in the log.
 */
function unexpectedHang(side: Side): string | undefined {
  const unanswered = `no answer within ${DEFAULT_TIMEOUT_MS} ms`;
  const found: string[] = [];
  const walk = (value: unknown, at: string) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${at}[${i}]`);
    } else if (value && typeof value === 'object') {
      const fact = value as { state?: unknown; reason?: unknown };
      if (fact.state === 'timeout' && typeof fact.reason === 'string' && fact.reason.startsWith(unanswered))
        found.push(at);
      for (const [k, v] of Object.entries(value)) walk(v, at ? `${at}.${k}` : k);
    }
  };
  walk(factsOf(side), '');
  return found.length > 0 ? found.join(', ') : undefined;
}

/** Notes of the runs made again (unexpectedHang), for the log. */
const rerun: string[] = [];

async function onceMoreIfHung(scenario: Scenario, layout: string, run: () => Promise<Side>): Promise<Side> {
  const side = await run();
  const hung = unexpectedHang(side);
  if (!hung) return side;
  rerun.push(`${scenario.name} (${layout}): ${hung} went unanswered for 60 s under wine; ran it again`);
  return run();
}

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

// ---- comparing the two sides -----------------------------------------------------------------------------

const MASKED = new Set(['durationMs', 'collectedAt', 'startedAt', 'finishedAt', 'memoryBytes', 'platform']);

/** Deep copy with timings and platform facts removed and this side's local paths in their Windows form. */
function masked(value: unknown, locals: [string, string][]): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const [local, windows] of locals) {
      const at = text.indexOf(local);
      if (at < 0) continue;
      // The path runs to the end of the string or to " was not found" / " (" in a probe's reason.
      const rest = text.slice(at + local.length);
      const end = rest.search(/ was not found| \(|$/);
      text = `${text.slice(0, at)}${windows}${rest.slice(0, end).replace(/\//g, '\\')}${rest.slice(end)}`;
    }
    // A wine prefix's SystemRoot is C:\windows; a node's is C:\Windows.
    return text.replace(/C:\\windows\\/g, 'C:\\Windows\\');
  }
  if (Array.isArray(value)) return value.map((v) => masked(v, locals));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !MASKED.has(k))
        .map(([k, v]) => [k, masked(v, locals)]),
    );
  return value;
}

/** The snapshot the doctor saved, parsed (a note of what went wrong otherwise). */
function factsOf(side: Side): unknown {
  try {
    return JSON.parse(side.facts);
  } catch {
    return { unparsable: side.facts.slice(0, 300), stderr: side.doctor.stderr.slice(0, 600) };
  }
}

function json(run: Run): unknown {
  try {
    return JSON.parse(run.stdout);
  } catch {
    return { unparsable: run.stdout.slice(0, 300), stderr: run.stderr.slice(0, 600), exitCode: run.exitCode };
  }
}

const statuses = (report: unknown) =>
  Object.fromEntries(
    ((report as { results?: { id: string; status: string }[] }).results ?? []).map((r) => [r.id, r.status]),
  );

if (setup) {
  test.before(async (t) => {
    // Longer than ava's 60 s inactivity timeout: every wine run happens here, before the assertions.
    t.timeout(600_000);
    const fake = buildFake();
    const copy = copyBundle();
    bundle = copy.bundle;
    try {
      // The Linux runs share nothing with wine's, and mostly wait for --timeout, so they run beside them.
      // The wine runs themselves stay two at a time (the fake-host pool, then the real paths under the
      // prefix's lock). With the real paths beside the pool as well, one run in CI saw a fake's --version
      // go unanswered for 60 s under wine (cause inside wine unknown); never at two at a time.
      const phase = async (name: string, work: () => Promise<void>) => {
        const started = Date.now();
        await work();
        t.log(`${name}: ${Date.now() - started} ms`);
      };
      // Both phases end before the cleanup below removes the fakes and the bundle they run.
      const settled = await Promise.allSettled([
        phase('Linux fake host', () =>
          pool(SCENARIOS, 2, async (s) => {
            linux.set(s.name, await linuxSide(s));
          }),
        ),
        phase('win32', async () => {
          await pool(SCENARIOS, 2, async (s) => {
            fakeHost.set(s.name, await onceMoreIfHung(s, 'fake host', () => fakeHostSide(setup, fake, s)));
          });
          await onPathSide(setup, fake);
          await withPrefixLock(setup, async () => {
            for (const name of REAL_SCENARIOS) {
              const s = SCENARIOS.find((x) => x.name === name) as Scenario;
              realPaths.set(name, await onceMoreIfHung(s, 'real paths', () => realPathsSide(setup, fake, s)));
            }
          });
        }),
      ]);
      for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
    } catch (error) {
      fatal = String((error as Error).stack ?? error);
    } finally {
      await rm(copy.dir, { recursive: true, force: true });
    }
    // HPD_WIN32_DUMP=FILE keeps every run's output, for looking into a difference.
    const dump = process.env.HPD_WIN32_DUMP;
    if (dump) {
      const all = {
        linux: Object.fromEntries(linux),
        fakeHost: Object.fromEntries(fakeHost),
        realPaths: Object.fromEntries(realPaths),
      };
      await writeFile(dump, JSON.stringify(all, null, 1));
    }
  });

  test.serial('every run happened', (t) => {
    for (const note of rerun) t.log(note);
    t.is(fatal, '');
    t.true(rerun.length <= 1, `more than one run went unanswered under wine: ${rerun.join('; ')}`);
    t.is(fakeHost.size, SCENARIOS.length);
    t.is(realPaths.size, REAL_SCENARIOS.length);
  });

  for (const scenario of SCENARIOS) {
    for (const [layout, sides] of [
      ['fake host C:\\fakehost', fakeHost],
      ['real paths', realPaths],
    ] as const) {
      if (layout === 'real paths' && !REAL_SCENARIOS.includes(scenario.name)) continue;
      test.serial(`${scenario.name} (${layout}): doctor --json on win32 equals the Linux fake host`, (t) => {
        const win = sides.get(scenario.name);
        const lin = linux.get(scenario.name);
        if (!win || !lin) return t.fail('not run');
        t.is(win.doctor.exitCode, lin.doctor.exitCode, win.doctor.stderr);
        const winReport = json(win.doctor);
        const linReport = json(lin.doctor);
        t.true(Object.keys(statuses(linReport)).length > 10, 'the Linux side printed a report');
        t.deepEqual(statuses(winReport), statuses(linReport));
        t.deepEqual(masked(winReport, win.locals), masked(linReport, lin.locals));
      });
      test.serial(`${scenario.name} (${layout}): the facts collected on win32 are the Linux fake host's`, (t) => {
        const win = sides.get(scenario.name);
        const lin = linux.get(scenario.name);
        if (!win || !lin) return t.fail('not run');
        const winFacts = factsOf(win) as { collectedBy?: { platform?: string } };
        const linFacts = factsOf(lin) as { collectedBy?: { platform?: string } };
        t.is(linFacts.collectedBy?.platform, 'fake-host', 'the Linux side saved a snapshot');
        t.is(winFacts.collectedBy?.platform, layout === 'real paths' ? 'win32' : 'fake-host');
        t.deepEqual(masked(winFacts, win.locals), masked(linFacts, lin.locals));
      });
      if (!COLLECT.includes(scenario.name)) continue;
      test.serial(`${scenario.name} (${layout}): collect on win32 prints the doctor's facts, as on Linux`, (t) => {
        const win = sides.get(scenario.name);
        const lin = linux.get(scenario.name);
        if (!win?.collect || !lin?.collect) return t.fail('not run');
        t.is(win.collect.exitCode, 0, win.collect.stderr);
        t.is(lin.collect.exitCode, 0, lin.collect.stderr);
        t.deepEqual(masked(json(win.collect), win.locals), masked(factsOf(win), win.locals));
        t.deepEqual(masked(json(lin.collect), lin.locals), masked(factsOf(lin), lin.locals));
      });
    }
  }

  test.serial('win32: each program is started once, directly by node.exe, with its own argument array', (t) => {
    for (const [layout, sides] of [
      ['fake host', fakeHost],
      ['real paths', realPaths],
    ] as const) {
      const runs = sides.get('healthy')?.runs ?? [];
      t.is(runs.length, 4, layout);
      const linuxPs = linux.get('healthy')?.runs.find((r) => r.program.endsWith('powershell.exe'));
      for (const run of runs) {
        t.is(run.parentExe?.toLowerCase(), 'node.exe', `${layout}: ${run.program}`);
        t.false(/cmd(\.exe)?"?\s+\/[dsc]/i.test(run.commandLine ?? ''), run.commandLine);
        if (run.program.toLowerCase().endsWith('powershell.exe')) {
          // The -EncodedCommand argument is the very one the Linux run got.
          t.deepEqual(run.args, linuxPs?.args);
        } else t.deepEqual(run.args, ['--version']);
      }
      t.true(
        runs.some((r) => r.commandLine?.startsWith('"C:\\') && r.program.includes('Program Files')),
        layout,
      );
    }
  });

  test.serial("win32 at the real paths: the fake PowerShell answered at wine's %SystemRoot%", (t) => {
    const ps = realPaths.get('healthy')?.runs.find((r) => r.program.toLowerCase().endsWith('powershell.exe'));
    t.is(ps?.program.toLowerCase(), POWERSHELL_REAL.toLowerCase());
  });

  test.serial('win32: paths with spaces and non-ASCII reach the fakes intact', (t) => {
    for (const sides of [fakeHost, realPaths]) {
      const runs = sides.get('odd-paths')?.runs ?? [];
      t.true(
        runs.some((r) => r.program.endsWith(`${ODD_DIR.slice(2)}\\containerd.exe`) && r.args[0] === '--version'),
        JSON.stringify(runs.map((r) => r.program)),
      );
    }
  });

  for (const name of ['hung-powershell', 'powershell-grandchild']) {
    test.serial(`win32: ${name} does not hold the run past --timeout`, (t) => {
      const scenario = SCENARIOS.find((s) => s.name === name) as Scenario;
      for (const sides of [fakeHost, realPaths]) {
        const side = sides.get(name);
        if (!side) continue;
        const ps = side.runs.find((r) => r.program.toLowerCase().endsWith('powershell.exe'));
        t.truthy(ps);
        // From the fake PowerShell's start to the end of the wine process (node.exe's exit included); the
        // fake and its grandchild would hold it 60 s.
        const held = side.doctorFinishedAt - (ps?.start ?? 0);
        t.true(held < (scenario.timeoutMs ?? 0) + 15_000, `held ${held} ms`);
        if (name === 'powershell-grandchild') t.is(ps?.children?.length, 1);
      }
    });
  }

  test.serial('fake host on win32: a program found on PATH is probed where it is, not mapped again', (t) => {
    const facts = json(onPath?.collect ?? { exitCode: -1, stdout: '', stderr: '' }) as {
      containerd?: { version?: { state: string; source: { command?: string[] } } };
      shim?: { version?: { state: string } };
    };
    t.is(facts.containerd?.version?.state, 'ok', JSON.stringify(facts.containerd?.version));
    t.deepEqual(facts.containerd?.version?.source.command, [`${onPath?.dir}\\containerd.exe`, '--version']);
    t.is(facts.shim?.version?.state, 'ok');
    t.true(
      (onPath?.runs ?? []).some((r) => r.program.toLowerCase() === `${onPath?.dir}\\containerd.exe`.toLowerCase()),
      JSON.stringify(onPath?.runs.map((r) => r.program)),
    );
  });

  test.serial('win32: a missing program is missing, never an exit code from cmd.exe', (t) => {
    for (const sides of [fakeHost, realPaths]) {
      const side = sides.get('missing-powershell');
      if (!side) continue;
      const facts = factsOf(side) as { os?: { state: string; reason?: string } };
      t.not(facts.os?.state, 'ok');
      t.regex(facts.os?.reason ?? '', /powershell\.exe was not found/);
      t.notRegex(facts.os?.reason ?? '', /9009|exit code/);
    }
    // At the real paths it is named in wine's own form: SystemRoot is C:\windows in a wine prefix.
    const missing = realPaths.get('missing-powershell');
    const real = (missing ? factsOf(missing) : {}) as { os?: { reason?: string } };
    t.true(
      real.os?.reason?.endsWith(': C:\\windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe was not found'),
      real.os?.reason,
    );
    const missingPrograms = fakeHost.get('missing-programs');
    const facts = (missingPrograms ? factsOf(missingPrograms) : {}) as {
      containerd?: { version?: { state: string } };
      kubelet?: { version?: { state: string } };
    };
    t.is(facts.containerd?.version?.state, 'missing');
    t.is(facts.kubelet?.version?.state, 'missing');
  });

  /** conhost's fonts lack ✓ and ✗: on win32 outside Windows Terminal the report uses ASCII marks. */
  const ASCII_MARKS: [string, string][] = [
    ['✓', '√'],
    ['✗', 'X'],
    ['☠', 'E'],
    ['•', '*'],
  ];

  for (const name of HUMAN) {
    test.serial(`${name}: the terminal report on win32 is Linux's, with ASCII marks`, (t) => {
      const win = realPaths.get(name)?.human ?? fakeHost.get(name)?.human;
      const lin = linux.get(name)?.human;
      t.truthy(win);
      t.is(win?.exitCode, lin?.exitCode);
      const expected = ASCII_MARKS.reduce(
        (text, [unicode, ascii]) => text.replaceAll(unicode, ascii),
        lin?.stdout ?? '',
      );
      t.regex(win?.stdout ?? '', /\[√\]/);
      t.notRegex(win?.stdout ?? '', /[✓✗]/);
      t.is(win?.stdout, expected);
    });
  }
}
