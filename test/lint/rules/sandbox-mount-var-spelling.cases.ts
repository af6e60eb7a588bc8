import rule from '../../../src/lint/rules/sandbox-mount-var-spelling.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const app = (patch: object) => workload({ containers: [container('app', patch)] });

ruleTester(rule, {
  valid: [
    {
      name: '%CONTAINER_SANDBOX_MOUNT_POINT%',
      yaml: app({ command: ['%CONTAINER_SANDBOX_MOUNT_POINT%\\app.exe'] }),
      messageIds: [],
    },
    {
      name: '$env:CONTAINER_SANDBOX_MOUNT_POINT',
      yaml: app({ args: ['-File', '$env:CONTAINER_SANDBOX_MOUNT_POINT/x.ps1'] }),
      messageIds: [],
    },
    { name: 'no variable', yaml: app({ command: ['powershell'], args: ['-Command', 'Get-Date'] }), messageIds: [] },
  ],
  invalid: [
    {
      name: '$CONTAINER_SANDBOX_MOUNT_POINT as the program',
      yaml: app({ command: ['$CONTAINER_SANDBOX_MOUNT_POINT/usr/local/bin/azure-cns.exe'] }),
      messageIds: ['executable'],
      severities: ['error'],
      paths: ['spec.template.spec.containers[0].command[0]'],
      data: [{ found: '$CONTAINER_SANDBOX_MOUNT_POINT' }],
    },
    {
      name: 'the braced shell form in an argument',
      yaml: app({ args: ['$' + '{CONTAINER_SANDBOX_MOUNT_POINT}/x'] }),
      messageIds: ['value'],
    },
    {
      name: 'the wrong case in an env value',
      yaml: app({ env: [{ name: 'P', value: '%container_sandbox_mount_point%\\x' }] }),
      messageIds: ['value'],
    },
    {
      name: '$(CONTAINER_SANDBOX_MOUNT_POINT) as the working directory',
      yaml: app({ workingDir: '$(CONTAINER_SANDBOX_MOUNT_POINT)' }),
      messageIds: ['value'],
    },
    {
      name: 'a typo in the name',
      yaml: app({ args: ['%CONTAINER_SANDBOX_MOUNTPOINT%\\config.yml'] }),
      messageIds: ['value'],
      data: [{ found: '%CONTAINER_SANDBOX_MOUNTPOINT%' }],
    },
  ],
});
