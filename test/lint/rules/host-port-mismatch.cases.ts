import rule from '../../../src/lint/rules/host-port-mismatch.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const ports = (...list: object[]) => workload({ containers: [container('app', { ports: list })] });

ruleTester(rule, {
  valid: [
    { name: 'hostPort equals containerPort', yaml: ports({ containerPort: 9182, hostPort: 9182 }), messageIds: [] },
    { name: 'no hostPort in a template (defaulted on the Pod)', yaml: ports({ containerPort: 9182 }), messageIds: [] },
    {
      name: 'no hostPort in a Pod',
      yaml: workload({ containers: [container('app', { ports: [{ containerPort: 9182 }] })] }, { kind: 'Pod' }),
      messageIds: [],
    },
    {
      name: 'init containers are not checked by the API',
      yaml: workload({ initContainers: [container('init', { ports: [{ containerPort: 1, hostPort: 2 }] })] }),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'hostPort 9100 for containerPort 9182',
      yaml: ports({ containerPort: 9182, hostPort: 9100 }),
      messageIds: ['mismatch'],
      paths: ['spec.template.spec.containers[0].ports[0].hostPort'],
      data: [{ hostPort: 9100, containerPort: 9182 }],
    },
    {
      name: 'the second port of the second container',
      yaml: workload({
        containers: [
          container('a'),
          container('b', {
            ports: [
              { containerPort: 80, hostPort: 80 },
              { containerPort: 81, hostPort: 8081 },
            ],
          }),
        ],
      }),
      messageIds: ['mismatch'],
      paths: ['spec.template.spec.containers[1].ports[1].hostPort'],
    },
  ],
});
