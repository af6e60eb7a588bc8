/**
 * Manifest builders for lint tests: a valid HostProcess workload as YAML text, changed by a patch. The
 * base passes every rule (LocalService, hostNetwork, the Windows node selector), so each case shows
 * exactly the change it makes. A key patched to `undefined` is removed.
 */
import { stringify } from 'yaml';
import type { NodeFacts } from '../../../src/contract/facts.js';
import type { NodeInput } from '../../../src/lint/node.js';

// biome-ignore lint/suspicious/noExplicitAny: manifest trees, patched freely in tests
export type Json = Record<string, any>;

export function merge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(patch) || typeof patch !== 'object' || patch === null) return patch;
  const out: Json = typeof base === 'object' && base !== null && !Array.isArray(base) ? { ...(base as Json) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete out[key];
    else out[key] = merge(out[key], value);
  }
  return out;
}

export const LOCAL_SERVICE = 'NT AUTHORITY\\Local service';
export const SYSTEM = 'NT AUTHORITY\\SYSTEM';

export function podSpec(patch: Json = {}): Json {
  return merge(
    {
      securityContext: { windowsOptions: { hostProcess: true, runAsUserName: LOCAL_SERVICE } },
      hostNetwork: true,
      nodeSelector: { 'kubernetes.io/os': 'windows' },
      containers: [{ name: 'app', image: 'example.com/app:1.0.0' }],
    },
    patch,
  ) as Json;
}

export interface WorkloadOptions {
  kind?: 'Pod' | 'DaemonSet' | 'Deployment' | 'StatefulSet' | 'ReplicaSet' | 'Job' | 'CronJob';
  name?: string;
  namespace?: string | undefined;
  /** The workload's own metadata.annotations. */
  annotations?: Json;
  /** The pod (template) metadata. */
  podMetadata?: Json;
}

const API: Record<string, string> = {
  Pod: 'v1',
  DaemonSet: 'apps/v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

export function workloadObject(patch: Json = {}, options: WorkloadOptions = {}): Json {
  const kind = options.kind ?? 'DaemonSet';
  const spec = podSpec(patch);
  const metadata: Json = { name: options.name ?? 'hpc' };
  if (!('namespace' in options) || options.namespace !== undefined)
    metadata.namespace = options.namespace ?? 'hpc-system';
  if (options.annotations) metadata.annotations = options.annotations;
  const template = { metadata: { labels: { app: 'hpc' }, ...options.podMetadata }, spec };
  const selector = { matchLabels: { app: 'hpc' } };
  const body: Json =
    kind === 'Pod'
      ? { spec }
      : kind === 'CronJob'
        ? { spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } } }
        : kind === 'Job'
          ? { spec: { template } }
          : { spec: { selector, template } };
  if (kind === 'Pod' && options.podMetadata) Object.assign(metadata, options.podMetadata);
  return { apiVersion: API[kind], kind, metadata, ...body };
}

/** A HostProcess workload (a DaemonSet unless told) as YAML. */
export function workload(patch: Json = {}, options: WorkloadOptions = {}): string {
  return stringify(workloadObject(patch, options));
}

export function namespace(name: string, labels: Json): string {
  return stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}

export const docs = (...texts: string[]) => texts.join('---\n');

/** A container, HostProcess by inheritance unless patched. */
export const container = (name: string, patch: Json = {}): Json =>
  merge({ name, image: `example.com/${name}:1.0.0` }, patch) as Json;

const source = { kind: 'derived' as const, key: 'test' };
const ok = <T>(value: T) => ({ state: 'ok' as const, value, source });

/** Node facts for lint tests: what-if style (only the given facts). */
export function nodeInput(parts: {
  containerd?: string;
  build?: number;
  bindFilter?: 'ok' | 'missing' | 'denied';
  groups?: string[] | 'denied';
  serviceAccount?: string;
  groupFlags?: string[];
  name?: string;
}): NodeInput {
  const facts: NodeFacts = { schemaVersion: 1 };
  if (parts.containerd !== undefined || parts.serviceAccount !== undefined) {
    facts.containerd = {};
    if (parts.containerd !== undefined)
      facts.containerd.version = ok({ output: `containerd github.com/containerd/containerd v${parts.containerd} abc` });
    if (parts.serviceAccount !== undefined) facts.containerd.serviceAccount = ok({ name: parts.serviceAccount });
  }
  if (parts.build !== undefined) facts.os = ok({ build: parts.build });
  if (parts.bindFilter === 'ok') facts.bindFilterDll = ok({ path: 'C:\\Windows\\System32\\bindfltapi.dll' });
  else if (parts.bindFilter !== undefined)
    facts.bindFilterDll = { state: parts.bindFilter, reason: `test ${parts.bindFilter}`, source };
  if (parts.groups === 'denied') facts.localGroups = { state: 'denied', reason: 'test denied', source };
  else if (parts.groups !== undefined) facts.localGroups = ok(parts.groups.map((name) => ({ name })));
  if (parts.name !== undefined) facts.context = ok({ inHostProcess: false, nodeName: parts.name });
  return { facts, source: 'snapshot', snapshot: 'node.json', whatIf: [], groups: parts.groupFlags ?? [] };
}
