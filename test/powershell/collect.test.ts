/**
 * collect.ps1 run by a real PowerShell, its Windows calls replaced by test doubles (test/powershell/
 * harness.ps1: aliases in front of Get-CimInstance, Get-ItemProperty, Get-Item and the script's Hpd*
 * functions; environment variables set per case). The documents are read with the project's own reader
 * (parseSections, asArray) and checked against its types (shape.ts).
 *
 * PowerShell processes: one runs every doubled case; one more runs the end-to-end case, where
 * runCollectionScript itself spawns PowerShell (through a wrapper that puts the doubles in front), so the
 * bytes go through execa and the project's decoder; and one runs the command with no doubles at all
 * (on Linux every Windows section then fails on its own; on Windows it is the real thing).
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type { Host } from '../../src/collect/host.js';
import {
  asArray,
  collectionScript,
  type PsOutcome,
  type PsSections,
  parseSections,
  runCollectionScript,
} from '../../src/collect/powershell.js';
import { suiteAvailable } from '../helpers/optional.js';
import { asciiJson, findPowerShell, nonAsciiBytes, type PowerShell, runPowerShell, SOURCE_DIR, SUITE } from './pwsh.js';
import { SECTION_NAMES, shapeProblems, withoutTimings } from './shape.js';

/** The CIM timeout the doubled cases pass in. */
const CIM_TIMEOUT = 3;
const CURRENT_VERSION = 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
const SERVICE_FILTER =
  "Name='containerd' OR Name='kubelet' OR PathName LIKE '%containerd.exe%' OR PathName LIKE '%kubelet.exe%'";
const PROCESS_FILTER = "Name='containerd.exe' OR Name='kubelet.exe'";

interface FakeFile {
  Length: number;
  LastWriteTimeUtc: string;
  FileVersion?: string | null;
  ProductVersion?: string | null;
}
/** What the doubles serve (harness.ps1 describes each field). */
interface FakeNode {
  env?: Record<string, string>;
  cim?: Record<string, Record<string, unknown>[]>;
  registry?: Record<string, Record<string, unknown>>;
  files?: Record<string, FakeFile>;
  dirs?: string[];
  identity?: { Name: string; Sid: string; Elevated: boolean };
  sids?: Record<string, string>;
  fail?: Record<string, string>;
  noise?: boolean;
}
interface Case {
  name: string;
  node: FakeNode;
  setup?: string;
  code?: string;
}
interface Call {
  command: string;
  className?: string;
  filter?: string;
  operationTimeoutSec?: number;
  path?: string;
  account?: string;
}
interface CaseResult {
  /** What the command wrote, exactly. */
  text: string;
  bytes: Buffer;
  sections: PsSections | undefined;
  calls: Call[];
}

// German, Japanese and one character outside the BMP (a surrogate pair in UTF-16).
const GERMAN_GROUP = 'Benutzer mit Ümlaut';
const JAPANESE_GROUP = '管理者';
const EMOJI_GROUP = 'Gruppe 😀';
const LOCAL_SERVICE = 'NT-AUTORITÄT\\Lokaler Dienst';
const CONTAINERD = 'D:\\Container Runtime\\containerd.exe';
const SHIM = 'D:\\Container Runtime\\containerd-shim-runhcs-v1.exe';
const BINDFLT = 'C:\\Windows\\System32\\bindfltapi.dll';

function healthyNode(): FakeNode {
  return {
    env: { COMPUTERNAME: 'WINNODE-07', SystemRoot: 'C:\\Windows', ProgramFiles: 'C:\\Program Files' },
    cim: {
      Win32_Service: [
        {
          Name: 'containerd',
          DisplayName: 'containerd container runtime',
          State: 'Running',
          StartMode: 'Auto',
          StartName: 'LocalSystem',
          PathName: `"${CONTAINERD}" --run-service --config "D:\\Container Runtime\\config.toml"`,
          ProcessId: 2412,
        },
        {
          Name: 'kubelet',
          DisplayName: `Kubelet (Knoten für ${JAPANESE_GROUP})`,
          State: 'Running',
          StartMode: 'Auto',
          StartName: LOCAL_SERVICE,
          PathName: 'C:\\k\\kubelet.exe --windows-service --hostname-override=winnode-07',
          ProcessId: 3120,
        },
      ],
      Win32_Process: [
        {
          Name: 'containerd.exe',
          ProcessId: 2412,
          CommandLine: `"${CONTAINERD}" --run-service --config "D:\\Container Runtime\\config.toml"`,
          ExecutablePath: CONTAINERD,
        },
        {
          Name: 'kubelet.exe',
          ProcessId: 3120,
          CommandLine: 'C:\\k\\kubelet.exe --windows-service --hostname-override=winnode-07',
          ExecutablePath: 'C:\\k\\kubelet.exe',
        },
      ],
      Win32_Group: [
        { Name: 'Administratoren', SID: 'S-1-5-32-544' },
        { Name: 'Benutzer', SID: 'S-1-5-32-545' },
        { Name: GERMAN_GROUP, SID: 'S-1-5-21-1-2-3-1001' },
        { Name: JAPANESE_GROUP, SID: 'S-1-5-21-1-2-3-1002' },
        { Name: EMOJI_GROUP, SID: 'S-1-5-21-1-2-3-1003' },
      ],
    },
    registry: {
      [CURRENT_VERSION]: {
        ProductName: 'Windows Server 2022 Datacenter',
        CurrentBuild: '20348',
        UBR: 2849,
        DisplayVersion: '21H2',
        ReleaseId: '2009',
        EditionID: 'ServerDatacenter',
        InstallationType: 'Server Core',
      },
    },
    files: {
      [CONTAINERD]: { Length: 52428800, LastWriteTimeUtc: '2024-08-01T10:20:30.0000000Z', FileVersion: null },
      [SHIM]: {
        Length: 10485760,
        LastWriteTimeUtc: '2024-08-01T10:20:31.5000000Z',
        FileVersion: '0.0.1',
        ProductVersion: 'v0.12.0',
      },
      [BINDFLT]: { Length: 73728, LastWriteTimeUtc: '2021-05-08T08:14:56.0000000Z' },
    },
    identity: { Name: 'NT-AUTORITÄT\\SYSTEM', Sid: 'S-1-5-18', Elevated: true },
    sids: { [LOCAL_SERVICE]: 'S-1-5-19' },
  };
}

const HEALTHY_EXPECTED = {
  services: {
    ok: true,
    value: [
      {
        name: 'containerd',
        displayName: 'containerd container runtime',
        state: 'Running',
        startMode: 'Auto',
        startName: 'LocalSystem',
        pathName: `"${CONTAINERD}" --run-service --config "D:\\Container Runtime\\config.toml"`,
        processId: 2412,
      },
      {
        name: 'kubelet',
        displayName: `Kubelet (Knoten für ${JAPANESE_GROUP})`,
        state: 'Running',
        startMode: 'Auto',
        startName: LOCAL_SERVICE,
        pathName: 'C:\\k\\kubelet.exe --windows-service --hostname-override=winnode-07',
        processId: 3120,
      },
    ],
  },
  processes: {
    ok: true,
    value: [
      {
        name: 'containerd.exe',
        processId: 2412,
        commandLine: `"${CONTAINERD}" --run-service --config "D:\\Container Runtime\\config.toml"`,
        executablePath: CONTAINERD,
      },
      {
        name: 'kubelet.exe',
        processId: 3120,
        commandLine: 'C:\\k\\kubelet.exe --windows-service --hostname-override=winnode-07',
        executablePath: 'C:\\k\\kubelet.exe',
      },
    ],
  },
  os: {
    ok: true,
    value: {
      productName: 'Windows Server 2022 Datacenter',
      currentBuild: '20348',
      ubr: 2849,
      displayVersion: '21H2',
      releaseId: '2009',
      editionId: 'ServerDatacenter',
      installationType: 'Server Core',
    },
  },
  groups: {
    ok: true,
    value: [
      { name: 'Administratoren', sid: 'S-1-5-32-544' },
      { name: 'Benutzer', sid: 'S-1-5-32-545' },
      { name: GERMAN_GROUP, sid: 'S-1-5-21-1-2-3-1001' },
      { name: JAPANESE_GROUP, sid: 'S-1-5-21-1-2-3-1002' },
      { name: EMOJI_GROUP, sid: 'S-1-5-21-1-2-3-1003' },
    ],
  },
  identity: {
    ok: true,
    value: { name: 'NT-AUTORITÄT\\SYSTEM', sid: 'S-1-5-18', elevated: true, computerName: 'WINNODE-07' },
  },
  accounts: { ok: true, value: { LocalSystem: 'S-1-5-18', [LOCAL_SERVICE]: 'S-1-5-19' } },
  bindflt: { ok: true, value: { path: BINDFLT, present: true, size: 73728 } },
  files: {
    ok: true,
    value: [
      {
        path: CONTAINERD,
        present: true,
        size: 52428800,
        modified: '2024-08-01T10:20:30.0000000Z',
        fileVersion: null,
        productVersion: null,
      },
      {
        path: SHIM,
        present: true,
        size: 10485760,
        modified: '2024-08-01T10:20:31.5000000Z',
        fileVersion: '0.0.1',
        productVersion: 'v0.12.0',
      },
    ],
  },
};

const CASES: Case[] = [
  { name: 'healthy', node: healthyNode() },
  { name: 'noise', node: { ...healthyNode(), noise: true } },
  {
    name: 'one-each',
    node: {
      env: { COMPUTERNAME: 'WINNODE-08' },
      cim: {
        // A non-elevated caller: StartName, CommandLine and ExecutablePath read as null.
        Win32_Service: [
          {
            Name: 'containerd',
            DisplayName: 'containerd',
            State: 'Running',
            StartMode: 'Auto',
            StartName: null,
            PathName: 'C:\\containerd\\containerd.exe --run-service',
            ProcessId: 2412,
          },
        ],
        Win32_Process: [{ Name: 'containerd.exe', ProcessId: 2412, CommandLine: null, ExecutablePath: null }],
        Win32_Group: [{ Name: JAPANESE_GROUP, SID: 'S-1-5-21-1-2-3-1002' }],
      },
      registry: { [CURRENT_VERSION]: { ProductName: 'Windows Server 2019 Datacenter', CurrentBuild: '17763' } },
      dirs: [BINDFLT],
      identity: { Name: 'WINNODE-08\\benutzer', Sid: 'S-1-5-21-1-2-3-1004', Elevated: false },
    },
  },
  {
    name: 'none',
    node: {
      // SystemRoot and ProgramFiles with a trailing backslash, as some nodes have them.
      env: { COMPUTERNAME: 'WINNODE-09', SystemRoot: 'D:\\WINDOWS\\', ProgramFiles: 'E:\\Programme\\' },
      cim: { Win32_Service: [], Win32_Process: [], Win32_Group: [] },
      registry: { [CURRENT_VERSION]: { CurrentBuild: '26100', UBR: 1742 } },
      identity: { Name: 'WINNODE-09\\Administrator', Sid: 'S-1-5-21-1-2-3-500', Elevated: true },
    },
  },
  {
    name: 'failures',
    node: {
      ...healthyNode(),
      fail: {
        Win32_Service: 'unauthorized',
        Win32_Process: 'nonterminating',
        registry: 'category',
        Win32_Group: 'hresult',
        identity: 'wrapped',
        [BINDFLT]: 'plain',
      },
    },
  },
  {
    name: 'accounts',
    node: {
      ...healthyNode(),
      cim: {
        Win32_Service: [
          { Name: 'containerd', StartName: '.\\admin', PathName: `"${CONTAINERD}" --run-service`, ProcessId: 1 },
          { Name: 'kubelet', StartName: 'LocalSystem', PathName: 'C:\\k\\kubelet.exe', ProcessId: 2 },
          { Name: 'containerd-2', StartName: '.\\LocalSystem', PathName: 'C:\\c2\\containerd.exe', ProcessId: 3 },
          { Name: 'kubelet-2', StartName: 'WINNODE-07\\ghost', PathName: 'C:\\k2\\kubelet.exe', ProcessId: 4 },
          { Name: 'kubelet-3', StartName: '.\\admin', PathName: 'C:\\k3\\kubelet.exe', ProcessId: 5 },
          { Name: 'kubelet-4', StartName: LOCAL_SERVICE, PathName: 'C:\\k4\\kubelet.exe', ProcessId: 6 },
        ],
        Win32_Group: [],
      },
      sids: { 'WINNODE-07\\admin': 'S-1-5-21-1-2-3-1005', [LOCAL_SERVICE]: 'S-1-5-19' },
      fail: { Win32_Process: 'wbem' },
    },
  },
  {
    // No collection script: what PowerShell itself prints for lists that pass through the pipeline, as
    // the previous inline script let them. The reader's asArray has to cope with exactly this.
    name: 'unrolled',
    node: {},
    code: [
      '$o = [ordered]@{ v = 1 }',
      "$o['services'] = [ordered]@{ ok = $true; value = (& { @([ordered]@{ name = 'containerd'; processId = 1 }) }) }",
      "$o['groups'] = [ordered]@{ ok = $true; value = (& { @() }) }",
      "$o['files'] = [ordered]@{ ok = $true; value = (& { @([ordered]@{ path = 'C:\\a'; present = $false }, [ordered]@{ path = 'C:\\b'; present = $false }) }) }",
      '[Console]::Out.Write(($o | ConvertTo-Json -Depth 6 -Compress))',
    ].join('\n'),
  },
];

function splitCases(stdout: Buffer): Map<string, CaseResult> {
  const text = stdout.toString('latin1');
  const results = new Map<string, CaseResult>();
  const pattern = /\n@@CASE ([^@]*)@@([\s\S]*?)@@END@@\n@@CALLS@@([\s\S]*?)@@DONE@@\n/g;
  for (const m of text.matchAll(pattern)) {
    const [, name = '', body = '', calls = '[]'] = m;
    const bytes = Buffer.from(body, 'latin1');
    const decoded = bytes.toString('utf8');
    const parsed = JSON.parse(calls) as Call[] | Call | null;
    results.set(name, { text: decoded, bytes, sections: parseSections(decoded), calls: asArray(parsed) });
  }
  return results;
}

function wrapper(dir: string, ps: PowerShell, raw: string, node?: string): string {
  const file = path.join(dir, 'powershell-wrapper.mjs');
  const prelude = node ? `. '${path.join(SOURCE_DIR, 'harness.ps1')}' -NodePath '${node}'\n` : '';
  writeFileSync(
    file,
    [
      `#!${process.execPath}`,
      "import { spawnSync } from 'node:child_process';",
      "import { writeFileSync } from 'node:fs';",
      'const args = process.argv.slice(2);',
      "const at = args.indexOf('-EncodedCommand') + 1;",
      `const prelude = ${JSON.stringify(prelude)};`,
      "const command = Buffer.from(args[at], 'base64').toString('utf16le');",
      "args[at] = Buffer.from(prelude + command, 'utf16le').toString('base64');",
      `const run = spawnSync(${JSON.stringify(ps.exe)}, args, { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });`,
      `writeFileSync(${JSON.stringify(raw)}, run.stdout ?? Buffer.alloc(0));`,
      'process.stdout.write(run.stdout ?? Buffer.alloc(0));',
      'process.exitCode = run.status ?? 1;',
      '',
    ].join('\n'),
  );
  chmodSync(file, 0o755);
  return file;
}

function hostWith(exe: string): Host {
  return { env: process.env, local: () => exe, systemRoot: 'C:\\Windows', programFiles: 'C:\\Program Files' };
}

const sectionOf = (sections: PsSections | undefined, name: keyof PsSections) =>
  sections?.[name] as { ok: boolean; value?: unknown; denied?: boolean; error?: string } | undefined;

if (suiteAvailable(SUITE)) {
  const ps = findPowerShell() as PowerShell;
  const windows = process.platform === 'win32';

  let harness: Promise<{ cases: Map<string, CaseResult>; stdout: Buffer; stderr: string }> | undefined;
  const runCases = () => {
    harness ??= (async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hpd-pwsh-'));
      try {
        const planPath = path.join(dir, 'plan.json');
        writeFileSync(planPath, asciiJson({ command: collectionScript(CIM_TIMEOUT), cases: CASES }));
        const run = await runPowerShell(ps, ['-File', path.join(SOURCE_DIR, 'harness.ps1'), '-PlanPath', planPath]);
        if (run.exitCode !== 0) throw new Error(`harness.ps1 exited ${run.exitCode}: ${run.stderr}`);
        return { cases: splitCases(run.stdout), stdout: run.stdout, stderr: run.stderr };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    })();
    return harness;
  };
  const result = async (name: string): Promise<CaseResult> => {
    const found = (await runCases()).cases.get(name);
    if (!found) throw new Error(`the harness printed no case ${name}`);
    return found;
  };

  test.serial('one PowerShell runs every doubled case, and each prints one ASCII-only JSON document', async (t) => {
    t.timeout(180_000);
    const { cases, stdout, stderr } = await runCases();
    t.log(`${ps.exe} (${ps.kind}), ${stdout.length} bytes`);
    t.deepEqual([...cases.keys()].sort(), CASES.map((c) => c.name).sort(), stderr);
    t.deepEqual(nonAsciiBytes(stdout), [], 'bytes above 0x7F on stdout');
    for (const [name, r] of cases) {
      if (name === 'unrolled') continue;
      t.notThrows(() => JSON.parse(r.text), `${name}: ${r.text.slice(0, 200)}`);
      t.deepEqual(shapeProblems(JSON.parse(r.text)), [], name);
    }
  });

  test('a healthy node: every section as the reader expects it, names intact', async (t) => {
    const r = await result('healthy');
    t.truthy(r.sections);
    t.deepEqual(withoutTimings(r.sections ?? {}), { v: 1, ...HEALTHY_EXPECTED });
    for (const name of SECTION_NAMES) t.is(typeof (r.sections?.[name] as { ms?: unknown })?.ms, 'number', name);
  });

  test('German, Japanese and astral-plane names travel as \\u escapes and decode intact', async (t) => {
    const r = await result('healthy');
    t.regex(r.text, /"Benutzer mit \\u00dcmlaut"/);
    t.regex(r.text, /"\\u7ba1\\u7406\\u8005"/);
    t.regex(r.text, /"Gruppe \\ud83d\\ude00"/);
    t.regex(r.text, /NT-AUTORIT\\u00c4T\\\\Lokaler Dienst/);
    const groups = r.sections?.groups?.ok ? asArray(r.sections.groups.value).map((g) => g.name) : [];
    t.deepEqual(groups, ['Administratoren', 'Benutzer', GERMAN_GROUP, JAPANESE_GROUP, EMOJI_GROUP]);
  });

  test('the CIM timeout passed in reaches every Get-CimInstance, with the filters as before', async (t) => {
    const r = await result('healthy');
    const cim = r.calls.filter((c) => c.command === 'Get-CimInstance');
    t.deepEqual(
      cim.map((c) => [c.className, c.filter, c.operationTimeoutSec]),
      [
        ['Win32_Service', SERVICE_FILTER, CIM_TIMEOUT],
        ['Win32_Process', PROCESS_FILTER, CIM_TIMEOUT],
        ['Win32_Group', 'LocalAccount=True', CIM_TIMEOUT],
      ],
    );
    t.deepEqual(
      r.calls
        .filter((c) => c.command !== 'Get-CimInstance')
        .map((c) => `${c.command} ${c.path ?? c.account ?? ''}`.trim()),
      [
        `Get-ItemProperty ${CURRENT_VERSION}`,
        'WindowsIdentity.GetCurrent',
        'WindowsPrincipal.IsInRole',
        `NTAccount.Translate ${LOCAL_SERVICE}`,
        `Get-Item ${BINDFLT}`,
        `Get-Item ${CONTAINERD}`,
        `Get-Item ${SHIM}`,
      ],
    );
  });

  test('output on the host, warning, verbose, debug and information streams and [Console] stays off stdout', async (t) => {
    const noisy = await result('noise');
    const quiet = await result('healthy');
    t.is(noisy.text, noisy.text.trim());
    t.true(noisy.text.startsWith('{"v":1,'), noisy.text.slice(0, 200));
    t.deepEqual(withoutTimings(parseSections(noisy.text) ?? {}), withoutTimings(quiet.sections ?? {}));
  });

  test('one-element lists stay arrays; null fields stay null; a directory is no file', async (t) => {
    const r = await result('one-each');
    const doc = JSON.parse(r.text) as Record<string, { value?: unknown }>;
    t.true(Array.isArray(doc.services?.value));
    t.true(Array.isArray(doc.processes?.value));
    t.true(Array.isArray(doc.groups?.value));
    const s = withoutTimings(r.sections ?? {});
    t.deepEqual(s.services, {
      ok: true,
      value: [
        {
          name: 'containerd',
          displayName: 'containerd',
          state: 'Running',
          startMode: 'Auto',
          startName: null,
          pathName: 'C:\\containerd\\containerd.exe --run-service',
          processId: 2412,
        },
      ],
    });
    t.deepEqual(s.processes, {
      ok: true,
      value: [{ name: 'containerd.exe', processId: 2412, commandLine: null, executablePath: null }],
    });
    t.deepEqual(s.groups, { ok: true, value: [{ name: JAPANESE_GROUP, sid: 'S-1-5-21-1-2-3-1002' }] });
    t.deepEqual(s.accounts, { ok: true, value: {} });
    t.deepEqual(s.identity, {
      ok: true,
      value: { name: 'WINNODE-08\\benutzer', sid: 'S-1-5-21-1-2-3-1004', elevated: false, computerName: 'WINNODE-08' },
    });
    // Values the registry lacks read as null; CurrentBuild is always a string.
    t.deepEqual(s.os, {
      ok: true,
      value: {
        productName: 'Windows Server 2019 Datacenter',
        currentBuild: '17763',
        ubr: null,
        displayVersion: null,
        releaseId: null,
        editionId: null,
        installationType: null,
      },
    });
    t.deepEqual(s.bindflt, { ok: true, value: { path: BINDFLT, present: false } });
    // An unquoted PathName: the program is the first word.
    t.deepEqual(s.files, {
      ok: true,
      value: [
        { path: 'C:\\containerd\\containerd.exe', present: false },
        { path: 'C:\\containerd\\containerd-shim-runhcs-v1.exe', present: false },
      ],
    });
  });

  test('empty lists stay [] (not null); paths follow SystemRoot and ProgramFiles', async (t) => {
    const r = await result('none');
    t.regex(r.text, /"services":\{"ok":true,"value":\[\],/);
    t.regex(r.text, /"processes":\{"ok":true,"value":\[\],/);
    t.regex(r.text, /"groups":\{"ok":true,"value":\[\],/);
    const s = withoutTimings(r.sections ?? {});
    t.deepEqual(s.accounts, { ok: true, value: {} });
    t.deepEqual(s.bindflt, { ok: true, value: { path: 'D:\\WINDOWS\\System32\\bindfltapi.dll', present: false } });
    t.deepEqual(s.files, {
      ok: true,
      value: [
        { path: 'E:\\Programme\\containerd\\containerd.exe', present: false },
        { path: 'E:\\Programme\\containerd\\containerd-shim-runhcs-v1.exe', present: false },
      ],
    });
  });

  test('failing and denied sections lose nothing else; each kind of access denied is marked denied', async (t) => {
    const r = await result('failures');
    const s = r.sections;
    t.deepEqual(shapeProblems(JSON.parse(r.text)), []);
    const failed = (name: keyof PsSections) => {
      const section = sectionOf(s, name);
      return section && !section.ok ? { denied: section.denied, error: section.error } : section;
    };
    t.deepEqual(
      failed('services'),
      { denied: true, error: 'Access to Win32_Service is denied.' },
      'UnauthorizedAccessException',
    );
    t.deepEqual(failed('groups'), { denied: true, error: 'Zugriff verweigert (Win32_Group)' }, 'HResult 0x80070005');
    t.deepEqual(
      failed('os'),
      { denied: true, error: `Zugriff verweigert: ${CURRENT_VERSION}` },
      'PermissionDenied category',
    );
    t.is(failed('identity')?.denied, true, 'MethodInvocationException around UnauthorizedAccessException');
    t.regex(String(failed('identity')?.error), /GetCurrent/);
    // A non-terminating error (Write-Error) still fails its section: it is not half an answer.
    t.deepEqual(failed('processes'), { denied: false, error: 'Ungültige Klasse (Win32_Process)' });
    t.deepEqual(failed('bindflt'), { denied: false, error: `the doubles were told to fail: ${BINDFLT} (plain)` });
    // services failed, so accounts has nothing to translate and files fall back to the default path.
    const ok = withoutTimings(s ?? {});
    t.deepEqual(ok.accounts, { ok: true, value: {} });
    t.deepEqual(ok.files, {
      ok: true,
      value: [
        { path: 'C:\\Program Files\\containerd\\containerd.exe', present: false },
        { path: 'C:\\Program Files\\containerd\\containerd-shim-runhcs-v1.exe', present: false },
      ],
    });
  });

  test('accounts: LocalSystem is S-1-5-18, .\\ means this computer, each name once, unknown ones null', async (t) => {
    const r = await result('accounts');
    const s = withoutTimings(r.sections ?? {});
    t.deepEqual(s.accounts, {
      ok: true,
      value: {
        '.\\admin': 'S-1-5-21-1-2-3-1005',
        LocalSystem: 'S-1-5-18',
        '.\\LocalSystem': 'S-1-5-18',
        'WINNODE-07\\ghost': null,
        [LOCAL_SERVICE]: 'S-1-5-19',
      },
    });
    t.deepEqual(
      r.calls.filter((c) => c.command === 'NTAccount.Translate').map((c) => c.account),
      ['WINNODE-07\\admin', 'WINNODE-07\\ghost', LOCAL_SERVICE],
    );
    t.deepEqual(sectionOf(r.sections, 'processes')?.denied, true, 'WBEM_E_ACCESS_DENIED');
  });

  test('what PowerShell does to lists in the pipeline (one element unrolled, none null), and asArray copes', async (t) => {
    const r = await result('unrolled');
    const doc = JSON.parse(r.text) as Record<string, { value: unknown }>;
    t.deepEqual(doc.services?.value, { name: 'containerd', processId: 1 });
    t.is(doc.groups?.value, null);
    const s = r.sections;
    t.deepEqual(s?.services?.ok ? asArray(s.services.value) : undefined, [{ name: 'containerd', processId: 1 }]);
    t.deepEqual(s?.groups?.ok ? asArray(s.groups.value) : undefined, []);
    t.is(s?.files?.ok ? asArray(s.files.value).length : undefined, 2);
  });

  test('end to end: runCollectionScript spawns PowerShell, and execa, the decoder and parseSections keep every name', async (t) => {
    if (windows) {
      t.pass(
        'on Windows the wrapper that puts the doubles in front cannot be spawned without a shell; the doubled cases above ran on this PowerShell',
      );
      return;
    }
    t.timeout(180_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hpd-pwsh-e2e-'));
    try {
      const node = path.join(dir, 'node.json');
      writeFileSync(node, asciiJson({ ...healthyNode(), noise: true }));
      const raw = path.join(dir, 'stdout.bin');
      const log: Parameters<typeof runCollectionScript>[2] = [];
      const outcome: PsOutcome = await runCollectionScript(hostWith(wrapper(dir, ps, raw, node)), 120_000, log);
      t.true(outcome.ok, outcome.ok ? '' : `${outcome.reason} ${outcome.probe.stderr}`);
      if (!outcome.ok) return;
      const bytes = readFileSync(raw);
      t.deepEqual(nonAsciiBytes(bytes), []);
      t.notThrows(() => JSON.parse(bytes.toString('ascii')), 'stdout is one JSON document and nothing else');
      t.deepEqual(withoutTimings(outcome.sections), { v: 1, ...HEALTHY_EXPECTED });
      t.is(log.length, 1);
      t.deepEqual(log[0]?.command.slice(-2), ['-EncodedCommand', '<collection script>']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no doubles: the command as the doctor sends it prints one document with every section', async (t) => {
    t.timeout(180_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hpd-pwsh-real-'));
    try {
      const raw = path.join(dir, 'stdout.bin');
      // On Windows this is the doctor's own powershell.exe with the real cmdlets.
      const host = windows
        ? hostWith(
            path.win32.join(
              process.env.SystemRoot ?? 'C:\\Windows',
              'System32',
              'WindowsPowerShell',
              'v1.0',
              'powershell.exe',
            ),
          )
        : hostWith(wrapper(dir, ps, raw));
      const outcome = await runCollectionScript(host, 120_000);
      t.true(outcome.ok, outcome.ok ? '' : `${outcome.reason} ${outcome.probe.stderr}`);
      if (!outcome.ok) return;
      const doc = JSON.parse(outcome.probe.stdout.trim()) as unknown;
      t.deepEqual(shapeProblems(doc), []);
      if (windows) {
        t.true(Boolean(sectionOf(outcome.sections, 'os')?.ok), 'the registry is readable');
        t.true(Boolean(sectionOf(outcome.sections, 'identity')?.ok), 'WindowsIdentity works');
        return;
      }
      t.deepEqual(nonAsciiBytes(readFileSync(raw)), []);
      // Off Windows each Windows-only call fails, each in its own section, none as denied.
      for (const name of ['services', 'processes', 'groups', 'os', 'identity'] as const) {
        const section = sectionOf(outcome.sections, name);
        t.is(section?.ok, false, name);
        t.is(section?.denied, false, name);
        t.truthy(section?.error, name);
      }
      t.regex(String(sectionOf(outcome.sections, 'services')?.error), /Get-CimInstance/);
      const s = withoutTimings(outcome.sections);
      t.deepEqual(s.accounts, { ok: true, value: {} });
      t.deepEqual(s.bindflt, { ok: true, value: { path: BINDFLT, present: false } });
      t.is(sectionOf(outcome.sections, 'files')?.ok, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
