import { defineCheck } from '../src/contract/check.js';
import { atLeast, below, describeVersion } from '../src/parse/versions.js';
import { SUGGESTED_CONTAINERD } from '../src/rules/containerd/model.js';
import { containerdVersion, kubeletVersion } from '../src/rules/readers.js';

const UPGRADE = {
  text: 'Install containerd 1.7 (recommended; use its newest patch) or later from the release tarball; it brings the matching containerd-shim-runhcs-v1.exe. Stop the service, replace the binaries in place, start it again.',
  commands: [
    `$v = '${SUGGESTED_CONTAINERD}'`,
    'curl.exe -fLO "https://github.com/containerd/containerd/releases/download/v$v/containerd-$v-windows-amd64.tar.gz"',
    'Stop-Service containerd',
    'tar.exe -xzf "containerd-$v-windows-amd64.tar.gz" -C "$env:ProgramFiles\\containerd" --strip-components=1',
    'Start-Service containerd',
    '& "$env:ProgramFiles\\containerd\\containerd.exe" --version',
  ],
};

export default defineCheck({
  meta: {
    id: 'containerd-version',
    headline: true,
    title: 'containerd version supports HostProcess containers',
    group: 'containerd',
  },
  messages: {
    recommended: 'containerd {{version}} supports HostProcess containers',
    supported: 'containerd {{version}} supports HostProcess containers; containerd 1.7 is recommended',
    metricsRegression:
      'containerd {{version}} runs HostProcess containers but does not report their metrics (a 1.6.5–1.6.6 regression); use 1.6.7 or later, ideally 1.7',
    alphaKubelet122:
      'containerd {{version}} runs HostProcess containers only as the 1.22 alpha: it needs the hostprocess annotations in config.toml and a custom-built runhcs shim',
    alphaKubeletUnknown:
      'containerd {{version}} supports HostProcess only with kubelet 1.22 (alpha), through annotations and a custom-built shim; with kubelet 1.23 or later pods silently run as normal containers',
    brokenWithKubelet:
      'containerd {{version}} cannot run HostProcess containers for kubelet {{kubelet}}: kubelet 1.23 and later stopped sending the annotations 1.5 relies on, so pods silently run as normal containers',
    tooOld:
      'containerd {{version}} predates HostProcess support (1.5.4 was the first alpha, 1.6 the first real support)',
    unreadable: 'no version could be read from "{{output}}"',
  },
  run(facts, report) {
    const reading = containerdVersion(facts);
    const { version, evidence } = reading;
    if (reading.unreadable) {
      const output = reading.fact?.value?.output.trim().slice(0, 120) ?? '';
      const unseen = [{ fact: 'containerd.version', state: 'error' as const, reason: `no version in "${output}"` }];
      return report.cannotJudge('unreadable', unseen, { data: { output }, evidence });
    }
    if (!version)
      return report.unavailable('the containerd version', reading.fact, 'give it with --containerd-version', evidence);

    const data = { version: describeVersion(version) };
    const observed = `containerd ${describeVersion(version)}`;
    const expected = '1.6 or later (1.7 recommended)';
    const base = { data, observed, expected, evidence };

    if (below(version, '1.5.4')) return report.fail('tooOld', { ...base, fix: UPGRADE });
    if (below(version, '1.6.0')) {
      const kubelet = kubeletVersion(facts);
      const withKubelet = { ...base, evidence: [...evidence, ...kubelet.evidence], fix: UPGRADE };
      if (!kubelet.version) return report.warn('alphaKubeletUnknown', withKubelet);
      if (atLeast(kubelet.version, '1.23.0')) {
        return report.fail('brokenWithKubelet', {
          ...withKubelet,
          data: { ...data, kubelet: describeVersion(kubelet.version) },
        });
      }
      return report.warn('alphaKubelet122', withKubelet);
    }
    if (atLeast(version, '1.6.5') && below(version, '1.6.7')) {
      return report.warn('metricsRegression', { ...base, fix: UPGRADE });
    }
    if (below(version, '1.7.0')) return report.pass('supported', base);
    return report.pass('recommended', base);
  },
});
