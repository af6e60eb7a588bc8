import type { Fix } from '../src/contract/check.js';
import { defineCheck } from '../src/contract/check.js';
import { below, describeVersion } from '../src/parse/versions.js';
import { readContainerdConfig } from '../src/rules/containerd/reading.js';
import { grpcAddress } from '../src/rules/containerd/runtime.js';
import { pipeName, readRuntimeEndpoint } from '../src/rules/kubelet.js';
import { kubeletSettings, kubeletUnavailable, kubeletVersion } from '../src/rules/readers.js';

const CONTAINERD_ENDPOINT = 'npipe:////./pipe/containerd-containerd';

const SET_ENDPOINT: Fix = {
  text: `Point kubelet at containerd: add --container-runtime-endpoint="${CONTAINERD_ENDPOINT}" to its command line (or containerRuntimeEndpoint in its KubeletConfiguration on 1.27+), then restart kubelet. HostProcess containers need containerd; Docker never supported them.`,
  commands: ['(Get-CimInstance Win32_Service -Filter "Name=\'kubelet\'").PathName', 'Restart-Service kubelet'],
};

/** The pipe containerd listens on, when its config could be read. */
function containerdPipe(facts: Parameters<typeof readContainerdConfig>[0]): string | undefined {
  const reading = readContainerdConfig(facts);
  if (!reading.merged && !reading.builtInDefaultsOnly) return undefined;
  const address = reading.merged ? grpcAddress(reading.merged) : '\\\\.\\pipe\\containerd-containerd';
  return pipeName(address);
}

export default defineCheck({
  meta: {
    id: 'kubelet-runtime-endpoint',
    title: 'kubelet uses containerd',
    group: 'kubelet',
  },
  messages: {
    containerd: 'kubelet talks to containerd at {{endpoint}} ({{origin}})',
    containerdCustomPipe: "kubelet talks to {{endpoint}} ({{origin}}), the pipe containerd's config listens on",
    docker:
      'kubelet is set to use Docker ({{why}}): Docker never ran HostProcess containers, and kubelet 1.24 and later no longer support it; HostProcess containers need containerd',
    mismatch: 'kubelet talks to pipe "{{pipe}}" but containerd listens on "{{containerdPipe}}"',
    unknownPipe:
      "kubelet talks to {{endpoint}}, which is not containerd's default pipe; containerd's own address is unknown",
    unixSocket:
      'kubelet talks to {{endpoint}}, a Unix socket; containerd on Windows listens on the named pipe {{expected}}',
    notSetDockershim:
      'no --container-runtime-endpoint: kubelet {{version}} then uses dockershim (Docker), which cannot run HostProcess containers',
    notSetNoDefault:
      'no --container-runtime-endpoint: kubelet {{version}} has no default and exits with "the container runtime endpoint address was not specified or empty"',
    notSetUnixDefault:
      'no --container-runtime-endpoint: kubelet {{version}} defaults to unix:///run/containerd/containerd.sock on every OS, which does not exist on Windows',
    notSetVersionUnknown:
      'no --container-runtime-endpoint or containerRuntimeEndpoint: on Windows kubelet then uses dockershim (before 1.24), no runtime (1.24–1.26) or a Unix socket (1.27+), never containerd',
    gapsUnknown: 'could not tell which runtime kubelet uses: could not read {{gaps}}',
  },
  run(facts, report) {
    const settings = kubeletSettings(facts);
    if (!settings) return report.unavailable(...kubeletUnavailable(facts));
    const reading = readRuntimeEndpoint(settings.invocation, settings.config);
    const version = kubeletVersion(facts);
    const evidence = [...settings.evidence, ...version.evidence];
    const expected = CONTAINERD_ENDPOINT;
    const versionText = version.version ? `v${describeVersion(version.version)}` : 'unknown';
    if (reading.containerRuntime === 'docker') {
      return report.fail('docker', {
        data: { why: '--container-runtime=docker' },
        observed: '--container-runtime=docker',
        expected,
        evidence,
        fix: SET_ENDPOINT,
      });
    }
    const endpoint = reading.endpoint;
    if (!endpoint) {
      if (settings.gaps.length > 0)
        return report.cannotJudge('gapsUnknown', settings.unseen, {
          data: { gaps: settings.gaps.join('; ') },
          evidence,
        });
      const base = { data: { version: versionText }, observed: 'not set', expected, evidence, fix: SET_ENDPOINT };
      const v = version.version;
      if (!v) return report.fail('notSetVersionUnknown', base);
      if (below(v, '1.24.0')) return report.fail('notSetDockershim', base);
      if (below(v, '1.27.0')) return report.fail('notSetNoDefault', base);
      return report.fail('notSetUnixDefault', base);
    }
    const origin =
      reading.origin === 'config' ? 'containerRuntimeEndpoint in the kubelet config' : '--container-runtime-endpoint';
    const pipe = pipeName(endpoint);
    const ours = containerdPipe(facts);
    const data = {
      endpoint,
      origin,
      pipe: pipe ?? '',
      containerdPipe: ours ?? '',
      expected,
      why: `endpoint ${endpoint}`,
    };
    const base = { data, observed: endpoint, expected, evidence };
    if (/docker/i.test(endpoint)) return report.fail('docker', { ...base, fix: SET_ENDPOINT });
    if (!pipe) {
      if (/^unix:/i.test(endpoint)) return report.fail('unixSocket', { ...base, fix: SET_ENDPOINT });
      return report.warn('unknownPipe', base);
    }
    if (ours !== undefined) {
      if (pipe !== ours)
        return report.fail('mismatch', { ...base, expected: `npipe:////./pipe/${ours}`, fix: SET_ENDPOINT });
      return report.pass(ours === 'containerd-containerd' ? 'containerd' : 'containerdCustomPipe', base);
    }
    if (pipe === 'containerd-containerd') return report.pass('containerd', base);
    return report.warn('unknownPipe', base);
  },
});
