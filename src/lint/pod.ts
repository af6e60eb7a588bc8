/**
 * One pod template as the rules see it: its spec, its containers in the API's order (initContainers,
 * containers, ephemeralContainers: kubernetes pkg/apis/core/pods/helpers.go:35-55 VisitContainersWithPath)
 * with the effective HostProcess flag of each, and the run's context (the namespace's labels, the node
 * facts, the options).
 *
 * Effective HostProcess, as validateWindowsHostProcessPod decides it (kubernetes v1.33.3
 * pkg/apis/core/validation/validation.go:7826-7888): a container is HostProcess if its own
 * windowsOptions.hostProcess is true, or if it is unset and the pod's is true.
 */
import type { NodeContext } from './node.js';
import { type ManifestObject, valueAt } from './objects.js';
import type { NamespaceView } from './psa.js';
import type { Place } from './rule.js';
import {
  arrayAt,
  type Expected,
  isObject,
  type Json,
  objectAt,
  type Read,
  read,
  readValue,
  type Segment,
} from './values.js';

export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];

export interface ContainerView {
  list: ContainerList;
  index: number;
  name: string;
  value: Json;
  /** From the document root. */
  path: Segment[];
  /** The container's own securityContext.windowsOptions.hostProcess. */
  own: Read<boolean>;
  /** HostProcess by the API's rule. */
  hostProcess: boolean;
}

export interface RuntimeClassInfo {
  name: string;
  nodeSelector?: Record<string, string>;
  place: Place;
}

export interface LintRunOptions {
  /** --allow-system: LocalSystem is needed by every workload linted. */
  allowSystem: boolean;
}

export interface PodContext {
  object: ManifestObject;
  kind: string;
  /** A Pod object (admitted as itself), not a template its controller turns into pods. */
  isPod: boolean;
  spec: Json;
  /** The pod spec, from the document root. */
  specPath: Segment[];
  /** The pod's (template's) metadata. */
  metadata: Json;
  metadataPath: Segment[];
  /** The pod-level securityContext.windowsOptions.hostProcess. */
  podHostProcess: Read<boolean>;
  containers: ContainerView[];
  /** The containers the API counts as HostProcess. */
  hostProcessContainers: ContainerView[];
  /** A hostProcess value is a template or not a boolean: the API's HostProcess rules cannot be judged. */
  hostProcessUnknown: boolean;
  namespace: NamespaceView;
  node: NodeContext;
  runtimeClasses: ReadonlyMap<string, RuntimeClassInfo>;
  options: LintRunOptions;
  /** A path inside the pod spec, from the document root. */
  at(...segments: Segment[]): Segment[];
  /** The place of a path of this object's document (for related locations). */
  place(path: readonly Segment[]): Place;
}

export interface PodContextParts {
  namespace: NamespaceView;
  node: NodeContext;
  runtimeClasses: ReadonlyMap<string, RuntimeClassInfo>;
  options: LintRunOptions;
}

function containersOf(spec: Json, specPath: Segment[], pod: Read<boolean>): ContainerView[] {
  const out: ContainerView[] = [];
  for (const list of CONTAINER_LISTS) {
    arrayAt(spec, list).forEach((value, index) => {
      const container = isObject(value) ? value : {};
      const own = read<boolean>(objectAt(container, 'securityContext', 'windowsOptions'), 'hostProcess', 'boolean');
      const name = typeof container.name === 'string' ? container.name : `${list}[${index}]`;
      const hostProcess = own.state === 'ok' ? own.value : own.state === 'absent' && pod.state === 'ok' && pod.value;
      out.push({ list, index, name, value: container, path: [...specPath, list, index], own, hostProcess });
    });
  }
  return out;
}

export function podContext(object: ManifestObject, parts: PodContextParts): PodContext {
  const relative = object.podSpecPath ?? ['spec'];
  const specPath = [...object.base, ...relative];
  const metadataRelative = [...relative.slice(0, -1), 'metadata'];
  let spec: unknown = object.value;
  for (const segment of relative) spec = isObject(spec) ? spec[segment as string] : undefined;
  let metadata: unknown = object.value;
  for (const segment of metadataRelative) metadata = isObject(metadata) ? metadata[segment as string] : undefined;
  const specObject = isObject(spec) ? spec : {};
  const podHostProcess = read<boolean>(
    objectAt(specObject, 'securityContext', 'windowsOptions'),
    'hostProcess',
    'boolean',
  );
  const containers = containersOf(specObject, specPath, podHostProcess);
  const unknown = (r: Read<boolean>) => r.state === 'template' || r.state === 'type';
  return {
    object,
    kind: object.ref.kind ?? 'object',
    isPod: object.ref.kind === 'Pod',
    spec: specObject,
    specPath,
    metadata: isObject(metadata) ? metadata : {},
    metadataPath: [...object.base, ...metadataRelative],
    podHostProcess,
    containers,
    hostProcessContainers: containers.filter((c) => c.hostProcess),
    hostProcessUnknown: unknown(podHostProcess) || containers.some((c) => unknown(c.own)),
    namespace: parts.namespace,
    node: parts.node,
    runtimeClasses: parts.runtimeClasses,
    options: parts.options,
    at: (...segments) => [...specPath, ...segments],
    place: (path) => ({ file: object.file, span: object.document.locate(path) }),
  };
}

/** Whether the lint judges this pod template: it sets (or may set) hostProcess somewhere. */
export function isLintTarget(pod: PodContext): boolean {
  const mayBe = (r: Read<boolean>) => (r.state === 'ok' && r.value) || r.state === 'template' || r.state === 'type';
  return mayBe(pod.podHostProcess) || pod.containers.some((c) => mayBe(c.own));
}

export interface EffectiveValue<T> {
  read: Read<T>;
  /** Where it is set (container or pod level), or where it would go (the container's windowsOptions). */
  path: Segment[];
  /** Set on the container itself, not inherited from the pod. */
  own: boolean;
}

/** A windowsOptions field of a container, inherited from the pod when the container does not set it. */
export function effectiveWindowsOption<T>(
  pod: PodContext,
  container: ContainerView,
  key: 'runAsUserName',
  expected: 'string',
): EffectiveValue<T> {
  const ownPath = [...container.path, 'securityContext', 'windowsOptions', key];
  const own = read<T>(objectAt(container.value, 'securityContext', 'windowsOptions'), key, expected);
  if (own.state !== 'absent') return { read: own, path: ownPath, own: true };
  const podRead = read<T>(objectAt(pod.spec, 'securityContext', 'windowsOptions'), key, expected);
  return {
    read: podRead,
    path: podRead.state === 'absent' ? ownPath : pod.at('securityContext', 'windowsOptions', key),
    own: false,
  };
}

/** securityContext.runAsNonRoot of a container, inherited from the pod's. */
export function effectiveRunAsNonRoot(pod: PodContext, container: ContainerView): EffectiveValue<boolean> {
  const own = read<boolean>(objectAt(container.value, 'securityContext'), 'runAsNonRoot', 'boolean');
  if (own.state !== 'absent')
    return { read: own, path: [...container.path, 'securityContext', 'runAsNonRoot'], own: true };
  return {
    read: read<boolean>(objectAt(pod.spec, 'securityContext'), 'runAsNonRoot', 'boolean'),
    path: pod.at('securityContext', 'runAsNonRoot'),
    own: false,
  };
}

/** The pod's volumes by name, with their paths. */
export function volumesOf(pod: PodContext): Map<string, { value: Json; path: Segment[] }> {
  const volumes = new Map<string, { value: Json; path: Segment[] }>();
  arrayAt(pod.spec, 'volumes').forEach((value, index) => {
    if (!isObject(value) || typeof value.name !== 'string') return;
    volumes.set(value.name, { value, path: pod.at('volumes', index) });
  });
  return volumes;
}

/** Names of the containers, quoted and joined: "a", "b". */
export const joinNames = (containers: readonly ContainerView[]) => containers.map((c) => `"${c.name}"`).join(', ');

/** The field at `path` (from the document root) of the pod's document, read as `expected`. */
export function readPath<T>(pod: PodContext, path: readonly Segment[], expected: Expected): Read<T> {
  return readValue<T>(valueAt(pod.object.document.value, path), expected);
}
