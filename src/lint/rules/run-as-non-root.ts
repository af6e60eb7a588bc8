import { effectiveRunAsNonRoot } from '../pod.js';
import { defineRule } from '../rule.js';
import { describeContainers } from '../users.js';
import { formatPath, type Segment } from '../values.js';

/**
 * The task page (configuration requirements): "Because HostProcess containers have privileged access to
 * the host, the runAsNonRoot field cannot be set to true" (allowed: unset or false). Nothing enforces it:
 * validateWindowsHostProcessPod does not read it, Pod Security baseline does not, and the kubelet's
 * Windows verifyRunAsNonRoot refuses only ContainerAdministrator (pkg/kubelet/kuberuntime/
 * security_context_windows.go, stored version, tag not verified). So it is a warning.
 */
export default defineRule({
  meta: {
    id: 'run-as-non-root',
    title: 'runAsNonRoot must not be true for HostProcess containers',
    description:
      'The HostProcess docs allow runAsNonRoot only unset or false: a HostProcess container has privileged access to the host, so runAsNonRoot: true states a policy it cannot keep. The API server and Pod Security do not refuse it, so it is a warning.',
    group: 'task-page',
    severity: 'warning',
    catches: [],
  },
  messages: {
    nonRoot:
      '{{path}} is true for {{containers}}: the HostProcess docs say runAsNonRoot cannot be true for HostProcess containers (allowed: unset or false)',
  },
  run(pod, report) {
    const byPath = new Map<string, { path: Segment[]; containers: typeof pod.hostProcessContainers }>();
    for (const c of pod.hostProcessContainers) {
      const effective = effectiveRunAsNonRoot(pod, c);
      if (effective.read.state !== 'ok' || !effective.read.value) continue;
      const key = JSON.stringify(effective.path);
      const entry = byPath.get(key) ?? { path: effective.path, containers: [] };
      entry.containers.push(c);
      byPath.set(key, entry);
    }
    for (const { path, containers } of byPath.values()) {
      report.finding('nonRoot', {
        path,
        data: { path: formatPath(path.slice(pod.object.base.length)), containers: describeContainers(containers) },
        fix: { text: 'Remove runAsNonRoot (or set it to false) for HostProcess containers.', commands: [] },
      });
    }
  },
});
