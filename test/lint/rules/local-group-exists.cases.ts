import rule from '../../../src/lint/rules/local-group-exists.js';
import { nodeInput, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const group = (name: string) => workload({ securityContext: { windowsOptions: { runAsUserName: name } } });

ruleTester(rule, {
  valid: [
    {
      name: "in the snapshot's groups (names compare without case)",
      yaml: group('HPC-Readers'),
      options: { node: nodeInput({ groups: ['Administrators', 'hpc-readers'] }) },
      messageIds: [],
    },
    {
      name: 'given with --group',
      yaml: group('hpc-readers'),
      options: { node: nodeInput({ groupFlags: ['hpc-readers'] }) },
      messageIds: [],
    },
    {
      name: 'no node facts: not checked, said so',
      yaml: group('hpc-readers'),
      messageIds: [],
      notChecked: ["no list of the node's groups"],
    },
    { name: 'not a group', yaml: group('NT AUTHORITY\\Local service'), messageIds: [] },
    {
      name: "the snapshot's groups could not be read: inconclusive",
      yaml: group('hpc-readers'),
      options: { node: nodeInput({ groups: 'denied' }) },
      messageIds: [],
      unseen: 1,
    },
  ],
  invalid: [
    {
      name: "not among the snapshot's groups",
      yaml: group('hpc-readers'),
      options: { node: nodeInput({ groups: ['Administrators'] }) },
      messageIds: ['missing'],
      data: [{ value: '"hpc-readers"' }],
      verify: (t, _r, [f]) => {
        t.regex(String(f?.data?.from), /local groups/);
        t.true(f?.fix?.commands.includes("New-LocalGroup -Name 'hpc-readers'") ?? false);
      },
    },
    {
      name: 'not among the groups given with --group',
      yaml: group('hpc-readers'),
      options: { node: nodeInput({ groupFlags: ['hpc-writers'] }) },
      messageIds: ['missing'],
      verify: (t, _r, [f]) => t.regex(String(f?.data?.from), /--group/),
    },
  ],
});
