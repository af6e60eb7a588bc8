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
