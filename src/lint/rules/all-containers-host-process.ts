import { joinNames } from '../pod.js';
import { defineRule } from '../rule.js';
import { formatPath } from '../values.js';

/**
 * kubernetes v1.33.3 validation.go:7872 (validateWindowsHostProcessPod): once any container of the pod is
 * HostProcess (init, regular and ephemeral containers all count), every one must be. The path the API
 * prints is the pod spec itself, with the bad value "".
 */
export default defineRule({
  meta: {
    id: 'all-containers-host-process',
    title: 'Every container of a HostProcess pod must be HostProcess',
    description:
      'A pod cannot mix HostProcess and ordinary containers (init and ephemeral containers count). The API server rejects the pod or the workload; containerd and the shim reject it too if it gets that far.',
    group: 'api',
    severity: 'error',
    catches: ['all-containers-hostprocess'],
  },
  messages: {
    notAll:
      '{{path}}: Invalid value: "": If pod contains any hostProcess containers then all containers must be HostProcess containers (not HostProcess: {{containers}})',
  },
  run(pod, report) {
    if (pod.hostProcessUnknown || pod.hostProcessContainers.length === 0) return;
    const others = pod.containers.filter((c) => !c.hostProcess);
    const [first, ...rest] = others;
    if (!first) return;
    report.finding('notAll', {
      path: pod.specPath,
      at: first.path,
      data: { path: formatPath(pod.specPath.slice(pod.object.base.length)), containers: joinNames(others) },
      related: rest.map((c) => ({ message: `${c.list} ${c.name} is not HostProcess`, at: c.path })),
      fix: {
        text: 'Set hostProcess: true once at pod level (securityContext.windowsOptions.hostProcess), which covers every container, and remove any container-level hostProcess: false. Put ordinary containers in another pod.',
        commands: [],
      },
    });
  },
});
