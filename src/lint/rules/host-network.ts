import { defineRule } from '../rule.js';
import { formatPath, read } from '../values.js';

/**
 * kubernetes v1.33.3 pkg/apis/core/validation/validation.go:7878 (validateWindowsHostProcessPod): with any
 * HostProcess container, `hostNetwork` must be true. Checked on pod templates too (ValidatePodTemplateSpec),
 * so a DaemonSet is rejected when applied.
 */
export default defineRule({
  meta: {
    id: 'host-network',
    title: 'HostProcess pods must set hostNetwork: true',
    description:
      'The API server rejects a pod (or a workload whose pod template) has a HostProcess container unless spec.hostNetwork is true: HostProcess containers always use the host network namespace.',
    group: 'api',
    severity: 'error',
    catches: ['host-network-required'],
  },
  messages: {
    required: '{{path}}: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers',
  },
  run(pod, report) {
    // Containers known to be HostProcess stay so whatever an unknown value turns out to be.
    if (pod.hostProcessContainers.length === 0) return;
    const hostNetwork = read<boolean>(pod.spec, 'hostNetwork', 'boolean');
    if (hostNetwork.state === 'template' || hostNetwork.state === 'type') return;
    if (hostNetwork.state === 'ok' && hostNetwork.value) return;
    const path = pod.at('hostNetwork');
    report.finding('required', {
      path,
      data: { path: formatPath(path.slice(pod.object.base.length)) },
      fix: {
        text: `Set hostNetwork: true in the pod spec (${formatPath(pod.specPath.slice(pod.object.base.length))}).`,
        commands: [],
      },
    });
  },
});
