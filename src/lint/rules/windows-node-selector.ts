import { readPath } from '../pod.js';
import { defineRule } from '../rule.js';
import { arrayAt, isObject, objectAt } from '../values.js';

export const OS_LABEL = 'kubernetes.io/os';

/** A required node-selector term keeps the pod on Windows if it requires kubernetes.io/os In [windows] (or NotIn [linux]). */
function termRequiresWindows(term: unknown): boolean {
  return arrayAt(term, 'matchExpressions').some((e) => {
    if (!isObject(e) || e.key !== OS_LABEL || !Array.isArray(e.values)) return false;
    const values = e.values.filter((v): v is string => typeof v === 'string');
    if (e.operator === 'In') return values.length > 0 && values.every((v) => v === 'windows');
    return e.operator === 'NotIn' && values.includes('linux');
  });
}

/**
 * The Windows user guide (#ensuring-os-specific-workloads-land-on-the-appropriate-container-host): "If a
 * Pod specification does not specify a nodeSelector such as "kubernetes.io/os": windows, it is possible the
 * Pod can be scheduled on any host, Windows or Linux", and the scheduler does not use .spec.os.name.
 * Required node-affinity terms are ORed, so every term must require Windows.
 */
export default defineRule({
  meta: {
    id: 'windows-node-selector',
    title: 'Keep HostProcess pods off Linux nodes',
    description:
      'Without a nodeSelector kubernetes.io/os: windows (or a required node affinity for it, in every term), the scheduler may put the pod on a Linux node, where it never starts; a DaemonSet puts one on every Linux node. spec.os.name, preferred affinity and tolerations do not count.',
    group: 'scheduling',
    severity: 'warning',
    catches: [],
  },
  messages: {
    missing:
      'nothing keeps the pod off Linux nodes: no nodeSelector {{label}}: windows and no required node affinity for it, so the scheduler may place it on a Linux node, where it never starts',
    someTerms:
      'required node affinity term {{term}} does not require {{label}} In [windows]; terms are ORed, so the pod may still land on a Linux node',
    runtimeClass:
      'scheduling to Windows nodes depends on RuntimeClass "{{name}}", whose scheduling.nodeSelector is not among the inputs: the lint cannot tell whether it keeps the pod on Windows nodes',
    runtimeClassNoWindows:
      'RuntimeClass "{{name}}" does not select {{label}}: windows in its scheduling.nodeSelector, and neither does the pod: the scheduler may place it on a Linux node',
  },
  run(pod, report) {
    const selector = readPath<Record<string, unknown>>(pod, pod.at('nodeSelector'), 'object');
    if (selector.state === 'ok' && selector.value[OS_LABEL] === 'windows') return;
    if (selector.state === 'template' || selector.state === 'type') return;
    const terms = arrayAt(
      objectAt(pod.spec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'),
      'nodeSelectorTerms',
    );
    const fix = {
      text: `Add nodeSelector: {"${OS_LABEL}": windows} to the pod spec (or a required node affinity on ${OS_LABEL} In [windows] in every term).`,
      commands: [],
    };
    const data = { label: OS_LABEL };
    if (terms.length > 0) {
      const failing = terms.map((t, i) => [t, i] as const).filter(([t]) => !termRequiresWindows(t));
      if (failing.length === 0) return;
      if (failing.length < terms.length) {
        for (const [, index] of failing) {
          report.finding('someTerms', {
            path: pod.at(
              'affinity',
              'nodeAffinity',
              'requiredDuringSchedulingIgnoredDuringExecution',
              'nodeSelectorTerms',
              index,
            ),
            data: { ...data, term: `nodeSelectorTerms[${index}]` },
            fix,
          });
        }
        return;
      }
    }
    const runtimeClass = readPath<string>(pod, pod.at('runtimeClassName'), 'string');
    if (runtimeClass.state === 'ok') {
      const known = pod.runtimeClasses.get(runtimeClass.value);
      if (!known) {
        report.finding('runtimeClass', {
          path: pod.at('runtimeClassName'),
          severity: 'note',
          data: { ...data, name: runtimeClass.value },
        });
        return;
      }
      if (known.nodeSelector?.[OS_LABEL] === 'windows') return;
      report.finding('runtimeClassNoWindows', {
        path: pod.at('runtimeClassName'),
        data: { ...data, name: runtimeClass.value },
        related: [{ message: `RuntimeClass ${runtimeClass.value}`, at: known.place }],
        fix,
      });
      return;
    }
    report.finding('missing', { path: pod.at('nodeSelector'), data, fix });
  },
});
