/**
 * Documents to Kubernetes objects: a `kind: List` (as `kubectl get -o yaml` prints it) or a typed list
 * (`DaemonSetList`) is opened into its items; each object is a workload with a pod template, a Namespace
 * or RuntimeClass the rules read, another Kubernetes object, or not a Kubernetes object at all.
 *
 * Pod spec locations are those Pod Security admission uses (pod-security-admission v0.33.0
 * admission/admission.go:112-135): Pod `spec`; PodTemplate `template.spec`; ReplicationController,
 * ReplicaSet, Deployment, StatefulSet, DaemonSet and Job `spec.template.spec`; CronJob
 * `spec.jobTemplate.spec.template.spec`.
 */
import { isObject, type Json, read, type Segment } from './values.js';
import type { ParsedDocument, ParsedFile } from './yaml.js';

export interface ObjectRef {
  kind?: string;
  apiVersion?: string;
  namespace?: string;
  name?: string;
}

export type ObjectClass = 'workload' | 'namespace' | 'runtimeClass' | 'other' | 'notKubernetes';

export interface ManifestObject {
  file: string;
  document: ParsedDocument;
  /** The object's path inside its document: [] or ['items', i]. */
  base: Segment[];
  /** Its index in a List. */
  item?: number;
  value: Json;
  ref: ObjectRef;
  class: ObjectClass;
  /** For workloads: the pod spec's path inside the object. */
  podSpecPath?: Segment[];
}

/** Where each workload kind keeps its pod spec, and the API groups the kind belongs to. */
export const POD_SPEC_PATHS: Record<string, { path: Segment[]; groups: string[] }> = {
  Pod: { path: ['spec'], groups: [''] },
  PodTemplate: { path: ['template', 'spec'], groups: [''] },
  ReplicationController: { path: ['spec', 'template', 'spec'], groups: [''] },
  ReplicaSet: { path: ['spec', 'template', 'spec'], groups: ['apps', 'extensions'] },
  Deployment: { path: ['spec', 'template', 'spec'], groups: ['apps', 'extensions'] },
  StatefulSet: { path: ['spec', 'template', 'spec'], groups: ['apps'] },
  DaemonSet: { path: ['spec', 'template', 'spec'], groups: ['apps', 'extensions'] },
  Job: { path: ['spec', 'template', 'spec'], groups: ['batch'] },
  CronJob: { path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], groups: ['batch'] },
};

export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATHS);

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? (apiVersion.split('/')[0] as string) : '');

function refOf(value: Json): ObjectRef {
  const ref: ObjectRef = {};
  const kind = read<string>(value, 'kind', 'string');
  const apiVersion = read<string>(value, 'apiVersion', 'string');
  const metadata = value.metadata;
  const name = read<string>(metadata, 'name', 'string');
  const generateName = read<string>(metadata, 'generateName', 'string');
  const namespace = read<string>(metadata, 'namespace', 'string');
  if (kind.state === 'ok') ref.kind = kind.value;
  if (apiVersion.state === 'ok') ref.apiVersion = apiVersion.value;
  if (name.state === 'ok') ref.name = name.value;
  else if (generateName.state === 'ok') ref.name = `${generateName.value}…`;
  if (namespace.state === 'ok' && namespace.value !== '') ref.namespace = namespace.value;
  return ref;
}

function classify(ref: ObjectRef): Pick<ManifestObject, 'class' | 'podSpecPath'> {
  if (ref.kind === undefined || ref.apiVersion === undefined) return { class: 'notKubernetes' };
  const group = groupOf(ref.apiVersion);
  const workload = POD_SPEC_PATHS[ref.kind];
  if (workload?.groups.includes(group)) return { class: 'workload', podSpecPath: workload.path };
  if (ref.kind === 'Namespace' && group === '') return { class: 'namespace' };
  if (ref.kind === 'RuntimeClass' && group === 'node.k8s.io') return { class: 'runtimeClass' };
  return { class: 'other' };
}

function isList(value: Json): boolean {
  const kind = value.kind;
  return typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items);
}

/** Every object of a file, Lists opened (one level, as kubectl does). */
export function objectsOf(file: ParsedFile): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const document of file.documents) {
    const value = document.value;
    if (!isObject(value)) {
      out.push({ file: file.name, document, base: [], value: {}, ref: {}, class: 'notKubernetes' });
      continue;
    }
    if (isList(value)) {
      const listKind = value.kind as string;
      // A typed list's items may omit kind and apiVersion (the API server's own list responses do).
      const itemKind = listKind === 'List' ? undefined : listKind.slice(0, -'List'.length);
      (value.items as unknown[]).forEach((item, index) => {
        const itemValue = isObject(item) ? item : {};
        const ref = refOf(itemValue);
        if (ref.kind === undefined && itemKind !== undefined && isObject(item)) ref.kind = itemKind;
        if (ref.apiVersion === undefined && typeof value.apiVersion === 'string' && itemKind !== undefined)
          ref.apiVersion = value.apiVersion;
        out.push({
          file: file.name,
          document,
          base: ['items', index],
          item: index,
          value: itemValue,
          ref,
          ...(isObject(item) ? classify(ref) : { class: 'notKubernetes' as const }),
        });
      });
      continue;
    }
    const ref = refOf(value);
    out.push({ file: file.name, document, base: [], value, ref, ...classify(ref) });
  }
  return out;
}

/** The object's field at `path` (relative to the object), or undefined. */
export function valueAt(value: unknown, path: readonly Segment[]): unknown {
  let current: unknown = value;
  for (const segment of path) {
    if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else current = isObject(current) ? current[segment] : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/** True when some `windowsOptions` under `value` sets hostProcess to true (or to a value that is not false). */
export function mentionsHostProcess(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (Array.isArray(value)) return value.some((v) => mentionsHostProcess(v, depth + 1));
  if (!isObject(value)) return false;
  const options = value.windowsOptions;
  if (isObject(options) && 'hostProcess' in options && options.hostProcess !== false && options.hostProcess !== null)
    return true;
  return Object.values(value).some((v) => mentionsHostProcess(v, depth + 1));
}

export function describeRef(ref: ObjectRef): string {
  const kind = ref.kind ?? 'object';
  const name = ref.name ?? '(no name)';
  return ref.namespace ? `${kind} ${ref.namespace}/${name}` : `${kind} ${name}`;
}
