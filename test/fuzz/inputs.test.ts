/**
 * The fuzz suite, part 1: bad input through the CLI in-process (runCli), each case held to the contract in
 * contract.ts. Classes: snapshots (wrong types, deletions, huge strings, deep nesting, __proto__ keys),
 * containerd configs, flag values, explain input, fleet input, textfile directories. Every case is
 * generated from a fixed seed, so a failure names a case that replays.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { CATALOGUE } from '../../src/catalogue/entries.js';
import { hardWrap } from '../explain/helpers.js';
import { EXAMPLES, runCli, schemaErrors } from '../helpers/cli.js';
import { holdsContract } from './contract.js';
import { int, pick, type Random, random, sampleOf } from './regex-sample.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'hpd-fuzz-'));
const EXAMPLE_FILES = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json'))
  .sort();
const examples = EXAMPLE_FILES.map((f) => JSON.parse(readFileSync(path.join(EXAMPLES, f), 'utf8')) as unknown);
let written = 0;
const file = (name: string, content: string | Uint8Array) => {
  written += 1;
  const p = path.join(tmp, `${written}-${name}`);
  writeFileSync(p, content);
  return p;
};

async function cli(args: string[], input?: string | Uint8Array) {
  const started = performance.now();
  const run = await runCli(args, input === undefined ? {} : { input });
  return { ...run, ms: performance.now() - started };
}

const since = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

// Generous bounds: each of these takes well under a second on a loaded machine.
const BOUND_MS = 30_000;

// ------------------------------------------------------------------------------------------ snapshots

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type PathTo = (string | number)[];

/** Every path to a value in a JSON document (objects and arrays included). */
function paths(value: Json, at: PathTo = [], out: PathTo[] = []): PathTo[] {
  out.push(at);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...at, i], out);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function getAt(doc: Json, at: PathTo): Json {
  let v = doc;
  for (const k of at) v = (v as Record<string | number, Json>)[k] as Json;
  return v;
}

function setAt(doc: Json, at: PathTo, value: Json | undefined): Json {
  if (at.length === 0) return value ?? null;
  const parent = getAt(doc, at.slice(0, -1)) as Record<string | number, Json> | Json[];
  const key = at[at.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string, Json>)[key];
  } else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  return doc;
}

function deep(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const OTHER_TYPES: Json[] = [null, 0, -1, 1e308, 1.5, '', 'x', '💥', true, false, [], {}, [1, 'a'], { state: 'ok' }];

type SnapshotMutation = (doc: Json, rnd: Random) => { doc: Json; text?: string; what: string; notPass?: string[] };

const SNAPSHOT_MUTATIONS: Record<string, SnapshotMutation> = {
  'wrong type': (doc, rnd) => {
    const at = pick(rnd, paths(doc).slice(1));
    const value = pick(rnd, OTHER_TYPES);
    return { doc: setAt(doc, at, structuredClone(value)), what: `${at.join('.')} = ${JSON.stringify(value)}` };
  },
  deletion: (doc, rnd) => {
    const at = pick(rnd, paths(doc).slice(1));
    return { doc: setAt(doc, at, undefined), what: `delete ${at.join('.')}` };
  },
  'huge string': (doc, rnd) => {
    const strings = paths(doc).filter((p) => typeof getAt(doc, p) === 'string');
    const at = pick(rnd, strings);
    const size = pick(rnd, [64 * 1024, 1024 * 1024, 4 * 1024 * 1024]);
    return {
      doc: setAt(doc, at, `${'A'.repeat(size - 20)} failed to logon user: Access is denied.`),
      what: `${at.join('.')} = ${size} bytes`,
    };
  },
  'deep nesting': (doc, rnd) => {
    const at = pick(rnd, paths(doc).slice(1));
    const depth = pick(rnd, [1000, 10_000, 100_000]);
    const kind = pick(rnd, ['array', 'object'] as const);
    const marker = '"__deep__"';
    const text = JSON.stringify(setAt(doc, at, '__deep__')).replace(marker, deep(depth, kind));
    return { doc, text, what: `${at.join('.')} nested ${depth} deep (${kind})` };
  },
  '__proto__ key': (doc, rnd) => {
    const objects = paths(doc).filter((p) => {
      const v = getAt(doc, p);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    const at = pick(rnd, objects);
    const key = pick(rnd, ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']);
    const value: Json = pick(rnd, [{ polluted: true }, { state: 'ok', value: { polluted: true } }, 'x', null]);
    setAt(doc, [...at, key], value);
    return { doc, what: `${[...at, key].join('.')} = ${JSON.stringify(value)}` };
  },
  'fact state unreadable': (doc, rnd) => {
    const facts = Object.keys(JUDGED_BY).filter((f) => {
      const v = getAt(doc, f.split('.')) as Record<string, Json> | null | undefined;
      return v !== null && v !== undefined && typeof v === 'object' && typeof v.state === 'string';
    });
    const fact = pick(rnd, facts);
    const state = pick(rnd, ['timeout', 'error', 'denied'] as const);
    const value = getAt(doc, fact.split('.')) as Record<string, Json>;
    value.state = state;
    value.reason = 'fuzz';
    delete value.value;
    return { doc, what: `${fact}.state = ${state}`, notPass: JUDGED_BY[fact] ?? [] };
  },
};

/** The checks that judge each fact: none of them may pass when the fact could not be read. */
const JUDGED_BY: Record<string, string[]> = {
  os: ['os-build'],
  bindFilterDll: ['bind-filter'],
  'containerd.service': ['containerd-service'],
  'containerd.version': ['containerd-version'],
  'containerd.serviceAccount': ['containerd-service-account'],
  // (containerd-hostprocess-annotations passes on containerd 1.6 and later without reading the config.)
  'containerd.config': ['containerd-config', 'containerd-default-runtime'],
  'shim.version': ['runhcs-shim'],
  'kubelet.version': ['kubelet-version'],
  'kubelet.service': ['kubelet-service'],
  localGroups: ['local-groups'],
};

test.serial(
  'fuzz: bad snapshots (wrong types, deletions, huge strings, deep nesting, __proto__ keys, unreadable facts)',
  async (t) => {
    const started = performance.now();
    t.timeout(120_000);
    const rnd = random(1);
    const counts: Record<string, number> = {};
    const exits: Record<number, number> = {};
    for (const [kind, mutate] of Object.entries(SNAPSHOT_MUTATIONS)) {
      const n = kind === 'huge string' || kind === 'deep nesting' ? 12 : 25;
      for (let i = 0; i < n; i++) {
        const base = structuredClone(pick(rnd, examples)) as Json;
        const { doc, text, what, notPass } = mutate(base, rnd);
        const p = file('snapshot.json', text ?? JSON.stringify(doc));
        const run = await cli(['analyze', p, '--json']);
        holdsContract(t, `snapshot ${kind}: ${what.slice(0, 200)}`, run, {
          json: true,
          report: schemaErrors,
          boundMs: BOUND_MS,
          exits: [0, 1, 2, 4],
          ...(notPass ? { notPass } : {}),
        });
        if (run.exitCode === 2) t.regex(run.stderr, /snapshot|\.json/, `${kind}: the error names the snapshot`);
        counts[kind] = (counts[kind] ?? 0) + 1;
        exits[run.exitCode] = (exits[run.exitCode] ?? 0) + 1;
      }
    }
    // Not JSON at all, or not an object.
    for (const [what, content] of [
      ['empty', ''],
      ['binary', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) & 0xff))],
      ['cut in half', JSON.stringify(examples[0]).slice(0, 2000)],
      ['an array', '[]'],
      ['a number', '42'],
      ['UTF-16 without a BOM', Buffer.from(JSON.stringify(examples[0]), 'utf16le')],
    ] as const) {
      const run = await cli(['analyze', file('snapshot.json', content), '--json']);
      holdsContract(t, `snapshot ${what}`, run, { json: true, boundMs: BOUND_MS, exits: [2] });
      counts.unreadable = (counts.unreadable ?? 0) + 1;
    }
    t.log(`snapshots: ${JSON.stringify(counts)}; exit codes ${JSON.stringify(exits)}; ${since(started)}`);
  },
);

// ------------------------------------------------------------------------------------------ containerd configs

const CRI = '[plugins."io.containerd.grpc.v1.cri".containerd]';

function configs(rnd: Random): [string, string | Uint8Array][] {
  const junk = Array.from({ length: 2000 }, () => String.fromCharCode(int(rnd, 32, 126))).join('');
  return [
    ['type confusion: plugins', 'version = 2\nplugins = "x"\n'],
    ['type confusion: default_runtime_name', `version = 2\n${CRI}\ndefault_runtime_name = 5\n`],
    ['disabled CRI', 'version = 2\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n'],
    ['imports a directory', `version = 2\nimports = [${JSON.stringify(tmp)}]\n`],
    ['imports /dev/zero', 'version = 2\nimports = ["/dev/zero"]\n'],
    ['an unclosed template on a 200 KB line', `version = 2\nx = "${'{{ '.repeat(70_000)}"\n`],
    ['inline tables 1000 deep', `version = 2\nx = ${'{a = '.repeat(1000)}1${'}'.repeat(1000)}\n`],
    ['arrays 10000 deep', `version = 2\nx = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['3000 unknown tables', `version = 2\n${Array.from({ length: 3000 }, (_, i) => `[t${i}]\nk = ${i}\n`).join('')}`],
    ['a huge string value', `version = 2\n${CRI}\nsnapshotter = "${'s'.repeat(4 * 1024 * 1024)}"\n`],
    ['a 2^63 integer', 'version = 9223372036854775807\n'],
    [
      '__proto__ table',
      `version = 2\n[__proto__.plugins."io.containerd.grpc.v1.cri".containerd]\ndefault_runtime_name = "x"\n`,
    ],
    ['random printable junk', junk],
    ['binary', Buffer.from(Array.from({ length: 3000 }, () => int(rnd, 0, 255)))],
    ['UTF-16 without a BOM', Buffer.from(`version = 2\n${CRI}\n`, 'utf16le')],
  ];
}

test.serial('fuzz: bad containerd configs', async (t) => {
  const started = performance.now();
  t.timeout(120_000);
  const rnd = random(2);
  let n = 0;
  for (const [what, content] of configs(rnd)) {
    const run = await cli([
      'analyze',
      '--containerd-config',
      file('config.toml', content),
      '--containerd-version',
      '1.7.20',
      '--json',
    ]);
    holdsContract(t, `config ${what}`, run, {
      json: true,
      report: schemaErrors,
      boundMs: BOUND_MS,
      exits: [0, 1, 2, 4],
    });
    n += 1;
  }
  t.log(`containerd configs: ${n}; ${since(started)}`);
});

// ------------------------------------------------------------------------------------------ flag values

const HUGE = 'a'.repeat(120 * 1024);
const SNAPSHOT = path.join(EXAMPLES, 'healthy-1.7.json');
const FLAG_VALUES: Record<string, string[]> = {
  '--check-timeout': ['', '0', '-1s', '1ms', '10m', '11m', '9999999h', '1e9h', 'abc', '5', '1.5s', HUGE],
  '--containerd-version': [
    'banana',
    '',
    'v',
    '1.7.20',
    'v1.7.20-beta.1+dirty',
    '1.7.20\u0000',
    '∞',
    '99999999999999999999.1.1',
    `1.${HUGE}`,
  ],
  '--kubelet-version': ['v1.29.3', 'v0.0.0', '1', 'v1.29.3.4.5', '', HUGE],
  '--service-account': [
    '',
    'LocalSystem',
    'S-1-5-18',
    'S-1-5-20',
    '.\\admin',
    'NT AUTHORITY\\SYSTEM',
    'user@domain',
    '"quoted"',
    HUGE,
  ],
  '--os-build': ['17763', '2004', '21H2', '20348.2849', '10.0.20348.2849', 'abc', '-1', '1'.repeat(1000), HUGE],
  '--kubelet-flags': [
    '',
    '--v=2',
    '--cgroups-per-qos=true',
    '--feature-gates=WindowsHostProcessContainers=false',
    '--feature-gates==,,=',
    `${'--v=2 '.repeat(20_000)}`,
    `--x=${HUGE}`,
    '@/no/such/file',
    '@/dev/zero',
  ],
  '--group': ['', 'hpc readers', 'Administrators', HUGE],
};

test.serial('fuzz: bad flag values (durations, versions, accounts, builds, kubelet flags, huge values)', async (t) => {
  const started = performance.now();
  t.timeout(120_000);
  let n = 0;
  for (const [flag, values] of Object.entries(FLAG_VALUES)) {
    for (const value of values) {
      const run = await cli(['analyze', SNAPSHOT, flag, value, '--json']);
      const name = `${flag} ${JSON.stringify(value.slice(0, 40))}${value.length > 40 ? `… (${value.length})` : ''}`;
      holdsContract(t, name, run, { json: true, report: schemaErrors, boundMs: BOUND_MS, exits: [0, 1, 2, 4] });
      if (run.exitCode === 2)
        t.true(
          run.stderr.includes(flag.replace(/^--/, '')),
          `${name}: the error names the flag: ${run.stderr.slice(0, 200)}`,
        );
      n += 1;
    }
  }
  t.log(`flag values: ${n}; ${since(started)}`);
});

// ------------------------------------------------------------------------------------------ explain input

function explainInputs(rnd: Random): [string, string | Uint8Array][] {
  const samples = CATALOGUE.flatMap((e) => e.patterns.map((p) => sampleOf(p.re, rnd) ?? ''));
  const nearMisses = samples.map((s) => `${s.slice(0, -2)}#`).join('\n');
  const message = 'failed to create user process token: failed to logon user: Access is denied.';
  return [
    ['binary', Buffer.from(Array.from({ length: 64 * 1024 }, () => int(rnd, 0, 255)))],
    [
      'invalid UTF-8 after good text',
      Buffer.concat([Buffer.from(`${message}\n`.repeat(100)), Buffer.from([0xc3, 0x28])]),
    ],
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${message}\r\n`, 'utf16le')])],
    ['a 4 MB line holding the message', `${'x'.repeat(2 * 1024 * 1024)} ${message} ${'y'.repeat(2 * 1024 * 1024)}`],
    ['130,000 matches on one line', `${message} `.repeat(130_000)],
    ['100,000 lines of the message', `level=error msg="${message}"\n`.repeat(100_000)],
    ['near-misses of every pattern', nearMisses.repeat(20)],
    ['every pattern, hard-wrapped at 13 columns', hardWrap(samples.join(' '), 13)],
    ['CR line ends only', `${samples.join('\r')}\r`],
    ['ANSI colours and zero-width characters', samples.map((s) => `\u001b[31m${s}\u200b\u001b[0m`).join('\n')],
    ['NUL bytes', `a\u0000b ${message}`],
    ['only blanks', ' \t\n\r\n   \n'],
    ['an unclosed OSC sequence', `\u001b]0;${'t'.repeat(100_000)}\n${message}`],
  ];
}

test.serial('fuzz: explain input (binary, huge lines, many hits, adversarial near-misses)', async (t) => {
  const started = performance.now();
  t.timeout(120_000);
  const rnd = random(3);
  let n = 0;
  for (const [index, [what, content]] of explainInputs(rnd).entries()) {
    // Every input as a file; every other one on stdin too.
    for (const via of index % 2 === 0 ? (['file', 'stdin'] as const) : (['file'] as const)) {
      const args =
        via === 'stdin' ? ['explain', '--json'] : ['explain', '--json', '--file', file('input.log', content)];
      const run = await cli(args, via === 'stdin' ? content : undefined);
      holdsContract(t, `explain ${what} (${via})`, run, { json: true, boundMs: 60_000, exits: [0, 1, 2] });
      n += 1;
    }
  }
  t.log(`explain inputs: ${n}; ${since(started)}`);
});

// ------------------------------------------------------------------------------------------ fleet input

async function reports(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const name of EXAMPLE_FILES) {
    const run = await runCli(['analyze', path.join(EXAMPLES, name), '--json']);
    out.push(JSON.parse(run.stdout) as Record<string, unknown>);
  }
  return out;
}

test.serial('fuzz: fleet input (wrong-typed report fields, cut documents, binary)', async (t) => {
  const started = performance.now();
  t.timeout(120_000);
  const rnd = random(4);
  const base = await reports();
  const cases: [string, string | Uint8Array][] = [];
  const fields: PathTo[] = [
    ['node', 'name'],
    ['node', 'containerdVersion'],
    ['node', 'osBuild'],
    ['node'],
    ['verdict'],
    ['summary'],
    ['results'],
    ['startedAt'],
    ['schemaVersion'],
    ['notSeen'],
  ];
  for (const at of fields) {
    for (const value of [5, { a: 1 }, ['x'], null, true, '', 'x'.repeat(10_000)] as Json[]) {
      const report = structuredClone(pick(rnd, base)) as Json;
      setAt(report, at, structuredClone(value));
      cases.push([`${at.join('.')} = ${JSON.stringify(value).slice(0, 30)}`, `${JSON.stringify(report)}\n`]);
    }
  }
  const ndjson = base.map((r) => JSON.stringify(r)).join('\n');
  cases.push(
    ['cut documents', base.map((r) => JSON.stringify(r).slice(0, int(rnd, 10, 3000))).join('\n')],
    ['binary', Buffer.from(Array.from({ length: 32 * 1024 }, () => int(rnd, 0, 255)))],
    ['an unclosed brace then noise', `{\n${'noise line\n'.repeat(10_000)}`],
    ['one 4 MB line', `{${'"a":1,'.repeat(700_000)}"b":2}\n`],
    [
      'kubectl prefixes and log noise',
      base.map((r, i) => `[pod/doctor-${i}/doctor] ${JSON.stringify(r)}\nhostprocess-doctor: run failed`).join('\n'),
    ],
    ['pretty-printed reports', base.map((r) => JSON.stringify(r, null, 2)).join('\n')],
    ['reports with CRLF and a BOM', `\uFEFF${ndjson.replace(/\n/g, '\r\n')}`],
  );
  let n = 0;
  for (const [what, content] of cases) {
    for (const json of [false, true]) {
      const args = json ? ['fleet', '-', '--json'] : ['fleet', '-'];
      const run = await cli(args, content);
      holdsContract(t, `fleet ${what}${json ? ' --json' : ''}`, run, { json, boundMs: BOUND_MS, exits: [0, 1, 2, 4] });
      n += 1;
    }
  }
  const run = await cli(['fleet', file('reports.ndjson', ndjson), '--json']);
  holdsContract(t, 'fleet a good file', run, { json: true, boundMs: BOUND_MS, exits: [1] });
  t.log(`fleet inputs: ${n + 1}; ${since(started)}`);
});

// ------------------------------------------------------------------------------------------ textfile directories

test.serial('fuzz: odd --textfile-dir targets', async (t) => {
  const started = performance.now();
  const snapshot = path.join(EXAMPLES, 'healthy-1.7.json');
  const dirWithPromDir = mkdtempSync(path.join(tmp, 'prom-dir-'));
  mkdirSync(path.join(dirWithPromDir, 'hostprocess_doctor.prom'));
  const dangling = path.join(tmp, 'dangling');
  symlinkSync(path.join(tmp, 'no-such-target'), dangling);
  const fileInPlace = file('not-a-dir', 'x');
  const good = mkdtempSync(path.join(tmp, 'textfile-'));
  const cases: [string, string, number[]][] = [
    ['missing', path.join(tmp, 'missing-dir'), [2]],
    ['a file', fileInPlace, [2]],
    ['empty', '', [2]],
    ['blank', '   ', [2]],
    ['a dangling link', dangling, [2]],
    ['/proc', '/proc', [2]],
    ['.prom is a directory', dirWithPromDir, [0, 2, 4]],
    ['a good directory', good, [0, 4]],
  ];
  for (const [what, dir, exits] of cases) {
    const run = await cli(['analyze', snapshot, '--json', '--textfile-dir', dir]);
    holdsContract(t, `textfile ${what}`, run, { json: true, report: schemaErrors, boundMs: BOUND_MS, exits });
    if (run.exitCode === 2) t.regex(run.stderr, /textfile-dir/, what);
  }
  t.true(readdirSync(good).includes('hostprocess_doctor.prom'));
  t.log(`textfile dirs: ${cases.length}; ${since(started)}`);
});

// ------------------------------------------------------------------------------------------ blocking inputs

test.serial(
  'fuzz: a FIFO, a device or a directory wherever a file is named: refused at once (fuzz D9, D14)',
  async (t) => {
    const started = performance.now();
    const fifo = path.join(tmp, 'fifo');
    execFileSync('mkfifo', [fifo]);
    let n = 0;
    for (const target of [fifo, '/dev/zero', '/dev/urandom', tmp]) {
      for (const args of [
        ['analyze', target, '--json'],
        ['analyze', '--kubelet-flags', `@${target}`, '--json'],
        ['analyze', '--kubelet-config', target, '--json'],
        ['explain', '--file', target, '--json'],
        ['explain', 'x', '--snapshot', target, '--json'],
        ['fleet', target === tmp ? fifo : target, '--json'],
      ]) {
        const run = await cli(args);
        holdsContract(t, args.join(' '), run, { json: true, boundMs: BOUND_MS, exits: [2] });
        t.regex(run.stderr, /named pipe|device|directory|not a (regular )?file/, args.join(' '));
        n += 1;
      }
    }
    t.log(`blocking inputs: ${n}; ${since(started)}`);
  },
);
