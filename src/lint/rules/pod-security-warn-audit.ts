import { evaluate, levelVersion, PSA_PREFIX, policyOf, policyPlace, policySource } from '../psa.js';
import { defineRule } from '../rule.js';

/**
 * Pod Security admission's warn and audit modes (pod-security-admission v0.33.0 admission/admission.go:
 * 499-522): `would violate PodSecurity "<level>:<version>": …` as a kubectl warning and as the audit
 * annotation pod-security.kubernetes.io/audit-violations (api/constants.go:48). Both apply to workloads
 * (their pod templates, not defaulted) and to pods; a request enforce refuses gets no warning.
 */
export default defineRule({
  meta: {
    id: 'pod-security-warn-audit',
    title: 'Pod Security warn and audit labels flag every HostProcess workload',
    description:
      'A namespace labelled pod-security.kubernetes.io/warn or /audit at baseline or restricted does not refuse HostProcess pods, but every apply prints a warning or writes an audit violation. Label the namespace privileged for all three modes.',
    group: 'pod-security',
    severity: 'warning',
    catches: ['pod-security-baseline'],
  },
  messages: {
    warn: 'namespace {{namespace}} warns at Pod Security "{{policy}}" ({{from}}): kubectl apply prints Warning: would violate PodSecurity "{{policy}}": {{reasons}}',
    audit:
      'namespace {{namespace}} audits at Pod Security "{{policy}}" ({{from}}): the API server records pod-security.kubernetes.io/audit-violations: would violate PodSecurity "{{policy}}": {{reasons}}',
  },
  run(pod, report) {
    const policy = policyOf(pod.namespace);
    if (!policy) return;
    const name = pod.namespace.name ?? '<context-namespace>';
    const enforceRefusesPod =
      pod.isPod &&
      policy.enforce !== undefined &&
      policy.enforce.level !== 'privileged' &&
      !evaluate(policy.enforce.level, pod.spec, pod.metadata, true).allowed;
    for (const mode of ['warn', 'audit'] as const) {
      const decided = policy[mode];
      // Only labels that say so: a warn that follows enforce is part of the enforce finding.
      if (decided?.from !== 'label' || decided.level === 'privileged') continue;
      if (mode === 'warn' && enforceRefusesPod) continue;
      const result = evaluate(decided.level, pod.spec, pod.metadata, pod.isPod);
      if (result.allowed) continue;
      report.finding(mode, {
        path: [...pod.object.base, 'metadata', 'namespace'],
        at: policyPlace(pod, mode, decided),
        data: {
          namespace: name,
          policy: levelVersion(decided),
          from: policySource(pod, mode, decided),
          reasons: `${result.reasons}${result.partial ? ' (and possibly more)' : ''}`,
        },
        fix: {
          text: `Label namespace ${name} privileged for ${mode} as well (in its manifest too), so HostProcess workloads apply without ${mode === 'warn' ? 'warnings' : 'audit violations'}.`,
          commands: [`kubectl label namespace ${name} ${PSA_PREFIX}${mode}=privileged --overwrite`],
        },
      });
    }
  },
});
