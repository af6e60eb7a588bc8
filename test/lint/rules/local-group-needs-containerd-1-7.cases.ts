import rule from '../../../src/lint/rules/local-group-needs-containerd-1-7.js';
import { nodeInput, SYSTEM, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const group = workload({ securityContext: { windowsOptions: { runAsUserName: 'hpc-localgroup' } } }, { kind: 'Pod' });
const unreadable = nodeInput({});
unreadable.facts.containerd = { version: { state: 'timeout', reason: 'probe timed out', source: { kind: 'derived' } } };

ruleTester(rule, {
  valid: [
    {
      name: 'a built-in account',
      yaml: workload({ securityContext: { windowsOptions: { runAsUserName: SYSTEM } } }),
      messageIds: [],
    },
    {
      name: 'a group on containerd 1.7.20',
      yaml: group,
      options: { node: nodeInput({ containerd: '1.7.20' }) },
      messageIds: [],
    },
    {
      name: 'a group on containerd 2.1.0',
      yaml: group,
      options: { node: nodeInput({ containerd: '2.1.0' }) },
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'a group, no node facts',
      yaml: group,
      messageIds: ['needs17'],
      paths: ['spec.securityContext.windowsOptions.runAsUserName'],
      data: [{ value: '"hpc-localgroup"' }],
      verify: (t, _r, [f]) => t.regex(String(f?.data?.node), /--snapshot/),
    },
    {
      name: 'a group on containerd 1.6.20 is an error',
      yaml: group,
      options: { node: nodeInput({ containerd: '1.6.20' }) },
      messageIds: ['containerdTooOld'],
      severities: ['error'],
      data: [{ version: '1.6.20' }],
    },
    {
      name: "containerd's version unreadable: still the warning, saying so",
      yaml: group,
      options: { node: unreadable },
      messageIds: ['needs17'],
      verify: (t, _r, [f]) => t.regex(String(f?.data?.node), /could not be read/),
    },
  ],
});
