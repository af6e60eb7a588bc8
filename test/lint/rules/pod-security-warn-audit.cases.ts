import rule from '../../../src/lint/rules/pod-security-warn-audit.js';
import { container, docs, namespace, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const PSA = 'pod-security.kubernetes.io';
const withPort = workload({ containers: [container('app', { ports: [{ containerPort: 10090 }] })] });

ruleTester(rule, {
  valid: [
    {
      name: 'enforce baseline alone: the warn that follows it is the enforce finding',
      yaml: docs(namespace('hpc-system', { [`${PSA}/enforce`]: 'baseline' }), workload()),
      messageIds: [],
    },
    {
      name: 'warn and audit privileged',
      yaml: docs(
        namespace('hpc-system', { [`${PSA}/warn`]: 'privileged', [`${PSA}/audit`]: 'privileged' }),
        workload(),
      ),
      messageIds: [],
    },
    { name: 'labels not known', yaml: workload(), messageIds: [] },
  ],
  invalid: [
    {
      name: 'warn baseline on a DaemonSet: the template is not defaulted, so no hostPort',
      yaml: docs(namespace('hpc-system', { [`${PSA}/warn`]: 'baseline' }), withPort),
      messageIds: ['warn'],
      lines: [6],
      data: [
        {
          policy: 'baseline:latest',
          reasons:
            'host namespaces (hostNetwork=true), hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)',
        },
      ],
    },
    {
      name: 'audit restricted next to enforce baseline',
      yaml: docs(
        namespace('hpc-system', { [`${PSA}/enforce`]: 'baseline', [`${PSA}/audit`]: 'restricted' }),
        workload(),
      ),
      messageIds: ['audit'],
      lines: [7],
      data: [{ policy: 'restricted:latest' }],
    },
    {
      name: 'a Pod that enforce refuses gets no warning, only the audit',
      yaml: docs(
        namespace('hpc-system', {
          [`${PSA}/enforce`]: 'baseline',
          [`${PSA}/warn`]: 'baseline',
          [`${PSA}/audit`]: 'baseline',
        }),
        workload({}, { kind: 'Pod' }),
      ),
      messageIds: ['audit'],
    },
    {
      name: 'warn and audit, in label order',
      yaml: docs(namespace('hpc-system', { [`${PSA}/warn`]: 'baseline', [`${PSA}/audit`]: 'baseline' }), workload()),
      messageIds: ['warn', 'audit'],
      lines: [6, 7],
    },
  ],
});
