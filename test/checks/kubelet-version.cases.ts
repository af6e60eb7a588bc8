import check from '../../checks/kubelet-version.js';
import { checkTester } from '../helpers/check-tester.js';
import { kubeadmFlagsEnv } from '../helpers/corpus.js';
import { commandLine, kubeletConfig, kubeletConfigDoc, kubeletFacts, node, not, version } from '../helpers/facts.js';

const kubelet = (output: string) => node({ kubelet: { version: version(output) } });
/** kubelet with its Windows options set as every Windows node must (before 1.31), plus `flags`. */
const WINDOWS_OK = '--cgroups-per-qos=false --enforce-node-allocatable=""';
const withFlags = (v: string, flags: string) => kubeletFacts({ version: v, flags });

checkTester(check, [
  { name: 'v1.21.14 fails', facts: kubelet('Kubernetes v1.21.14'), status: 'fail', messageId: 'tooOld' },
  { name: 'v1.19.3 fails', facts: kubelet('Kubernetes v1.19.3'), status: 'fail', messageId: 'tooOld' },
  { name: 'v1.15.0 fails', facts: kubelet('v1.15.0'), status: 'fail', messageId: 'tooOld' },
  { name: 'v1.22.0 warns (alpha)', facts: kubelet('Kubernetes v1.22.0'), status: 'warn', messageId: 'alpha' },
  { name: 'v1.22.17 warns (alpha)', facts: kubelet('Kubernetes v1.22.17\r\n'), status: 'warn', messageId: 'alpha' },
  { name: 'v1.23.0 passes (beta)', facts: kubelet('Kubernetes v1.23.0'), status: 'pass', messageId: 'beta' },
  { name: 'v1.25.16 passes (beta)', facts: kubelet('Kubernetes v1.25.16'), status: 'pass', messageId: 'beta' },
  { name: 'v1.26.0 passes (stable)', facts: kubelet('Kubernetes v1.26.0'), status: 'pass', messageId: 'stable' },
  { name: 'v1.29.3 passes', facts: kubelet('Kubernetes v1.29.3'), status: 'pass', messageId: 'stable' },
  {
    name: "v1.29.3, but kubelet's command line denied: its flags are not checked, so not a pass",
    facts: kubeletFacts({ version: '1.29.3', line: not('denied', 'Access is denied.') }),
    status: 'skip',
    messageId: 'settingsUnseen',
    skipReason: 'unreadable',
    findings: ['settingsUnseen', 'stable'],
  },
  { name: 'v1.33.1 passes', facts: kubelet('Kubernetes v1.33.1'), status: 'pass', messageId: 'stable' },
  { name: 'v1.30.0-rc.1 passes', facts: kubelet('Kubernetes v1.30.0-rc.1'), status: 'pass', messageId: 'stable' },
  { name: 'bare version without the Kubernetes prefix', facts: kubelet('1.28.4'), status: 'pass', messageId: 'stable' },
  {
    name: 'distribution build suffix',
    facts: kubelet('Kubernetes v1.27.9-eks-5e0fdde'),
    status: 'pass',
    messageId: 'stable',
  },
  {
    name: 'the version shown is the one read',
    facts: kubelet('Kubernetes v1.22.17'),
    status: 'warn',
    messageId: 'alpha',
    verify: (t, r) => t.regex(r.observed ?? '', /1\.22\.17/),
  },
  {
    name: 'unreadable output is skipped, not passed',
    facts: kubelet('kubelet: command not found'),
    status: 'skip',
    messageId: 'unreadable',
  },
  {
    name: 'v1.29.03 (a leading zero) is no version: skipped with the reason',
    facts: kubelet('Kubernetes v1.29.03'),
    status: 'skip',
    messageId: 'unreadable',
    verify: (t, r) => t.regex(String(r.data?.why), /leading zero.*1\.29\.3/),
  },

  // Flags this version removed (pflag: "unknown flag"), --container-runtime aside (kubelet-runtime-endpoint).
  {
    name: '--network-plugin=cni on 1.24 fails (removed with dockershim)',
    facts: withFlags('1.24.0', `${WINDOWS_OK} --network-plugin=cni`),
    status: 'fail',
    messageId: 'removedFlag',
    data: { flag: '--network-plugin=cni', name: 'network-plugin', version: 'v1.24.0' },
    findings: ['removedFlag', 'beta'],
    commands: ['Restart-Service kubelet'],
  },
  {
    name: '--network-plugin=cni on 1.23 passes (still known)',
    facts: withFlags('1.23.17', `${WINDOWS_OK} --network-plugin=cni`),
    status: 'pass',
    messageId: 'beta',
  },
  {
    name: 'every removed dockershim flag is named, 1.29',
    facts: withFlags(
      '1.29.3',
      `${WINDOWS_OK} --cni-bin-dir=C:\\k\\cni --cni-conf-dir C:\\k\\cni\\config --image-pull-progress-deadline=20m`,
    ),
    status: 'fail',
    messageId: 'removedFlag',
    findings: ['removedFlag', 'removedFlag', 'removedFlag', 'stable'],
  },
  {
    name: 'corpus kubeadm-flags.env (--network-plugin=cni) on 1.24 fails',
    facts: kubeletFacts({ version: '1.24.0', line: commandLine(kubeadmFlagsEnv()) }),
    status: 'fail',
    messageId: 'removedFlag',
  },
  {
    name: '--container-runtime is left to kubelet-runtime-endpoint',
    facts: withFlags('1.29.3', `${WINDOWS_OK} --container-runtime=remote`),
    status: 'pass',
    messageId: 'stable',
  },

  // cgroupsPerQOS / enforceNodeAllocatable on Windows (validation_windows.go; kubernetes#123137 in 1.31).
  {
    name: 'Linux defaults on 1.29: kubelet refuses to start on Windows',
    facts: withFlags('1.29.3', ''),
    status: 'fail',
    messageId: 'windowsCgroupsFatal',
    verify: (t, r) => {
      t.regex(String(r.data?.settings), /cgroupsPerQOS true \(kubelet's default\)/);
      t.regex(String(r.data?.settings), /enforceNodeAllocatable \[pods\]/);
    },
  },
  {
    name: 'Linux defaults on 1.30: still fatal',
    facts: withFlags('1.30.14', ''),
    status: 'fail',
    messageId: 'windowsCgroupsFatal',
  },
  {
    name: 'Linux defaults on 1.31: only a warning',
    facts: withFlags('1.31.0', ''),
    status: 'warn',
    messageId: 'windowsCgroupsIgnored',
    findings: ['windowsCgroupsIgnored', 'stable'],
  },
  {
    name: '--cgroups-per-qos=false without --enforce-node-allocatable: fatal on every version',
    facts: withFlags('1.33.1', '--cgroups-per-qos=false'),
    status: 'fail',
    messageId: 'cgroupsEnforceConflict',
    data: { enforce: 'pods', first: 'pods', enforceOrigin: "kubelet's default" },
  },
  {
    name: 'only --enforce-node-allocatable="" on 1.28: cgroupsPerQOS still defaults to true',
    facts: withFlags('1.28.0', '--enforce-node-allocatable=""'),
    status: 'fail',
    messageId: 'windowsCgroupsFatal',
  },
  {
    name: 'both set in the config file passes',
    facts: kubeletFacts({
      version: '1.29.3',
      flags: '--config=C:\\var\\lib\\kubelet\\config.yaml',
      config: kubeletConfigDoc('cgroupsPerQOS: false\nenforceNodeAllocatable: []\n'),
    }),
    status: 'pass',
    messageId: 'stable',
  },
  {
    name: 'the flag wins over the config file',
    facts: kubeletFacts({
      version: '1.29.3',
      flags: '--config=C:\\var\\lib\\kubelet\\config.yaml --cgroups-per-qos=true',
      config: kubeletConfigDoc('cgroupsPerQOS: false\nenforceNodeAllocatable: []\n'),
    }),
    status: 'fail',
    messageId: 'windowsCgroupsFatal',
  },
  {
    name: 'enforceNodeAllocatable: null in the config file is the default [pods]',
    facts: kubeletFacts({
      version: '1.29.3',
      flags: '--config=C:\\var\\lib\\kubelet\\config.yaml',
      config: kubeletConfigDoc('cgroupsPerQOS: false\nenforceNodeAllocatable: null\n'),
    }),
    status: 'fail',
    messageId: 'cgroupsEnforceConflict',
  },
  {
    name: 'config file named but not collected, the flags do not set both: not judged',
    facts: withFlags('1.29.3', '--config=C:\\var\\lib\\kubelet\\config.yaml'),
    status: 'pass',
    messageId: 'stable',
  },
  {
    name: 'a config file kubelet refuses is left to the checks that read it',
    facts: kubeletFacts({ version: '1.29.3', flags: WINDOWS_OK, config: kubeletConfig('not: [valid\n') }),
    status: 'pass',
    messageId: 'stable',
  },
  {
    name: 'both on 1.22 (alpha): the worst finding leads',
    facts: withFlags('1.22.17', ''),
    status: 'fail',
    messageId: 'windowsCgroupsFatal',
    findings: ['windowsCgroupsFatal', 'alpha'],
  },
  { name: 'not collected', facts: node(), status: 'skip', messageId: 'notCollected' },
  {
    name: 'kubelet.exe not found',
    facts: node({ kubelet: { version: not('missing') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'probe timed out',
    facts: node({ kubelet: { version: not('timeout') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
]);
