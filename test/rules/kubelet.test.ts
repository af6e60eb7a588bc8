import test from 'ava';
import { lastFlag } from '../../src/parse/commandline.js';
import { parseKubeletConfig } from '../../src/parse/kubelet-config.js';
import { kubeletConfigPath, readKubeletCommandLine } from '../../src/parse/kubelet-flags.js';
import { parseVersionToken } from '../../src/parse/versions.js';
import {
  judgeWindowsResources,
  localPipeOf,
  parseEndpoint,
  pipeName,
  readFeatureGate,
  readRuntimeEndpoint,
  readWindowsResources,
  removedFlags,
} from '../../src/rules/kubelet.js';
import { imageBuilderBinPath, kubeadmFlagsEnv } from '../helpers/corpus.js';

const GATE = 'WindowsHostProcessContainers';
const CONTAINERD = 'npipe:////./pipe/containerd-containerd';

test('image-builder binPath: kubelet.exe is found behind kube-log-runner.exe', (t) => {
  const invocation = readKubeletCommandLine(imageBuilderBinPath());
  t.true(invocation.kubeletNamed);
  t.is(invocation.wrapper, 'kube-log-runner.exe');
  t.is(lastFlag(invocation.flags, 'container-runtime-endpoint'), CONTAINERD);
  t.is(kubeletConfigPath(invocation), 'C:/var/lib/kubelet/config.yaml');
  t.deepEqual(invocation.flags.values.get('windows-service'), ['true']);
  t.deepEqual(invocation.flags.values.get('enable-debugging-handlers'), ['true']);
  t.is(lastFlag(invocation.flags, 'cgroups-per-qos'), 'false');
  t.is(lastFlag(invocation.flags, 'enforce-node-allocatable'), '');
  t.is(lastFlag(invocation.flags, 'log-file'), undefined, '--log-file belongs to the wrapper, not to kubelet');
  t.deepEqual(invocation.flags.positional, []);
});

test('image-builder binPath, unrendered Jinja: kubelet.exe is still found', (t) => {
  const invocation = readKubeletCommandLine(imageBuilderBinPath(false));
  t.true(invocation.kubeletNamed);
  t.is(invocation.wrapper, 'kube-log-runner.exe');
  t.is(lastFlag(invocation.flags, 'container-runtime-endpoint'), CONTAINERD);
  t.is(readRuntimeEndpoint(invocation, undefined).endpoint, CONTAINERD);
});

test('kubeadm-flags.env: a bare flag list with no runtime endpoint', (t) => {
  const invocation = readKubeletCommandLine(kubeadmFlagsEnv());
  t.false(invocation.kubeletNamed);
  t.is(invocation.wrapper, undefined);
  t.is(lastFlag(invocation.flags, 'network-plugin'), 'cni');
  t.is(lastFlag(invocation.flags, 'cgroup-driver'), '');
  t.is(lastFlag(invocation.flags, 'pod-infra-container-image'), 'k8s.gcr.io/pause:3.1');
  t.deepEqual(readRuntimeEndpoint(invocation, undefined), { flagGiven: false });
});

test('a kubelet.exe command line with quoted path and space-separated values', (t) => {
  const invocation = readKubeletCommandLine(
    String.raw`"C:\Program Files\kubernetes\kubelet.exe" --windows-service --config C:\var\lib\kubelet\config.yaml --feature-gates ${GATE}=false --container-runtime-endpoint "npipe:////./pipe/containerd-containerd"`,
  );
  t.true(invocation.kubeletNamed);
  t.is(invocation.wrapper, undefined);
  t.is(kubeletConfigPath(invocation), String.raw`C:\var\lib\kubelet\config.yaml`);
  t.is(readFeatureGate(invocation, undefined, GATE).value, false);
  t.is(readRuntimeEndpoint(invocation, undefined).endpoint, CONTAINERD);
});

test('an unquoted kubelet path with a space still finds kubelet.exe', (t) => {
  const invocation = readKubeletCommandLine(
    String.raw`C:\Program Files\kubernetes\kubelet.exe --windows-service --container-runtime-endpoint=npipe:////./pipe/containerd-containerd`,
  );
  t.true(invocation.kubeletNamed);
  t.is(readRuntimeEndpoint(invocation, undefined).endpoint, CONTAINERD);
});

test('a wrapper that does not name kubelet.exe', (t) => {
  const invocation = readKubeletCommandLine(String.raw`C:\k\nssm.exe --v=2`);
  t.false(invocation.kubeletNamed);
  t.is(invocation.wrapper, 'nssm.exe');
  t.is(lastFlag(invocation.flags, 'v'), '2');
});

const HEAD = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n';
const config = (yaml: string) =>
  parseKubeletConfig('C:\\var\\lib\\kubelet\\config.yaml', yaml.includes('apiVersion:') ? yaml : `${HEAD}${yaml}`);

test('readFeatureGate: flags win over the config file', (t) => {
  const flagsFalse = readKubeletCommandLine(`kubelet.exe --feature-gates=${GATE}=false`);
  const flagsNone = readKubeletCommandLine('kubelet.exe --v=2');
  const configTrue = config(`featureGates:\n  ${GATE}: true\n`);
  t.like(readFeatureGate(flagsFalse, configTrue, GATE), {
    value: false,
    origin: 'flag',
    flagValue: false,
    configValue: true,
  });
  t.like(readFeatureGate(flagsNone, configTrue, GATE), { value: true, origin: 'config', configValue: true });
  const none = readFeatureGate(flagsNone, config('clusterDNS: [10.96.0.10]\n'), GATE);
  t.is(none.value, undefined);
  t.is(none.origin, undefined);
  t.deepEqual(none.invalid, []);
});

test('readFeatureGate: repeated flags merge and the later one wins', (t) => {
  const invocation = readKubeletCommandLine(
    `kubelet.exe --feature-gates=${GATE}=false,Other=true --feature-gates=${GATE}=true`,
  );
  t.like(readFeatureGate(invocation, undefined, GATE), { value: true, origin: 'flag' });
});

test('readFeatureGate: unreadable entries are reported', (t) => {
  const invocation = readKubeletCommandLine(`kubelet.exe --feature-gates=${GATE}=yes`);
  const reading = readFeatureGate(invocation, undefined, GATE);
  t.deepEqual(reading.invalid, [`${GATE}=yes`]);
  t.is(reading.value, undefined);
});

test('readFeatureGate: a config file that did not parse is not read', (t) => {
  const broken = config('featureGates: [\n');
  t.false(broken.parse?.ok);
  t.is(readFeatureGate(undefined, broken, GATE).value, undefined);
});

test('readRuntimeEndpoint: flag, config, --container-runtime', (t) => {
  const fromConfig = config(`containerRuntimeEndpoint: "${CONTAINERD}"\n`);
  t.deepEqual(readRuntimeEndpoint(readKubeletCommandLine('kubelet.exe'), fromConfig), {
    flagGiven: false,
    endpoint: CONTAINERD,
    origin: 'config',
    configEndpoint: CONTAINERD,
  });
  t.deepEqual(
    readRuntimeEndpoint(
      readKubeletCommandLine('kubelet.exe --container-runtime-endpoint=npipe:////./pipe/x'),
      fromConfig,
    ),
    { flagGiven: true, endpoint: 'npipe:////./pipe/x', origin: 'flag', configEndpoint: CONTAINERD },
  );
  t.deepEqual(readRuntimeEndpoint(readKubeletCommandLine('kubelet.exe --container-runtime=docker'), undefined), {
    flagGiven: false,
    containerRuntime: 'docker',
  });
  t.deepEqual(readRuntimeEndpoint(undefined, undefined), { flagGiven: false });
});

test('readRuntimeEndpoint: kubelet before 1.27 does not read containerRuntimeEndpoint from its config', (t) => {
  const fromConfig = config(`containerRuntimeEndpoint: "${CONTAINERD}"\n`);
  const bare = readKubeletCommandLine('kubelet.exe');
  for (const [version, ignored] of [
    ['v1.24.0', true],
    ['v1.26.15', true],
    ['v1.27.0', false],
    ['v1.30.1', false],
  ] as const) {
    const reading = readRuntimeEndpoint(bare, fromConfig, parseVersionToken(version));
    t.is(reading.configIgnored, ignored ? true : undefined, version);
    t.is(reading.endpoint, ignored ? undefined : CONTAINERD, version);
  }
});

test('readRuntimeEndpoint: an empty flag is given, and is no endpoint', (t) => {
  const reading = readRuntimeEndpoint(readKubeletCommandLine('kubelet.exe --container-runtime-endpoint='), undefined);
  t.deepEqual(reading, { flagGiven: true });
});

/**
 * kubelet's Windows parseEndpoint (cri-client@kubernetes-1.31.0 pkg/util/util_windows.go:82-108), applied
 * by rule: backslashes become slashes, Go's url.Parse, npipe and tcp only, no fallback.
 */
const ENDPOINTS: [string, { scheme: string; address?: string; error?: RegExp }][] = [
  ['npipe:////./pipe/containerd-containerd', { scheme: 'npipe', address: '//./pipe/containerd-containerd' }],
  ['npipe://./pipe/containerd-containerd', { scheme: 'npipe', address: '//./pipe/containerd-containerd' }],
  [String.raw`npipe:\\.\pipe\containerd-containerd`, { scheme: 'npipe', address: '//./pipe/containerd-containerd' }],
  // Doubled backslashes (a JSON- or YAML-escaped value pasted raw): kubelet dials an odd path.
  [
    String.raw`npipe:\\\\.\\pipe\\containerd-containerd`,
    { scheme: 'npipe', address: '//.//.//pipe//containerd-containerd' },
  ],
  ['npipe:///pipe/containerd-containerd', { scheme: 'npipe', address: '//./pipe/containerd-containerd' }],
  ['NPIPE:////./pipe/containerd-containerd', { scheme: 'npipe', address: '//./pipe/containerd-containerd' }],
  ['npipe://server/pipe/x', { scheme: 'npipe', address: '//server/pipe/x' }],
  ['tcp://127.0.0.1:2375', { scheme: 'tcp', address: '127.0.0.1:2375' }],
  [
    String.raw`\\.\pipe\containerd-containerd`,
    {
      scheme: '',
      error:
        /^Using "\/\/\.\/pipe\/containerd-containerd" as endpoint is deprecated, please consider using full url format$/,
    },
  ],
  ['//./pipe/containerd-containerd', { scheme: '', error: /^Using "\/\/\.\/pipe\/containerd-containerd" as endpoint/ }],
  ['unix:///run/containerd/containerd.sock', { scheme: 'unix', error: /^protocol "unix" not supported$/ }],
  [String.raw`C:\pipe\x`, { scheme: 'c', error: /^protocol "c" not supported$/ }],
  ['npipe://./pipe/%zz', { scheme: '', error: /invalid URL escape "%zz"/ }],
  ['npipe://my host/pipe/x', { scheme: '', error: /invalid character " " in host name/ }],
  [':npipe', { scheme: '', error: /missing protocol scheme/ }],
];

for (const [endpoint, expected] of ENDPOINTS) {
  test(`parseEndpoint(${JSON.stringify(endpoint)})`, (t) => {
    const parsed = parseEndpoint(endpoint);
    t.is(parsed.scheme, expected.scheme);
    t.is(parsed.address, expected.address);
    if (expected.error) t.regex(parsed.error ?? '', expected.error);
    else t.is(parsed.error, undefined);
  });
}

test('localPipeOf: only a local pipe has a name', (t) => {
  t.deepEqual(localPipeOf('//./pipe/Containerd-Containerd'), { host: '.', pipe: 'containerd-containerd' });
  t.deepEqual(localPipeOf('//./PIPE/x'), { host: '.', pipe: 'x' });
  t.deepEqual(localPipeOf('//server/pipe/x'), { host: 'server' });
  t.deepEqual(localPipeOf('//.'), { host: '.' });
  t.deepEqual(localPipeOf('//.//.//pipe//x'), { host: '.' });
});

test('removedFlags: by the version that removed each', (t) => {
  const invocation = readKubeletCommandLine(
    String.raw`kubelet.exe --network-plugin=cni --cni-bin-dir=C:\k\cni --container-runtime=remote --image-pull-progress-deadline 20m`,
  );
  const names = (v: string | undefined) =>
    removedFlags(invocation, v ? parseVersionToken(v) : undefined).map((f) => f.written);
  t.deepEqual(names('v1.23.17'), []);
  t.deepEqual(names('v1.24.0'), [
    '--network-plugin=cni',
    String.raw`--cni-bin-dir=C:\k\cni`,
    '--image-pull-progress-deadline=20m',
  ]);
  t.deepEqual(names('v1.27.0'), [
    '--container-runtime=remote',
    '--network-plugin=cni',
    String.raw`--cni-bin-dir=C:\k\cni`,
    '--image-pull-progress-deadline=20m',
  ]);
  t.is(names(undefined).length, 4, 'every removed flag when the version is unknown');
});

const windows = (flags: string, yaml?: string, configUnread = false) =>
  readWindowsResources(
    readKubeletCommandLine(`kubelet.exe ${flags}`),
    yaml === undefined ? undefined : config(yaml),
    configUnread,
  );

test('readWindowsResources: flags win, then the config file, then the Linux defaults', (t) => {
  t.like(windows(''), {
    cgroupsPerQOS: { value: true, origin: 'default' },
    enforceNodeAllocatable: { value: ['pods'], origin: 'default' },
  });
  t.like(windows('--cgroups-per-qos=false --enforce-node-allocatable=""'), {
    cgroupsPerQOS: { value: false, origin: 'flag' },
    enforceNodeAllocatable: { value: [], origin: 'flag' },
  });
  t.like(windows('--cgroups-per-qos=false --enforce-node-allocatable='), {
    enforceNodeAllocatable: { value: [], origin: 'flag' },
  });
  t.like(windows('--enforce-node-allocatable=pods,system-reserved'), {
    enforceNodeAllocatable: { value: ['pods', 'system-reserved'], origin: 'flag' },
  });
  const file =
    'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncgroupsPerQOS: false\nenforceNodeAllocatable: []\n';
  t.like(windows('', file), {
    cgroupsPerQOS: { value: false, origin: 'config' },
    enforceNodeAllocatable: { value: [], origin: 'config' },
  });
  t.like(windows('--cgroups-per-qos', file), { cgroupsPerQOS: { value: true, origin: 'flag' } });
  t.is(windows('', undefined, true), undefined, 'the config file named by --config was not read');
  t.truthy(windows('--cgroups-per-qos=false --enforce-node-allocatable=""', undefined, true), 'the flags settle both');
  t.is(
    readWindowsResources(undefined, config(file), false),
    undefined,
    'without the command line, flags could override',
  );
});

test('judgeWindowsResources: fatal to 1.30, ignored from 1.31, the conflict always', (t) => {
  const kind = (flags: string, version?: string) => {
    const reading = windows(flags);
    return reading ? judgeWindowsResources(reading, version ? parseVersionToken(version) : undefined).kind : 'unread';
  };
  t.is(kind('--cgroups-per-qos=false --enforce-node-allocatable=""', 'v1.29.3'), 'ok');
  t.is(kind('', 'v1.29.3'), 'fatal');
  t.is(kind('', 'v1.30.9'), 'fatal');
  t.is(kind('', 'v1.31.0'), 'ignored');
  t.is(kind('', undefined), 'versionUnknown');
  t.is(kind('--cgroups-per-qos=false', 'v1.29.3'), 'conflict');
  t.is(kind('--cgroups-per-qos=false', 'v1.33.0'), 'conflict');
  t.is(kind('--cgroups-per-qos=false --enforce-node-allocatable=none', 'v1.29.3'), 'fatal');
  t.is(kind('--cgroups-per-qos=false --enforce-node-allocatable=none', 'v1.31.0'), 'ok');
  t.is(kind('--enforce-node-allocatable=""', 'v1.28.0'), 'fatal', 'cgroupsPerQOS still defaults to true');
});

const PIPES: [string, string | undefined][] = [
  ['npipe:////./pipe/containerd-containerd', 'containerd-containerd'],
  ['npipe://./pipe/containerd-containerd', 'containerd-containerd'],
  [String.raw`\\.\pipe\containerd-containerd`, 'containerd-containerd'],
  ['npipe:////./pipe/Docker_Engine', 'docker_engine'],
  ['  npipe:////./pipe/dockershim  ', 'dockershim'],
  ['unix:///run/containerd/containerd.sock', undefined],
  ['tcp://127.0.0.1:2375', undefined],
  ['', undefined],
];

for (const [endpoint, expected] of PIPES) {
  test(`pipeName(${JSON.stringify(endpoint)})`, (t) => t.is(pipeName(endpoint), expected));
}
