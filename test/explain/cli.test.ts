/**
 * `hostprocess-doctor explain` end to end, as a separate process: text, --file, stdin, --json, exit
 * codes 0/1/2, facts linkage through what-if flags and snapshots, and the log evidence through analyze.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import test from 'ava';
import { main } from '../../src/cli/main.js';
import { BIN, CORPUS, EXAMPLES, type JsonReport, runCli, schemaErrors, testIo } from '../helpers/cli.js';

const ACCESS_DENIED =
  'failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown';
const LOGS = path.join(CORPUS, 'error-logs');
const tmp = mkdtempSync(path.join(tmpdir(), 'hpd-explain-'));

interface ExplainJson {
  schemaVersion: number;
  input: { sources: string[]; lines: number };
  node?: Record<string, unknown>;
  matches: {
    id: string;
    title: string;
    confidence: string;
    cause: string;
    checks: string[];
    fix: { text: string; commands: string[] };
    sources: string[];
    excerpt: string;
    line: number;
    occurrences: number;
    nodeShowsCause?: string;
    node?: { id: string; status: string; verdict: string; message: string }[];
  }[];
}

const json = (stdout: string) => JSON.parse(stdout) as ExplainJson;

function noStack(t: { false: (v: boolean, m?: string) => void }, stderr: string) {
  t.false(/\n\s+at .+:\d+:\d+/.test(stderr), `no stack trace: ${stderr}`);
}

test('explain "<text>": exit 0, the entry, its cause and fix', async (t) => {
  const run = await runCli(['explain', ACCESS_DENIED]);
  t.is(run.exitCode, 0, run.stderr);
  t.is(run.stderr, '');
  t.regex(run.stdout, /\[✗\] containerd runs as a user account/);
  t.regex(run.stdout, /logon-access-denied/);
  t.regex(run.stdout, /sc\.exe config containerd obj= LocalSystem/);
  t.regex(run.stdout, /hostprocess-doctor --only containerd-service-account/);
});

test('explain with the words unquoted is the same text', async (t) => {
  const run = await runCli(['explain', '--json', 'failed', 'to', 'logon', 'user:', 'Access', 'is', 'denied.']);
  t.is(run.exitCode, 0);
  t.is(json(run.stdout).matches[0]?.id, 'logon-access-denied');
});

test('--json has the documented shape', async (t) => {
  const run = await runCli(['explain', ACCESS_DENIED, '--json']);
  t.is(run.exitCode, 0);
  const out = json(run.stdout);
  t.is(out.schemaVersion, 1);
  t.deepEqual(out.input, { sources: ['the command line'], lines: 1 });
  t.is(out.node, undefined);
  const [m] = out.matches;
  t.like(m, {
    id: 'logon-access-denied',
    confidence: 'high',
    checks: ['containerd-service-account'],
    line: 1,
    occurrences: 1,
  });
  t.true((m?.title.length ?? 0) > 0 && (m?.cause.length ?? 0) > 0);
  t.true(m?.fix.commands.includes('sc.exe config containerd obj= LocalSystem'));
  t.true(typeof m?.fix.text === 'string');
  t.true((m?.sources.length ?? 0) > 0);
  t.is(m?.excerpt, ACCESS_DENIED);
  t.false('nodeShowsCause' in (m ?? {}));
});

test('no known cause: exit 1, and an empty match list in JSON', async (t) => {
  const text = await runCli(['explain', 'The directory name is invalid.']);
  t.is(text.exitCode, 1);
  t.regex(text.stdout, /No known HostProcess cause/);
  const run = await runCli(['explain', '--json', 'everything is fine']);
  t.is(run.exitCode, 1);
  t.deepEqual(json(run.stdout).matches, []);
});

test('a negative control is a low-confidence, non-HostProcess answer', async (t) => {
  const run = await runCli([
    'explain',
    '--file',
    path.join(LOGS, 'antrea-2774-hcs-createcomputesystem-directory-name-invalid.txt'),
    '--json',
  ]);
  t.is(run.exitCode, 0);
  const out = json(run.stdout);
  t.deepEqual(
    out.matches.map((m) => [m.id, m.confidence]),
    [['hcs-create-compute-system', 'low']],
  );
  t.deepEqual(out.matches[0]?.checks, []);
});

test('--file reads a log; a wrapped kubelet error from the corpus is explained', async (t) => {
  const file = path.join(LOGS, 'k8s-78925-kubelet-windows-cgroups-per-qos-fatal-excerpt.txt');
  const run = await runCli(['explain', '--file', file, '--json']);
  t.is(run.exitCode, 0, run.stderr);
  const out = json(run.stdout);
  t.deepEqual(out.input, { sources: [file], lines: 7 });
  t.is(out.matches[0]?.id, 'kubelet-cgroups-per-qos');
});

test('--file twice reads both files', async (t) => {
  const run = await runCli([
    'explain',
    '--json',
    '--file',
    path.join(LOGS, 'k8s-website-29924-hostprocess-failed-to-find-executable-events.txt'),
    '--file',
    path.join(LOGS, 'k8s-78925-kubelet-windows-cgroups-per-qos-fatal-excerpt.txt'),
  ]);
  t.is(run.exitCode, 0);
  t.deepEqual(
    json(run.stdout)
      .matches.map((m) => m.id)
      .sort(),
    ['failed-to-find-executable', 'kubelet-cgroups-per-qos'],
  );
});

test('--file decodes a UTF-16 file written by Windows PowerShell', async (t) => {
  const file = path.join(tmp, 'describe-utf16.txt');
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`Events:\r\n  Warning  Failed  1s  kubelet  Error: ${ACCESS_DENIED}\r\n`, 'utf16le'),
    ]),
  );
  const run = await runCli(['explain', '--file', file, '--json']);
  t.is(run.exitCode, 0, run.stderr);
  t.is(json(run.stdout).matches[0]?.id, 'logon-access-denied');
});

test('piped stdin is read when no text is given, and with "-"', async (t) => {
  const describe = `Events:\n  Type     Reason  Age  From     Message\n  Warning  Failed  2s   kubelet  Error: ${ACCESS_DENIED}\n`;
  const piped = await runCli(['explain', '--json'], { input: describe });
  t.is(piped.exitCode, 0, piped.stderr);
  t.deepEqual(json(piped.stdout).input, { sources: ['stdin'], lines: 3 });
  t.is(json(piped.stdout).matches[0]?.line, 3);
  const dash = await runCli(['explain', '-', '--json'], { input: describe });
  t.is(dash.exitCode, 0);
  t.is(json(dash.stdout).matches[0]?.id, 'logon-access-denied');
  const fileDash = await runCli(['explain', '--file', '-', '--json'], { input: describe });
  t.is(json(fileDash.stdout).matches[0]?.id, 'logon-access-denied');
});

test('usage errors exit 2 with a message that names the problem, never a stack', async (t) => {
  const cases: [string[], RegExp, string?][] = [
    [['explain'], /the text from stdin is empty/, ''],
    [['explain', '--file', path.join(tmp, 'nope.log')], /--file .*nope\.log: cannot read it \(no such file\)/],
    [['explain', '--file', tmp], /--file .*: it is a directory, not a file/],
    [['explain', ACCESS_DENIED, '--bogus'], /explain: unknown option --bogus/],
    [['explain', ACCESS_DENIED, '--service-account', ''], /--service-account: give an account name/],
    [['explain', ACCESS_DENIED, '--containerd-version', 'banana'], /--containerd-version "banana"/],
    [
      ['explain', ACCESS_DENIED, '--snapshot', path.join(tmp, 'missing.json')],
      /snapshot .*missing\.json: cannot read it \(no such file\)/,
    ],
    [['explain', ACCESS_DENIED, '-'], /not both/, ''],
    [['explain', '--snapshot', '-'], /stdin cannot carry both/, 'text'],
  ];
  for (const [args, message, input] of cases) {
    const run = await runCli(args, input === undefined ? {} : { input });
    t.is(run.exitCode, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
    t.regex(run.stderr, message, args.join(' '));
    t.regex(run.stderr, /^hostprocess-doctor: /);
    t.is(run.stdout, '');
    noStack(t, run.stderr);
  }
});

test('facts link the message to the node: --service-account .\\admin is the cause, LocalSystem is not', async (t) => {
  const admin = await runCli(['explain', ACCESS_DENIED, '--service-account', '.\\admin']);
  t.is(admin.exitCode, 0, admin.stderr);
  t.regex(admin.stdout, /This node \(what-if --service-account\): shows the cause/);
  t.regex(admin.stdout, /✗ containerd-service-account \(fail\): containerd runs as \.\\admin.*: this is the cause/);
  const adminJson = json((await runCli(['explain', ACCESS_DENIED, '--service-account', '.\\admin', '--json'])).stdout);
  t.is(adminJson.matches[0]?.nodeShowsCause, 'yes');
  t.like(adminJson.matches[0]?.node?.[0], { id: 'containerd-service-account', status: 'fail', verdict: 'cause' });
  t.like(adminJson.node, { source: 'what-if', whatIf: ['--service-account'] });

  const system = await runCli(['explain', ACCESS_DENIED, '--service-account', 'LocalSystem']);
  t.is(system.exitCode, 0);
  t.regex(system.stdout, /does not show the cause/);
  t.regex(system.stdout, /✓ containerd-service-account \(pass\): containerd runs as LocalSystem.*: not the cause/);
  const systemJson = json(
    (await runCli(['explain', ACCESS_DENIED, '--service-account', 'LocalSystem', '--json'])).stdout,
  );
  t.is(systemJson.matches[0]?.nodeShowsCause, 'no');
});

test('facts from a snapshot: access-denied.json shows the cause; healthy-1.7.json does not', async (t) => {
  const bad = json(
    (await runCli(['explain', ACCESS_DENIED, '--snapshot', path.join(EXAMPLES, 'access-denied.json'), '--json']))
      .stdout,
  );
  t.is(bad.matches[0]?.nodeShowsCause, 'yes');
  t.like(bad.node, { source: 'snapshot', name: 'winnode-07' });
  const good = json(
    (await runCli(['explain', ACCESS_DENIED, '--snapshot', path.join(EXAMPLES, 'healthy-1.7.json'), '--json'])).stdout,
  );
  t.is(good.matches[0]?.nodeShowsCause, 'no');
  const group = json(
    (
      await runCli([
        'explain',
        'failed to logon user: The user name or password is incorrect.',
        '--snapshot',
        path.join(EXAMPLES, 'missing-local-group.json'),
        '--json',
      ])
    ).stdout,
  );
  t.is(group.matches[0]?.nodeShowsCause, 'yes');
});

test('facts on a pod-spec problem say it is not a node problem', async (t) => {
  const run = await runCli([
    'explain',
    'hostNetwork must be true if pod contains any hostProcess containers',
    '--service-account',
    'LocalSystem',
  ]);
  t.is(run.exitCode, 0);
  t.regex(run.stdout, /not a node problem: the cause is in the pod spec/);
  const out = json(
    (
      await runCli([
        'explain',
        'hostNetwork must be true if pod contains any hostProcess containers',
        '--service-account',
        'LocalSystem',
        '--json',
      ])
    ).stdout,
  );
  t.is(out.matches[0]?.nodeShowsCause, 'no-check');
});

test('--list shows the catalogue; --list --json gives its patterns', async (t) => {
  const run = await runCli(['explain', '--list']);
  t.is(run.exitCode, 0);
  t.regex(run.stdout, /logon-access-denied\s+high/);
  const list = JSON.parse((await runCli(['explain', '--list', '--json'])).stdout) as {
    id: string;
    patterns: { source: string }[];
  }[];
  t.true(list.length >= 20);
  t.true(list.every((e) => e.patterns.length > 0));
});

test('--help, and the global help lists explain', async (t) => {
  const help = await runCli(['explain', '--help']);
  t.is(help.exitCode, 0);
  t.regex(help.stdout, /Usage: hostprocess-doctor explain/);
  t.regex(help.stdout, /Exit codes: 0 a known cause was found · 1 no known cause · 2 usage or input error/);
  const global = await runCli(['--help']);
  t.regex(global.stdout, /explain\s+explain an error message/);
});

test('analyze attaches containerd log messages as evidence (JSON report stays schema-valid)', async (t) => {
  const snapshot = JSON.parse(
    (await import('node:fs')).readFileSync(path.join(EXAMPLES, 'access-denied.json'), 'utf8'),
  ) as Record<string, Record<string, unknown>>;
  const logPath = 'C:\\ProgramData\\containerd\\containerd.log';
  (snapshot.containerd as Record<string, unknown>).log = {
    state: 'ok',
    value: {
      path: logPath,
      tail: `time="2026-11-20T09:10:02Z" level=error msg="StartContainer for \\"4f1c\\" failed" error="${ACCESS_DENIED}"\n`,
    },
    source: { kind: 'file', path: logPath },
  };
  const file = path.join(tmp, 'with-log.json');
  writeFileSync(file, JSON.stringify(snapshot));
  const run = await runCli(['analyze', file, '--json']);
  t.is(run.exitCode, 1);
  const report = JSON.parse(run.stdout) as Omit<JsonReport, 'results'> & {
    results: { id: string; evidence: { fact: string; value?: string; source: { path?: string } }[] }[];
  };
  t.is(schemaErrors(report), '');
  const evidence = report.results
    .find((r) => r.id === 'containerd-service-account')
    ?.evidence.find((e) => e.fact === 'containerd.log');
  t.regex(evidence?.value ?? '', /explain: logon-access-denied/);
  t.is(evidence?.source.path, logPath);
  const explained = json((await runCli(['explain', '--snapshot', file, ACCESS_DENIED, '--json'])).stdout);
  t.is(explained.matches[0]?.nodeShowsCause, 'yes');
});

// ------------------------------------------------------------------------------ bounded input

test('a FIFO or a device given as --file is refused at once, naming it (fuzz D9, D14)', async (t) => {
  const fifo = path.join(tmp, 'explain.fifo');
  (await import('node:child_process')).execFileSync('mkfifo', [fifo]);
  for (const [file, kind] of [
    [fifo, /a named pipe \(FIFO\)/],
    ['/dev/zero', /a device/],
  ] as const) {
    const run = await runCli(['explain', '--file', file]);
    t.is(run.exitCode, 2);
    t.regex(run.stderr, new RegExp(`explain --file ${file.replace(/[.]/g, '\\.')}: it is `));
    t.regex(run.stderr, kind);
    noStack(t, run.stderr);
  }
});

test('binary on stdin is refused as undecodable, not explained', async (t) => {
  const run = await runCli(['explain', '--json'], { input: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]) });
  t.is(run.exitCode, 2);
  t.regex(run.stderr, /explain stdin: cannot decode it/);
  t.is(run.stdout, '');
});

test('explain streams stdin: 40 MB of log lines in pieces, every occurrence counted, line numbers kept', async (t) => {
  const { io, stdout } = testIo();
  const noise = 'time="2024-05-01T10:00:00Z" level=info msg="ImageCreate event name:\\"sha256:00\\""\n'.repeat(6000);
  const error = `time="2024-05-01T10:00:01Z" level=error msg="StartContainer failed" error="${ACCESS_DENIED}"\n`;
  let produced = 0;
  const stream = Readable.from(
    (function* () {
      for (let i = 0; i < 100; i++) {
        const piece = `${noise}${error}`;
        produced += piece.length;
        yield Buffer.from(piece);
      }
    })(),
  );
  io.stdin = Object.assign(stream, { isTTY: false });
  const code = await main(['explain', '--json'], io);
  t.is(code, 0);
  const out = json(stdout());
  t.true(produced > 40 * 1024 * 1024);
  t.is(out.input.lines, 100 * 6001);
  t.is(out.matches[0]?.id, 'logon-access-denied');
  t.is(out.matches[0]?.occurrences, 100);
  t.is(out.matches[0]?.line, 6001);
});

test('text, files and stdin are one text: a newline between inputs, line numbers run on', async (t) => {
  const first = path.join(tmp, 'first.log');
  writeFileSync(first, 'one\ntwo\n');
  const run = await runCli(['explain', '--json', '--file', first, '-'], { input: `x\n${ACCESS_DENIED}\n` });
  t.is(run.exitCode, 0, run.stderr);
  const out = json(run.stdout);
  t.deepEqual(out.input.sources, [first, 'stdin']);
  // first.log's final newline and the separator make an empty line 3.
  t.is(out.matches[0]?.line, 5);
  t.is(out.input.lines, 5);
});

test('stdin opened for writing only (0>file) is a usage error, not a crash (fuzz D16)', async (t) => {
  const { spawn } = await import('node:child_process');
  const { openSync, closeSync } = await import('node:fs');
  for (const args of [['explain', '--json'], ['fleet'], ['analyze', '-', '--json']]) {
    const fd = openSync(path.join(tmp, 'write-only'), 'w');
    try {
      const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, ...args], {
          stdio: [fd, 'pipe', 'pipe'],
          env: { NO_COLOR: '1', PATH: process.env.PATH ?? '' },
        });
        let stdout = '';
        let stderr = '';
        child.stdout?.on('data', (d) => {
          stdout += d;
        });
        child.stderr?.on('data', (d) => {
          stderr += d;
        });
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      t.is(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      t.regex(result.stderr, /cannot read stdin \(it is not open for reading \(EBADF\)/, args.join(' '));
      noStack(t, result.stderr);
    } finally {
      closeSync(fd);
    }
  }
});
