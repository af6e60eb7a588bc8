import rule from '../../../src/lint/rules/field-type.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'every field its type',
      yaml: workload({
        containers: [container('app', { ports: [{ containerPort: 1, hostPort: 1 }], command: ['a'] })],
      }),
      messageIds: [],
    },
    {
      name: "a template is unrendered-template's",
      yaml: workload({ securityContext: { windowsOptions: { hostProcess: '{{ .Values.hostProcess }}' } } }),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'hostProcess as a string',
      yaml: workload({ securityContext: { windowsOptions: { hostProcess: 'true' } } }),
      messageIds: ['wrongType'],
      paths: ['spec.template.spec.securityContext.windowsOptions.hostProcess'],
      data: [{ actual: 'a string', expected: 'true or false', json: 'string', goType: '*bool', kind: 'DaemonSet' }],
    },
    {
      name: 'hostPort as a string',
      yaml: workload({ containers: [container('app', { ports: [{ containerPort: 9182, hostPort: '9182' }] })] }),
      messageIds: ['wrongType'],
      paths: ['spec.template.spec.containers[0].ports[0].hostPort'],
      data: [{ goType: 'int32' }],
    },
    {
      name: 'command as a string, runAsUserName as a number',
      yaml: workload({
        containers: [
          container('app', { command: 'app.exe', securityContext: { windowsOptions: { runAsUserName: 7 } } }),
        ],
      }),
      messageIds: ['wrongType', 'wrongType'],
      paths: [
        'spec.template.spec.containers[0].command',
        'spec.template.spec.containers[0].securityContext.windowsOptions.runAsUserName',
      ],
    },
    {
      name: 'a number in args, a bool nodeSelector value, a list as securityContext',
      yaml: workload(
        {
          nodeSelector: { 'kubernetes.io/os': 'windows', fast: true },
          containers: [container('app', { args: ['a', 2], securityContext: ['x'] })],
        },
        { kind: 'Pod' },
      ),
      messageIds: ['wrongType', 'wrongType', 'wrongType'],
      paths: ['spec.nodeSelector[fast]', 'spec.containers[0].args[1]', 'spec.containers[0].securityContext'],
    },
  ],
});
