/**
 * The text a HostProcess container's process sees: command, args, workingDir and env values, after the
 * kubelet's `$(VAR)` expansion, and the volumes it mounts. hcsshim then rewrites exactly two spellings of
 * the sandbox mount point in the command line, the working directory and env values:
 * `%CONTAINER_SANDBOX_MOUNT_POINT%` and `$env:CONTAINER_SANDBOX_MOUNT_POINT`, case-sensitively, with the
 * mount point without its trailing backslash (hcsshim v0.14.1 internal/jobcontainers/jobcontainer.go:
 * 754-758; v0.9.10 :616-618 the same). The default mount point is C:\hpc\ (storage.go:26).
 */
import type { ContainerView, PodContext } from './pod.js';
import { arrayAt, expandRefs, formatPath, isObject, known, read, type Segment } from './values.js';

export const SANDBOX_VARIABLES = ['%CONTAINER_SANDBOX_MOUNT_POINT%', '$env:CONTAINER_SANDBOX_MOUNT_POINT'] as const;

export interface ProgramText {
  /** The field as the API prints it, relative to the object. */
  field: string;
  path: Segment[];
  raw: string;
  /** After the kubelet's $(VAR) expansion from literal env values. */
  expanded: string;
  /** command[0]: the program hcsshim looks up. */
  executable: boolean;
}

export function programTexts(pod: PodContext, container: ContainerView): ProgramText[] {
  const out: ProgramText[] = [];
  const base = pod.object.base.length;
  const env = new Map<string, string>();
  const envTexts: ProgramText[] = [];
  arrayAt(container.value, 'env').forEach((entry, index) => {
    const name = known(read<string>(entry, 'name', 'string'));
    const value = known(read<string>(entry, 'value', 'string'));
    if (name === undefined) return;
    if (value === undefined) {
      env.delete(name);
      return;
    }
    const expanded = expandRefs(value, env);
    env.set(name, expanded);
    const path = [...container.path, 'env', index, 'value'];
    envTexts.push({ field: formatPath(path.slice(base)), path, raw: value, expanded, executable: false });
  });
  for (const key of ['command', 'args'] as const) {
    arrayAt(container.value, key).forEach((item, index) => {
      if (typeof item !== 'string') return;
      const path = [...container.path, key, index];
      out.push({
        field: formatPath(path.slice(base)),
        path,
        raw: item,
        expanded: expandRefs(item, env),
        executable: key === 'command' && index === 0,
      });
    });
  }
  const workingDir = known(read<string>(container.value, 'workingDir', 'string'));
  if (workingDir !== undefined) {
    const path = [...container.path, 'workingDir'];
    out.push({ field: formatPath(path.slice(base)), path, raw: workingDir, expanded: workingDir, executable: false });
  }
  return [...out, ...envTexts];
}

export interface Mount {
  volume: string;
  mountPath: string;
  /** The volumeMount's path, or the volume's for the implicit service-account token. */
  path: Segment[];
  hostPath?: string;
}

/** The service-account token the kubelet mounts into every container unless automount is off. */
export const SERVICE_ACCOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

export function mountsOf(pod: PodContext, container: ContainerView): Mount[] {
  const volumes = new Map<string, unknown>();
  for (const v of arrayAt(pod.spec, 'volumes')) if (isObject(v) && typeof v.name === 'string') volumes.set(v.name, v);
  const out: Mount[] = [];
  arrayAt(container.value, 'volumeMounts').forEach((m, index) => {
    const name = known(read<string>(m, 'name', 'string'));
    const mountPath = known(read<string>(m, 'mountPath', 'string'));
    if (name === undefined || mountPath === undefined) return;
    const mount: Mount = { volume: name, mountPath, path: [...container.path, 'volumeMounts', index, 'mountPath'] };
    const volume = volumes.get(name);
    const hostPath = isObject(volume) ? known(read<string>(volume.hostPath, 'path', 'string')) : undefined;
    if (hostPath !== undefined) mount.hostPath = hostPath;
    out.push(mount);
  });
  const automount = pod.spec.automountServiceAccountToken;
  if (automount !== false && !out.some((m) => normalise(m.mountPath) === SERVICE_ACCOUNT_PATH)) {
    out.push({ volume: 'the service-account token', mountPath: SERVICE_ACCOUNT_PATH, path: container.path });
  }
  return out;
}

/** A path for comparison: / separators, no drive letter, no trailing separator, lower case. */
export function normalise(p: string): string {
  return p
    .replace(/\\/g, '/')
    .replace(/^[A-Za-z]:(?=\/)/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/** An absolute Windows or Unix-style path: /etc/x, \etc\x, C:\etc\x, C:/etc/x. */
export const isAbsolute = (p: string) => /^([A-Za-z]:)?[\\/]/.test(p) && !/^[\\/]{2}/.test(p);

const BEFORE = /[\s"'=,;(]/;
const AFTER = /[\s"',;)]/;

/** Where `text` names `mountPath` directly (not under a sandbox variable): the index of each use. */
export function findPathUses(text: string, mountPath: string): number[] {
  const needle = normalise(mountPath);
  if (needle === '') return [];
  const hay = text.replace(/\\/g, '/').toLowerCase();
  const uses: number[] = [];
  let from = 0;
  for (;;) {
    const at = hay.indexOf(needle, from);
    if (at < 0) break;
    from = at + 1;
    const end = at + needle.length;
    const after = hay[end];
    if (after !== undefined && after !== '/' && !AFTER.test(after)) continue;
    let start = at;
    if (start >= 2 && /[a-z]/.test(hay[start - 2] as string) && hay[start - 1] === ':') start -= 2;
    const before = hay[start - 1];
    if (before === undefined || BEFORE.test(before)) uses.push(at);
  }
  return uses;
}
