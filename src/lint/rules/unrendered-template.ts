import { defineRule } from '../rule.js';
import { formatPath, isObject, type Segment, templateIn } from '../values.js';

const MAX_REPORTED = 20;

/**
 * The research notes (docs/research/lint-rules.md §E): `{{ … }}` (Helm, Go templates) and `${VAR}`
 * (envsubst) are not valid Kubernetes input; the rules do not judge such values, so the run cannot say
 * the manifest is fine: it is inconclusive until the rendered manifest is linted.
 */
export default defineRule({
  meta: {
    id: 'unrendered-template',
    title: 'Lint rendered manifests, not templates',
    description:
      'A value such as {{ .Values.user }} or $\u007bUSER} is a template placeholder that helm, kustomize or envsubst should have replaced. The lint does not judge it, so the run is inconclusive: render the manifest and lint the output.',
    group: 'input',
    severity: 'warning',
    catches: [],
  },
  messages: {
    template:
      '{{path}} holds the unrendered template {{template}}: the lint cannot judge this value; render the manifest (helm template, kustomize build, envsubst) and lint the output',
  },
  run(pod, report) {
    const found: { path: Segment[]; template: string }[] = [];
    const walk = (value: unknown, path: Segment[], depth: number) => {
      if (depth > 64 || found.length > MAX_REPORTED) return;
      const template = templateIn(value);
      if (template !== undefined) found.push({ path, template });
      else if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(v, [...path, i], depth + 1);
      else if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k], depth + 1);
    };
    const metadata = pod.object.value.metadata;
    if (isObject(metadata)) walk(metadata.namespace, [...pod.object.base, 'metadata', 'namespace'], 0);
    walk(pod.spec, pod.specPath, 0);
    const base = pod.object.base.length;
    for (const { path, template } of found.slice(0, MAX_REPORTED)) {
      report.finding('template', {
        path,
        data: { path: formatPath(path.slice(base)), template },
        fix: {
          text: 'Render the manifest first and lint the output, e.g. helm template ... | hostprocess-doctor lint -',
          commands: [],
        },
      });
    }
    if (found.length > 0) {
      report.cannotJudge({
        kind: 'template',
        what: 'unrendered templates',
        reason: `${found.length > MAX_REPORTED ? `more than ${MAX_REPORTED}` : found.length} value${found.length === 1 ? '' : 's'} such as ${found[0]?.template} at ${formatPath((found[0]?.path ?? []).slice(base))}`,
        hint: 'render the manifest (helm template, kustomize build, envsubst) and lint the output',
      });
    }
  },
});
