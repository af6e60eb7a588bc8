import test from 'ava';
import { lastFlag } from '../../src/parse/commandline.js';
import { parseKubeletConfig } from '../../src/parse/kubelet-config.js';
import { kubeletConfigPath, readKubeletCommandLine } from '../../src/parse/kubelet-flags.js';
import { pipeName, readFeatureGate, readRuntimeEndpoint } from '../../src/rules/kubelet.js';
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
  t.deepEqual(readRuntimeEndpoint(invocation, undefined), {});
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

const config = (yaml: string) => parseKubeletConfig('C:\\var\\lib\\kubelet\\config.yaml', yaml);

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
  const none = readFeatureGate(flagsNone, config('kind: KubeletConfiguration\n'), GATE);
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
    endpoint: CONTAINERD,
    origin: 'config',
  });
  t.deepEqual(
    readRuntimeEndpoint(
      readKubeletCommandLine('kubelet.exe --container-runtime-endpoint=npipe:////./pipe/x'),
      fromConfig,
    ),
    {
      endpoint: 'npipe:////./pipe/x',
      origin: 'flag',
    },
  );
  t.deepEqual(readRuntimeEndpoint(readKubeletCommandLine('kubelet.exe --container-runtime=docker'), undefined), {
    containerRuntime: 'docker',
  });
  t.deepEqual(readRuntimeEndpoint(undefined, undefined), {});
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
