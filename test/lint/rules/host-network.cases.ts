import rule from '../../../src/lint/rules/host-network.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: a, namespace: hpc}
    spec:
      template:
        spec:
          securityContext: {windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\Local service"}}
          hostNetwork: true
          containers: [{name: a, image: a}]
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: b, namespace: hpc}
    spec:
      template:
        spec:
          securityContext: {windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\Local service"}}
          containers: [{name: b, image: b}]
`;

ruleTester(rule, {
  valid: [
    { name: 'hostNetwork: true', yaml: workload(), messageIds: [] },
    { name: 'a Pod with hostNetwork: true', yaml: workload({}, { kind: 'Pod' }), messageIds: [] },
    {
      name: 'the only container is explicitly not HostProcess: no HostProcess container, so no hostNetwork rule',
      yaml: workload({
        hostNetwork: undefined,
        containers: [container('app', { securityContext: { windowsOptions: { hostProcess: false } } })],
      }),
      messageIds: [],
    },
    {
      name: "hostNetwork as a string is field-type's to report",
      yaml: workload({ hostNetwork: 'true' }),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'a DaemonSet without hostNetwork',
      yaml: workload({ hostNetwork: undefined }),
      messageIds: ['required'],
      paths: ['spec.template.spec.hostNetwork'],
      data: [{ path: 'spec.template.spec.hostNetwork' }],
    },
    {
      name: 'a Pod with hostNetwork: false',
      yaml: workload({ hostNetwork: false }, { kind: 'Pod' }),
      messageIds: ['required'],
      paths: ['spec.hostNetwork'],
    },
    {
      name: 'a CronJob whose one container alone sets hostProcess',
      yaml: workload(
        {
          hostNetwork: undefined,
          securityContext: { windowsOptions: { hostProcess: undefined } },
          containers: [container('app', { securityContext: { windowsOptions: { hostProcess: true } } })],
        },
        { kind: 'CronJob' },
      ),
      messageIds: ['required'],
      paths: ['spec.jobTemplate.spec.template.spec.hostNetwork'],
    },
    {
      name: 'a List: only items[1], with the path inside the item and the line of its pod spec',
      yaml: LIST,
      messageIds: ['required'],
      paths: ['spec.template.spec.hostNetwork'],
      lines: [18],
      verify: (t, report) => {
        const [, second] = report.results;
        t.is(second?.item, 1);
        t.is(second?.findings.length, 1);
        t.is(report.results[0]?.findings.length, 0);
      },
    },
  ],
});
