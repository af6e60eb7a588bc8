import { stringify } from 'yaml';
import rule from '../../../src/lint/rules/windows-node-selector.js';
import { docs, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const term = (operator: string, values: string[], key = 'kubernetes.io/os') => ({
  matchExpressions: [{ key, operator, values }],
});
const affinity = (...terms: object[]) => ({
  nodeSelector: undefined,
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
});
const runtimeClass = (nodeSelector: object) =>
  stringify({
    apiVersion: 'node.k8s.io/v1',
    kind: 'RuntimeClass',
    metadata: { name: 'windows-2022' },
    handler: 'runhcs-wcow-process',
    scheduling: { nodeSelector },
  });

ruleTester(rule, {
  valid: [
    { name: 'nodeSelector kubernetes.io/os: windows', yaml: workload(), messageIds: [] },
    { name: 'required affinity In [windows]', yaml: workload(affinity(term('In', ['windows']))), messageIds: [] },
    { name: 'required affinity NotIn [linux]', yaml: workload(affinity(term('NotIn', ['linux']))), messageIds: [] },
    {
      name: 'a RuntimeClass among the inputs that selects Windows',
      yaml: docs(
        runtimeClass({ 'kubernetes.io/os': 'windows' }),
        workload({ nodeSelector: undefined, runtimeClassName: 'windows-2022' }),
      ),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'no nodeSelector',
      yaml: workload({ nodeSelector: undefined }),
      messageIds: ['missing'],
      paths: ['spec.template.spec.nodeSelector'],
    },
    {
      name: 'spec.os.name does not schedule',
      yaml: workload({ nodeSelector: undefined, os: { name: 'windows' } }),
      messageIds: ['missing'],
    },
    {
      name: 'In [windows, linux]',
      yaml: workload(affinity(term('In', ['windows', 'linux']))),
      messageIds: ['missing'],
    },
    {
      name: 'one of two terms does not require Windows (terms are ORed)',
      yaml: workload(affinity(term('In', ['windows']), term('In', ['amd64'], 'kubernetes.io/arch'))),
      messageIds: ['someTerms'],
      paths: [
        'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[1]',
      ],
    },
    {
      name: 'a RuntimeClass not among the inputs: cannot tell',
      yaml: workload({ nodeSelector: undefined, runtimeClassName: 'windows-2022' }),
      messageIds: ['runtimeClass'],
      severities: ['note'],
    },
    {
      name: 'a RuntimeClass among the inputs that does not select Windows',
      yaml: docs(
        runtimeClass({ 'kubernetes.io/arch': 'amd64' }),
        workload({ nodeSelector: undefined, runtimeClassName: 'windows-2022' }),
      ),
      messageIds: ['runtimeClassNoWindows'],
      verify: (t, _r, [f]) => t.is(f?.related?.[0]?.location.line, 7),
    },
  ],
});
