import { defineCheck, isUnreadable } from '../src/contract/check.js';
import { goPathMatch } from '../src/parse/gomatch.js';
import { atLeast, below, describeVersion } from '../src/parse/versions.js';
import { hasFatalFinding, unseenFiles } from '../src/rules/containerd/findings.js';
import { HOSTPROCESS_ANNOTATION } from '../src/rules/containerd/model.js';
import { readContainerdConfig } from '../src/rules/containerd/reading.js';
import { kubeletVersion } from '../src/rules/readers.js';

/** The pattern that admits the annotation, as containerd 1.5 tests it (Go path.Match, see src/rules/gomatch.ts). */
const admitting = (patterns: string[]) => patterns.find((p) => goPathMatch(p, HOSTPROCESS_ANNOTATION));

export default defineCheck({
  meta: {
    id: 'containerd-hostprocess-annotations',
    title: 'containerd 1.5 passes the HostProcess annotation',
    group: 'containerd',
  },
  messages: {
    notNeeded: 'containerd {{version}} sets {{annotation}} itself; no annotation pass-through is needed',
    passedThrough:
      'the default runtime {{runtime}} passes {{annotation}} (pod_annotations: {{podMatch}}, container_annotations: {{containerMatch}})',
    passedThroughVersionUnknown:
      'the default runtime {{runtime}} passes {{annotation}}, as containerd 1.5 with kubelet 1.22 needs (the containerd version is unknown; later versions need no pass-through)',
    missing:
      'containerd {{version}} runs HostProcess pods only if the default runtime {{runtime}} passes {{annotation}}; it is missing from {{lists}}, so pods silently run as normal containers',
    versionUnknown:
      'the default runtime {{runtime}} does not pass {{annotation}}; that matters only on containerd 1.5.x, and the containerd version is unknown',
    tooOld: 'containerd {{version}} predates HostProcess support; annotations cannot help (see containerd-version)',
    kubeletTooNew:
      'kubelet {{kubelet}} no longer sends the HostProcess annotations that containerd {{version}} relies on, so no config can help; see containerd-version',
    runtimeUnknown: 'the default runtime could not be resolved; see containerd-default-runtime and containerd-config',
    configFatal: 'containerd would not start with this config; see containerd-config',
    criDisabled: 'the CRI plugin is disabled ({{plugin}} in disabled_plugins), so no pod runs; see containerd-config',
  },
  run(facts, report) {
    const reading = readContainerdConfig(facts);
    const { containerd, evidence } = reading;
    const data = { version: containerd ? describeVersion(containerd) : 'unknown', annotation: HOSTPROCESS_ANNOTATION };
    if (containerd && !below(containerd, '1.6.0')) {
      return report.pass('notNeeded', {
        data,
        observed: `containerd ${data.version}`,
        expected: 'not needed on 1.6 and later',
        evidence,
      });
    }
    if (containerd && below(containerd, '1.5.4')) return report.notApplicable('tooOld', { data, evidence });
    const kubelet = kubeletVersion(facts).version;
    if (containerd && kubelet && atLeast(kubelet, '1.23.0')) {
      return report.notApplicable('kubeletTooNew', {
        data: { ...data, kubelet: `v${describeVersion(kubelet)}` },
        evidence,
      });
    }
    if (!reading.config)
      return report.unavailable("containerd's config", reading.fact, 'give it with --containerd-config', evidence);
    if (reading.resolution?.criDisabledBy)
      return report.notApplicable('criDisabled', {
        data: { ...data, plugin: reading.resolution.criDisabledBy },
        evidence,
      });
    const unseen = unseenFiles(reading);
    if (unseen.length > 0) return report.cannotJudge('runtimeUnknown', unseen, { data, evidence });
    if (hasFatalFinding(reading)) return report.notApplicable('configFatal', { data, evidence });
    const runtime = reading.resolution?.runtime;
    if (!runtime) return report.notApplicable('runtimeUnknown', { data, evidence });
    const podMatch = admitting(runtime.podAnnotations);
    const containerMatch = admitting(runtime.containerAnnotations);
    const lists = [podMatch ? undefined : 'pod_annotations', containerMatch ? undefined : 'container_annotations']
      .filter(Boolean)
      .join(' and ');
    const full = {
      ...data,
      runtime: runtime.name,
      podMatch: podMatch ?? 'none',
      containerMatch: containerMatch ?? 'none',
      lists,
    };
    const observed = `pod_annotations ${JSON.stringify(runtime.podAnnotations)}, container_annotations ${JSON.stringify(runtime.containerAnnotations)}`;
    const expected = `both lists admit ${HOSTPROCESS_ANNOTATION} (a glob such as microsoft.com/* counts)`;
    const base = { data: full, observed, expected, evidence };
    if (podMatch && containerMatch)
      return report.pass(containerd ? 'passedThrough' : 'passedThroughVersionUnknown', base);
    if (!containerd) {
      // It matters only on 1.5.x: without the version, the check cannot judge.
      const versionFact = facts.containerd?.version;
      const unseen =
        versionFact && isUnreadable(versionFact.state)
          ? [
              {
                fact: 'containerd.version',
                state: versionFact.state,
                ...(versionFact.reason ? { reason: versionFact.reason } : {}),
              },
            ]
          : [];
      return unseen.length > 0
        ? report.cannotJudge('versionUnknown', unseen, base)
        : report.notApplicable('versionUnknown', base);
    }
    const section = reading.resolution?.sectionPath ?? 'plugins."io.containerd.grpc.v1.cri".containerd';
    const declared = runtime.declaredAt ? ` (declared at ${runtime.declaredAt.file}:${runtime.declaredAt.line})` : '';
    const table = `${runtime.name === 'default' ? `${section}.default_runtime` : `${section}.runtimes.${runtime.name}`}${declared}`;
    return report.fail('missing', {
      ...base,
      fix: {
        text: `Under [${table}] in ${reading.config.path} set pod_annotations = ["${HOSTPROCESS_ANNOTATION}"] and container_annotations = ["${HOSTPROCESS_ANNOTATION}"] (keep any entries already there), restart containerd, and use a runhcs shim built from hcsshim 0.9 or later. Better: upgrade to containerd 1.7, which needs none of this.`,
        commands: [`notepad '${reading.config.path}'`, 'Restart-Service containerd'],
      },
    });
  },
});
