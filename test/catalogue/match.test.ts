/**
 * The matcher: negative controls, whole logs with many messages, normalisation, and messages written
 * differently from every example in the catalogue's own table.
 */
import test from 'ava';
import { CATALOGUE, entryById } from '../../src/catalogue/entries.js';
import { countLines, explainText, normaliseLines } from '../../src/catalogue/match.js';
import { hardWrap, wordWrap } from '../explain/helpers.js';

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
