import rule from '../../../src/lint/rules/run-as-non-root.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'unset', yaml: workload(), messageIds: [] },
    { name: 'false', yaml: workload({ securityContext: { runAsNonRoot: false } }), messageIds: [] },
    {
      name: 'a container false overrides the pod true',
      yaml: workload({
        securityContext: { runAsNonRoot: true },
        containers: [container('app', { securityContext: { runAsNonRoot: false } })],
      }),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'pod-level true',
      yaml: workload({ securityContext: { runAsNonRoot: true } }),
      messageIds: ['nonRoot'],
      paths: ['spec.template.spec.securityContext.runAsNonRoot'],
      data: [{ containers: 'container "app"' }],
    },
    {
      name: 'container-level true in a CronJob',
      yaml: workload(
        { containers: [container('test', { securityContext: { runAsNonRoot: true } })] },
        { kind: 'CronJob' },
      ),
      messageIds: ['nonRoot'],
      paths: ['spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsNonRoot'],
    },
  ],
});
