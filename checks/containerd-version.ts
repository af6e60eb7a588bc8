import { defineCheck } from '../src/contract/check.js';
import { atLeast, below, customBuildMarks, describeVersion } from '../src/parse/versions.js';
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

/**
 * How to tell whether a vendor 1.5 build runs HostProcess containers: its shim must be hcsshim 0.9 or later
 * (containerd#6099: 0.9.0 is the first with the HostProcess shim plumbing), and a HostProcess test pod must
 * be a job container that runs as a host account.
 */
const VERIFY_VENDOR_BUILD = {
  text: "Check what the vendor's build really does: the runhcs shim must report hcsshim 0.9 or later, and a HostProcess test pod must show the microsoft.com/hostprocess-container annotation in crictl inspectp and a host account (nt authority\\system), not User Manager\\ContainerUser, in whoami. If either is not so, upgrade containerd to 1.7 (the commands after the first three).",
  commands: [
    '& "$env:ProgramFiles\\containerd\\containerd-shim-runhcs-v1.exe" --version',
    'crictl.exe inspectp <pod-id> | Select-String hostprocess',
    'kubectl exec -n <ns> <hostprocess-test-pod> -- whoami',
    ...UPGRADE.commands,
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
    vendorBuildUnconfirmed:
      'containerd {{version}} is a vendor or custom build of 1.5 ({{marks}}). Upstream 1.5 cannot run HostProcess containers for kubelet 1.23 and later (no CRI host_process field, no shim that runs them); whether this build backported that is UNCONFIRMED: no evidence of such a backport was found. Verify it on the node',
    tooOld:
      'containerd {{version}} predates HostProcess support (1.5.4 was the first alpha, 1.6 the first real support): it cannot run HostProcess containers',
    unreadable: 'no version could be read from "{{output}}"{{why}}',
  },
  run(facts, report) {
    const reading = containerdVersion(facts);
    const { version, evidence } = reading;
    if (reading.unreadable) {
      const output = reading.fact?.value?.output.trim().slice(0, 120) ?? '';
      const why = reading.problem ? `: ${reading.problem}` : '';
      const unseen = [
        { fact: 'containerd.version', state: 'error' as const, reason: `no version in "${output}"${why}` },
      ];
      return report.cannotJudge('unreadable', unseen, { data: { output, why }, evidence });
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
      const marks = customBuildMarks(version);
      // A vendor 1.5 build (containerd://1.5.11+azure-2) may carry backports nobody documented: say how to
      // tell, instead of failing on what upstream 1.5 lacks. With kubelet 1.22 the alpha path applies anyway.
      if (marks.length > 0 && !(kubelet.version && below(kubelet.version, '1.23.0'))) {
        return report.warn('vendorBuildUnconfirmed', {
          ...withKubelet,
          data: { ...data, marks: marks.join(', ') },
          fix: VERIFY_VENDOR_BUILD,
        });
      }
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
