import check from '../../checks/kubelet-version.js';
import { checkTester } from '../helpers/check-tester.js';
import { node, not, version } from '../helpers/facts.js';

const kubelet = (output: string) => node({ kubelet: { version: version(output) } });

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
