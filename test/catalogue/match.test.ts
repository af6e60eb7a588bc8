/**
 * The matcher: negative controls, whole logs with many messages, normalisation, and messages written
 * differently from every example in the catalogue's own table.
 */
import { createRequire } from 'node:module';
import test, { type ExecutionContext } from 'ava';
import { ANCHORS } from '../../src/catalogue/anchors.generated.js';
import { CATALOGUE, type CatalogueEntry, entryById } from '../../src/catalogue/entries.js';
import {
  anchorsOf,
  countLines,
  explainText,
  MAX_MATCH_CHARS,
  MAX_ROW_CHARS,
  type Match,
  Matcher,
  normaliseLines,
} from '../../src/catalogue/match.js';
import { hardWrap, wordWrap } from '../explain/helpers.js';
import { referenceCountLines, referenceExplain } from '../fuzz/reference-explain.js';
import { int, longestMatchLength, pick, type Random, random, sampleOf } from '../fuzz/regex-sample.js';

const ids = (text: string) => explainText(text).map((m) => m.entry.id);

// ------------------------------------------------------------------------------ negative controls

const NEGATIVE: { name: string; text: string }[] = [
  {
    name: 'an ordinary pod: hcs::CreateComputeSystem Access is denied',
    text: 'Error: failed to create containerd task: failed to create shim task: hcs::CreateComputeSystem 2b4c6d8e0f1a: Access is denied.: unknown',
  },
  {
    name: 'an ordinary pod: The directory name is invalid',
    text: 'Error: failed to create containerd task: failed to create shim: hcs::CreateComputeSystem ping-test2: The directory name is invalid.: unknown',
  },
  { name: 'Access is denied alone', text: 'Access is denied.' },
  { name: 'The directory name is invalid alone', text: 'The directory name is invalid.' },
  {
    name: 'a Copy-Item access error outside C:\\hpc',
    text: "cp : Access to the path 'C:\\etc\\kube-flannel\\net-conf.json' is denied.",
  },
  {
    name: 'a Linux token error',
    text: 'open /var/run/secrets/kubernetes.io/serviceaccount/token: no such file or directory',
  },
  {
    name: 'a PodSecurity violation by privileged',
    text: 'pods "x" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "x" must set securityContext.allowPrivilegeEscalation=false)',
  },
  {
    name: 'an image pull failure',
    text: '  Warning  Failed  2s  kubelet  Failed to pull image "mcr.microsoft.com/windows/nanoserver:ltsc2022": rpc error: code = NotFound desc = failed to pull and unpack image',
  },
  {
    name: 'healthy containerd log lines',
    text: 'time="2024-01-01T00:00:00Z" level=info msg="containerd successfully booted in 0.365000s"\ntime="2024-01-01T00:00:01Z" level=info msg="Start event monitor"',
  },
  { name: 'whoami of a HostProcess pod', text: 'nt authority\\system' },
];

for (const c of NEGATIVE) {
  test(`negative control: ${c.name}`, (t) => {
    const matches = explainText(c.text);
    t.true(
      matches.every((m) => m.confidence === 'low'),
      matches.map((m) => `${m.entry.id}/${m.confidence}`).join(', '),
    );
    for (const m of matches) {
      t.not(m.confidence, 'high', `${m.entry.id} must not be high`);
      t.false(
        m.entry.checks.includes('containerd-service-account'),
        `${m.entry.id} must not blame the service account`,
      );
      t.false(m.entry.checks.includes('local-groups'), `${m.entry.id} must not blame local groups`);
    }
  });
}

test('negative controls get the generic HCS answer, not a HostProcess one', (t) => {
  const [top, ...rest] = explainText(NEGATIVE[0]?.text ?? '');
  t.is(top?.entry.id, 'hcs-create-compute-system');
  t.false(top?.entry.hostProcess);
  t.deepEqual(rest, []);
  t.deepEqual(ids('Access is denied.'), []);
  t.deepEqual(ids('The directory name is invalid.'), []);
});

// ------------------------------------------------------------------------------ whole logs

const KUBECTL_DESCRIBE = `Name:             hpc-agent-7d9fk
Namespace:        kube-system
Priority:         0
Node:             akswin000003/10.240.0.35
Containers:
  agent:
    Container ID:   containerd://4c1d2e3f
    Image:          example.azurecr.io/hpc-agent:v2
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       StartError
      Message:      failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown
      Exit Code:    128
Events:
  Type     Reason     Age                From               Message
  ----     ------     ----               ----               -------
  Normal   Scheduled  2m                 default-scheduler  Successfully assigned kube-system/hpc-agent-7d9fk to akswin000003
  Normal   Pulled     2m                 kubelet            Container image "example.azurecr.io/hpc-agent:v2" already present on machine
  Normal   Created    90s (x4 over 2m)   kubelet            Created container agent
  Warning  Failed     90s (x4 over 2m)   kubelet            Error: failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown
  Warning  BackOff    10s (x9 over 2m)   kubelet            Back-off restarting failed container agent in pod hpc-agent-7d9fk_kube-system(0d3c)
`;

test('a kubectl describe pod output: one cause, counted twice, excerpt from the first place', (t) => {
  const matches = explainText(KUBECTL_DESCRIBE);
  t.deepEqual(
    matches.map((m) => m.entry.id),
    ['logon-access-denied'],
  );
  t.is(matches[0]?.occurrences, 2);
  t.is(matches[0]?.line, 13);
  t.regex(matches[0]?.excerpt ?? '', /Message: failed to create containerd task/);
});

test('a whole containerd log with several different messages: all found, best first', (t) => {
  const log = [
    'time="2024-05-01T10:00:00.000000000Z" level=info msg="starting containerd" revision=8fc6bcff version=v1.7.20',
    'time="2024-05-01T10:00:01.000000000Z" level=warning msg="job container mount destination exists and will be shadowed" destination="C:\\\\var\\\\lib\\\\app"',
    'time="2024-05-01T10:00:02.000000000Z" level=error msg="StartContainer for \\"a1\\" failed" error="failed to create containerd task: failed to create shim task: hcs::CreateComputeSystem a1: The directory name is invalid.: unknown"',
    'time="2024-05-01T10:00:03.000000000Z" level=info msg="RunPodSandbox for &PodSandboxMetadata{Name:hpc-0,Uid:1,Namespace:kube-system,Attempt:0,}"',
    'time="2024-05-01T10:00:04.000000000Z" level=error msg="StartContainer for \\"b2\\" failed" error="failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown"',
    'time="2024-05-01T10:00:05.000000000Z" level=error msg="StartContainer for \\"b3\\" failed" error="failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown"',
    'time="2024-05-01T10:00:06.000000000Z" level=error msg="StartContainer for \\"c4\\" failed" error="failed to start containerd task \\"app\\": failed to get application name from commandline \\"/app/run.exe\\": failed to find executable \\"\\\\\\\\app\\\\\\\\run.exe\\": unknown"',
  ].join('\n');
  const matches = explainText(log);
  t.deepEqual(
    matches.map((m) => `${m.entry.id}/${m.confidence}`),
    [
      'logon-access-denied/high',
      'failed-to-find-executable/high',
      'mount-shadows-host-dir/medium',
      'hcs-create-compute-system/low',
    ],
  );
  t.is(matches[0]?.occurrences, 2);
  t.is(matches[0]?.line, 5);
});

test('a fallback entry stays where no specific entry matched the same lines', (t) => {
  const log = [
    'failed to create user process token: failed to logon user: Access is denied.: unknown',
    'failed to create user process token: failed to logon user: The referenced account is currently locked out and may not be logged on to.: unknown',
  ].join('\n');
  const matches = explainText(log);
  t.deepEqual(
    matches.map((m) => m.entry.id),
    ['logon-access-denied', 'logon-failed'],
  );
  t.is(matches[1]?.line, 2);
  t.is(matches[1]?.occurrences, 1);
});

test('a pattern never joins two messages far apart in a long log', (t) => {
  const filler = Array.from(
    { length: 20 },
    (_, i) => `I0101 00:00:${String(i).padStart(2, '0')}.000000 1 main.go:1] tick`,
  );
  const log = [
    'failed to bind target "\\\\?\\Volume{x}\\" to root "C:\\a"',
    ...filler,
    'for job object: something else',
  ].join('\n');
  t.false(ids(log).includes('bind-filter-attach'));
});

test('a long klog line wrapped by an 80-column console over several lines still matches', (t) => {
  const line =
    'E0412 08:15:23.123456    4321 pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"agent\\" with RunContainerError: \\"failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown\\"" pod="kube-system/hpc-agent-abcde" podUID="0b5c6d1e-8f0a-4b7c-9d3e-2f1a0c9b8e7d"';
  for (const wrapped of [hardWrap(line, 80), wordWrap(line, 80), wordWrap(line, 60, false)]) {
    t.deepEqual(ids(wrapped), ['logon-access-denied']);
  }
});

// ------------------------------------------------------------------------------ normalisation

test('BOM, ANSI colours, CRLF and tabs are removed before matching', (t) => {
  const coloured =
    '\uFEFF\u001b[31mWarning\u001b[0m\tFailed\t12s\tkubelet\tError: failed to create user process token: failed to logon\r\n user: Access is denied.: unknown\r\n';
  const matches = explainText(coloured);
  t.is(matches[0]?.entry.id, 'logon-access-denied');
  t.false((matches[0]?.excerpt ?? '').includes('\u001b'));
  t.deepEqual(normaliseLines('a\r\nb\rc\n'), ['a', 'b', 'c', '']);
  t.is(countLines('a\nb\n'), 2);
  t.is(countLines('one line'), 1);
});

test('a long excerpt is cut around the match', (t) => {
  const text = `${'x'.repeat(2000)} hostNetwork must be true if pod contains any hostProcess containers ${'y'.repeat(2000)}`;
  const [m] = explainText(text);
  t.truthy(m);
  t.true((m?.excerpt.length ?? 0) < 500);
  t.regex(m?.excerpt ?? '', /^….*hostNetwork must be true.*…$/);
});

test('matching a large log stays fast', (t) => {
  const noise = Array.from(
    { length: 20_000 },
    (_, i) =>
      `time="2024-05-01T10:00:00Z" level=info msg="ImageCreate event name:\\"sha256:${i.toString(16).padStart(64, '0')}\\""`,
  );
  noise.splice(
    10_000,
    0,
    'error="failed to create user process token: failed to logon user: Access is denied.: unknown"',
  );
  const started = performance.now();
  const matches = explainText(noise.join('\n'));
  const elapsed = performance.now() - started;
  t.is(matches[0]?.entry.id, 'logon-access-denied');
  t.is(matches[0]?.line, 10_001);
  t.true(elapsed < 10_000, `took ${Math.round(elapsed)} ms`);
});

// ------------------------------------------------------------------------------ unseen messages

/**
 * Messages written independently of the catalogue's examples: other ids, names, quoting, prefixes and
 * wrapping. Each must find its entry.
 */
const UNSEEN: { expect: string; text: string }[] = [
  {
    expect: 'logon-access-denied',
    text: 'Events:\n  Type     Reason   Age   From     Message\n  ----     ------   ----  ----     -------\n  Warning  Failed   1s    kubelet  Error: failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon\n           user: Access is denied.: unknown',
  },
  {
    expect: 'logon-access-denied',
    text: '{"lastState":{"terminated":{"exitCode":128,"message":"failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown","reason":"StartError"}}}',
  },
  {
    expect: 'pod-security-baseline',
    text: 'Error creating: pods "csi-proxy-9w7qz" is forbidden: violates PodSecurity "baseline:v1.30": hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true), host namespaces (hostNetwork=true)',
  },
  {
    expect: 'failed-to-find-executable',
    text: 'Error: failed to start containerd task "kube-proxy": failed to get application name from commandline "/k/kube-proxy/start.ps1": failed to find executable "\\\\k\\\\kube-proxy\\\\start.ps1": unknown',
  },
  {
    expect: 'bind-filter-attach',
    text: 'failed to create shim task: failed to bind target "\\\\?\\Volume{9c1b8a2e-0000-4000-8000-00000000beef}\\" to root "E:\\winfsp\\share" for job object: Do not attach the filter to the volume at this time.: unknown',
  },
  {
    expect: 'service-account-token-path',
    text: 'F1203 07:44:10.000100    6012 main.go:55] unable to load in-cluster configuration: open /var/run/secrets/kubernetes.io/serviceaccount/token: The system cannot find the path specified.',
  },
  {
    expect: 'kubelet-cgroups-per-qos',
    text: 'kubelet.exe : F0301 12:00:00.000001    7777 server.go:262] [invalid configuration: CgroupsPerQOS (--cgroups-per-qos) true is not supported on Win\ndows]',
  },
  {
    expect: 'uvm-hostprocess',
    text: 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to create containerd task: failed to create shim task: UVM does not support HostProcess containers: unknown',
  },
  {
    expect: 'hpc-path-layout',
    text: "Get-Content : Cannot find path 'C:\\hpc\\var\\lib\\kube-proxy\\kubeconfig.conf' because it does not exist.\nAt C:\\hpc\\kube-proxy\\start.ps1:12 char:1",
  },
];

for (const [i, c] of UNSEEN.entries()) {
  test(`unseen message ${i + 1} is explained as ${c.expect}`, (t) => {
    t.is(explainText(c.text)[0]?.entry.id, c.expect, ids(c.text).join(', '));
  });
}

test('every domain.md §8 message (and its look-alike) maps to its entry', (t) => {
  const section8: [string, string][] = [
    ['failed to create user process token: failed to logon user: Access is denied.: unknown', 'logon-access-denied'],
    [
      'failed to create user process token: failed to logon user: The user name or password is incorrect.',
      'logon-missing-local-group',
    ],
    [
      'open /var/run/secrets/kubernetes.io/serviceaccount/token: The system cannot find the path specified.',
      'service-account-token-path',
    ],
    ['hostNetwork must be true if pod contains any hostProcess containers', 'host-network-required'],
    [
      'If pod contains any hostProcess containers then all containers must be HostProcess containers',
      'all-containers-hostprocess',
    ],
    [
      'pod spec and all containers inside must have the HostProcess field set to be valid',
      'all-containers-hostprocess',
    ],
    [
      'cannot create a normal process isolated container if the pod sandbox is a job container running on host',
      'all-containers-hostprocess',
    ],
    ['hostProcess containers are disallowed by cluster policy', 'disallowed-by-cluster-policy'],
    [
      'pods "x" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true), hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)',
      'pod-security-baseline',
    ],
    ['named pipe mounts not supported for job containers - interact with the pipe directly', 'named-pipe-mount'],
    [
      'failed to create containerd task: failed to create shim task: failed to bind target "\\\\?\\Volume{1}\\" to root "C:\\UnrealEngine" for job object: Do not attach the filter to the volume at this time.: unknown',
      'bind-filter-attach',
    ],
    [
      'PermissionDenied: (C:\\hpc\\etc\\kube-flannel\\net-conf.json:FileInfo) [Copy-Item], UnauthorizedAccessException',
      'hpc-path-layout',
    ],
    ["Cannot find path 'C:\\hpc\\mounts\\x'", 'hpc-path-layout'],
    ['bindfilter.ApplyFileBinding: Access is denied.', 'bindfilter-inside-hostprocess'],
    ['UVM does not support HostProcess containers', 'uvm-hostprocess'],
    [
      'specified annotations conflict: host process container annotations "microsoft.com/disable-hostprocess-container" = "true" and "microsoft.com/hostprocess-container" = "true"',
      'conflicting-hostprocess-annotations',
    ],
    ['hcs::CreateComputeSystem abc: Access is denied.: unknown', 'hcs-create-compute-system'],
  ];
  for (const [text, id] of section8) t.is(explainText(text)[0]?.entry.id, id, text);
  t.is(entryById('hcs-create-compute-system')?.confidence, 'low');
  t.is(CATALOGUE.length, new Set(CATALOGUE.map((e) => e.id)).size);
});

// ------------------------------------------------------------------------------ anchors

test('the build-time anchors table holds what anchorsOf reads from every catalogue pattern', (t) => {
  const patterns = CATALOGUE.flatMap((e) => e.patterns.map((p) => p.re));
  for (const re of patterns) t.deepEqual(ANCHORS[`${re.flags}/${re.source}`], anchorsOf(re), re.source);
  t.is(Object.keys(ANCHORS).length, new Set(patterns.map((re) => `${re.flags}/${re.source}`)).size);
});

test('anchorsOf reads the literal every match must contain', (t) => {
  t.deepEqual(anchorsOf(/failed ?to ?logon ?user: ?Access ?is ?denied/i), ['denied']);
  // An alternation needs an anchor in every branch; a group that may be absent gives none.
  t.deepEqual(anchorsOf(/(?:alphabet|betamax) soup/), ['alphabet', 'betamax']);
  t.deepEqual(anchorsOf(/(?:alpha|beta) soupkitchen/), ['soupkitchen']);
  t.deepEqual(anchorsOf(/(?:alphabet|betamax)s?/)?.sort(), ['alphabet', 'betamax']);
  t.deepEqual(anchorsOf(/abc|defgh/)?.sort(), ['abc', 'defgh']);
  t.is(anchorsOf(/abc|x*/), undefined);
  t.deepEqual(anchorsOf(/(?:optional-group)?word/), ['word']);
  t.deepEqual(anchorsOf(/(?:optional-group)*wor/), ['wor']);
  // Escapes: \. is a literal dot, \d is not a literal, \\ and " never join an anchor.
  t.deepEqual(anchorsOf(/kubernetes\.io\d/), ['kubernetes.io']);
  t.deepEqual(anchorsOf(/abcd\\efg"hi/), ['abcd']);
  t.deepEqual(anchorsOf(/\x41\u0042cd/i), ['abcd']);
  // Quantified literals: a{2} counts once, a? ends the literal.
  t.deepEqual(anchorsOf(/xya{2}bcdefz/), ['bcdefz']);
  t.deepEqual(anchorsOf(/abcdef?gh/), ['abcde']);
  // Lookarounds and classes are not literals.
  t.deepEqual(anchorsOf(/(?=lookahead)[a-z]{3}tail/), ['tail']);
  t.deepEqual(anchorsOf(/(?<!behind)front/), ['front']);
  // Common log words give way to rarer literals of the same pattern.
  t.deepEqual(anchorsOf(/failed ?to ?load ?TOML/i), ['toml']);
  // Nothing literal, or a source it cannot read: no anchors (the pattern then runs everywhere).
  t.is(anchorsOf(/[a-z]+\d/), undefined);
  t.is(anchorsOf(/([a-z])\1/), undefined);
  t.deepEqual(anchorsOf(/(abc)\1/), ['abc']);
  const unicodeSets = 'v'; // a variable: TypeScript's target (ES2022) has no literal /…/v
  t.is(anchorsOf(new RegExp('literal', unicodeSets)), undefined);
});

test('every catalogue pattern has an anchor, and every match of it holds one (sampled matches)', (t) => {
  const rnd = random(20261201);
  let checked = 0;
  for (const entry of CATALOGUE) {
    for (const pattern of entry.patterns) {
      const anchors = anchorsOf(pattern.re);
      t.truthy(anchors && anchors.length > 0, `${entry.id} ${pattern.re.source}: no anchor, so it runs on every line`);
      if (!anchors) continue;
      const global = new RegExp(pattern.re.source, `${pattern.re.flags.replace(/[gy]/g, '')}g`);
      let samples = 0;
      for (let i = 0; i < 60; i++) {
        const sample = sampleOf(pattern.re, rnd);
        if (sample === undefined) continue;
        samples += 1;
        for (const m of sample.matchAll(global)) {
          const found = m[0].toLowerCase();
          t.true(
            anchors.some((a) => found.includes(a)),
            `${entry.id}: ${JSON.stringify(m[0])} holds none of ${JSON.stringify(anchors)}`,
          );
          checked += 1;
        }
      }
      t.true(samples > 0, `${entry.id} ${pattern.re.source}: no sample could be built`);
    }
  }
  t.true(checked > 1000, `${checked} matches checked`);
});

// ------------------------------------------------------------------------------ streaming = the reference

interface Shown {
  id: string;
  confidence: string;
  excerpt: string;
  matched: string;
  line: number;
  occurrences: number;
  score: number;
}
const shown = (matches: Match[]): Shown[] =>
  matches.map((m) => ({
    id: m.entry.id,
    confidence: m.confidence,
    excerpt: m.excerpt,
    matched: m.matched,
    line: m.line,
    occurrences: m.occurrences,
    score: m.score,
  }));

/** Feeds text in random pieces (line endings and surrogate pairs cut anywhere). */
function streamed(
  text: string,
  rnd: Random,
  sizes: Sizes = {},
  catalogue: readonly CatalogueEntry[] = CATALOGUE,
): Matcher {
  const matcher = new Matcher(catalogue, sizes);
  for (let i = 0; i < text.length; ) {
    const n = pick(rnd, [1, 2, 7, 80, 1000, 65_536]);
    matcher.write(text.slice(i, i + n));
    i += n;
  }
  matcher.end();
  return matcher;
}

const KNOWN_MESSAGES = [
  'failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown',
  'failed to create user process token: failed to logon user: The user name or password is incorrect.',
  'failed to create user process token: failed to logon user: The referenced account is currently locked out and may not be logged on to.: unknown',
  'open /var/run/secrets/kubernetes.io/serviceaccount/token: The system cannot find the path specified.',
  'hostNetwork must be true if pod contains any hostProcess containers',
  'failed to create shim task: failed to bind target "\\\\?\\Volume{9c1b8a2e}\\" to root "E:\\share" for job object: Do not attach the filter to the volume at this time.: unknown',
  'job container mount destination exists and will be shadowed',
  'failed to start containerd task "kube-proxy": failed to get application name from commandline "/k/kube-proxy/start.ps1": failed to find executable "\\\\k\\\\kube-proxy\\\\start.ps1": unknown',
  'hcs::CreateComputeSystem 2b4c6d8e0f1a: The directory name is invalid.: unknown',
  'pods "x" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true), hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)',
  '[invalid configuration: CgroupsPerQOS (--cgroups-per-qos) true is not supported on Windows, EnforceNodeAllocatable (--enforce-node-allocatable) [pods] is not supported on Windows]',
  'UVM does not support HostProcess containers',
];

const NOISE_WORDS = [
  'starting',
  'containerd',
  'plugin',
  'loading',
  'msg',
  'level=info',
  'pod',
  'sandbox',
  'the',
  'failed',
  'user',
  'job',
  'token',
  'access',
  'denied',
  'path',
  'hpc',
  'invalid',
  'toml',
];

function logfmtEscape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function messageLine(rnd: Random): string {
  const entry = pick(rnd, CATALOGUE);
  const body =
    rnd() < 0.5
      ? pick(rnd, KNOWN_MESSAGES)
      : (sampleOf(pick(rnd, entry.patterns).re, rnd) ?? pick(rnd, KNOWN_MESSAGES));
  switch (int(rnd, 0, 4)) {
    case 0:
      return body;
    case 1:
      return `time="2024-05-01T10:00:0${int(rnd, 0, 9)}Z" level=error msg="StartContainer failed" error="${logfmtEscape(body)}"`;
    case 2:
      return `  Warning  Failed  ${int(rnd, 1, 59)}s (x${int(rnd, 2, 9)} over 2m)  kubelet  Error: ${body}`;
    case 3:
      return `E0412 08:15:23.123456    4321 pod_workers.go:1298] "Error syncing pod" err="${logfmtEscape(body)}"`;
    default:
      return `${pick(rnd, NOISE_WORDS)} ${body} ${pick(rnd, NOISE_WORDS)}`;
  }
}

function noiseLine(rnd: Random): string {
  switch (int(rnd, 0, 5)) {
    case 0:
      return '';
    case 1:
      return '   \t ';
    case 2:
      return `\u001b[3${int(rnd, 0, 7)}m${pick(rnd, NOISE_WORDS)}\u001b[0m\t${pick(rnd, NOISE_WORDS)}`;
    default:
      return Array.from({ length: int(rnd, 1, 14) }, () => pick(rnd, NOISE_WORDS)).join(pick(rnd, [' ', '  ', '']));
  }
}

function randomDocument(rnd: Random): string {
  const lines: string[] = [];
  const count = int(rnd, 1, 120);
  for (let i = 0; i < count; i++) lines.push(rnd() < 0.25 ? messageLine(rnd) : noiseLine(rnd));
  let text = lines.join('\n');
  // Wrapped as consoles do, sometimes absurdly narrow (8 lines then hold less than one message).
  const wrap = int(rnd, 0, 3);
  const width = rnd() < 0.2 ? int(rnd, 5, 40) : int(rnd, 40, 120);
  if (wrap === 1) text = hardWrap(text, width);
  else if (wrap === 2) text = wordWrap(text, width, rnd() < 0.5);
  if (rnd() < 0.3) text = text.replace(/\n/g, '\r\n');
  if (rnd() < 0.2) text = `\uFEFF${text}`;
  if (rnd() < 0.5) text += '\n';
  return text;
}

type Sizes = { batchChars?: number; chunkChars?: number };

/**
 * Streams `count` generated documents through the matcher and compares each with the whole-text
 * reference (and its line count); stops at the first difference. Returns how many had matches.
 */
function sameAsReference(
  t: ExecutionContext,
  count: number,
  rnd: Random,
  documentOf: (rnd: Random) => string,
  sizesOf: (doc: number, rnd: Random) => Sizes,
): number {
  let withMatches = 0;
  for (let doc = 0; doc < count; doc++) {
    const text = documentOf(rnd);
    const expected = shown(referenceExplain(text));
    const sizes = sizesOf(doc, rnd);
    const matcher = streamed(text, rnd, sizes);
    const actual = shown(matcher.end());
    if (expected.length > 0) withMatches += 1;
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      t.deepEqual(actual, expected, `document ${doc} ${JSON.stringify(sizes)}: ${JSON.stringify(text.slice(0, 3000))}`);
      return withMatches;
    }
    t.is(matcher.lines, referenceCountLines(text), `document ${doc}: line count`);
  }
  return withMatches;
}

test('the streaming matcher gives exactly what the whole-text reference gives (400 random documents)', (t) => {
  // Half of them through tiny batches and windows, so their edges fall everywhere.
  const withMatches = sameAsReference(t, 400, random(7), randomDocument, (doc, rnd) =>
    doc % 2 === 0 ? {} : { batchChars: int(rnd, 1, 2000), chunkChars: int(rnd, 1, 3000) },
  );
  t.true(withMatches > 200, `${withMatches} documents had matches`);
});

/**
 * Lines of thousands of characters with messages anywhere in them, some cut by a line break, so that a
 * match spans a long line's end and the next line's start: a window reads only the context near its core.
 */
function longLineDocument(rnd: Random): string {
  const parts: string[] = [];
  for (let length = 0, target = int(rnd, 1000, 50_000); length < target; ) {
    const roll = rnd();
    let part = roll < 0.05 ? messageLine(rnd) : roll < 0.06 ? '\n' : noiseLine(rnd);
    if (roll < 0.05 && rnd() < 0.5 && part.length > 2) {
      const cut = int(rnd, 1, part.length - 1);
      part = `${part.slice(0, cut)}${pick(rnd, ['\n', '\r\n'])}${part.slice(cut)}`;
    }
    parts.push(part);
    length += part.length + 1;
  }
  return parts.join(' ');
}

test('long lines: what the whole-text reference finds, with windows that read only their context (80 documents)', (t) => {
  const withMatches = sameAsReference(t, 80, random(11), longLineDocument, (_doc, rnd) => ({
    batchChars: int(rnd, 1, 20_000),
    chunkChars: int(rnd, 1, 9000),
  }));
  t.true(withMatches > 40, `${withMatches} documents had matches`);
});

test('no pattern matches more than MAX_MATCH_CHARS, the context a window keeps rests on it', (t) => {
  t.is(longestMatchLength(/a(?:bc|d{2,5})?e\u00e9[^x]{0,3}(?!zz+)\b/), 1 + 5 + 1 + 1 + 3);
  t.is(longestMatchLength(/ab+/), Number.POSITIVE_INFINITY);
  let longest = 0;
  for (const entry of CATALOGUE)
    for (const pattern of entry.patterns) {
      const length = longestMatchLength(pattern.re);
      t.true(length <= MAX_MATCH_CHARS, `${entry.id} ${pattern.re.source}: up to ${length} characters`);
      longest = Math.max(longest, length);
    }
  t.log(`the longest possible match: ${longest} characters (bound ${MAX_MATCH_CHARS})`);
});

test('the result does not depend on how the text is cut into writes', (t) => {
  const rnd = random(99);
  const text = `${KNOWN_MESSAGES.join('\r\n')}\r\n${hardWrap(KNOWN_MESSAGES.join('\n'), 70)}`;
  const whole = shown(explainText(text));
  t.true(whole.length >= 8);
  for (let i = 0; i < 20; i++) t.deepEqual(shown(streamed(text, rnd).end()), whole);
  // A CR and its LF in two writes are one line end; a lone CR is a line end of its own.
  const m = new Matcher();
  m.write('a\r');
  m.write('\nb\rc');
  m.end();
  t.is(m.lines, 3);
});

// ------------------------------------------------------------------------------ linear, bounded

test('a message repeated 100,000 times: linear bookkeeping, every occurrence counted (fuzz D10)', (t) => {
  const line = 'level=error msg="failed to logon user: Access is denied."\n';
  const started = performance.now();
  const matcher = new Matcher();
  for (let i = 0; i < 100; i++) matcher.write(line.repeat(1000));
  const [m, ...rest] = matcher.end();
  const ms = performance.now() - started;
  t.is(m?.entry.id, 'logon-access-denied');
  t.is(m?.occurrences, 100_000);
  t.is(m?.line, 1);
  t.deepEqual(rest, []);
  t.is(matcher.lines, 100_000);
  // Generous: about 1 s on a loaded machine; the quadratic bookkeeping took minutes.
  t.true(ms < 30_000, `${Math.round(ms)} ms`);
});

test('130,000 matches on one line: no stack overflow, one place (fuzz D11)', (t) => {
  const text = 'failed to logon user: Access is denied. '.repeat(130_000);
  const [m] = explainText(text);
  t.is(m?.entry.id, 'logon-access-denied');
  t.is(m?.occurrences, 1);
  t.is(m?.line, 1);
  t.true((m?.excerpt.length ?? 0) <= 520, `${m?.excerpt.length} characters of excerpt`);
});

test('a line longer than a row is matched in rows that keep its line number; a message across a row cut is found', (t) => {
  const message = 'failed to create user process token: failed to logon user: Access is denied.';
  // The message starts 20 characters before the first row boundary.
  const text = `first line\n${'x'.repeat(MAX_ROW_CHARS - 20)}${message}${'y'.repeat(MAX_ROW_CHARS)}\nlast`;
  const matcher = streamed(text, random(3));
  const [m] = matcher.end();
  t.is(m?.entry.id, 'logon-access-denied');
  t.is(m?.line, 2);
  t.is(matcher.lines, 3);
  t.regex(m?.excerpt ?? '', /failed to create user process token/);
});

test('memory stays bounded: rows no window needs are dropped as the text streams', (t) => {
  const matcher = new Matcher();
  const noise = 'time="2024-05-01T10:00:00Z" level=info msg="ImageCreate event name:\\"sha256:0123\\""\n'.repeat(
    10_000,
  );
  const message = 'error="failed to create user process token: failed to logon user: Access is denied.: unknown"\n';
  let most = 0;
  for (let i = 0; i < 200; i++) {
    matcher.write(noise);
    if (i % 10 === 0) matcher.write(message);
    most = Math.max(most, (matcher as unknown as { texts: string[] }).texts.length);
  }
  const [m] = matcher.end();
  t.is(m?.occurrences, 20);
  t.is(matcher.lines, 2_000_020);
  t.true(most < 50_000, `${most} rows held at once of 2,000,020`);
});

test('an endless stream of empty lines is scanned and dropped too', (t) => {
  const matcher = new Matcher();
  let most = 0;
  for (let i = 0; i < 100; i++) {
    matcher.write('\n'.repeat(100_000));
    most = Math.max(most, (matcher as unknown as { texts: string[] }).texts.length);
  }
  t.deepEqual(matcher.end(), []);
  t.is(matcher.lines, 1);
  t.false(matcher.sawText);
  t.true(most < 1_100_000, `${most} rows held at once of 10,000,000`);
});

// ------------------------------------------------------------------------------ no catastrophic backtracking

interface RecheckDiagnostics {
  status: 'safe' | 'vulnerable' | 'unknown';
  checker?: string;
  complexity?: { type: string; summary: string };
  attack?: { pumps: { prefix: string; pump: string }[]; suffix: string };
  error?: { kind: string };
}
type Check = (source: string, flags: string, params?: Record<string, unknown>) => Promise<RecheckDiagnostics>;

/** recheck, when its native binary (or a JVM, or its pure-JS build) answers here. */
async function recheck(): Promise<Check | { unavailable: string }> {
  try {
    const { check } = createRequire(import.meta.url)('recheck') as { check: Check };
    await check('^a+$', '', { timeout: 60_000 });
    return check;
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The automaton checker decides ReDoS exactly (it builds the pattern's NFA and analyses its ambiguity).
 * Its defaults leave patterns whose bounded repeats sum past 30 (`.{0,240}?`) to the fuzzer, which then
 * reports growth over attack strings shorter than those bounds; the NFA of every catalogue pattern is
 * small enough to build with the bounds raised.
 */
const AUTOMATON = { checker: 'automaton', maxRepeatCount: 5000, maxNFASize: 1_000_000, timeout: 60_000 };

/** The text recheck's attack describes, its pumps repeated until it is about `size` characters long. */
function pumped(attack: NonNullable<RecheckDiagnostics['attack']>, size: number): string {
  const per = attack.pumps.reduce((n, p) => n + p.pump.length, 0) || 1;
  const times = Math.ceil(size / per);
  return attack.pumps.map((p) => p.prefix + p.pump.repeat(times)).join('') + attack.suffix;
}

const UNBOUNDED = /(?<!\\)(?:[*+]|\{\d+,\})/;

test('recheck proves every catalogue pattern free of catastrophic backtracking', async (t) => {
  const check = await recheck();
  if (typeof check !== 'function') {
    // recheck is a devDependency, and its pure-JS build runs wherever Node does: not loading is a broken install.
    t.fail(`recheck (a devDependency) does not run here: ${check.unavailable}; run npm ci`);
    return;
  }
  const patterns = CATALOGUE.flatMap((e) => e.patterns.map((p) => ({ id: e.id, re: p.re })));
  const results = await Promise.all(
    patterns.map(async (p) => ({ ...p, d: await check(p.re.source, p.re.flags, AUTOMATON) })),
  );
  let proved = 0;
  const fuzzed: string[] = [];
  for (const { id, re, d } of results) {
    if (d.status === 'safe') {
      proved += 1;
      continue;
    }
    t.not(d.status, 'vulnerable', `${id} ${re.source}: ${d.complexity?.summary}`);
    // The automaton checker cannot read it (a lookaround or a backreference): the fuzzer, then recheck's
    // own attack pumped to 1 MB, which must run in time linear in its length.
    fuzzed.push(`${id} (${d.error?.kind ?? d.status})`);
    const fuzz = await check(re.source, re.flags, { timeout: 60_000 });
    if (fuzz.status === 'safe' || !fuzz.attack) continue;
    t.false(UNBOUNDED.test(re.source), `${id} ${re.source}: ${fuzz.status} (${fuzz.complexity?.summary})`);
    const text = pumped(fuzz.attack, 1024 * 1024);
    const global = new RegExp(re.source, `${re.flags}g`);
    const started = performance.now();
    for (const _ of text.matchAll(global));
    const ms = performance.now() - started;
    t.true(ms < 5000, `${id}: recheck's attack (${fuzz.complexity?.summary}) pumped to 1 MB took ${Math.round(ms)} ms`);
  }
  t.true(proved >= patterns.length - fuzzed.length);
  t.log(
    `recheck: ${proved} of ${results.length} patterns proved safe by the automaton checker; fuzzed: ${fuzzed.join(', ') || 'none'}`,
  );
});

function adversarialInputs(re: RegExp, rnd: Random): { name: string; text: string }[] {
  const sample = sampleOf(re, rnd) ?? re.source.replace(/[^A-Za-z ]/g, '');
  const size = 256 * 1024;
  const fill = (unit: string) => unit.repeat(Math.ceil(size / Math.max(1, unit.length)));
  const nearMiss = `${sample.slice(0, -1)}\u0001`;
  const half = sample.slice(0, Math.ceil(sample.length / 2));
  const words = sample.split(/\s+/);
  return [
    { name: 'near-miss repeated', text: fill(`${nearMiss} `) },
    { name: 'first half repeated', text: fill(half) },
    { name: 'first half, no separator, repeated', text: fill(half.replace(/\s+/g, '')) },
    { name: 'long spacing', text: fill(`${words.join(' '.repeat(300))} `) },
    { name: 'gap filled then cut', text: fill(`${words[0]} ${'x'.repeat(400)} `) },
  ];
}

test('adversarial near-miss and long-spacing inputs: every pattern, 256 KB each, in bounded time', (t) => {
  const rnd = random(11);
  let slowest = { ms: 0, what: '' };
  for (const entry of CATALOGUE) {
    for (const pattern of entry.patterns) {
      const global = new RegExp(pattern.re.source, `${pattern.re.flags.replace(/[gy]/g, '')}g`);
      for (const { name, text } of adversarialInputs(pattern.re, rnd)) {
        const started = performance.now();
        for (const _ of text.matchAll(global));
        const ms = performance.now() - started;
        if (ms > slowest.ms) slowest = { ms, what: `${entry.id} ${name}` };
        t.true(ms < 5000, `${entry.id} ${pattern.re.source} on ${name}: ${Math.round(ms)} ms`);
      }
    }
  }
  t.log(`slowest: ${slowest.what}, ${Math.round(slowest.ms)} ms`);
});

test('the whole matcher over adversarial text stays in bounded time', (t) => {
  const rnd = random(12);
  const parts: string[] = [];
  for (const entry of CATALOGUE) for (const p of entry.patterns) parts.push(sampleOf(p.re, rnd)?.slice(0, -2) ?? '');
  const unit = `${parts.join(' ')}\n`;
  const started = performance.now();
  const matcher = new Matcher();
  for (let size = 0; size < 8 * 1024 * 1024; size += unit.length * 50) matcher.write(unit.repeat(50));
  matcher.end();
  const ms = performance.now() - started;
  t.true(ms < 60_000, `8 MB of near-misses for every pattern took ${Math.round(ms)} ms`);
});
