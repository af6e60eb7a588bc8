/**
 * The one executable (scripts/exe.mjs, `npm run exe`): a Node SEA of the bundle in the Windows node.exe,
 * built on Linux. The suite builds it from its own copy of the bundle (about a second: the blob goes into
 * the template postject made once, which scripts/setup/wine.sh makes; without it, the build makes it in
 * about 15 s). Then it runs the exe under wine: --version, analyze of every example node (reports and exit
 * codes equal to the Linux bundle's), and doctor --json against the mingw fakes (equal to the Linux bundle
 * on the Linux fake host). It also checks what the build promises: no Authenticode signature left (none
 * rather than a corrupt one), the SEA fuse flipped, the blob resource holding the blob and nothing more, a
 * valid PE checksum, and SHA256SUMS.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { createFakeHost } from '../helpers/fakehost.js';
import { withoutKeys } from '../helpers/without-keys.js';
import { byName, optionsOf, type Scenario } from './scenarios.js';
import { buildFake, copyBundle, ROOT, runWine, toWindows, type WineSetup, wineSuite, withPrefixLock } from './wine.js';

const setup = wineSuite();
const EXAMPLES = path.join(ROOT, 'examples', 'nodes');
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

let outDir = '';
let bundle = '';
let buildLog = '';
let exe = '';
const linux = new Map<string, Run>();
const win = new Map<string, Run>();

function runLinux(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: ROOT,
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
    child.once('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
  });
}

const runExe = (s: WineSetup, args: string[], env: Record<string, string> = {}) => runWine(s, args, { file: exe, env });

const examples = () =>
  readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .sort();
const DOCTOR_SCENARIOS = ['healthy', 'access-denied', 'german-utf16'];

async function doctorBoth(s: WineSetup, fakeExe: string, scenario: Scenario): Promise<void> {
  const args = ['doctor', '--json', ...optionsOf(scenario)];
  const host = await createFakeHost(scenario.spec());
  try {
    linux.set(`doctor ${scenario.name}`, await runLinux(args, host.env));
  } finally {
    await host.cleanup();
  }
  const name = `fakehost-exe-${process.pid}-${scenario.name}`;
  const root = path.join(s.prefix, 'drive_c', name);
  const winHost = await createFakeHost(scenario.spec(), { root, programs: { exe: fakeExe }, logPath: toWindows });
  try {
    win.set(
      `doctor ${scenario.name}`,
      await runExe(s, args, { HOSTPROCESS_DOCTOR_FAKE_HOST: `C:\\${name}`, FAKE_HOST_LOG: toWindows(winHost.logFile) }),
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * collect --inventory on an empty fake host: the exe must start itself (`hostprocess-doctor.exe __inventory`,
 * the SEA form of selfCommand) and read systeminformation's answer, whatever wine's stub powershell.exe
 * says to it.
 */
async function inventoryRun(s: WineSetup): Promise<void> {
  const name = `fakehost-exe-${process.pid}-inventory`;
  const root = path.join(s.prefix, 'drive_c', name);
  await mkdir(root, { recursive: true });
  try {
    // systeminformation runs the prefix's real powershell.exe, which the win32 collect suite's real-path
    // scenarios replace with a fake (one that hangs, among others): hold their lock meanwhile.
    const run = await withPrefixLock(s, () =>
      runExe(s, ['collect', '--inventory', '--timeout', '60s'], { HOSTPROCESS_DOCTOR_FAKE_HOST: `C:\\${name}` }),
    );
    win.set('collect --inventory', run);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const MASKED = new Set(['durationMs', 'collectedAt', 'startedAt', 'finishedAt']);
const masked = (value: unknown) => withoutKeys(value, MASKED);

function json(run: Run | undefined): unknown {
  try {
    return JSON.parse(run?.stdout ?? '');
  } catch {
    return { unparsable: run?.stdout.slice(0, 300), stderr: run?.stderr.slice(0, 600) };
  }
}

function peFields(buf: Buffer) {
  const pe = buf.readUInt32LE(0x3c);
  const optional = pe + 24;
  const directories = optional + (buf.readUInt16LE(optional) === 0x20b ? 112 : 96);
  return {
    checksum: buf.readUInt32LE(optional + 64),
    securityOffset: buf.readUInt32LE(directories + 32),
    securitySize: buf.readUInt32LE(directories + 36),
    checksumAt: optional + 64,
  };
}

function peChecksum(input: Buffer, checksumAt: number): number {
  const buf = Buffer.from(input);
  buf.writeUInt32LE(0, checksumAt);
  let sum = 0;
  for (let i = 0; i + 1 < buf.length; i += 2) {
    sum += buf.readUInt16LE(i);
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (buf.length % 2) sum = ((sum + (buf[buf.length - 1] ?? 0)) & 0xffff) + ((sum + (buf[buf.length - 1] ?? 0)) >>> 16);
  sum = ((sum & 0xffff) + (sum >>> 16)) & 0xffff;
  return (sum + buf.length) >>> 0;
}

if (setup) {
  test.before(async (t) => {
    // Longer than ava's 60 s inactivity timeout: the build (postject, if the template is missing) and every
    // wine run happen here.
    t.timeout(600_000);
    const copy = copyBundle();
    bundle = copy.bundle;
    outDir = mkdtempSync(path.join(os.tmpdir(), 'hpd-win32-exe-'));
    const built = spawnSync(
      process.execPath,
      [path.join(ROOT, 'scripts', 'exe.mjs'), '--bundle', bundle, '--out', outDir],
      { encoding: 'utf8', timeout: 600_000 },
    );
    buildLog = `exit ${built.status}\n${built.stdout}\n${built.stderr}`;
    exe = path.join(outDir, 'hostprocess-doctor.exe');
    if (built.status !== 0) return;
    linux.set('--version', await runLinux(['--version']));
    win.set('--version', await runExe(setup, ['--version']));
    for (const file of examples()) {
      const args = ['analyze', path.join('examples', 'nodes', file), '--json'];
      linux.set(file, await runLinux(args));
      win.set(file, await runExe(setup, args));
    }
    const fake = buildFake();
    for (const name of DOCTOR_SCENARIOS) await doctorBoth(setup, fake, byName(name));
    await inventoryRun(setup);
  });

  test.after.always(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
    if (bundle) await rm(path.dirname(bundle), { recursive: true, force: true });
  });

  test.serial('npm run exe builds the executable', (t) => {
    t.regex(buildLog, /^exit 0\n/, buildLog);
  });

  test.serial('the exe: no signature (rather than a corrupt one), the SEA fuse set, a valid PE checksum', (t) => {
    const buf = readFileSync(exe);
    const pe = peFields(buf);
    t.is(pe.securityOffset, 0);
    t.is(pe.securitySize, 0);
    t.true(buf.includes(`${SEA_FUSE}:1`), 'the fuse says a blob is there');
    t.false(buf.includes(`${SEA_FUSE}:0`));
    t.is(pe.checksum, peChecksum(buf, pe.checksumAt));
  });

  test.serial(
    "the exe: NODE_SEA_BLOB is exactly the SEA blob of the bundle, none of the template's zeros",
    async (t) => {
      const { seaResource, capacityFor } = (await import(
        pathToFileURL(path.join(ROOT, 'scripts', 'exe.mjs')).href
      )) as {
        seaResource: (buf: Buffer) => { offset: number; size: number } | undefined;
        capacityFor: (size: number) => number;
      };
      const buf = readFileSync(exe);
      const code = readFileSync(bundle);
      const resource = seaResource(buf);
      if (!resource) return t.fail('no NODE_SEA_BLOB resource');
      const blob = buf.subarray(resource.offset, resource.offset + resource.size);
      // Node 22's blob: magic, flags, one byte, the main script's name and its code, each after a 64-bit length.
      const name = 'hostprocess-doctor.cjs';
      t.is(blob.length, 4 + 4 + 1 + 8 + name.length + 8 + code.length);
      t.is(blob.readBigUInt64LE(9), BigInt(name.length));
      t.is(blob.toString('latin1', 17, 17 + name.length), name);
      t.is(blob.readBigUInt64LE(17 + name.length), BigInt(code.length));
      t.true(blob.subarray(blob.length - code.length).equals(code), 'the blob ends with the bundle');
      const room = buf.subarray(resource.offset + resource.size, resource.offset + capacityFor(resource.size));
      t.true(
        room.every((b) => b === 0),
        'the rest of the room is zeros',
      );
    },
  );

  test.serial('SHA256SUMS lists the exe and the bundle', (t) => {
    const sums = readFileSync(path.join(outDir, 'SHA256SUMS'), 'utf8');
    for (const name of ['hostprocess-doctor.exe', 'hostprocess-doctor.cjs']) {
      const hash = createHash('sha256')
        .update(readFileSync(path.join(outDir, name)))
        .digest('hex');
      t.true(sums.includes(`${hash}  ${name}\n`), `${name} ${hash}\n${sums}`);
    }
  });

  test.serial('the exe: --version equals the Linux bundle', (t) => {
    t.is(win.get('--version')?.exitCode, 0, win.get('--version')?.stderr);
    t.is(win.get('--version')?.stdout, linux.get('--version')?.stdout);
  });

  for (const file of examples()) {
    test.serial(`the exe: analyze examples/nodes/${file} gives the Linux bundle's report and exit code`, (t) => {
      const w = win.get(file);
      const l = linux.get(file);
      t.is(w?.exitCode, l?.exitCode, w?.stderr);
      t.true(Array.isArray((json(l) as { results?: unknown }).results), 'the Linux bundle printed a report');
      t.deepEqual(masked(json(w)), masked(json(l)));
    });
  }

  for (const name of DOCTOR_SCENARIOS) {
    test.serial(`the exe: doctor --json (${name}) against the win32 fakes equals the Linux fake host`, (t) => {
      const w = win.get(`doctor ${name}`);
      const l = linux.get(`doctor ${name}`);
      t.is(w?.exitCode, l?.exitCode, w?.stderr);
      t.true(Array.isArray((json(l) as { results?: unknown }).results), 'the Linux bundle printed a report');
      t.deepEqual(masked(json(w)), masked(json(l)));
    });
  }

  test.serial(
    "the exe: collect --inventory starts the exe itself (__inventory) and keeps systeminformation's host facts",
    (t) => {
      const run = win.get('collect --inventory');
      t.is(run?.exitCode, 0, run?.stderr);
      const host = (
        json(run) as {
          host?: { state?: string; value?: { arch?: string }; source?: { key?: string; command?: string[] } };
        }
      ).host;
      t.is(host?.state, 'ok');
      t.is(host?.source?.key, 'systeminformation.osInfo()', JSON.stringify(host));
      t.deepEqual(host?.source?.command, ['hostprocess-doctor', '__inventory']);
      t.is(host?.value?.arch, 'x64');
    },
  );
}
