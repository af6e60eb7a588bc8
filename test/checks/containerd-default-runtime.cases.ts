import check from '../../checks/containerd-default-runtime.js';
import type { ContainerdConfig, NodeFacts } from '../../src/contract/facts.js';
import { checkTester } from '../helpers/check-tester.js';
import { corpusBytes } from '../helpers/corpus.js';
import {
  config,
  DEFAULT_CONFIG_PATH,
  type FileSpec,
  node,
  not,
  version,
  withContainerdVersionDenied,
} from '../helpers/facts.js';

const MAIN = DEFAULT_CONFIG_PATH;
const IMPORT = 'C:\\Program Files\\containerd\\conf.d\\10-runtime.toml';
/** The CRI containerd section of a version 2 (containerd 1.x) config. */
const C2 = 'plugins."io.containerd.grpc.v1.cri".containerd';
/** The same section in a version 3 (containerd 2.x) config. */
const C3 = "plugins.'io.containerd.cri.v1.runtime'.containerd";
const RUNHCS = 'io.containerd.runhcs.v1';

function facts(
  files: FileSpec[],
  containerd?: string,
  pathSource: ContainerdConfig['pathSource'] = 'command-line',
): NodeFacts {
  return node({
    containerd: { config: config(files, pathSource), ...(containerd ? { version: version(containerd) } : {}) },
  });
}
const one = (text: string, containerd = '1.7.20') => facts([{ text }], containerd);
const withImport = (mainText: string, importText: string, containerd: string) =>
  facts([{ text: mainText }, { path: IMPORT, importedBy: MAIN, text: importText }], containerd);
const builtIn = (containerd: string) => facts([{ state: 'missing' }], containerd, 'default');
const corpus = (file: string, containerd = '1.7.20') =>
  facts([{ bytes: corpusBytes('containerd-config', file) }], containerd);

const names = (runtime: string) => (t: import('ava').ExecutionContext, r: { message: string; observed?: string }) =>
  t.true(
    (r.observed ?? '').startsWith(`${runtime} `) || r.message.includes(`runtime ${runtime} `),
    `default runtime is ${runtime}: ${r.message}`,
  );

const processRuntime = `
[${C2}.runtimes.runhcs-wcow-process]
  runtime_type = "${RUNHCS}"
`;
const hypervisorRuntime = `
[${C2}.runtimes.runhcs-wcow-hypervisor]
  runtime_type = "${RUNHCS}"
[${C2}.runtimes.runhcs-wcow-hypervisor.options]
  SandboxIsolation = 1
`;

/** The same facts with containerd's version collected but unreadable. */
checkTester(check, [
  {
    name: "a process-isolated default, but containerd's version denied: which runtime is the default is not known",
    facts: withContainerdVersionDenied(
      one(
        `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n[${C2}.runtimes.runhcs-wcow-process]\n  runtime_type = "${RUNHCS}"\n`,
      ),
    ),
    status: 'skip',
    messageId: 'versionUnreadable',
    skipReason: 'unreadable',
    data: { reason: 'Access is denied.', name: 'runhcs-wcow-process' },
  },
  // Built-in Windows defaults when nothing is configured.
  {
    name: 'no config file on 1.7: built-in runhcs-wcow-process',
    facts: builtIn('1.7.20'),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('runhcs-wcow-process'),
  },
  {
    name: 'no config file on 1.6',
    facts: builtIn('1.6.35'),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('runhcs-wcow-process'),
  },
  {
    name: 'no config file on 2.0',
    facts: builtIn('2.0.4'),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('runhcs-wcow-process'),
  },
  {
    name: 'a version 2 file with no CRI settings',
    facts: one('version = 2\n'),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('runhcs-wcow-process'),
  },
  {
    name: 'a version 3 file with no CRI settings on 2.0',
    facts: one('version = 3\n', '2.0.4'),
    status: 'pass',
    messageId: 'processIsolated',
  },

  // default_runtime_name.
  {
    name: 'explicit runhcs-wcow-process',
    facts: one(`version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n${processRuntime}`),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('runhcs-wcow-process'),
  },
  {
    name: 'SandboxIsolation = 0 is process isolation',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n${processRuntime}[${C2}.runtimes.runhcs-wcow-process.options]\n  SandboxIsolation = 0\n`,
    ),
    status: 'pass',
    messageId: 'processIsolated',
  },
  {
    name: 'a custom-named process runtime',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "wcow"\n[${C2}.runtimes.wcow]\n  runtime_type = "${RUNHCS}"\n`,
    ),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('wcow'),
  },
  {
    name: 'default is the declared Hyper-V runtime',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n${processRuntime}${hypervisorRuntime}`,
    ),
    status: 'fail',
    messageId: 'hyperV',
    verify: names('runhcs-wcow-hypervisor'),
  },
  {
    name: '1.7: the built-in runhcs-wcow-hypervisor picked by name is Hyper-V isolated',
    facts: one(`version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n`),
    status: 'fail',
    messageId: 'hyperV',
  },
  {
    name: '1.6 has no built-in runhcs-wcow-hypervisor: unknown name',
    facts: one(`version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n`, '1.6.35'),
    status: 'fail',
    messageId: 'unknownName',
  },
  {
    name: 'default_runtime_name names no runtime',
    facts: one(`version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-proces"\n${processRuntime}`),
    status: 'fail',
    messageId: 'unknownName',
    verify: (t, r) => t.true(r.message.includes('runhcs-wcow-proces'), r.message),
  },
  {
    name: 'default_runtime_name is empty',
    facts: one(`version = 2\n[${C2}]\n  default_runtime_name = ""\n${processRuntime}`),
    status: 'fail',
    messageId: 'emptyName',
  },
  {
    name: 'runtime_type is not runhcs',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "runc"\n[${C2}.runtimes.runc]\n  runtime_type = "io.containerd.runc.v2"\n`,
    ),
    status: 'fail',
    messageId: 'notRunhcs',
  },
  {
    name: '1.x: a declared runtime without runtime_type does not inherit it',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n[${C2}.runtimes.runhcs-wcow-process]\n  pod_annotations = ["microsoft.com/*"]\n`,
    ),
    status: 'fail',
    messageId: 'noRuntimeType',
  },
  {
    name: '1.x: declared runtimes replace the built-ins',
    facts: one(`version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n${processRuntime}`),
    status: 'fail',
    messageId: 'unknownName',
  },
  {
    name: '2.x: a declared runtime merges onto the built-in and keeps its runtime_type',
    facts: one(
      `version = 3\n[${C3}]\n  default_runtime_name = 'runhcs-wcow-process'\n[${C3}.runtimes.runhcs-wcow-process]\n  pod_annotations = ['microsoft.com/*']\n`,
      '2.0.4',
    ),
    status: 'pass',
    messageId: 'processIsolated',
  },
  {
    name: '2.x: declaring one runtime keeps the built-in hypervisor runtime',
    facts: one(
      `version = 3\n[${C3}]\n  default_runtime_name = 'runhcs-wcow-hypervisor'\n[${C3}.runtimes.wcow]\n  runtime_type = '${RUNHCS}'\n`,
      '2.0.4',
    ),
    status: 'fail',
    messageId: 'hyperV',
  },

  // The legacy default_runtime table (containerd 1.x).
  {
    name: '1.x: legacy default_runtime with runtime_type overrides default_runtime_name',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n[${C2}.default_runtime]\n  runtime_type = "${RUNHCS}"\n[${C2}.default_runtime.options]\n  SandboxIsolation = 1\n${processRuntime}`,
    ),
    status: 'fail',
    messageId: 'hyperV',
  },
  {
    name: '1.x: a process-isolated legacy default_runtime wins over a Hyper-V default_runtime_name',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n[${C2}.default_runtime]\n  runtime_type = "${RUNHCS}"\n${processRuntime}${hypervisorRuntime}`,
    ),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('default'),
  },
  {
    name: '1.x: legacy default_runtime with a runc runtime_type',
    facts: one(`version = 2\n[${C2}.default_runtime]\n  runtime_type = "io.containerd.runc.v2"\n`),
    status: 'fail',
    messageId: 'notRunhcs',
  },
  {
    name: '1.x: an empty legacy default_runtime table is ignored',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n[${C2}.default_runtime]\n  runtime_type = ""\n${processRuntime}`,
    ),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('runhcs-wcow-process'),
  },
  {
    name: '1.x: a legacy table with options but no runtime_type is ignored',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n[${C2}.default_runtime]\n  runtime_type = ""\n[${C2}.default_runtime.options]\n  SandboxIsolation = 1\n${processRuntime}`,
    ),
    status: 'pass',
    messageId: 'processIsolated',
  },
  {
    name: '2.x ignores the legacy default_runtime table',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n[${C2}.default_runtime]\n  runtime_type = "${RUNHCS}"\n[${C2}.default_runtime.options]\n  SandboxIsolation = 1\n${processRuntime}`,
      '2.0.4',
    ),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('runhcs-wcow-process'),
  },

  // Version 1 and 2 configs on containerd 2.x are migrated.
  {
    name: '2.x: a version 2 config is migrated (Hyper-V default)',
    facts: one(`version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n`, '2.0.4'),
    status: 'fail',
    messageId: 'hyperV',
  },
  {
    name: '2.0–2.2: a version 1 config loses its CRI settings, so the default runtime is not judged',
    facts: one('[plugins.cri.containerd]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n', '2.0.4'),
    status: 'skip',
    messageId: 'configFatal',
  },
  {
    name: '2.3: a version 1 config is migrated file by file (Hyper-V default)',
    facts: one('[plugins.cri.containerd]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n', '2.3.0'),
    status: 'fail',
    messageId: 'hyperV',
  },
  {
    name: '2.x: CRI settings left under io.containerd.grpc.v1.cri in a version 3 config are not read',
    facts: one(`version = 3\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n`, '2.0.4'),
    status: 'pass',
    messageId: 'processIsolated',
  },
  {
    name: '1.x: a version 1 config reads plugins.cri',
    facts: one(
      '[plugins.cri.containerd]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n[plugins.cri.containerd.runtimes.runhcs-wcow-hypervisor]\n  runtime_type = "io.containerd.runhcs.v1"\n[plugins.cri.containerd.runtimes.runhcs-wcow-hypervisor.options]\n  SandboxIsolation = 1\n',
    ),
    status: 'fail',
    messageId: 'hyperV',
  },

  // LCOW.
  {
    name: 'runtime snapshotter windows-lcow',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "lcow"\n[${C2}.runtimes.lcow]\n  runtime_type = "${RUNHCS}"\n  snapshotter = "windows-lcow"\n`,
    ),
    status: 'fail',
    messageId: 'lcow',
  },
  {
    name: '1.x: CRI default snapshotter windows-lcow',
    facts: one(
      `version = 2\n[${C2}]\n  snapshotter = "windows-lcow"\n  default_runtime_name = "runhcs-wcow-process"\n${processRuntime}`,
    ),
    status: 'fail',
    messageId: 'lcow',
  },
  {
    name: '2.x: images snapshotter windows-lcow',
    facts: one(`version = 3\n[plugins.'io.containerd.cri.v1.images']\n  snapshotter = 'windows-lcow'\n`, '2.0.4'),
    status: 'fail',
    messageId: 'lcow',
  },
  {
    name: 'SandboxPlatform linux/amd64',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-lcow"\n[${C2}.runtimes.runhcs-lcow]\n  runtime_type = "${RUNHCS}"\n[${C2}.runtimes.runhcs-lcow.options]\n  SandboxPlatform = "linux/amd64"\n`,
    ),
    status: 'fail',
    messageId: 'lcow',
  },
  {
    name: 'SandboxPlatform linux/arm64',
    facts: one(
      `version = 2\n[${C2}.runtimes.runhcs-wcow-process]\n  runtime_type = "${RUNHCS}"\n[${C2}.runtimes.runhcs-wcow-process.options]\n  SandboxPlatform = "linux/arm64"\n`,
    ),
    status: 'fail',
    messageId: 'lcow',
  },
  {
    name: 'SandboxPlatform windows/amd64 is fine',
    facts: one(
      `version = 2\n[${C2}.runtimes.runhcs-wcow-process]\n  runtime_type = "${RUNHCS}"\n[${C2}.runtimes.runhcs-wcow-process.options]\n  SandboxPlatform = "windows/amd64"\n`,
    ),
    status: 'pass',
    messageId: 'processIsolated',
  },

  // Imports are merged the way each line merges them.
  {
    name: '1.x: an import that defines the CRI plugin replaces its whole table',
    facts: withImport(
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n${hypervisorRuntime}`,
      'version = 2\n[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "C:\\\\etc\\\\containerd\\\\certs.d"\n',
      '1.7.20',
    ),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('runhcs-wcow-process'),
  },
  {
    name: '2.x: an import merges into the CRI table key by key',
    facts: withImport(
      `version = 3\n[${C3}]\n  default_runtime_name = 'runhcs-wcow-hypervisor'\n`,
      "version = 3\n[plugins.'io.containerd.cri.v1.images'.registry]\n  config_path = 'C:\\etc\\containerd\\certs.d'\n",
      '2.0.4',
    ),
    status: 'fail',
    messageId: 'hyperV',
  },
  {
    name: '2.x: an import turns the default runtime into Hyper-V isolation',
    facts: withImport(
      `version = 3\n[${C3}]\n  default_runtime_name = 'runhcs-wcow-process'\n`,
      `version = 3\n[${C3}.runtimes.runhcs-wcow-process.options]\n  SandboxIsolation = 1\n`,
      '2.0.4',
    ),
    status: 'fail',
    messageId: 'hyperV',
  },
  {
    name: '1.x: an import with a complete CRI table picks the process runtime',
    facts: withImport(
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n${hypervisorRuntime}`,
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n${processRuntime}`,
      '1.7.20',
    ),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('runhcs-wcow-process'),
  },

  // Real configs.
  {
    name: 'corpus containerd CI Hyper-V default',
    facts: corpus('containerd-ci-hyperv-periodic-v2-default-runtime-hypervisor.toml'),
    status: 'fail',
    messageId: 'hyperV',
    verify: names('runhcs-wcow-hypervisor'),
  },
  {
    name: 'corpus OpenShift: the empty legacy table is not the default',
    facts: corpus('openshift-wmco-containerd_conf-v2-containerd1.7-default-runtime-name.toml'),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('runhcs-wcow-process'),
  },
  {
    name: 'corpus hcsshim CI config',
    facts: corpus('hcsshim-ci-commented-v2-wildcard-annotations-wcow-process.toml'),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('runhcs-wcow-process'),
  },
  {
    name: 'corpus SDN v1: legacy default_runtime becomes runtime default',
    facts: corpus('microsoft-sdn-containerd-config-2019-v1schema-typo-runtimes.toml'),
    status: 'pass',
    messageId: 'processIsolated',
    verify: names('default'),
  },

  // Facts absent, unreadable or blocked.
  { name: 'config not collected', facts: node(), status: 'skip', messageId: 'notCollected' },
  {
    name: 'config fact denied',
    facts: node({ containerd: { config: not('denied') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'config has a syntax error',
    facts: one('version = 2\n[plugins\n'),
    status: 'skip',
    messageId: 'configFatal',
  },
  {
    name: 'config is an unrendered template',
    facts: corpus('agentbaker-windows-containerd2template-v3-TEMPLATE.toml', '2.0.4'),
    status: 'skip',
    messageId: 'configFatal',
  },
  {
    name: 'an import is missing',
    facts: facts([{ text: 'version = 2\n' }, { path: IMPORT, importedBy: MAIN, state: 'missing' }], '1.7.20'),
    status: 'skip',
    messageId: 'configFatal',
  },
  {
    name: 'config named by --config is missing',
    facts: facts([{ state: 'missing' }], '1.7.20', 'command-line'),
    status: 'skip',
    messageId: 'configFatal',
  },
  {
    name: 'a UTF-16 config is not resolved: containerd cannot read it',
    facts: node({
      containerd: {
        version: version('1.7.20'),
        config: config([
          { bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version = 2\n', 'utf16le')]) },
        ]),
      },
    }),
    status: 'skip',
    messageId: 'configFatal',
  },
  {
    name: 'a version 3 config on containerd 1.7.20 (refused from 1.7.17): the default runtime is not judged',
    facts: facts(
      [
        {
          text: "version = 3\n[plugins.'io.containerd.cri.v1.runtime'.containerd]\n  default_runtime_name = 'runhcs-wcow-process'\n",
        },
      ],
      '1.7.20',
    ),
    status: 'skip',
    messageId: 'configFatal',
    skipReason: 'notApplicable',
  },
  {
    name: 'a config containerd 1.x refuses (a v1 plugin name in a version 2 file): not judged',
    facts: facts([{ text: 'version = 2\n[plugins.cri]\n  sandbox_image = "x"\n' }], '1.7.20'),
    status: 'skip',
    messageId: 'configFatal',
  },
  {
    name: 'an import that cannot be read: not judged, the run is inconclusive',
    facts: facts([{ text: 'version = 2\n' }, { path: IMPORT, importedBy: MAIN, state: 'denied' }], '1.7.20'),
    status: 'skip',
    messageId: 'configBlocked',
    skipReason: 'unreadable',
  },
  {
    name: 'the CRI plugin is disabled: no runtime to judge',
    facts: one('version = 2\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n'),
    status: 'skip',
    messageId: 'criDisabled',
    skipReason: 'notApplicable',
    data: { plugin: 'io.containerd.grpc.v1.cri' },
  },
  {
    name: 'a version 1 config disables the CRI plugin by its ID, cri',
    facts: one('disabled_plugins = ["cri"]\n'),
    status: 'skip',
    messageId: 'criDisabled',
    data: { plugin: 'cri' },
  },
  {
    name: '2.x: disabling the CRI runtime plugin turns CRI off',
    facts: one('version = 3\ndisabled_plugins = ["io.containerd.cri.v1.runtime"]\n', '2.1.0'),
    status: 'skip',
    messageId: 'criDisabled',
  },
  {
    name: 'hcsshim v0.15.0-rc.2 and later fail a HostProcess pod on a Hyper-V default with the UVM error',
    facts: node({
      containerd: {
        config: config([{ text: `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n` }]),
        version: version('2.3.4'),
      },
      shim: { version: version('containerd-shim-runhcs-v1 version v0.15.0-rc.2\ncommit: abc\nspec: 1.2.0') },
    }),
    status: 'fail',
    messageId: 'hyperVUvm',
  },
  {
    name: 'an older shim does not print the UVM error: the k8s docs wording',
    facts: node({
      containerd: {
        config: config([{ text: `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n` }]),
        version: version('2.3.4'),
      },
      shim: { version: version('containerd-shim-runhcs-v1 version v0.15.0-rc.1\nspec: 1.2.0') },
    }),
    status: 'fail',
    messageId: 'hyperV',
  },
  {
    name: 'an import that sets the Hyper-V default: the fix names the import and its line',
    facts: withImport(
      `version = 2\nimports = ["conf.d/10-runtime.toml"]\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n`,
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n`,
      '2.2.7',
    ),
    status: 'fail',
    messageId: 'hyperV',
    verify: (t, r) => {
      t.true(r.fix?.text.includes(`${IMPORT}:3`), r.fix?.text);
      t.true(r.fix?.text.includes(`under [${C2}] in ${IMPORT}`), r.fix?.text);
    },
  },
  {
    name: 'LCOW is never described as process isolation',
    facts: one(
      `version = 2\n[${C2}]\n  default_runtime_name = "lcow"\n[${C2}.runtimes.lcow]\n  runtime_type = "${RUNHCS}"\n[${C2}.runtimes.lcow.options]\n  SandboxPlatform = "linux/amd64"\n`,
    ),
    status: 'fail',
    messageId: 'lcow',
    verify: (t, r) => {
      t.false(r.observed?.includes('process isolation'), r.observed);
      t.true(r.observed?.includes('Linux containers (LCOW)'), r.observed);
    },
  },
  {
    name: '1.6 does not read a runtime-level snapshotter (it exists from 1.7.0)',
    facts: one(
      `version = 2\n[${C2}.runtimes.runhcs-wcow-process]\n  runtime_type = "${RUNHCS}"\n  snapshotter = "windows-lcow"\n`,
      '1.6.35',
    ),
    status: 'pass',
    messageId: 'processIsolated',
  },
  {
    name: '1.7 reads the runtime-level snapshotter',
    facts: one(
      `version = 2\n[${C2}.runtimes.runhcs-wcow-process]\n  runtime_type = "${RUNHCS}"\n  snapshotter = "windows-lcow"\n`,
    ),
    status: 'fail',
    messageId: 'lcow',
  },
]);
