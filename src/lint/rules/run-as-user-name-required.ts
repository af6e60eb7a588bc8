import { defineRule } from '../rule.js';
import { describeContainers, usersOf } from '../users.js';
import { objectAt } from '../values.js';

const INHERIT_USER = 'microsoft.com/hostprocess-inherit-user';

/**
 * The task page ("HostProcess Pod configuration requirements": runAsUserName is required). Without it,
 * containerd keeps the image's USER (containerd v1.7.27 pkg/cri/server/container_create_windows.go:96-97;
 * 1.6.38 :91-92) and hcsshim refuses an empty one ("empty username or group name passed", hcsshim v0.14.1
 * internal/jobcontainers/logon.go:109) or fails to log on a container account such as ContainerUser,
 * both as "failed to create user process token: …" (jobcontainer.go:273). The inherit-user annotation
 * (jobcontainer.go:265) reaches hcsshim only if containerd's runtime handler passes it through, and the
 * built-in runhcs-wcow-process passes only io.microsoft.container.* (containerd v1.7.27
 * pkg/cri/config/config_windows.go:44).
 */
export default defineRule({
  meta: {
    id: 'run-as-user-name-required',
    title: 'HostProcess containers need a runAsUserName',
    description:
      'A HostProcess container runs as the host account its runAsUserName names (pod or container level). Without one, containerd falls back to the image USER, which is empty or a container account the host does not have, and the container fails to start.',
    group: 'task-page',
    severity: 'error',
    catches: ['logon-failed'],
  },
  messages: {
    missing:
      'no runAsUserName for {{containers}}: containerd falls back to the image USER, and the container fails with "failed to create user process token: …" (empty username or group name passed, or failed to logon user){{inherit}}',
  },
  run(pod, report) {
    const uses = usersOf(pod);
    const missing = uses.filter((u) => u.read.state === 'absent');
    if (missing.length === 0) return;
    const annotations = objectAt(pod.metadata, 'annotations');
    const inherit =
      annotations[INHERIT_USER] === 'true'
        ? `; the ${INHERIT_USER} annotation does not help by default: containerd's runhcs-wcow-process handler passes only io.microsoft.container.* pod annotations to hcsshim`
        : '';
    const fix = {
      text: 'Set runAsUserName once at pod level: securityContext.windowsOptions.runAsUserName: "NT AUTHORITY\\\\Local service" (least privileged), "NT AUTHORITY\\\\NetworkService", "NT AUTHORITY\\\\SYSTEM" (only if needed), or the name of a local group (containerd 1.7+).',
      commands: [],
    };
    const containers = missing.flatMap((u) => u.containers);
    if (missing.length === uses.length) {
      report.finding('missing', {
        path: pod.at('securityContext', 'windowsOptions', 'runAsUserName'),
        data: { containers: describeContainers(containers), inherit },
        fix,
      });
      return;
    }
    for (const use of missing) {
      report.finding('missing', {
        path: use.path,
        data: { containers: describeContainers(use.containers), inherit },
        fix,
      });
    }
  },
});
