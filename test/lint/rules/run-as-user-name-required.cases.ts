import rule from '../../../src/lint/rules/run-as-user-name-required.js';
import { container, LOCAL_SERVICE, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const noPodUser = { securityContext: { windowsOptions: { runAsUserName: undefined } } };
const withUser = (name: string) =>
  container(name, { securityContext: { windowsOptions: { runAsUserName: LOCAL_SERVICE } } });

ruleTester(rule, {
  valid: [
    { name: 'set at pod level', yaml: workload(), messageIds: [] },
    {
      name: 'set on every container, not on the pod',
      yaml: workload({ ...noPodUser, initContainers: [withUser('init')], containers: [withUser('a')] }),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'set nowhere: one finding at pod level',
      yaml: workload({ ...noPodUser, containers: [container('a'), container('b')] }),
      messageIds: ['missing'],
      paths: ['spec.template.spec.securityContext.windowsOptions.runAsUserName'],
      data: [{ containers: 'containers "a", "b"', inherit: '' }],
    },
    {
      name: 'set on one container only',
      yaml: workload({ ...noPodUser, containers: [withUser('a'), container('b')] }),
      messageIds: ['missing'],
      paths: ['spec.template.spec.containers[1].securityContext.windowsOptions.runAsUserName'],
      data: [{ containers: 'container "b"' }],
    },
    {
      name: 'the inherit-user annotation is named, and does not excuse it',
      yaml: workload(noPodUser, {
        kind: 'Pod',
        podMetadata: { annotations: { 'microsoft.com/hostprocess-inherit-user': 'true' } },
      }),
      messageIds: ['missing'],
      verify: (t, _r, [f]) => t.regex(String(f?.data?.inherit), /microsoft\.com\/hostprocess-inherit-user/),
    },
  ],
});
