import check from '../../checks/kubelet-feature-gate.js';
import { checkTester } from '../helpers/check-tester.js';
import { imageBuilderBinPath, kubeadmFlagsEnv } from '../helpers/corpus.js';
import {
  commandLine,
  type KubeletParts,
  kubeletConfig,
  kubeletConfigDoc,
  kubeletFacts,
  node,
  not,
} from '../helpers/facts.js';

const GATE = 'WindowsHostProcessContainers';
const KUBELET = '"C:\\k\\kubelet.exe" --windows-service --hostname-override=winnode-07 --kubeconfig=C:\\k\\config';

const facts = (parts: KubeletParts) => kubeletFacts({ program: KUBELET, ...parts });
const flag = (value: boolean | string) => `--feature-gates=${GATE}=${value}`;
const yaml = (value: boolean) =>
  kubeletConfig(
    `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfeatureGates:\n  ${GATE}: ${value}\n`,
  );
const yamlWithout = kubeletConfig(
  'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfeatureGates:\n  RotateKubeletServerCertificate: true\n',
);

checkTester(check, [
  {
    name: 'a gate written as a string in the config file fails: kubelet cannot decode it',
    facts: facts({ version: '1.29.3', flags: '', config: kubeletConfigDoc(`featureGates:\n  ${GATE}: "true"\n`) }),
    status: 'fail',
    messageId: 'invalid',
  },
  // 1.22: alpha, must be true (on kube-apiserver too, which cannot be checked from the node).
  {
    name: '1.22 gate true on the command line warns',
    facts: facts({ version: '1.22.17', flags: flag(true) }),
    status: 'warn',
    messageId: 'alphaEnabled',
  },
  {
    name: '1.22 gate true in the config file warns',
    facts: facts({ version: '1.22.17', flags: '', config: yaml(true) }),
    status: 'warn',
    messageId: 'alphaEnabled',
  },
  {
    name: '1.22 gate not set fails',
    facts: facts({ version: '1.22.17', flags: '--v=2' }),
    status: 'fail',
    messageId: 'alphaDisabled',
  },
  {
    name: '1.22 gate not set anywhere (config read, no gate) fails',
    facts: facts({ version: '1.22.0', flags: '', config: yamlWithout }),
    status: 'fail',
    messageId: 'alphaDisabled',
  },
  {
    name: '1.22 gate false fails',
    facts: facts({ version: '1.22.17', flags: flag(false) }),
    status: 'fail',
    messageId: 'alphaDisabled',
  },

  // 1.23–1.25: beta, on by default; only false is a problem.
  {
    name: '1.23 not set passes',
    facts: facts({ version: '1.23.0', flags: '' }),
    status: 'pass',
    messageId: 'betaDefault',
  },
  {
    name: '1.24 true passes',
    facts: facts({ version: '1.24.17', flags: flag(true) }),
    status: 'pass',
    messageId: 'betaDefault',
  },
  {
    name: '1.23 false fails',
    facts: facts({ version: '1.23.17', flags: flag(false) }),
    status: 'fail',
    messageId: 'betaDisabled',
  },
  {
    name: '1.25 false in the config file fails',
    facts: facts({ version: '1.25.16', flags: '', config: yaml(false) }),
    status: 'fail',
    messageId: 'betaDisabled',
  },
  {
    name: '1.24 False (Go ParseBool spelling) fails',
    facts: facts({ version: '1.24.0', flags: flag('False') }),
    status: 'fail',
    messageId: 'betaDisabled',
  },
  {
    name: '1.24 0 (Go ParseBool) fails',
    facts: facts({ version: '1.24.0', flags: flag('0') }),
    status: 'fail',
    messageId: 'betaDisabled',
  },
  {
    name: '1.24 gate among others, false',
    facts: facts({
      version: '1.24.0',
      flags: `--feature-gates=RotateKubeletServerCertificate=true,${GATE}=false,CSIMigration=true`,
    }),
    status: 'fail',
    messageId: 'betaDisabled',
  },
  {
    name: '1.24 space-separated flag value',
    facts: facts({ version: '1.24.0', flags: `--feature-gates ${GATE}=false` }),
    status: 'fail',
    messageId: 'betaDisabled',
  },
  {
    name: '1.24 repeated flags: the later one wins (false)',
    facts: facts({ version: '1.24.0', flags: `${flag(true)} ${flag(false)}` }),
    status: 'fail',
    messageId: 'betaDisabled',
  },
  {
    name: '1.24 repeated flags: the later one wins (true)',
    facts: facts({ version: '1.24.0', flags: `${flag(false)} ${flag(true)}` }),
    status: 'pass',
    messageId: 'betaDefault',
  },

  {
    name: '1.24 a gate value kubelet cannot read fails',
    facts: facts({ version: '1.24.0', flags: flag('yes') }),
    status: 'fail',
    messageId: 'invalid',
  },

  // Flags win over the config file.
  {
    name: 'flag true wins over config false',
    facts: facts({ version: '1.24.0', flags: flag(true), config: yaml(false) }),
    status: 'pass',
    messageId: 'betaDefault',
  },
  {
    name: 'flag false wins over config true',
    facts: facts({ version: '1.24.0', flags: flag(false), config: yaml(true) }),
    status: 'fail',
    messageId: 'betaDisabled',
  },

  // 1.26–1.27: GA and locked to true.
  {
    name: '1.26 not set passes',
    facts: facts({ version: '1.26.0', flags: '' }),
    status: 'pass',
    messageId: 'stableNotSet',
  },
  {
    name: '1.26 false fails (locked)',
    facts: facts({ version: '1.26.0', flags: flag(false) }),
    status: 'fail',
    messageId: 'lockedFalse',
  },
  {
    name: '1.27 false in config fails (locked)',
    facts: facts({ version: '1.27.16', flags: '', config: yaml(false) }),
    status: 'fail',
    messageId: 'lockedFalse',
  },
  {
    name: '1.26 true warns (remove before 1.28)',
    facts: facts({ version: '1.26.15', flags: flag(true) }),
    status: 'warn',
    messageId: 'lockedTrue',
  },
  {
    name: '1.27 true in config warns',
    facts: facts({ version: '1.27.16', flags: '', config: yaml(true) }),
    status: 'warn',
    messageId: 'lockedTrue',
  },

  // 1.28+: removed; setting it at all stops kubelet.
  {
    name: '1.28 not set passes',
    facts: facts({ version: '1.28.0', flags: '' }),
    status: 'pass',
    messageId: 'removedNotSet',
  },
  {
    name: '1.29 true fails',
    facts: facts({ version: '1.29.3', flags: flag(true) }),
    status: 'fail',
    messageId: 'removedSet',
  },
  {
    name: '1.28 false fails',
    facts: facts({ version: '1.28.0', flags: flag(false) }),
    status: 'fail',
    messageId: 'removedSet',
  },
  {
    name: '1.30 true in the config file fails',
    facts: facts({ version: '1.30.2', flags: '', config: yaml(true) }),
    status: 'fail',
    messageId: 'removedSet',
  },
  {
    name: '1.31 other gates only passes',
    facts: facts({
      version: '1.31.0',
      flags: '--feature-gates=RotateKubeletServerCertificate=true',
      config: yamlWithout,
    }),
    status: 'pass',
    messageId: 'removedNotSet',
  },

  // Real command lines.
  {
    name: 'image-builder binPath with its config file read, 1.29',
    facts: facts({ version: '1.29.3', line: commandLine(imageBuilderBinPath()), config: yamlWithout }),
    status: 'pass',
    messageId: 'removedNotSet',
  },
  {
    name: 'image-builder binPath, config named by --config but not collected: cannot tell',
    facts: facts({ version: '1.29.3', line: commandLine(imageBuilderBinPath()) }),
    status: 'skip',
    messageId: 'gapsUnknown',
  },
  {
    name: 'kubeadm-flags.env (no --config), 1.24',
    facts: facts({ version: '1.24.0', line: commandLine(kubeadmFlagsEnv()) }),
    status: 'pass',
    messageId: 'betaDefault',
  },

  // The config file named by --config could not be read.
  {
    name: 'config file denied and flags do not set the gate: skip',
    facts: facts({ version: '1.29.3', flags: '--config=C:\\var\\lib\\kubelet\\config.yaml', config: not('denied') }),
    status: 'skip',
    messageId: 'gapsUnknown',
  },
  {
    name: 'config file missing and flags do not set the gate: skip',
    facts: facts({ version: '1.24.0', flags: '--config=C:\\var\\lib\\kubelet\\config.yaml', config: not('missing') }),
    status: 'skip',
    messageId: 'gapsUnknown',
  },
  // A config file kubelet cannot decode: kubelet does not start, so that is a failure here too, never a
  // skip (fuzz/newcomer #7); the gate set by a flag does not change that.
  {
    name: 'config file is not valid YAML: kubelet refuses to start, fail',
    facts: facts({
      version: '1.24.0',
      flags: '--config=C:\\var\\lib\\kubelet\\config.yaml',
      config: kubeletConfig('featureGates: [\n  a: b\n'),
    }),
    status: 'fail',
    messageId: 'configInvalid',
    verify: (t, r) => t.regex(String(r.data?.error), /line \d+, column \d+/),
  },
  {
    name: 'config file not valid YAML, the gate set by a flag: still fail',
    facts: facts({
      version: '1.29.3',
      flags: '--config=C:\\var\\lib\\kubelet\\config.yaml',
      config: kubeletConfig('not: [valid\n'),
    }),
    status: 'fail',
    messageId: 'configInvalid',
  },
  {
    name: 'config file without kind: kubelet cannot decode it, fail',
    facts: facts({ version: '1.29.3', flags: '', config: kubeletConfig(`featureGates:\n  ${GATE}: true\n`) }),
    status: 'fail',
    messageId: 'configInvalid',
    data: { path: 'C:\\var\\lib\\kubelet\\config.yaml' },
  },
  {
    name: 'config file with a YAML alias bomb: fail with a clear message, no crash (fuzz D6)',
    facts: facts({
      version: '1.29.3',
      flags: '',
      config: kubeletConfigDoc(
        `a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n${[1, 2, 3, 4, 5, 6, 7, 8, 9]
          .map(
            (i) =>
              `a${i}: &a${i} [${Array(10)
                .fill(`*a${i - 1}`)
                .join(',')}]`,
          )
          .join('\n')}\n`,
      ),
    }),
    status: 'fail',
    messageId: 'configInvalid',
    verify: (t, r) => t.regex(String(r.data?.error), /excessive aliasing/),
  },
  {
    name: 'config file with 150 aliases of a scalar reads (fuzz D6: kubelet takes it)',
    facts: facts({
      version: '1.29.3',
      flags: '',
      config: kubeletConfigDoc(
        `x: &v false\nfeatureGates:\n${Array.from({ length: 150 }, (_, i) => `  G${i}: *v`).join('\n')}\n  ${GATE}: *v\n`,
      ),
    }),
    status: 'fail',
    messageId: 'removedSet',
  },
  {
    name: 'config file with more aliases than the doctor reads: skip, unreadable',
    facts: facts({
      version: '1.29.3',
      flags: '',
      config: kubeletConfigDoc(`x: &v true\nl: [${Array(10_001).fill('*v').join(',')}]\n`),
    }),
    status: 'skip',
    messageId: 'gapsUnknown',
    skipReason: 'unreadable',
  },
  {
    name: 'config file denied, but the flag sets false: fail',
    facts: facts({
      version: '1.24.0',
      flags: `--config=C:\\var\\lib\\kubelet\\config.yaml ${flag(false)}`,
      config: not('denied'),
    }),
    status: 'fail',
    messageId: 'betaDisabled',
  },
  {
    name: 'config file denied, but the flag sets it on 1.28: fail',
    facts: facts({
      version: '1.28.0',
      flags: `--config=C:\\var\\lib\\kubelet\\config.yaml ${flag(true)}`,
      config: not('denied'),
    }),
    status: 'fail',
    messageId: 'removedSet',
  },

  // Version unknown: false is wrong on every version.
  {
    name: 'version unknown and gate false fails',
    facts: facts({ flags: flag(false) }),
    status: 'fail',
    messageId: 'disabledVersionUnknown',
  },
  {
    name: 'version unknown and gate not set: skip',
    facts: facts({ flags: '' }),
    status: 'skip',
    messageId: 'notCollected',
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
    name: 'command line denied and no config',
    facts: facts({ version: '1.24.0', line: not('denied') }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'command line timed out and no config',
    facts: facts({ version: '1.29.3', line: not('timeout') }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'gate true with the kubelet version unknown warns',
    facts: facts({ flags: flag(true) }),
    status: 'warn',
    messageId: 'setVersionUnknown',
  },
  {
    name: 'kubelet 1.21 predates the gate',
    facts: facts({ version: '1.21.14', flags: flag(true) }),
    status: 'skip',
    messageId: 'predatesGate',
    skipReason: 'notApplicable',
  },
]);
