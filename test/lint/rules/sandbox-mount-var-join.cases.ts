import rule from '../../../src/lint/rules/sandbox-mount-var-join.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const app = (patch: object) => workload({ containers: [container('app', patch)] });

ruleTester(rule, {
  valid: [
    { name: 'a backslash after it', yaml: app({ args: ['%CONTAINER_SANDBOX_MOUNT_POINT%\\etc\\x'] }), messageIds: [] },
    {
      name: 'a slash after it',
      yaml: app({ args: ['$env:CONTAINER_SANDBOX_MOUNT_POINT/calico/x.ps1'] }),
      messageIds: [],
    },
    { name: 'nothing after it', yaml: app({ workingDir: '%CONTAINER_SANDBOX_MOUNT_POINT%' }), messageIds: [] },
    {
      name: 'a reference the kubelet fills from a ConfigMap is not known',
      yaml: app({
        env: [{ name: 'P', valueFrom: { configMapKeyRef: { name: 'c', key: 'p' } } }],
        args: ['%CONTAINER_SANDBOX_MOUNT_POINT%$(P)'],
      }),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: "a $(VAR) whose value starts without a separator (Azure CNS's own manifest)",
      yaml: app({
        env: [{ name: 'CNS_CONFIGURATION_PATH', value: 'etc\\azure-cns\\cns_config.json' }],
        args: ['-config-path', '%CONTAINER_SANDBOX_MOUNT_POINT%$(CNS_CONFIGURATION_PATH)'],
      }),
      messageIds: ['join'],
      paths: ['spec.template.spec.containers[0].args[1]'],
      data: [{ expanded: 'C:\\hpcetc\\azure-cns\\cns_config.json', next: 'etc' }],
    },
    {
      name: 'as the program it is an error',
      yaml: app({ command: ['%CONTAINER_SANDBOX_MOUNT_POINT%app.exe'] }),
      messageIds: ['join'],
      severities: ['error'],
    },
    {
      name: 'the second use in one value',
      yaml: app({ args: ['%CONTAINER_SANDBOX_MOUNT_POINT%\\a;%CONTAINER_SANDBOX_MOUNT_POINT%b'] }),
      messageIds: ['join'],
      data: [{ next: 'b' }],
    },
  ],
});
