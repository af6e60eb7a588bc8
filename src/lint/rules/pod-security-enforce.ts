import { evaluate, levelVersion, PSA_PREFIX, podName, policyOf, policyPlace, policySource } from '../psa.js';
import { defineRule } from '../rule.js';

const PARTIAL = ' (and possibly more: the lint lists only the checks a HostProcess pod meets)';

/**
 * Pod Security admission (pod-security-admission v0.33.0): windowsHostProcess is a baseline check
 * (policy/check_windowsHostProcess.go:46-57), so the baseline and restricted levels refuse every HostProcess
 * pod, with hostNetwork (check_hostNamespaces.go) among the reasons. Enforce applies to pods only: a
 * workload is admitted (ValidatePodController evaluates it with enforce=false, admission/admission.go:393-450)
 * and its controller's pod creations fail with `Error creating: pods "…" is forbidden: violates PodSecurity
 * "<level>:<version>": …` (admission.go:480-484).
 */
export default defineRule({
  meta: {
    id: 'pod-security-enforce',
    title: 'HostProcess pods need a namespace whose Pod Security enforce level is privileged',
    description:
      'The baseline and restricted Pod Security levels forbid HostProcess containers and the host network they need. In a namespace that enforces either, a Pod is refused when applied, and a workload is admitted but every pod its controller creates is refused.',
    group: 'pod-security',
    severity: 'error',
    catches: ['pod-security-baseline'],
  },
  messages: {
    pod: 'namespace {{namespace}} enforces Pod Security "{{policy}}" ({{from}}): pods "{{pod}}" is forbidden: violates PodSecurity "{{policy}}": {{reasons}}',
    workload:
      'namespace {{namespace}} enforces Pod Security "{{policy}}" ({{from}}): the {{kind}} is admitted, but every pod it creates is refused: Error creating: pods "{{pod}}" is forbidden: violates PodSecurity "{{policy}}": {{reasons}}',
  },
  run(pod, report) {
    const ns = pod.namespace;
    if (ns.name === undefined && ns.podSecurityDefault === undefined) {
      report.notChecked(
        'Pod Security: the object names no namespace (give -n NAMESPACE for the one kubectl would use)',
      );
      return;
    }
    const policy = policyOf(ns);
    const enforce = policy?.enforce;
    if (!enforce) {
      report.notChecked(
        ns.labels
          ? `Pod Security: namespace ${ns.name} has no enforce label; its level is the cluster default (give --pod-security-default LEVEL)`
          : `Pod Security: the labels of namespace ${ns.name ?? '(unnamed)'} are not known (add its Namespace manifest, --namespace-labels ${ns.name ?? 'NS'}=pod-security.kubernetes.io/enforce=LEVEL, or --pod-security-default LEVEL)`,
      );
      return;
    }
    if (enforce.level === 'privileged') return;
    // A Pod is defaulted before admission (an unset hostPort becomes containerPort); so are the pods a controller creates.
    const result = evaluate(enforce.level, pod.spec, pod.metadata, true);
    if (result.allowed) return;
    // No metadata.namespace and no -n: the namespace kubectl's context would use.
    const name = ns.name ?? '<context-namespace>';
    report.finding(pod.isPod ? 'pod' : 'workload', {
      path: [...pod.object.base, 'metadata', 'namespace'],
      at: policyPlace(pod, 'enforce', enforce),
      data: {
        namespace: name,
        policy: levelVersion(enforce),
        from: policySource(pod, 'enforce', enforce),
        pod: podName(pod),
        kind: pod.kind,
        reasons: `${result.reasons}${result.partial ? PARTIAL : ''}`,
      },
      fix: {
        text: `Run HostProcess pods in a namespace labelled for the privileged level (ideally one that holds only them): label namespace ${name} (in its manifest too), or move the ${pod.kind} to such a namespace. Then recreate the pod, or let the controller retry.`,
        commands: [
          `kubectl label namespace ${name} ${PSA_PREFIX}enforce=privileged --overwrite`,
          `kubectl get namespace ${name} --show-labels`,
        ],
      },
    });
  },
});
