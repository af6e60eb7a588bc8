import { readPath } from '../pod.js';
import { defineRule } from '../rule.js';
import { formatPath, isObject, objectAt, type Segment } from '../values.js';

/**
 * kubernetes v1.33.3 validation.go:4420-4434 (validateLinux): a pod with spec.os.name: linux must not set
 * securityContext.windowsOptions, at pod level (4424) or in any container (4430).
 */
export default defineRule({
  meta: {
    id: 'windows-options-on-linux-pod',
    title: 'A pod with os.name linux cannot set windowsOptions',
    description:
      'spec.os.name: linux tells the API server the pod is a Linux pod; it then forbids every securityContext.windowsOptions, so a HostProcess pod marked linux is rejected.',
    group: 'api',
    severity: 'error',
    catches: [],
  },
  messages: {
    linuxPod: '{{path}}: Forbidden: windows options cannot be set for a linux pod',
  },
  run(pod, report) {
    const os = readPath<string>(pod, pod.at('os', 'name'), 'string');
    if (os.state !== 'ok' || os.value !== 'linux') return;
    const places: Segment[][] = [];
    if (isObject(objectAt(pod.spec, 'securityContext').windowsOptions))
      places.push(pod.at('securityContext', 'windowsOptions'));
    for (const c of pod.containers) {
      if (isObject(objectAt(c.value, 'securityContext').windowsOptions))
        places.push([...c.path, 'securityContext', 'windowsOptions']);
    }
    for (const path of places) {
      report.finding('linuxPod', {
        path,
        at: pod.at('os', 'name'),
        data: { path: formatPath(path.slice(pod.object.base.length)) },
        fix: {
          text: 'A HostProcess pod runs on Windows: set spec.os.name: windows (or remove spec.os), and keep the windowsOptions.',
          commands: [],
        },
      });
    }
  },
});
