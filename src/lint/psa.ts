/**
 * Pod Security admission, as far as a HostProcess pod meets it (kubernetes/pod-security-admission
 * v0.33.0, commit 9be23a3c):
 * - the namespace's policy from its labels (api/helpers.go PolicyToEvaluate): a level that is not one of
 *   privileged|baseline|restricted is read as restricted for enforce and as privileged for warn and
 *   audit; a version is `latest` or `v1.N`; an unset warn follows a stricter enforce (level and version);
 * - the reasons a pod is refused, in check-id order, baseline first (policy/registry.go:160-162),
 *   formatted `reason (detail), …` (policy/checks.go:106-120).
 *
 * The checks a HostProcess pod meets are evaluated exactly: capabilities_baseline, hostNamespaces,
 * hostPathVolumes, hostPorts, privileged and windowsHostProcess. The Linux-only baseline checks
 * (appArmorProfile, procMount, seLinuxOptions, seccompProfile, sysctls) and the restricted level's own
 * checks are not: when they could add reasons, the message says the list may be incomplete.
 */
import type { PodContext } from './pod.js';
import type { Place } from './rule.js';
import { arrayAt, isObject, type Json, objectAt, type Segment } from './values.js';

export const LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type Level = (typeof LEVELS)[number];

export const PSA_PREFIX = 'pod-security.kubernetes.io/';
export const MODES = ['enforce', 'audit', 'warn'] as const;
export type Mode = (typeof MODES)[number];

export const isLevel = (text: string): text is Level => (LEVELS as readonly string[]).includes(text);

export interface NamespaceView {
  /** The namespace the object goes to, when known. */
  name?: string;
  /** metadata.namespace, -n/--namespace, or unknown (kubectl's context namespace). */
  nameSource: 'object' | 'flag' | 'unknown';
  /** Its labels, when the run knows them. */
  labels?: Readonly<Record<string, string>>;
  /** A Namespace object among the inputs, or --namespace-labels. */
  labelsSource?: 'object' | 'flag';
  /** Where a label is written (Namespace objects only). */
  labelPlace?: (key: string) => Place | undefined;
  /** --pod-security-default: the enforce level of namespaces without an enforce label. */
  podSecurityDefault?: Level;
}

export interface ModePolicy {
  level: Level;
  version: string;
  /** How it was decided. */
  from: 'label' | 'default' | 'enforce';
  /** The label's value when it is not a level. */
  invalid?: string;
}

export interface Policy {
  enforce?: ModePolicy;
  warn?: ModePolicy;
  audit?: ModePolicy;
}

const VERSION = /^v1\.([0-9]|[1-9][0-9]*)$/;

function parseVersion(text: string | undefined): string {
  return text !== undefined && VERSION.test(text) ? text : 'latest';
}

const strictness = (level: Level) => LEVELS.indexOf(level);

/**
 * The namespace's policy. A mode without a label is unknown (the cluster's AdmissionConfiguration default,
 * privileged unless configured otherwise), except enforce with --pod-security-default.
 */
export function policyOf(view: NamespaceView): Policy | undefined {
  const labels = view.labels;
  if (!labels && view.podSecurityDefault === undefined) return undefined;
  const policy: Policy = {};
  const label = (mode: Mode) => labels?.[`${PSA_PREFIX}${mode}`];
  const version = (mode: Mode) => parseVersion(labels?.[`${PSA_PREFIX}${mode}-version`]);
  for (const mode of MODES) {
    const value = label(mode);
    if (value === undefined) continue;
    const level: Level = isLevel(value) ? value : mode === 'enforce' ? 'restricted' : 'privileged';
    const decided: ModePolicy = { level, version: version(mode), from: 'label' };
    if (!isLevel(value)) decided.invalid = value;
    policy[mode] = decided;
  }
  if (!policy.enforce && view.podSecurityDefault !== undefined) {
    policy.enforce = { level: view.podSecurityDefault, version: version('enforce'), from: 'default' };
  }
  // An unset warn follows an explicitly stricter enforce label (api/helpers.go:228-234).
  if (!policy.warn && policy.enforce?.from === 'label' && policy.enforce.invalid === undefined) {
    if (strictness(policy.enforce.level) > 0) {
      const warnVersion = labels?.[`${PSA_PREFIX}warn-version`];
      policy.warn = {
        level: policy.enforce.level,
        version: warnVersion === undefined ? policy.enforce.version : parseVersion(warnVersion),
        from: 'enforce',
      };
    }
  }
  return policy;
}

export const levelVersion = (mode: ModePolicy) => `${mode.level}:${mode.version}`;

// ---------------------------------------------------------------------------------------------------
// Evaluation

interface Container {
  name: string;
  value: Json;
  list: 'initContainers' | 'containers' | 'ephemeralContainers';
}

function containersOf(spec: Json): Container[] {
  const out: Container[] = [];
  for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const value of arrayAt(spec, list)) {
      if (!isObject(value)) continue;
      out.push({ name: typeof value.name === 'string' ? value.name : '', value, list });
    }
  }
  return out;
}

const pluralize = (one: string, many: string, n: number) => (n === 1 ? one : many);
const joinQuote = (items: string[]) => (items.length === 0 ? '' : `"${items.join('", "')}"`);
const isTrue = (v: unknown) => v === true;

/** capabilities_allowed_1_0 (policy/check_capabilities_baseline.go). */
const ALLOWED_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

interface CheckResult {
  reason: string;
  detail: string;
}

type Check = (spec: Json, containers: Container[], defaulted: boolean) => CheckResult | undefined;

function capabilitiesBaseline(_spec: Json, containers: Container[]): CheckResult | undefined {
  const bad: string[] = [];
  const capabilities = new Set<string>();
  for (const c of containers) {
    const add = arrayAt(objectAt(c.value, 'securityContext', 'capabilities'), 'add').filter(
      (x): x is string => typeof x === 'string',
    );
    const forbidden = add.filter((x) => !ALLOWED_CAPABILITIES.has(x));
    if (forbidden.length === 0) continue;
    bad.push(c.name);
    for (const x of forbidden) capabilities.add(x);
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'non-default capabilities',
    detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must not include ${joinQuote([...capabilities].sort())} in securityContext.capabilities.add`,
  };
}

function hostNamespaces(spec: Json): CheckResult | undefined {
  const found = [
    isTrue(spec.hostNetwork) ? 'hostNetwork=true' : '',
    isTrue(spec.hostPID) ? 'hostPID=true' : '',
    isTrue(spec.hostIPC) ? 'hostIPC=true' : '',
  ].filter(Boolean);
  return found.length === 0 ? undefined : { reason: 'host namespaces', detail: found.join(', ') };
}

function hostPathVolumes(spec: Json): CheckResult | undefined {
  const names = arrayAt(spec, 'volumes')
    .filter((v): v is Json => isObject(v) && isObject(v.hostPath))
    .map((v) => String(v.name ?? ''));
  if (names.length === 0) return undefined;
  return {
    reason: 'hostPath volumes',
    detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`,
  };
}

/** Pod defaulting copies containerPort into an unset hostPort when hostNetwork is true (core/v1 defaults.go). */
function hostPortsOf(spec: Json, c: Container, defaulted: boolean): number[] {
  const ports: number[] = [];
  for (const port of arrayAt(c.value, 'ports')) {
    if (!isObject(port)) continue;
    let hostPort = typeof port.hostPort === 'number' ? port.hostPort : 0;
    if (hostPort === 0 && defaulted && isTrue(spec.hostNetwork) && c.list !== 'ephemeralContainers') {
      hostPort = typeof port.containerPort === 'number' ? port.containerPort : 0;
    }
    if (hostPort !== 0) ports.push(hostPort);
  }
  return ports;
}

function hostPorts(spec: Json, containers: Container[], defaulted: boolean): CheckResult | undefined {
  const bad: string[] = [];
  const ports = new Set<string>();
  for (const c of containers) {
    const found = hostPortsOf(spec, c, defaulted);
    if (found.length === 0) continue;
    bad.push(c.name);
    for (const p of found) ports.add(String(p));
  }
  if (bad.length === 0) return undefined;
  // sets.String.List() sorts as strings.
  const list = [...ports].sort();
  return {
    reason: 'hostPort',
    detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`,
  };
}

function privileged(_spec: Json, containers: Container[]): CheckResult | undefined {
  const bad = containers.filter((c) => isTrue(objectAt(c.value, 'securityContext').privileged)).map((c) => c.name);
  if (bad.length === 0) return undefined;
  return {
    reason: 'privileged',
    detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must not set securityContext.privileged=true`,
  };
}

function windowsHostProcess(spec: Json, containers: Container[]): CheckResult | undefined {
  const bad = containers
    .filter((c) => isTrue(objectAt(c.value, 'securityContext', 'windowsOptions').hostProcess))
    .map((c) => c.name);
  const setters: string[] = [];
  if (isTrue(objectAt(spec, 'securityContext', 'windowsOptions').hostProcess)) setters.push('pod');
  if (bad.length > 0) setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);
  if (setters.length === 0) return undefined;
  return {
    reason: 'hostProcess',
    detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
  };
}

/** Baseline checks in check-id order; Linux-only ones are only detected (they may add reasons). */
const BASELINE: { id: string; check: Check }[] = [
  { id: 'capabilities_baseline', check: capabilitiesBaseline },
  { id: 'hostNamespaces', check: hostNamespaces },
  { id: 'hostPathVolumes', check: hostPathVolumes },
  { id: 'hostPorts', check: hostPorts },
  { id: 'privileged', check: privileged },
  { id: 'windowsHostProcess', check: windowsHostProcess },
];

/** Checks the restricted level replaces with its own (OverrideCheckIDs). */
const OVERRIDDEN_BY_RESTRICTED = new Set(['capabilities_baseline', 'hostPathVolumes']);

/** Fields the Linux-only baseline checks read: their presence may add reasons this lint does not list. */
function linuxOnlyFields(spec: Json, containers: Container[], metadata: Json): boolean {
  const podContext = objectAt(spec, 'securityContext');
  if (['appArmorProfile', 'seLinuxOptions', 'seccompProfile'].some((k) => k in podContext)) return true;
  if (arrayAt(podContext, 'sysctls').length > 0) return true;
  for (const c of containers) {
    const sc = objectAt(c.value, 'securityContext');
    if (['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'procMount'].some((k) => k in sc)) return true;
  }
  const annotations = objectAt(metadata, 'annotations');
  return Object.keys(annotations).some(
    (k) => k.startsWith('container.apparmor.security.beta.kubernetes.io/') || k.startsWith('seccomp.'),
  );
}

export interface Evaluation {
  allowed: boolean;
  /** `reason (detail), …` as the admission message lists them. */
  reasons: string;
  /** The list may lack reasons from checks this lint does not evaluate. */
  partial: boolean;
}

/**
 * The reasons `level` refuses the pod. `defaulted`: a Pod object, which the API server defaults before
 * admission (pod templates are not defaulted).
 */
export function evaluate(level: Level, spec: Json, metadata: Json, defaulted: boolean): Evaluation {
  if (level === 'privileged') return { allowed: true, reasons: '', partial: false };
  const containers = containersOf(spec);
  const found: CheckResult[] = [];
  for (const { id, check } of BASELINE) {
    if (level === 'restricted' && OVERRIDDEN_BY_RESTRICTED.has(id)) continue;
    const result = check(spec, containers, defaulted);
    if (result) found.push(result);
  }
  const partial = level === 'restricted' || linuxOnlyFields(spec, containers, metadata);
  return {
    allowed: found.length === 0,
    reasons: found.map((r) => (r.detail ? `${r.reason} (${r.detail})` : r.reason)).join(', '),
    partial,
  };
}

// ---------------------------------------------------------------------------------------------------
// Namespaces of a run

export interface NamespaceSource {
  name: string;
  labels: Record<string, string>;
  source: 'object' | 'flag';
  labelPlace?: (key: string) => Place | undefined;
}

export class Namespaces {
  private readonly known = new Map<string, NamespaceSource>();
  constructor(
    sources: readonly NamespaceSource[],
    private readonly defaultNamespace: string | undefined,
    private readonly podSecurityDefault: Level | undefined,
  ) {
    // Flags come after objects, so --namespace-labels overrides a Namespace object's labels.
    for (const s of sources) {
      const existing = this.known.get(s.name);
      if (existing && s.source === 'flag') {
        this.known.set(s.name, { ...s, labels: { ...existing.labels, ...s.labels } });
      } else {
        this.known.set(s.name, s);
      }
    }
  }

  view(objectNamespace: string | undefined): NamespaceView {
    const name = objectNamespace ?? this.defaultNamespace;
    const view: NamespaceView = {
      nameSource: objectNamespace !== undefined ? 'object' : this.defaultNamespace !== undefined ? 'flag' : 'unknown',
    };
    if (name !== undefined) view.name = name;
    if (this.podSecurityDefault !== undefined) view.podSecurityDefault = this.podSecurityDefault;
    const known = name === undefined ? undefined : this.known.get(name);
    if (known) {
      view.labels = known.labels;
      view.labelsSource = known.source;
      if (known.labelPlace) view.labelPlace = known.labelPlace;
    }
    return view;
  }
}

/** Parses `--namespace-labels NS=KEY=VALUE[,KEY=VALUE]`; returns undefined when malformed. */
export function parseNamespaceLabels(text: string): NamespaceSource | undefined {
  const eq = text.indexOf('=');
  if (eq <= 0) return undefined;
  const name = text.slice(0, eq).trim();
  const labels: Record<string, string> = {};
  for (const part of text.slice(eq + 1).split(',')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const at = trimmed.indexOf('=');
    if (at <= 0) return undefined;
    labels[trimmed.slice(0, at).trim()] = trimmed.slice(at + 1).trim();
  }
  return { name, labels, source: 'flag' };
}

// ---------------------------------------------------------------------------------------------------
// Message parts the Pod Security rules share

/** How the enforce level was decided, for the message. */
export function policySource(pod: PodContext, mode: 'enforce' | 'warn' | 'audit', policy: ModePolicy): string {
  const ns = pod.namespace;
  if (policy.from === 'default') return 'the cluster default given with --pod-security-default';
  if (policy.from === 'enforce') return `no warn label, so warn follows the enforce label`;
  const label = `${PSA_PREFIX}${mode}=${policy.invalid ?? policy.level}`;
  const where = ns.labelsSource === 'flag' ? '--namespace-labels' : 'its Namespace manifest';
  return policy.invalid !== undefined
    ? `label ${label} in ${where}, which is not a level and is read as ${policy.level}`
    : `label ${label} in ${where}`;
}

/** Where to point: the namespace's label, else the object's metadata.namespace. */
export function policyPlace(pod: PodContext, mode: string, policy: ModePolicy): readonly Segment[] | Place {
  const labelKey = policy.from === 'enforce' ? `${PSA_PREFIX}enforce` : `${PSA_PREFIX}${mode}`;
  const place = policy.from === 'default' ? undefined : pod.namespace.labelPlace?.(labelKey);
  return place ?? [...pod.object.base, 'metadata', 'namespace'];
}

/** The pod name Pod Security names: the Pod's own, or a generated one for a controller's pods. */
export const podName = (pod: PodContext) =>
  pod.isPod ? (pod.object.ref.name ?? '<name>') : `${(pod.object.ref.name ?? '<name>').replace(/…$/, '')}-…`;
