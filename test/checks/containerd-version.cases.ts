import check from '../../checks/containerd-version.js';
import { checkTester } from '../helpers/check-tester.js';
import { node, not, version } from '../helpers/facts.js';

const ctrd = (output: string, kubelet?: string) =>
  node({ containerd: { version: version(output) }, ...(kubelet ? { kubelet: { version: version(kubelet) } } : {}) });

checkTester(check, [
  { name: 'bare 1.7.20', facts: ctrd('1.7.20'), status: 'pass', messageId: 'recommended' },
  { name: 'v1.7.20', facts: ctrd('v1.7.20'), status: 'pass', messageId: 'recommended' },
  {
    name: 'upstream 1.x --version line',
    facts: ctrd('containerd github.com/containerd/containerd v1.7.20 8fc6bcff51318944179630522a095cc9dbf9f353\r\n'),
    status: 'pass',
    messageId: 'recommended',
    verify: (t, r) => t.is(r.observed, 'containerd 1.7.20'),
  },
  {
    name: '2.x line with /v2 module path and +azure',
    facts: ctrd('containerd github.com/containerd/containerd/v2 v2.0.4+azure 1a43cb6a1035441f9aca8f5666a9b3ef9e70ab20'),
    status: 'pass',
    messageId: 'recommended',
    verify: (t, r) => t.is(r.observed, 'containerd 2.0.4+azure'),
  },
  {
    name: 'distro package line without v',
    facts: ctrd('containerd containerd.io 1.7.19 2bf793ef6dc9a18e00cb12efb64355c2c9d5eb41'),
    status: 'pass',
    messageId: 'recommended',
  },
  {
    name: 'ctr line from AKS release notes',
    facts: ctrd('ctr github.com/containerd/containerd v1.6.35+azure'),
    status: 'pass',
    messageId: 'supported',
  },
  { name: '1.6.35+azure', facts: ctrd('1.6.35+azure'), status: 'pass', messageId: 'supported' },
  { name: '1.6.0', facts: ctrd('1.6.0'), status: 'pass', messageId: 'supported' },
  { name: '1.6.4 is before the metrics regression', facts: ctrd('1.6.4'), status: 'pass', messageId: 'supported' },
  { name: '1.6.5 metrics regression', facts: ctrd('1.6.5'), status: 'warn', messageId: 'metricsRegression' },
  {
    name: 'AKS 1.6.6+azure metrics regression',
    facts: ctrd('ctr github.com/containerd/containerd v1.6.6+azure'),
    status: 'warn',
    messageId: 'metricsRegression',
  },
  { name: '1.6.7 fixed', facts: ctrd('1.6.7'), status: 'pass', messageId: 'supported' },
  { name: '1.7.0-rc.1 counts as 1.7', facts: ctrd('v1.7.0-rc.1'), status: 'pass', messageId: 'recommended' },
  { name: 'kubectl containerd://1.4.1', facts: ctrd('containerd://1.4.1'), status: 'fail', messageId: 'tooOld' },
  { name: '1.5.3 is below the alpha', facts: ctrd('1.5.3'), status: 'fail', messageId: 'tooOld' },
  {
    name: '1.5.4 with kubelet 1.22 warns',
    facts: ctrd('1.5.4', 'Kubernetes v1.22.17'),
    status: 'warn',
    messageId: 'alphaKubelet122',
  },
  {
    name: '1.5.18 with kubelet 1.23 fails',
    facts: ctrd('1.5.18', 'Kubernetes v1.23.0'),
    status: 'fail',
    messageId: 'brokenWithKubelet',
  },
  {
    name: '1.5.9 with kubelet 1.29 fails',
    facts: ctrd('v1.5.9', 'v1.29.3'),
    status: 'fail',
    messageId: 'brokenWithKubelet',
  },
  { name: '1.5.9 with unknown kubelet warns', facts: ctrd('1.5.9'), status: 'warn', messageId: 'alphaKubeletUnknown' },
  // containerd 1.4.x cannot run HostProcess at all (below the 1.5.4 alpha floor; no host_process field).
  { name: '1.4.4 fails', facts: ctrd('1.4.4'), status: 'fail', messageId: 'tooOld' },
  {
    name: '1.4.13 with kubelet 1.22 still fails',
    facts: ctrd('v1.4.13', 'Kubernetes v1.22.17'),
    status: 'fail',
    messageId: 'tooOld',
  },
  { name: 'a vendor 1.4 build still fails', facts: ctrd('1.4.12+azure'), status: 'fail', messageId: 'tooOld' },

  // A vendor 1.5 build: no evidence of a HostProcess backport (UNCONFIRMED), so warn and say how to verify.
  {
    name: 'AKS containerd://1.5.11+azure-2 with kubelet 1.23.8 warns (unconfirmed backport)',
    facts: ctrd('containerd://1.5.11+azure-2', 'Kubernetes v1.23.8'),
    status: 'warn',
    messageId: 'vendorBuildUnconfirmed',
    data: { version: '1.5.11+azure-2', marks: '+azure-2' },
    verify: (t, r) => {
      const commands = r.fix?.commands ?? [];
      t.true(
        commands.some((c) => c.includes('containerd-shim-runhcs-v1.exe" --version')),
        'the shim version',
      );
      t.true(
        commands.some((c) => c.startsWith('crictl.exe inspectp')),
        'a test pod',
      );
      t.true(
        commands.some((c) => c.includes('whoami')),
        'the account in the test pod',
      );
    },
  },
  {
    name: 'a vendor 1.5 build with the kubelet version unknown warns the same way',
    facts: ctrd('1.5.11+azure-2'),
    status: 'warn',
    messageId: 'vendorBuildUnconfirmed',
  },
  {
    name: 'a dirty local 1.5 build warns as a custom build',
    facts: ctrd('containerd github.com/containerd/containerd v1.5.9.m 1407cab5.m', 'v1.29.3'),
    status: 'warn',
    messageId: 'vendorBuildUnconfirmed',
    verify: (t, r) => t.regex(String(r.data?.marks), /uncommitted/),
  },
  {
    name: 'a 1.5 build from a commit after the tag warns as a custom build',
    facts: ctrd('v1.5.9-12-gabcdef12', 'v1.24.0'),
    status: 'warn',
    messageId: 'vendorBuildUnconfirmed',
  },
  {
    name: 'a vendor 1.5 build with kubelet 1.22: the alpha path',
    facts: ctrd('1.5.11+azure-2', 'Kubernetes v1.22.17'),
    status: 'warn',
    messageId: 'alphaKubelet122',
  },
  {
    name: 'an upstream 1.5 pre-release with kubelet 1.23 still fails',
    facts: ctrd('v1.5.0-rc.3', 'v1.23.0'),
    status: 'fail',
    messageId: 'tooOld',
  },

  // Dirty builds parse (audit 3.2); leading zeros are no version, with the reason (one parser for all).
  {
    name: 'a dirty 1.7.20 build',
    facts: ctrd('containerd github.com/containerd/containerd v1.7.20.m 8fc6bcff.m'),
    status: 'pass',
    messageId: 'recommended',
  },
  {
    name: 'a dirty build after a git-describe suffix',
    facts: ctrd('v1.7.20-12-gabcdef12.m'),
    status: 'pass',
    messageId: 'recommended',
  },
  {
    name: '01.7.20 is no version: skipped with the reason, never read as 1.7.20',
    facts: ctrd('01.7.20'),
    status: 'skip',
    messageId: 'unreadable',
    skipReason: 'unreadable',
    verify: (t, r) => t.regex(String(r.data?.why), /leading zero.*did you mean 1\.7\.20/),
  },
  {
    name: 'garbage output is skipped, not passed',
    facts: ctrd('\u0000\u0000garbage'),
    status: 'skip',
    messageId: 'unreadable',
  },
  { name: 'not collected', facts: node(), status: 'skip', messageId: 'notCollected' },
  {
    name: 'probe missing (no containerd.exe)',
    facts: node({ containerd: { version: not('missing') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
]);
