import { below } from '../../parse/versions.js';
import { findPathUses, isAbsolute, mountsOf, normalise, programTexts } from '../paths.js';
import { defineRule } from '../rule.js';

/**
 * The task page (#volume-mounts): on containerd 1.6 a volume is not at its mountPath, it is under
 * $CONTAINER_SANDBOX_MOUNT_POINT; from containerd 1.7 applications "can access volume mounts directly via
 * the volumeMount's specified mountPath". That takes hcsshim 0.10+ with the bind filter
 * (%SystemRoot%\system32\bindfltapi.dll, probed in hcsshim v0.14.1 internal/jobcontainers/storage.go:87-101);
 * without it mounts fall back to symlinks under the sandbox volume (mounts.go:41-62), and an absolute
 * C:\etc\foo is the host's own path. A hostPath mounted at its own path works everywhere.
 */
export default defineRule({
  meta: {
    id: 'mount-path-needs-sandbox-prefix',
    title: 'Name volumes through $env:CONTAINER_SANDBOX_MOUNT_POINT, not by absolute mountPath',
    description:
      "A command, argument, working directory or env value that names a volume by its absolute mountPath finds it only on containerd 1.7 or later with the bind filter. On containerd 1.6, and on nodes without bindfltapi.dll, the volume is under $env:CONTAINER_SANDBOX_MOUNT_POINT and the path names the host's own directory. With node facts, the node decides.",
    group: 'volumes',
    severity: 'warning',
    catches: ['service-account-token-path'],
  },
  messages: {
    unknownNode:
      '{{field}} names {{mountPath}}, the mountPath of {{volume}}: the volume is there only on containerd 1.7 or later with the bind filter; on containerd 1.6, or without bindfltapi.dll, it is under $env:CONTAINER_SANDBOX_MOUNT_POINT{{node}}',
    fails:
      "{{field}} names {{mountPath}}, the mountPath of {{volume}}, but the node runs containerd {{version}} ({{source}}), where the volume is under $env:CONTAINER_SANDBOX_MOUNT_POINT: the path names the host's own {{mountPath}}",
    noBindFilter:
      '{{field}} names {{mountPath}}, the mountPath of {{volume}}: containerd {{version}} binds volumes at their mountPath only with the bind filter, and on this node {{why}}, so the volume is under $env:CONTAINER_SANDBOX_MOUNT_POINT',
  },
  run(pod, report) {
    const { containerd, bindFilter } = pod.node;
    const newEnough = containerd.state === 'known' && containerd.version && !below(containerd.version, '1.7.0');
    if (newEnough && bindFilter.state === 'yes') return;
    for (const c of pod.hostProcessContainers) {
      const mounts = mountsOf(pod, c).filter(
        (m) =>
          isAbsolute(m.mountPath) &&
          normalise(m.mountPath) !== '' &&
          (m.hostPath === undefined || normalise(m.hostPath) !== normalise(m.mountPath)),
      );
      if (mounts.length === 0) continue;
      for (const text of programTexts(pod, c)) {
        for (const mount of mounts) {
          if (findPathUses(text.expanded, mount.mountPath).length === 0) continue;
          const volume = mount.volume.startsWith('the ') ? mount.volume : `volume "${mount.volume}"`;
          const data = { field: text.field, mountPath: mount.mountPath, volume };
          const fix = {
            text: `Write the path under the sandbox mount point, which works on containerd 1.6 and 1.7: %CONTAINER_SANDBOX_MOUNT_POINT%${mount.mountPath.replace(/\//g, '\\')} in command, args, workingDir and env (or $env:CONTAINER_SANDBOX_MOUNT_POINT in PowerShell).`,
            commands: [],
          };
          const related = [{ message: `the mountPath of ${volume}`, at: mount.path }];
          if (containerd.state === 'known' && containerd.version && below(containerd.version, '1.7.0')) {
            report.finding('fails', {
              path: text.path,
              severity: 'error',
              data: { ...data, version: containerd.shown ?? '', source: pod.node.described },
              fix,
              related,
            });
          } else if (newEnough && bindFilter.state === 'no') {
            report.finding('noBindFilter', {
              path: text.path,
              data: { ...data, version: containerd.shown ?? '', why: bindFilter.why },
              fix,
              related,
            });
          } else {
            report.finding('unknownNode', {
              path: text.path,
              data: {
                ...data,
                node: pod.node.given ? ` (on this node: ${bindFilter.why})` : '',
              },
              fix,
              related,
            });
          }
          break;
        }
      }
    }
  },
});
