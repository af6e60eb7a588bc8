import check from '../../checks/containerd-hostprocess-annotations.js';
import type { ContainerdConfig, NodeFacts } from '../../src/contract/facts.js';
import { checkTester } from '../helpers/check-tester.js';
import { corpusBytes } from '../helpers/corpus.js';
import { config, DEFAULT_CONFIG_PATH, type FileSpec, node, not, version } from '../helpers/facts.js';

const MAIN = DEFAULT_CONFIG_PATH;
const IMPORT = 'C:\\Program Files\\containerd\\conf.d\\hostprocess.toml';
const C2 = 'plugins."io.containerd.grpc.v1.cri".containerd';
const HPC = 'microsoft.com/hostprocess-container';
const RUNHCS = 'io.containerd.runhcs.v1';

function facts(
  files: FileSpec[] | undefined,
  containerd?: string,
  pathSource: ContainerdConfig['pathSource'] = 'command-line',
): NodeFacts {
  return node({
    containerd: {
      ...(files ? { config: config(files, pathSource) } : {}),
      ...(containerd ? { version: version(containerd) } : {}),
    },
  });
}
const toml = (list: string[]) => `[${list.map((p) => JSON.stringify(p)).join(', ')}]`;

/** A version 2 config whose default runtime runhcs-wcow-process has the given allow-lists. */
function process(pod: string[] | undefined, container: string[] | undefined): string {
  return [
    'version = 2',
    `[${C2}]`,
    '  default_runtime_name = "runhcs-wcow-process"',
    `[${C2}.runtimes.runhcs-wcow-process]`,
    `  runtime_type = "${RUNHCS}"`,
    ...(pod ? [`  pod_annotations = ${toml(pod)}`] : []),
    ...(container ? [`  container_annotations = ${toml(container)}`] : []),
    '',
  ].join('\n');
}
const on15 = (text: string, containerd = '1.5.9') => facts([{ text }], containerd);
const both = (pattern: string, containerd = '1.5.9') => on15(process([pattern], [pattern]), containerd);
const corpus = (file: string, containerd: string) =>
  facts([{ bytes: corpusBytes('containerd-config', file) }], containerd);

checkTester(check, [
  // Not needed on 1.6 and later, whatever the config says.
  { name: '1.6.0 needs no annotations', facts: on15(process([], []), '1.6.0'), status: 'pass', messageId: 'notNeeded' },
  {
    name: '1.7.20 needs no annotations',
    facts: on15(process(undefined, undefined), 'containerd github.com/containerd/containerd v1.7.20 8fc6bcff'),
    status: 'pass',
    messageId: 'notNeeded',
  },
  {
    name: '2.0.4 needs no annotations',
    facts: facts(undefined, 'containerd github.com/containerd/containerd/v2 v2.0.4+azure abc'),
    status: 'pass',
    messageId: 'notNeeded',
  },
  {
    name: '1.6.35 with the config not collected',
    facts: facts(undefined, '1.6.35+azure'),
    status: 'pass',
    messageId: 'notNeeded',
  },
  {
    name: '1.7 with a broken config still needs no annotations',
    facts: on15('version = 2\n[plugins\n', '1.7.20'),
    status: 'pass',
    messageId: 'notNeeded',
  },

  // containerd 1.5.x: both allow-lists must admit the annotation.
  { name: '1.5.9 literal in both lists', facts: both(HPC), status: 'pass', messageId: 'passedThrough' },
  { name: '1.5.4 literal in both lists', facts: both(HPC, '1.5.4'), status: 'pass', messageId: 'passedThrough' },
  {
    name: '1.5.18 glob microsoft.com/* in both lists',
    facts: both('microsoft.com/*', '1.5.18'),
    status: 'pass',
    messageId: 'passedThrough',
  },
  {
    name: 'glob microsoft.com/hostprocess-*',
    facts: both('microsoft.com/hostprocess-*'),
    status: 'pass',
    messageId: 'passedThrough',
  },
  { name: 'glob */*', facts: both('*/*'), status: 'pass', messageId: 'passedThrough' },
  {
    name: 'glob with ? and a class',
    facts: both('microsoft.co[lm]/hostprocess?container'),
    status: 'pass',
    messageId: 'passedThrough',
  },
  {
    name: 'the literal among other entries',
    facts: on15(process(['io.microsoft.*', HPC], ['io.microsoft.container.*', HPC])),
    status: 'pass',
    messageId: 'passedThrough',
  },
  {
    name: 'a bare * does not match across the /',
    facts: both('*'),
    status: 'fail',
    messageId: 'missing',
    verify: (t, r) => t.true(r.fix?.text.includes(HPC) ?? false),
  },
  { name: 'microsoft.* does not match across the /', facts: both('microsoft.*'), status: 'fail', messageId: 'missing' },
  {
    name: 'io.microsoft.* (the 1.7 default) does not admit it',
    facts: both('io.microsoft.*'),
    status: 'fail',
    messageId: 'missing',
  },
  {
    name: 'a malformed pattern matches nothing',
    facts: both('microsoft.com/[hostprocess-container'),
    status: 'fail',
    messageId: 'missing',
  },
  {
    name: 'matching is case-sensitive',
    facts: both('Microsoft.com/hostprocess-container'),
    status: 'fail',
    messageId: 'missing',
  },
  { name: 'only pod_annotations', facts: on15(process([HPC], [])), status: 'fail', messageId: 'missing' },
  { name: 'only container_annotations', facts: on15(process(undefined, [HPC])), status: 'fail', messageId: 'missing' },
  { name: 'neither list', facts: on15(process(undefined, undefined)), status: 'fail', messageId: 'missing' },
  {
    name: '1.5.9 with no config file: built-in runtime passes nothing',
    facts: facts([{ state: 'missing' }], '1.5.9', 'default'),
    status: 'fail',
    messageId: 'missing',
  },
  {
    name: 'annotations on a runtime that is not the default do not count',
    facts: on15(
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n[${C2}.runtimes.runhcs-wcow-process]\n  runtime_type = "${RUNHCS}"\n[${C2}.runtimes.hpc]\n  runtime_type = "${RUNHCS}"\n  pod_annotations = ["${HPC}"]\n  container_annotations = ["${HPC}"]\n`,
    ),
    status: 'fail',
    messageId: 'missing',
  },
  {
    name: 'the legacy default_runtime is the default on 1.x, so its lists count',
    facts: on15(
      `version = 2\n[${C2}.default_runtime]\n  runtime_type = "${RUNHCS}"\n  pod_annotations = ["${HPC}"]\n  container_annotations = ["${HPC}"]\n`,
    ),
    status: 'pass',
    messageId: 'passedThrough',
  },
  {
    name: 'lists on runhcs-wcow-process do not help when the legacy default_runtime is the default',
    facts: on15(`${process([HPC], [HPC])}[${C2}.default_runtime]\n  runtime_type = "${RUNHCS}"\n`),
    status: 'fail',
    messageId: 'missing',
  },
  {
    name: 'an empty legacy default_runtime does not hide runhcs-wcow-process',
    facts: on15(`${process([HPC], [HPC])}[${C2}.default_runtime]\n  runtime_type = ""\n`),
    status: 'pass',
    messageId: 'passedThrough',
  },
  {
    name: 'the lists come from an import',
    facts: facts(
      [
        { text: "version = 2\nimports = ['conf.d\\hostprocess.toml']\n" },
        { path: IMPORT, importedBy: MAIN, text: process([HPC], [HPC]) },
      ],
      '1.5.9',
    ),
    status: 'pass',
    messageId: 'passedThrough',
  },
  {
    name: 'the v1.22 docs snippet (default_runtime and runhcs-wcow-process)',
    facts: on15(
      `version = 2\n[${C2}.default_runtime]\n  container_annotations = ["${HPC}"]\n  pod_annotations = ["${HPC}"]\n[${C2}.runtimes.runhcs-wcow-process]\n  runtime_type = "${RUNHCS}"\n  container_annotations = ["${HPC}"]\n  pod_annotations = ["${HPC}"]\n`,
    ),
    status: 'pass',
    messageId: 'passedThrough',
  },

  // Real configs on containerd 1.5.
  {
    name: 'corpus hcsshim CI wildcard config on 1.5.9',
    facts: corpus('hcsshim-ci-commented-v2-wildcard-annotations-wcow-process.toml', '1.5.9'),
    status: 'pass',
    messageId: 'passedThrough',
  },
  {
    name: 'corpus OpenShift config on 1.5.9 (empty lists)',
    facts: corpus('openshift-wmco-containerd_conf-v2-containerd1.7-default-runtime-name.toml', '1.5.9'),
    status: 'fail',
    messageId: 'missing',
  },
  {
    name: 'corpus containerd CI Hyper-V config on 1.5.9',
    facts: corpus('containerd-ci-hyperv-periodic-v2-default-runtime-hypervisor.toml', '1.5.9'),
    status: 'fail',
    messageId: 'missing',
  },
  {
    name: 'corpus OpenShift config on 1.7.20',
    facts: corpus('openshift-wmco-containerd_conf-v2-containerd1.7-default-runtime-name.toml', '1.7.20'),
    status: 'pass',
    messageId: 'notNeeded',
  },

  // Facts absent or unreadable.
  {
    name: '1.5.9 with the config not collected',
    facts: facts(undefined, '1.5.9'),
    status: 'skip',
    messageId: 'notCollected',
  },
  {
    name: '1.5.9 with the config denied',
    facts: node({ containerd: { version: version('1.5.9'), config: not('denied') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: '1.5.9 with a config that does not parse',
    facts: on15('version = 2\n[plugins\n'),
    status: 'skip',
    messageId: 'configFatal',
  },
  {
    name: '1.5.9 whose default_runtime_name names no runtime: the runtime is unknown',
    facts: on15(`version = 2\n[${C2}]\n  default_runtime_name = "nope"\n`),
    status: 'skip',
    messageId: 'runtimeUnknown',
    skipReason: 'notApplicable',
  },
  {
    name: 'containerd version unknown and no allow-list',
    facts: facts([{ text: process([], []) }]),
    status: 'skip',
    messageId: 'versionUnknown',
  },
  { name: 'nothing collected', facts: node(), status: 'skip', messageId: 'notCollected' },
  {
    name: 'the default runtime passes the annotation, containerd version not collected',
    facts: facts([{ text: process([HPC], [HPC]) }]),
    status: 'pass',
    messageId: 'passedThroughVersionUnknown',
  },
  {
    name: 'containerd 1.5.0 predates HostProcess: annotations cannot help',
    facts: both(HPC, '1.5.0'),
    status: 'skip',
    messageId: 'tooOld',
    skipReason: 'notApplicable',
  },
  {
    name: 'containerd 1.5 with kubelet 1.23: no config can help',
    facts: node({
      containerd: { version: version('1.5.9'), config: config([{ text: process([HPC], [HPC]) }]) },
      kubelet: { version: version('Kubernetes v1.23.17') },
    }),
    status: 'skip',
    messageId: 'kubeletTooNew',
  },
  {
    name: 'containerd 1.5 with a config it refuses to start with',
    facts: on15(`${process([HPC], [HPC])}[plugins.cri]\n  sandbox_image = "x"\n`),
    status: 'skip',
    messageId: 'configFatal',
  },
  {
    name: 'containerd 1.5 with the CRI plugin disabled: nothing to pass through',
    facts: on15(
      process([HPC], [HPC]).replace('version = 2\n', 'version = 2\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n'),
    ),
    status: 'skip',
    messageId: 'criDisabled',
    skipReason: 'notApplicable',
  },
]);
