/**
 * The accounts HostProcess containers run as: each container's windowsOptions.runAsUserName, else the
 * pod's (containerd v1.7.27 pkg/cri/server/container_create_windows.go:96-119 starts from the image's
 * USER and overrides it with runAsUserName when that is not empty).
 */
import { type ContainerView, effectiveWindowsOption, type PodContext } from './pod.js';
import type { Read, Segment } from './values.js';

export interface UserUse {
  read: Read<string>;
  /** Where the value is set. */
  path: Segment[];
  /** The HostProcess containers that run as it. */
  containers: ContainerView[];
  /** Set at pod level (and inherited). */
  podLevel: boolean;
}

/** One entry per place a runAsUserName used by a HostProcess container is set, or would go (absent). */
export function usersOf(pod: PodContext): UserUse[] {
  const byPath = new Map<string, UserUse>();
  for (const c of pod.hostProcessContainers) {
    const effective = effectiveWindowsOption<string>(pod, c, 'runAsUserName', 'string');
    const key = JSON.stringify(effective.path);
    const existing = byPath.get(key);
    if (existing) existing.containers.push(c);
    else
      byPath.set(key, {
        read: effective.read,
        path: effective.path,
        containers: [c],
        podLevel: !effective.own && effective.read.state !== 'absent',
      });
  }
  return [...byPath.values()];
}

/** The names of the containers, for messages: `container "a"`, `containers "a", "b"`. */
export function describeContainers(containers: readonly ContainerView[]): string {
  const names = containers.map((c) => `"${c.name}"`).join(', ');
  return `${containers.length === 1 ? 'container' : 'containers'} ${names}`;
}
