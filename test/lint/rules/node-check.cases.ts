import rule from '../../../src/lint/rules/node-check.js';
import { nodeInput, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const healthy = { containerd: '1.7.20', serviceAccount: 'LocalSystem', build: 20348 };
const timedOut = nodeInput({ serviceAccount: 'LocalSystem' });
timedOut.facts.containerd = {
  ...timedOut.facts.containerd,
  version: { state: 'timeout', reason: 'containerd --version did not answer in 6s', source: { kind: 'derived' } },
};

ruleTester(rule, {
  valid: [
    { name: 'no node facts: not checked, said so', yaml: workload(), messageIds: [], notChecked: ['no node facts'] },
    {
      name: 'a healthy node (the config was not given: that check is listed as not checked)',
      yaml: workload(),
      options: { node: nodeInput(healthy) },
      messageIds: [],
      notChecked: ['node check containerd-default-runtime'],
    },
    {
      name: 'a workload pinned to another Windows build would not run on this node',
      yaml: workload({ nodeSelector: { 'node.kubernetes.io/windows-build': '10.0.17763' } }),
      options: { node: nodeInput({ ...healthy, serviceAccount: '.\\admin' }) },
      messageIds: [],
      notChecked: ['would not run there'],
    },
    {
      name: "containerd's version timed out: inconclusive",
      yaml: workload(),
      options: { node: timedOut },
      messageIds: [],
      unseen: 1,
    },
  ],
  invalid: [
    {
      name: 'containerd runs as a user account',
      yaml: workload(),
      options: { node: nodeInput({ ...healthy, serviceAccount: '.\\admin' }) },
      messageIds: ['fail'],
      severities: ['error'],
      paths: ['spec.template.spec'],
      data: [{ check: 'containerd-service-account' }],
      verify: (t, _r, [f]) => t.true(f?.fix?.commands.some((c) => c.startsWith('sc.exe config')) ?? false),
    },
    {
      name: 'containerd 1.6.5 is a warning (metrics regression), build 14393 a failure',
      yaml: workload(),
      options: { node: nodeInput({ ...healthy, containerd: '1.6.5', build: 14393 }) },
      messageIds: ['fail', 'warn'],
      severities: ['error', 'warning'],
      data: [{ check: 'os-build' }, { check: 'containerd-version' }],
    },
  ],
});
