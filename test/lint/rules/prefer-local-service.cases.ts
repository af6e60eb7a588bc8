import rule, { NEEDS_SYSTEM_ANNOTATION } from '../../../src/lint/rules/prefer-local-service.js';
import { container, SYSTEM, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const system = { securityContext: { windowsOptions: { runAsUserName: SYSTEM } } };

ruleTester(rule, {
  valid: [
    { name: 'LocalService', yaml: workload(), messageIds: [] },
    {
      name: 'NetworkService',
      yaml: workload({ securityContext: { windowsOptions: { runAsUserName: 'NT AUTHORITY\\NetworkService' } } }),
      messageIds: [],
    },
    { name: 'SYSTEM with --allow-system', yaml: workload(system), options: { allowSystem: true }, messageIds: [] },
    {
      name: 'SYSTEM with the annotation on the workload',
      yaml: workload(system, { annotations: { [NEEDS_SYSTEM_ANNOTATION]: 'programs HNS networks' } }),
      messageIds: [],
    },
    {
      name: 'SYSTEM with the annotation on the pod template',
      yaml: workload(system, { podMetadata: { annotations: { [NEEDS_SYSTEM_ANNOTATION]: 'firewall rules' } } }),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'SYSTEM without a stated need',
      yaml: workload(system),
      messageIds: ['localSystem'],
      data: [{ value: '"NT AUTHORITY\\\\SYSTEM"', annotation: NEEDS_SYSTEM_ANNOTATION }],
    },
    {
      name: 'the account part in lower case',
      yaml: workload({ securityContext: { windowsOptions: { runAsUserName: 'NT AUTHORITY\\system' } } }),
      messageIds: ['localSystem'],
    },
    {
      name: 'SYSTEM at pod level and on an init container: one note, the other place related',
      yaml: workload({
        ...system,
        initContainers: [container('init', system)],
      }),
      messageIds: ['localSystem'],
      verify: (t, _r, [f]) => {
        t.is(f?.related?.length, 1);
        t.is(f?.data?.containers, 'containers "init", "app"');
      },
    },
  ],
});
