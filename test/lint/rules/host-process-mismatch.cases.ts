import rule from '../../../src/lint/rules/host-process-mismatch.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const hp = (value: boolean) => ({ securityContext: { windowsOptions: { hostProcess: value } } });

ruleTester(rule, {
  valid: [
    { name: 'pod true, container true', yaml: workload({ containers: [container('app', hp(true))] }), messageIds: [] },
    {
      name: 'pod unset, container true',
      yaml: workload({
        securityContext: { windowsOptions: { hostProcess: undefined } },
        containers: [container('app', hp(true))],
      }),
      messageIds: [],
    },
    { name: 'pod true, container unset', yaml: workload(), messageIds: [] },
  ],
  invalid: [
    {
      name: 'pod true, container false (a Job)',
      yaml: workload({ containers: [container('app', hp(false))] }, { kind: 'Job' }),
      messageIds: ['mismatch'],
      paths: ['spec.template.spec.containers[0].securityContext.windowsOptions.hostProcess'],
      data: [{ value: 'false', pod: 'true', container: 'app' }],
    },
    {
      name: 'pod false, an init container true',
      yaml: workload({
        securityContext: { windowsOptions: { hostProcess: false } },
        initContainers: [container('init', hp(true))],
      }),
      messageIds: ['mismatch'],
      paths: ['spec.template.spec.initContainers[0].securityContext.windowsOptions.hostProcess'],
      data: [{ value: 'true', pod: 'false' }],
    },
  ],
});
