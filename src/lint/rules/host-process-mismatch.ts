import { defineRule } from '../rule.js';
import { formatPath } from '../values.js';

/**
 * kubernetes v1.33.3 validation.go:7852 (validateWindowsHostProcessPod): where both the pod and a container
 * set windowsOptions.hostProcess, they must agree. The bad value printed is the container's; the pod's
 * follows "was".
 */
export default defineRule({
  meta: {
    id: 'host-process-mismatch',
    title: 'Pod and container must not disagree on hostProcess',
    description:
      "The API server rejects a pod whose securityContext.windowsOptions.hostProcess differs from a container's own. With the pod true and its only container false, the pod has no HostProcess container, so this is the only error.",
    group: 'api',
    severity: 'error',
    catches: ['hostprocess-value-mismatch'],
  },
  messages: {
    mismatch:
      '{{path}}: Invalid value: {{value}}: pod hostProcess value must be identical if both are specified, was {{pod}}',
  },
  run(pod, report) {
    const podValue = pod.podHostProcess;
    if (podValue.state !== 'ok') return;
    for (const c of pod.containers) {
      if (c.own.state !== 'ok' || c.own.value === podValue.value) continue;
      const path = [...c.path, 'securityContext', 'windowsOptions', 'hostProcess'];
      report.finding('mismatch', {
        path,
        data: {
          path: formatPath(path.slice(pod.object.base.length)),
          value: String(c.own.value),
          pod: String(podValue.value),
          container: c.name,
        },
        fix: {
          text: `Remove hostProcess from ${c.list} ${c.name} (the pod-level value covers it), or set it to ${podValue.value} like the pod.`,
          commands: [],
        },
      });
    }
  },
});
