import rule from '../../../src/lint/rules/unrendered-template.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'a rendered manifest', yaml: workload(), messageIds: [] },
    {
      name: "PowerShell's braced env:PATH and the kubelet's $(VAR) are not templates",
      yaml: workload({ containers: [container('app', { args: ['-Command', 'echo $' + '{env:PATH} $(NODE_NAME)'] })] }),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'a Helm value for runAsUserName: inconclusive',
      yaml: workload({ securityContext: { windowsOptions: { runAsUserName: '{{ .Values.user }}' } } }),
      messageIds: ['template'],
      paths: ['spec.template.spec.securityContext.windowsOptions.runAsUserName'],
      data: [{ template: '{{ .Values.user }}' }],
      unseen: 1,
    },
    {
      name: 'an envsubst image and a templated namespace',
      yaml: workload(
        { containers: [container('app', { image: '$' + '{IMAGE}' })] },
        { namespace: '{{ .Release.Namespace }}' },
      ),
      messageIds: ['template', 'template'],
      paths: ['metadata.namespace', 'spec.template.spec.containers[0].image'],
      unseen: 1,
    },
  ],
});
