import { volumesOf } from '../pod.js';
import { defineRule } from '../rule.js';
import { describeContainers } from '../users.js';
import { arrayAt, isObject, known, read, type Segment } from '../values.js';

const PIPE = /^(?:\\\\|\/\/)\.(?:\\|\/)pipe(?:\\|\/)/i;

/**
 * hcsshim v0.14.1 internal/jobcontainers/mounts.go:21-23 (isnamedPipePath: strings.HasPrefix(p,
 * `\\.\pipe\`)) and :48, :97: both the bind-filter and the symlink path refuse a named-pipe mount with
 * "named pipe mounts not supported for job containers - interact with the pipe directly" (the same text
 * in v0.9.2 mounts.go:40). The task page (#limitations): named pipe mounts and Unix domain sockets are not
 * supported; access them by their host path.
 */
export default defineRule({
  meta: {
    id: 'named-pipe-mount',
    title: 'HostProcess containers cannot mount named pipes or sockets',
    description:
      'A HostProcess container runs on the host, so it opens a named pipe (\\\\.\\pipe\\name) or a Unix socket by its host path. hcsshim refuses a hostPath volume of a named pipe mounted into one, and the task page says Unix domain sockets are not supported either.',
    group: 'volumes',
    severity: 'error',
    catches: ['named-pipe-mount'],
  },
  messages: {
    pipe: 'volume "{{volume}}" mounts the named pipe {{pipe}} into {{containers}}: hcsshim refuses it with "named pipe mounts not supported for job containers - interact with the pipe directly"',
    socket:
      'volume "{{volume}}" is a hostPath of type Socket mounted into {{containers}}: HostProcess containers do not support Unix domain socket mounts; open {{pipe}} by its host path',
  },
  run(pod, report) {
    const volumes = volumesOf(pod);
    const mounts = new Map<string, { containers: typeof pod.containers; paths: Segment[][] }>();
    for (const c of pod.hostProcessContainers) {
      arrayAt(c.value, 'volumeMounts').forEach((m, index) => {
        const name = known(read<string>(m, 'name', 'string'));
        if (name === undefined) return;
        const entry = mounts.get(name) ?? { containers: [], paths: [] };
        if (!entry.containers.includes(c)) entry.containers.push(c);
        entry.paths.push([...c.path, 'volumeMounts', index, 'mountPath']);
        mounts.set(name, entry);
      });
    }
    for (const [name, { containers, paths }] of mounts) {
      const volume = volumes.get(name);
      if (!volume || !isObject(volume.value.hostPath)) continue;
      const hostPath = known(read<string>(volume.value.hostPath, 'path', 'string'));
      if (hostPath === undefined) continue;
      const socket = volume.value.hostPath.type === 'Socket';
      if (!PIPE.test(hostPath) && !socket) continue;
      report.finding(PIPE.test(hostPath) ? 'pipe' : 'socket', {
        path: [...volume.path, 'hostPath', 'path'],
        severity: PIPE.test(hostPath) ? 'error' : 'warning',
        data: { volume: name, pipe: hostPath, containers: describeContainers(containers) },
        related: paths.map((p) => ({ message: `mounted here (volume "${name}")`, at: p })),
        fix: {
          text: `Remove the volume "${name}" and its volumeMounts, and open ${hostPath} by its host path from the process: a HostProcess container sees the host's pipes and files directly.`,
          commands: [],
        },
      });
    }
  },
});
