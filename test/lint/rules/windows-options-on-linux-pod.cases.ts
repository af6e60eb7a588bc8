import rule from '../../../src/lint/rules/windows-options-on-linux-pod.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'no spec.os', yaml: workload(), messageIds: [] },
    { name: 'spec.os.name: windows', yaml: workload({ os: { name: 'windows' } }), messageIds: [] },
  ],
  invalid: [
    {
      name: 'spec.os.name: linux with pod-level windowsOptions',
      yaml: workload({ os: { name: 'linux' } }),
      messageIds: ['linuxPod'],
      paths: ['spec.template.spec.securityContext.windowsOptions'],
    },
    {
      name: 'pod-level and container-level windowsOptions, one error each',
      yaml: workload(
        {
          os: { name: 'linux' },
          containers: [container('app', { securityContext: { windowsOptions: { hostProcess: true } } })],
        },
        { kind: 'Pod' },
      ),
      messageIds: ['linuxPod', 'linuxPod'],
      paths: ['spec.securityContext.windowsOptions', 'spec.containers[0].securityContext.windowsOptions'],
    },
  ],
});
