/**
 * Manifests in, lint report out. Every document of every input is read (invalid YAML is a usage error
 * naming file:line:column), Lists are opened, and the Namespaces and RuntimeClasses among the inputs are
 * collected first, so a workload is judged against the namespace labels of any input file. Each pod
 * template that sets (or may set) windowsOptions.hostProcess is judged by every rule; every other
 * object is listed with why it was not judged.
 *
 * A rule that throws does not hide the others: its crash is reported as something not seen (the run is
 * inconclusive), like a crashed check in the doctor.
 */
import type { NodeInput } from './node.js';
import { nodeContext } from './node.js';
import { describeRef, type ManifestObject, mentionsHostProcess, objectsOf } from './objects.js';
import { isLintTarget, type LintRunOptions, podContext, type RuntimeClassInfo } from './pod.js';
import { type Level, type NamespaceSource, Namespaces } from './psa.js';
import {
  buildLintReport,
  type LintFinding,
  type LintLocation,
  type LintNotSeen,
  type LintReport,
  type ObjectResult,
} from './report.js';
import type { Place, RawFinding, Rule, Severity } from './rule.js';
import { LINT_RULES } from './rules/index.js';
import { formatPath, isObject, type Segment } from './values.js';
import { type ParsedFile, parseManifestText, type SourceText, type Span } from './yaml.js';

export interface LintOptions {
  /** The rules to run (all by default; tests run one). */
  rules?: readonly Rule[];
  node?: NodeInput;
  /** --namespace-labels. */
  namespaceLabels?: NamespaceSource[];
  /** -n/--namespace: the namespace of objects that name none. */
  defaultNamespace?: string;
  /** --pod-security-default: the enforce level of namespaces without an enforce label. */
  podSecurityDefault?: Level;
  allowSystem?: boolean;
  /** --ignore: rule ids (or `all`) whose errors are reported as warnings. */
  ignore?: string[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

const location = (file: string, span: Span): LintLocation => ({ file, ...span });

function namespaceSources(objects: ManifestObject[]): NamespaceSource[] {
  const out: NamespaceSource[] = [];
  for (const o of objects) {
    if (o.class !== 'namespace' || o.ref.name === undefined) continue;
    const raw = isObject(o.value.metadata) && isObject(o.value.metadata.labels) ? o.value.metadata.labels : {};
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') labels[k] = v;
    out.push({
      name: o.ref.name,
      labels,
      source: 'object',
      labelPlace: (key) =>
        key in labels ? { file: o.file, span: o.document.locate([...o.base, 'metadata', 'labels', key]) } : undefined,
    });
  }
  return out;
}

function runtimeClassesOf(objects: ManifestObject[]): Map<string, RuntimeClassInfo> {
  const out = new Map<string, RuntimeClassInfo>();
  for (const o of objects) {
    if (o.class !== 'runtimeClass' || o.ref.name === undefined) continue;
    const scheduling = isObject(o.value.scheduling) ? o.value.scheduling : {};
    const info: RuntimeClassInfo = {
      name: o.ref.name,
      place: { file: o.file, span: o.document.locate([...o.base, 'scheduling', 'nodeSelector']) },
    };
    if (isObject(scheduling.nodeSelector)) {
      info.nodeSelector = Object.fromEntries(
        Object.entries(scheduling.nodeSelector).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
    }
    out.set(o.ref.name, info);
  }
  return out;
}

function resolveAt(object: ManifestObject, at: readonly Segment[] | Place): LintLocation {
  if (!Array.isArray(at)) {
    const place = at as Place;
    return location(place.file, place.span);
  }
  return location(object.file, object.document.locate(at as readonly Segment[]));
}

function toFinding(object: ManifestObject, raw: RawFinding, rule: Rule, ignored: boolean): LintFinding {
  const relative = raw.path.slice(object.base.length);
  const finding: LintFinding = {
    ruleId: raw.ruleId,
    messageId: raw.messageId,
    severity: ignored && raw.severity === 'error' ? 'warning' : raw.severity,
    message: raw.message,
    path: formatPath(relative),
    location: resolveAt(object, raw.at ?? raw.path),
    docsUrl: rule.docsUrl,
  };
  if (raw.data !== undefined) finding.data = raw.data;
  if (raw.related)
    finding.related = raw.related.map((r) => ({ message: r.message, location: resolveAt(object, r.at) }));
  if (raw.fix !== undefined) finding.fix = raw.fix;
  if (ignored && raw.severity === 'error') finding.ignored = true;
  return finding;
}

function baseResult(object: ManifestObject): ObjectResult {
  const result: ObjectResult = {
    file: object.file,
    document: object.document.index,
    object: object.ref,
    location: location(object.file, object.document.locate(object.base)),
    status: 'notWorkload',
    findings: [],
    notChecked: [],
  };
  if (object.item !== undefined) result.item = object.item;
  return result;
}

export async function lintParsed(files: ParsedFile[], options: LintOptions = {}): Promise<LintReport> {
  const startedAt = new Date();
  const rules = options.rules ?? LINT_RULES;
  const objects = files.flatMap(objectsOf);
  const namespaces = new Namespaces(
    [...namespaceSources(objects), ...(options.namespaceLabels ?? [])],
    options.defaultNamespace,
    options.podSecurityDefault,
  );
  const runtimeClasses = runtimeClassesOf(objects);
  const node = await nodeContext(options.node);
  const runOptions: LintRunOptions = { allowSystem: options.allowSystem ?? false };
  const ignore = new Set(options.ignore ?? []);
  const notSeen: LintNotSeen[] = [];
  const results: ObjectResult[] = [];

  for (const object of objects) {
    const result = baseResult(object);
    results.push(result);
    if (object.class === 'notKubernetes') {
      result.status = 'notKubernetes';
      result.reason = 'no kind and apiVersion: not a Kubernetes object';
    } else if (object.class !== 'workload') {
      result.reason = `${object.ref.kind} is not a workload`;
    }
    if (object.class !== 'workload') {
      // A document that is not an object (a bare list) is searched as it is.
      if (
        mentionsHostProcess(
          object.class === 'notKubernetes' && object.base.length === 0 ? object.document.value : object.value,
        )
      ) {
        notSeen.push({
          kind: 'unknownKind',
          file: object.file,
          object: object.ref,
          reason: `${object.class === 'notKubernetes' ? 'a document that is not a Kubernetes object' : `${describeRef(object.ref)} (apiVersion ${object.ref.apiVersion})`} sets windowsOptions.hostProcess, but the lint knows no pod template in it`,
          hint: 'lint the Pod, Deployment, DaemonSet, StatefulSet, ReplicaSet, Job or CronJob that runs it (kubectl get -o yaml, or the rendered manifest)',
        });
      }
      continue;
    }
    const namespace = namespaces.view(object.ref.namespace);
    const pod = podContext(object, { namespace, node, runtimeClasses, options: runOptions });
    if (!isLintTarget(pod)) {
      result.status = 'notHostProcess';
      result.reason = 'no container is HostProcess (nothing sets securityContext.windowsOptions.hostProcess: true)';
      continue;
    }
    result.status = 'linted';
    result.namespace = { from: namespace.nameSource };
    if (namespace.name !== undefined) result.namespace.name = namespace.name;
    if (namespace.labelsSource !== undefined) result.namespace.labelsFrom = namespace.labelsSource;
    for (const rule of rules) {
      try {
        const outcome = rule.run(pod);
        const ignored = ignore.has('all') || ignore.has(rule.meta.id);
        result.findings.push(...outcome.findings.map((f) => toFinding(object, f, rule, ignored)));
        for (const reason of outcome.notChecked) result.notChecked.push({ rule: rule.meta.id, reason });
        for (const unseen of outcome.unseen) {
          const entry: LintNotSeen = {
            kind: unseen.kind,
            file: object.file,
            object: object.ref,
            rule: rule.meta.id,
            fact: unseen.what,
            reason: unseen.reason,
            hint: unseen.hint,
          };
          if (unseen.state !== undefined) entry.state = unseen.state;
          notSeen.push(entry);
          result.notChecked.push({ rule: rule.meta.id, reason: `${unseen.what}: ${unseen.reason}`, unseen: true });
        }
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        notSeen.push({
          kind: 'crashed',
          file: object.file,
          object: object.ref,
          rule: rule.meta.id,
          reason: `the rule did not complete: ${detail}. This is a bug in hostprocess-doctor, not a finding about the manifest.`,
          hint: 'rerun; if it happens again, report it with the manifest',
        });
        result.notChecked.push({ rule: rule.meta.id, reason: `the rule crashed: ${detail}`, unseen: true });
      }
    }
    result.findings.sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.location.line - b.location.line ||
        a.location.column - b.location.column,
    );
  }
  return buildLintReport({
    files: files.map((f) => f.name),
    results,
    notSeen,
    node: {
      source: node.source,
      described: node.described,
      ...(node.summary ? { summary: node.summary } : {}),
    },
    startedAt,
  });
}

/** Parses and lints manifest texts. */
export async function lintTexts(sources: SourceText[], options: LintOptions = {}): Promise<LintReport> {
  return lintParsed(sources.map(parseManifestText), options);
}
