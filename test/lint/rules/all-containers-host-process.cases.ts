import rule from '../../../src/lint/rules/all-containers-host-process.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const hp = (value: boolean) => ({ securityContext: { windowsOptions: { hostProcess: value } } });
const noPodLevel = { securityContext: { windowsOptions: { hostProcess: undefined } } };

ruleTester(rule, {
  valid: [
    {
      name: 'every container inherits the pod-level value',
      yaml: workload({ initContainers: [container('init')], containers: [container('a'), container('b')] }),
      messageIds: [],
    },
    {
      name: 'an init container says true as the pod does',
      yaml: workload({ initContainers: [container('init', hp(true))] }),
      messageIds: [],
    },
    {
      name: 'every container sets it, the pod does not',
      yaml: workload({ ...noPodLevel, containers: [container('a', hp(true)), container('b', hp(true))] }),
      messageIds: [],
    },
    {
      name: 'the pod true, its one container false: no HostProcess container at all',
      yaml: workload({ containers: [container('app', hp(false))] }),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'an init container set to false while the pod says true',
      yaml: workload({ initContainers: [container('init', hp(false))] }),
      messageIds: ['notAll'],
      paths: ['spec.template.spec'],
      data: [{ containers: '"init"' }],
    },
    {
      name: 'one container HostProcess, the other inheriting nothing',
      yaml: workload({ ...noPodLevel, containers: [container('a', hp(true)), container('b')] }),
      messageIds: ['notAll'],
      data: [{ containers: '"b"' }],
    },
    {
      name: 'an ephemeral container counts, in a Pod',
      yaml: workload(
        { ...noPodLevel, containers: [container('a', hp(true))], ephemeralContainers: [container('debug')] },
        { kind: 'Pod' },
      ),
      messageIds: ['notAll'],
      paths: ['spec'],
      data: [{ containers: '"debug"' }],
      verify: (t, _report, [finding]) => t.is(finding?.related, undefined),
    },
    {
      name: 'two ordinary containers: the first is pointed at, the second is related',
      yaml: workload({ ...noPodLevel, containers: [container('a', hp(true)), container('b'), container('c')] }),
      messageIds: ['notAll'],
      data: [{ containers: '"b", "c"' }],
      verify: (t, _report, [finding]) => t.is(finding?.related?.length, 1),
    },
  ],
});
