import check from '../../checks/kubelet-runtime-endpoint.js';
import { checkTester } from '../helpers/check-tester.js';
import { imageBuilderBinPath, kubeadmFlagsEnv } from '../helpers/corpus.js';
import {
  commandLine,
  config,
  configText,
  type KubeletParts,
  kubeletConfig,
  kubeletConfigDoc,
  kubeletFacts,
  node,
  not,
} from '../helpers/facts.js';

const NO_SCHEME_ERROR =
  'Using "//./pipe/containerd-containerd" as endpoint is deprecated, please consider using full url format';

const KUBELET = '"C:\\k\\kubelet.exe" --windows-service --hostname-override=winnode-07';
const CONTAINERD = 'npipe:////./pipe/containerd-containerd';

const facts = (parts: KubeletParts) => kubeletFacts({ program: KUBELET, ...parts });
const endpoint = (value: string) => `--container-runtime-endpoint=${value}`;
const yamlEndpoint = (value: string) =>
  kubeletConfig(
    `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncontainerRuntimeEndpoint: "${value}"\n`,
  );
const yamlNoEndpoint = kubeletConfig(
  'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncgroupsPerQOS: false\n',
);
const grpc = (address: string, configVersion = 2) =>
  configText(`version = ${configVersion}\n[grpc]\n  address = '${address}'\n`);
/** containerd 2.3's version 4 form: the address under its gRPC server plugin. */
const grpc4 = (address: string) =>
  configText(`version = 4\n[plugins.'io.containerd.server.v1.grpc']\n  address = '${address}'\n`);
/** kubelet 1.31 at `at`, with containerd `containerdVersion` and its config. */
const onContainerd = (containerdVersion: string, containerdConfig: ReturnType<typeof configText>, at: string) =>
  facts({ version: '1.31.0', flags: endpoint(at), containerdConfig, containerdVersion });

const fixNamesContainerd = (t: import('ava').ExecutionContext, r: { fix?: { text: string } }) =>
  t.true(r.fix?.text.includes(CONTAINERD) ?? false, r.fix?.text);

checkTester(check, [
  {
    name: "containerd's default pipe, but containerd's config denied: the pipe containerd listens on is unknown",
    facts: facts({
      version: '1.29.3',
      flags: endpoint(CONTAINERD),
      containerdConfig: not('denied', 'Access is denied.'),
    }),
    status: 'skip',
    messageId: 'containerdPipeUnknown',
    skipReason: 'unreadable',
    verify: (t, r) =>
      t.deepEqual(
        r.unseen?.map((u) => u.fact),
        ['containerd.config'],
      ),
  },
  {
    name: "the endpoint from the config file, but kubelet's command line denied: a flag there would win",
    facts: facts({ version: '1.29.3', line: not('denied', 'Access is denied.'), config: yamlEndpoint(CONTAINERD) }),
    status: 'skip',
    messageId: 'commandLineUnseen',
    skipReason: 'unreadable',
    findings: ['commandLineUnseen', 'containerd'],
  },
  // containerd's named pipe.
  {
    name: 'flag npipe:////./pipe/containerd-containerd',
    facts: facts({ version: '1.29.3', flags: endpoint(CONTAINERD) }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'quoted flag value',
    facts: facts({ version: '1.29.3', flags: `--container-runtime-endpoint="${CONTAINERD}"` }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'space-separated flag value',
    facts: facts({ version: '1.25.0', flags: `--container-runtime-endpoint ${CONTAINERD}` }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'npipe://./pipe/containerd-containerd spelling',
    facts: facts({ version: '1.26.0', flags: endpoint('npipe://./pipe/containerd-containerd') }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'KubeletConfiguration containerRuntimeEndpoint (1.27+)',
    facts: facts({
      version: '1.29.3',
      flags: '--config=C:\\var\\lib\\kubelet\\config.yaml',
      config: yamlEndpoint(CONTAINERD),
    }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'the flag wins over the config file',
    facts: facts({
      version: '1.27.0',
      flags: endpoint(CONTAINERD),
      config: yamlEndpoint('npipe:////./pipe/dockershim'),
    }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'with --container-runtime=remote (1.22–1.26)',
    facts: facts({ version: '1.23.17', flags: `--container-runtime=remote ${endpoint(CONTAINERD)}` }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'corpus image-builder binPath: kubelet.exe found behind kube-log-runner.exe',
    facts: facts({ version: '1.29.3', line: commandLine(imageBuilderBinPath()) }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'corpus image-builder binPath, unrendered',
    facts: facts({ version: '1.29.3', line: commandLine(imageBuilderBinPath(false)) }),
    status: 'pass',
    messageId: 'containerd',
  },

  // Docker.
  {
    name: 'dockershim pipe fails',
    facts: facts({ version: '1.23.0', flags: endpoint('npipe:////./pipe/dockershim') }),
    status: 'fail',
    messageId: 'docker',
    verify: fixNamesContainerd,
  },
  {
    name: 'docker_engine pipe fails',
    facts: facts({ version: '1.23.0', flags: endpoint('npipe:////./pipe/docker_engine') }),
    status: 'fail',
    messageId: 'docker',
  },
  {
    name: '--container-runtime=docker fails',
    facts: facts({ version: '1.22.17', flags: '--container-runtime=docker' }),
    status: 'fail',
    messageId: 'docker',
  },
  {
    name: '--container-runtime=docker fails even with the containerd pipe as endpoint',
    facts: facts({ version: '1.23.0', flags: `--container-runtime=docker ${endpoint(CONTAINERD)}` }),
    status: 'fail',
    messageId: 'docker',
  },
  {
    name: 'dockershim in the config file fails (1.27+, which reads it)',
    facts: facts({ version: '1.27.0', flags: '', config: yamlEndpoint('npipe:////./pipe/dockershim') }),
    status: 'fail',
    messageId: 'docker',
  },

  // Not set: wrong on every version.
  {
    name: 'not set on 1.22 (dockershim default)',
    facts: facts({ version: '1.22.17', flags: '' }),
    status: 'fail',
    messageId: 'notSetDockershim',
    verify: fixNamesContainerd,
  },
  {
    name: 'not set on 1.23 (dockershim default)',
    facts: facts({ version: '1.23.17', flags: '' }),
    status: 'fail',
    messageId: 'notSetDockershim',
  },
  {
    name: 'not set on 1.24 (no default)',
    facts: facts({ version: '1.24.0', flags: '' }),
    status: 'fail',
    messageId: 'notSetNoDefault',
  },
  {
    name: 'not set on 1.26 (no default)',
    facts: facts({ version: '1.26.15', flags: '' }),
    status: 'fail',
    messageId: 'notSetNoDefault',
  },
  {
    name: 'not set on 1.27 (unix socket default)',
    facts: facts({ version: '1.27.0', flags: '' }),
    status: 'fail',
    messageId: 'notSetUnixDefault',
  },
  {
    name: 'not set on 1.29 with a config file that does not set it',
    facts: facts({ version: '1.29.3', flags: '', config: yamlNoEndpoint }),
    status: 'fail',
    messageId: 'notSetUnixDefault',
  },
  { name: 'not set, version unknown', facts: facts({ flags: '' }), status: 'fail', messageId: 'notSetVersionUnknown' },
  {
    name: 'unix socket endpoint fails',
    facts: facts({ version: '1.29.3', flags: '', config: yamlEndpoint('unix:///run/containerd/containerd.sock') }),
    status: 'fail',
    messageId: 'unixSocket',
  },
  {
    name: 'corpus kubeadm-flags.env (no endpoint, --network-plugin=cni) fails, version unknown',
    facts: facts({ line: commandLine(kubeadmFlagsEnv()) }),
    status: 'fail',
    messageId: 'notSetVersionUnknown',
  },
  {
    name: 'corpus kubeadm-flags.env fails on 1.19',
    facts: facts({ version: '1.19.3', line: commandLine(kubeadmFlagsEnv()) }),
    status: 'fail',
    messageId: 'notSetDockershim',
  },
  {
    name: 'corpus kubeadm-flags.env fails on 1.24',
    facts: facts({ version: '1.24.0', line: commandLine(kubeadmFlagsEnv()) }),
    status: 'fail',
    messageId: 'notSetNoDefault',
  },

  // containerd's own address.
  {
    name: 'containerd listens on another pipe: mismatch fails',
    facts: facts({
      version: '1.29.3',
      flags: endpoint(CONTAINERD),
      containerdConfig: grpc('\\\\.\\pipe\\containerd-k8s'),
    }),
    status: 'fail',
    messageId: 'mismatch',
  },
  {
    name: 'kubelet and containerd agree on a custom pipe',
    facts: facts({
      version: '1.29.3',
      flags: endpoint('npipe:////./pipe/containerd-k8s'),
      containerdConfig: grpc('\\\\.\\pipe\\containerd-k8s'),
    }),
    status: 'pass',
    messageId: 'containerdCustomPipe',
  },
  {
    name: 'containerd config sets the default pipe explicitly',
    facts: facts({
      version: '1.29.3',
      flags: endpoint(CONTAINERD),
      containerdConfig: grpc('\\\\.\\pipe\\containerd-containerd'),
    }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: "containerd 2.3, version 4 config: the pipe is io.containerd.server.v1.grpc's address, kubelet agrees",
    facts: onContainerd('2.3.5', grpc4('\\\\.\\pipe\\containerd-k8s'), 'npipe:////./pipe/containerd-k8s'),
    status: 'pass',
    messageId: 'containerdCustomPipe',
  },
  {
    name: "containerd 2.3, version 4 config: io.containerd.server.v1.grpc's pipe is not kubelet's, mismatch fails",
    facts: onContainerd('2.3.5', grpc4('\\\\.\\pipe\\containerd-k8s'), CONTAINERD),
    status: 'fail',
    messageId: 'mismatch',
  },
  {
    name: 'containerd 2.3, version 3 config: its [grpc] address still names the pipe',
    facts: onContainerd('2.3.5', grpc('\\\\.\\pipe\\containerd-k8s', 3), 'npipe:////./pipe/containerd-k8s'),
    status: 'pass',
    messageId: 'containerdCustomPipe',
  },
  {
    name: 'containerd config without [grpc] listens on the default pipe',
    facts: facts({ version: '1.29.3', flags: endpoint(CONTAINERD), containerdConfig: configText('version = 2\n') }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'no containerd config file: default pipe, custom kubelet pipe mismatches',
    facts: facts({
      version: '1.29.3',
      flags: endpoint('npipe:////./pipe/containerd-k8s'),
      containerdConfig: config([{ state: 'missing' }], 'default'),
    }),
    status: 'fail',
    messageId: 'mismatch',
  },
  {
    name: 'pipe names compare case-insensitively',
    facts: facts({
      version: '1.29.3',
      flags: endpoint('npipe:////./pipe/Containerd-Containerd'),
      containerdConfig: configText('version = 2\n'),
    }),
    status: 'pass',
    messageId: 'containerd',
  },

  // --container-runtime: removed in 1.27 (kubernetes#114017); any value is then fatal (audit 6.8).
  {
    name: '--container-runtime=remote on 1.27 fails: unknown flag',
    facts: facts({ version: '1.27.0', flags: `--container-runtime=remote ${endpoint(CONTAINERD)}` }),
    status: 'fail',
    messageId: 'containerRuntimeRemoved',
    findings: ['containerRuntimeRemoved', 'containerd'],
    commands: ['Restart-Service kubelet'],
  },
  {
    name: '--container-runtime=remote on 1.29 fails',
    facts: facts({ version: '1.29.3', flags: `--container-runtime=remote ${endpoint(CONTAINERD)}` }),
    status: 'fail',
    messageId: 'containerRuntimeRemoved',
    data: { version: 'v1.29.3', flag: '--container-runtime=remote' },
  },
  {
    name: '--container-runtime=docker on 1.27 fails as the unknown flag',
    facts: facts({ version: '1.27.3', flags: `--container-runtime=docker ${endpoint(CONTAINERD)}` }),
    status: 'fail',
    messageId: 'containerRuntimeRemoved',
  },
  {
    name: '--container-runtime=remote on 1.26 passes (deprecated, not removed)',
    facts: facts({ version: '1.26.15', flags: `--container-runtime=remote ${endpoint(CONTAINERD)}` }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: '--container-runtime=remote with the version unknown warns',
    facts: facts({ flags: `--container-runtime=remote ${endpoint(CONTAINERD)}` }),
    status: 'warn',
    messageId: 'containerRuntimeVersionUnknown',
    findings: ['containerRuntimeVersionUnknown', 'containerd'],
  },
  {
    name: '--container-runtime=remote on 1.29, config named but not collected: the flag alone fails it',
    facts: facts({
      version: '1.29.3',
      flags: '--container-runtime=remote --config=C:\\var\\lib\\kubelet\\config.yaml',
    }),
    status: 'fail',
    messageId: 'containerRuntimeRemoved',
  },

  // The endpoint as kubelet's Windows parseEndpoint reads it (cri-client util_windows.go).
  {
    name: "a bare pipe path (no scheme) fails with kubelet's words",
    facts: facts({ version: '1.29.3', flags: endpoint('\\\\.\\pipe\\containerd-containerd') }),
    status: 'fail',
    messageId: 'noScheme',
    data: { kubeletError: NO_SCHEME_ERROR },
    commands: ['Restart-Service kubelet'],
  },
  {
    name: 'a bare pipe path fails on 1.24 too',
    facts: facts({ version: '1.24.0', flags: endpoint('\\\\.\\pipe\\containerd-containerd') }),
    status: 'fail',
    messageId: 'noScheme',
  },
  {
    name: 'a bare //./pipe path fails',
    facts: facts({ version: '1.25.0', flags: endpoint('//./pipe/containerd-containerd') }),
    status: 'fail',
    messageId: 'noScheme',
    data: { kubeletError: NO_SCHEME_ERROR },
  },
  {
    name: 'a bare pipe path in the config file (1.27+) fails',
    facts: facts({
      version: '1.28.0',
      flags: '',
      config: kubeletConfigDoc("containerRuntimeEndpoint: '\\\\.\\pipe\\containerd-containerd'\n"),
    }),
    status: 'fail',
    messageId: 'noScheme',
  },
  {
    name: 'a backslash endpoint in a double-quoted YAML string: kubelet cannot read the file',
    facts: facts({
      version: '1.28.0',
      flags: '',
      config: kubeletConfigDoc('containerRuntimeEndpoint: "\\\\.\\pipe\\containerd-containerd"\n'),
    }),
    status: 'fail',
    messageId: 'configInvalid',
    verify: (t, r) => t.regex(String(r.data?.error), /escape/i),
  },
  {
    name: 'npipe: with backslashes passes',
    facts: facts({ version: '1.29.3', flags: endpoint('npipe:\\\\.\\pipe\\containerd-containerd') }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'npipe:///pipe/... (empty host) passes',
    facts: facts({ version: '1.29.3', flags: endpoint('npipe:///pipe/containerd-containerd') }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'an upper-case scheme passes (Go lower-cases it)',
    facts: facts({ version: '1.29.3', flags: endpoint('NPIPE:////./pipe/containerd-containerd') }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'a pipe on another machine warns',
    facts: facts({ version: '1.29.3', flags: endpoint('npipe://server/pipe/containerd-containerd') }),
    status: 'warn',
    messageId: 'unknownPipe',
  },
  {
    name: 'tcp warns',
    facts: facts({ version: '1.29.3', flags: endpoint('tcp://127.0.0.1:2376') }),
    status: 'warn',
    messageId: 'unknownPipe',
  },
  {
    name: 'a Windows path reads as scheme "c": protocol not supported',
    facts: facts({ version: '1.29.3', flags: endpoint('C:\\pipe\\containerd') }),
    status: 'fail',
    messageId: 'unsupportedProtocol',
    data: { kubeletError: 'protocol "c" not supported' },
  },
  {
    name: 'unix:// on the command line fails with protocol "unix" not supported',
    facts: facts({ version: '1.31.0', flags: endpoint('unix:///run/containerd/containerd.sock') }),
    status: 'fail',
    messageId: 'unixSocket',
    data: { kubeletError: 'protocol "unix" not supported' },
  },
  {
    name: 'an endpoint Go cannot parse fails with its error',
    facts: facts({ version: '1.29.3', flags: endpoint('npipe://./pipe/%zz') }),
    status: 'fail',
    messageId: 'badEndpoint',
    verify: (t, r) => t.regex(String(r.data?.kubeletError), /invalid URL escape "%zz"/),
  },

  // containerRuntimeEndpoint in the config file is read from 1.27 on (k8s.io/kubelet v0.27.0 types.go:817-820).
  {
    name: 'config field only, 1.26: kubelet does not read it, fail',
    facts: facts({ version: '1.26.15', flags: '', config: yamlEndpoint(CONTAINERD) }),
    status: 'fail',
    messageId: 'configFieldTooOld',
    data: { version: 'v1.26.15' },
    verify: (t, r) => t.regex(String(r.data?.consequence), /not specified or empty/),
  },
  {
    name: 'config field only, 1.24.0: fail',
    facts: facts({ version: '1.24.0', flags: '', config: yamlEndpoint(CONTAINERD) }),
    status: 'fail',
    messageId: 'configFieldTooOld',
  },
  {
    name: 'config field only, 1.23: dockershim, fail',
    facts: facts({ version: '1.23.17', flags: '', config: yamlEndpoint(CONTAINERD) }),
    status: 'fail',
    messageId: 'configFieldTooOld',
    verify: (t, r) => t.regex(String(r.data?.consequence), /dockershim/),
  },
  {
    name: 'config field and flag, 1.25: the flag is what counts, pass',
    facts: facts({ version: '1.25.0', flags: endpoint(CONTAINERD), config: yamlEndpoint(CONTAINERD) }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'config field only, version unknown: warns that only 1.27+ read it',
    facts: facts({ flags: '', config: yamlEndpoint(CONTAINERD) }),
    status: 'warn',
    messageId: 'configFieldVersionUnknown',
    findings: ['configFieldVersionUnknown', 'containerd'],
  },
  {
    name: 'an empty --container-runtime-endpoint on 1.29 fails',
    facts: facts({ version: '1.29.3', flags: '--container-runtime-endpoint=' }),
    status: 'fail',
    messageId: 'emptyEndpoint',
  },
  {
    name: 'an empty --container-runtime-endpoint on 1.25: no default, fail',
    facts: facts({ version: '1.25.0', flags: '--container-runtime-endpoint=""' }),
    status: 'fail',
    messageId: 'notSetNoDefault',
  },

  // A KubeletConfiguration kubelet cannot decode: kubelet does not start, so it talks to nothing (a failure,
  // not the unreadable skip it was).
  {
    name: 'a config file that is not YAML fails',
    facts: facts({
      version: '1.29.3',
      flags: `--config=C:\\var\\lib\\kubelet\\config.yaml ${endpoint(CONTAINERD)}`,
      config: kubeletConfig('not: [valid\n'),
    }),
    status: 'fail',
    messageId: 'configInvalid',
    commands: ['Restart-Service kubelet'],
  },
  {
    name: 'a config file without kind fails',
    facts: facts({
      version: '1.29.3',
      flags: '',
      config: kubeletConfig(`containerRuntimeEndpoint: "${CONTAINERD}"\n`),
    }),
    status: 'fail',
    messageId: 'configInvalid',
    verify: (t, r) => t.regex(String(r.data?.error), /Kind' is missing/),
  },
  {
    name: 'a config file with a wrongly typed value fails',
    facts: facts({
      version: '1.29.3',
      flags: endpoint(CONTAINERD),
      config: kubeletConfig(
        'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncgroupsPerQOS: "false"\n',
      ),
    }),
    status: 'fail',
    messageId: 'configInvalid',
    verify: (t, r) =>
      t.regex(
        String(r.data?.error),
        /cannot unmarshal string into Go struct field KubeletConfiguration\.cgroupsPerQOS of type bool/,
      ),
  },

  // Facts absent or unreadable.
  { name: 'nothing collected', facts: node(), status: 'skip', messageId: 'notCollected' },
  {
    name: 'only the version collected',
    facts: facts({ version: '1.29.3' }),
    status: 'skip',
    messageId: 'notCollected',
  },
  {
    name: 'config file named by --config denied, no endpoint flag: skip',
    facts: facts({ version: '1.29.3', flags: '--config=C:\\var\\lib\\kubelet\\config.yaml', config: not('denied') }),
    status: 'skip',
    messageId: 'gapsUnknown',
  },
  {
    name: 'config file named by --config not collected, no endpoint flag: skip',
    facts: facts({ version: '1.29.3', flags: '--config=C:\\var\\lib\\kubelet\\config.yaml' }),
    status: 'skip',
    messageId: 'gapsUnknown',
  },
  {
    name: 'config file denied but the flag names containerd',
    facts: facts({
      version: '1.29.3',
      flags: `--config=C:\\var\\lib\\kubelet\\config.yaml ${endpoint(CONTAINERD)}`,
      config: not('denied'),
    }),
    status: 'pass',
    messageId: 'containerd',
  },
  {
    name: 'command line denied and no config',
    facts: facts({ version: '1.29.3', line: not('denied') }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: "another pipe, with containerd's own address unknown, warns",
    facts: facts({ version: '1.29.3', flags: endpoint('npipe:////./pipe/some-runtime') }),
    status: 'warn',
    messageId: 'unknownPipe',
  },
]);
