import { defineRule } from '../rule.js';
import { arrayAt, formatPath, isObject, read } from '../values.js';

/**
 * kubernetes validatePodHostNetworkDeps (v1.33.3 validation.go:3896): with hostNetwork, every hostPort of a
 * regular container (init containers are not checked) must equal its containerPort. An unset hostPort is
 * allowed in a pod template (a Pod is defaulted to hostPort = containerPort before validation).
 */
export default defineRule({
  meta: {
    id: 'host-port-mismatch',
    title: 'With hostNetwork, hostPort must equal containerPort',
    description:
      'Every HostProcess pod uses the host network, and then a hostPort that is set must be the same as its containerPort: the process listens on the host directly, so there is nothing to map.',
    group: 'api',
    severity: 'error',
    catches: [],
  },
  messages: {
    mismatch: '{{path}}: Invalid value: {{hostPort}}: must match `containerPort` when `hostNetwork` is true',
  },
  run(pod, report) {
    const hostNetwork = read<boolean>(pod.spec, 'hostNetwork', 'boolean');
    if (hostNetwork.state !== 'ok' || !hostNetwork.value) return;
    for (const c of pod.containers) {
      if (c.list !== 'containers') continue;
      arrayAt(c.value, 'ports').forEach((port, index) => {
        if (!isObject(port)) return;
        const hostPort = read<number>(port, 'hostPort', 'integer');
        const containerPort = read<number>(port, 'containerPort', 'integer');
        if (hostPort.state !== 'ok' || containerPort.state !== 'ok') return;
        if (hostPort.value === 0 || hostPort.value === containerPort.value) return;
        const path = [...c.path, 'ports', index, 'hostPort'];
        report.finding('mismatch', {
          path,
          data: {
            path: formatPath(path.slice(pod.object.base.length)),
            hostPort: hostPort.value,
            containerPort: containerPort.value,
            container: c.name,
          },
          fix: {
            text: `Set hostPort to ${containerPort.value} (or drop it): a HostProcess container listens on the host's own ports. To serve on ${hostPort.value}, make the program listen on ${hostPort.value} and set containerPort to ${hostPort.value} too.`,
            commands: [],
          },
        });
      });
    }
  },
});
