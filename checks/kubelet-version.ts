import { defineCheck } from '../src/contract/check.js';
import { below, describeVersion } from '../src/parse/versions.js';
import { kubeletVersion } from '../src/rules/readers.js';

export default defineCheck({
  meta: {
    id: 'kubelet-version',
    headline: true,
    title: 'kubelet version supports HostProcess containers',
    group: 'kubelet',
  },
  messages: {
    stable: 'kubelet {{version}} supports HostProcess containers (stable since 1.26)',
    beta: 'kubelet {{version}} supports HostProcess containers (beta, on by default)',
    alpha:
      'kubelet {{version}} has HostProcess containers only as an alpha behind the WindowsHostProcessContainers feature gate; it is out of support',
    tooOld: 'kubelet {{version}} predates HostProcess containers, which arrived as an alpha in 1.22',
    unreadable: 'no version could be read from "{{output}}"',
  },
  run(facts, report) {
    const reading = kubeletVersion(facts);
    const { version, evidence } = reading;
    if (reading.unreadable) {
      const output = reading.fact?.value?.output.trim().slice(0, 120) ?? '';
      const unseen = [{ fact: 'kubelet.version', state: 'error' as const, reason: `no version in "${output}"` }];
      return report.cannotJudge('unreadable', unseen, { data: { output }, evidence });
    }
    if (!version)
      return report.unavailable('the kubelet version', reading.fact, 'give it with --kubelet-version', evidence);
    const base = {
      data: { version: `v${describeVersion(version)}` },
      observed: `kubelet v${describeVersion(version)}`,
      expected: '1.23 or later (1.26+ stable)',
      evidence,
    };
    const upgrade = {
      text: 'Upgrade the node to a supported Kubernetes release (kubelet 1.26 or later has HostProcess containers as a stable feature).',
      commands: ['kubelet.exe --version'],
    };
    if (below(version, '1.22.0')) return report.fail('tooOld', { ...base, fix: upgrade });
    if (below(version, '1.23.0')) return report.warn('alpha', { ...base, fix: upgrade });
    if (below(version, '1.26.0')) return report.pass('beta', base);
    return report.pass('stable', base);
  },
});
