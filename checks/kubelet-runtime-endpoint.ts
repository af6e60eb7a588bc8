import type { Finding, Fix, PendingFinding, Unseen } from '../src/contract/check.js';
import { defineCheck, describeUnseen, unseenOf } from '../src/contract/check.js';
import { atLeast, below, describeVersion, type ParsedVersion } from '../src/parse/versions.js';
import { unseenFiles } from '../src/rules/containerd/findings.js';
import { readContainerdConfig } from '../src/rules/containerd/reading.js';
import { grpcAddress } from '../src/rules/containerd/runtime.js';
import {
  CONFIG_ENDPOINT_SINCE,
  localPipeOf,
  parseEndpoint,
  pipeName,
  readRuntimeEndpoint,
} from '../src/rules/kubelet.js';
import { kubeletConfigInvalid, kubeletSettings, kubeletUnavailable, kubeletVersion } from '../src/rules/readers.js';

const CONTAINERD_ENDPOINT = 'npipe:////./pipe/containerd-containerd';
const KUBELET_COMMAND_LINE = '(Get-CimInstance Win32_Service -Filter "Name=\'kubelet\'").PathName';

const SET_ENDPOINT: Fix = {
  text: `Point kubelet at containerd: add --container-runtime-endpoint="${CONTAINERD_ENDPOINT}" to its command line (or containerRuntimeEndpoint in its KubeletConfiguration on 1.27+), then restart kubelet. HostProcess containers need containerd; Docker never supported them.`,
  commands: [KUBELET_COMMAND_LINE, 'Restart-Service kubelet'],
};

const WITH_SCHEME: Fix = {
  text: `Write the endpoint as a URL with the npipe scheme: --container-runtime-endpoint="${CONTAINERD_ENDPOINT}" (kubelet on Windows refuses a bare pipe path), then restart kubelet.`,
  commands: [KUBELET_COMMAND_LINE, 'Restart-Service kubelet'],
};

/** What of containerd's config could not be read: then its pipe is not known either. */
function containerdConfigUnseen(facts: Parameters<typeof readContainerdConfig>[0]): Unseen[] {
  const reading = readContainerdConfig(facts);
  return [...unseenOf('containerd.config', reading.fact), ...unseenFiles(reading)];
}

/** The pipe containerd listens on, when its config could be read. */
function containerdPipe(facts: Parameters<typeof readContainerdConfig>[0]): string | undefined {
  const reading = readContainerdConfig(facts);
  if (!reading.merged && !reading.builtInDefaultsOnly) return undefined;
  const address = reading.merged ? grpcAddress(reading.merged) : '\\\\.\\pipe\\containerd-containerd';
  return pipeName(address);
}

const MESSAGES = {
  containerd: 'kubelet talks to containerd at {{endpoint}} ({{origin}})',
  containerdCustomPipe: "kubelet talks to {{endpoint}} ({{origin}}), the pipe containerd's config listens on",
  docker:
    'kubelet is set to use Docker ({{why}}): Docker never ran HostProcess containers, and kubelet 1.24 and later no longer support it; HostProcess containers need containerd',
  mismatch: 'kubelet talks to pipe "{{pipe}}" but containerd listens on "{{containerdPipe}}"',
  unknownPipe:
    "kubelet talks to {{endpoint}}, which is not containerd's default pipe; containerd's own address is unknown",
  unixSocket:
    'kubelet is given {{endpoint}}, a Unix socket: on Windows kubelet exits with "failed to run Kubelet: protocol \\"unix\\" not supported"; containerd listens on the named pipe {{expected}}',
  unsupportedProtocol:
    'kubelet is given {{endpoint}}: on Windows it dials only npipe and tcp endpoints and exits with "failed to run Kubelet: {{kubeletError}}"',
  noScheme:
    'kubelet is given {{endpoint}} without a scheme: on Windows it exits with "failed to run Kubelet: {{kubeletError}}" (a hard error there, despite the word "deprecated")',
  badEndpoint: 'kubelet cannot use {{endpoint}}: {{kubeletError}}',
  containerRuntimeRemoved:
    'kubelet {{version}} no longer has --container-runtime (removed in 1.27): it exits with "failed to parse kubelet flag: unknown flag: --container-runtime"',
  containerRuntimeVersionUnknown:
    '{{flag}} is set: harmless on kubelet 1.26 and earlier (deprecated), fatal on 1.27 and later ("unknown flag: --container-runtime"); the kubelet version is unknown',
  configFieldTooOld:
    'containerRuntimeEndpoint is set only in {{path}}, which kubelet {{version}} does not read (the field arrived in 1.27), and there is no --container-runtime-endpoint: {{consequence}}',
  configFieldVersionUnknown:
    'containerRuntimeEndpoint comes from {{path}}, which only kubelet 1.27 and later read; the kubelet version is unknown, so the flag is the safe place for it',
  emptyEndpoint:
    '--container-runtime-endpoint is given with an empty value: kubelet {{version}} exits with "invalid configuration: the containerRuntimeEndpoint was not specified or empty"',
  notSetDockershim:
    'no --container-runtime-endpoint: kubelet {{version}} then uses dockershim (Docker), which cannot run HostProcess containers',
  notSetNoDefault:
    'no --container-runtime-endpoint: kubelet {{version}} has no default and exits with "the container runtime endpoint address was not specified or empty"',
  notSetUnixDefault:
    'no --container-runtime-endpoint: kubelet {{version}} defaults to unix:///run/containerd/containerd.sock on every OS, and on Windows exits with "failed to run Kubelet: protocol \\"unix\\" not supported"',
  notSetVersionUnknown:
    'no --container-runtime-endpoint or containerRuntimeEndpoint: on Windows kubelet then uses dockershim (before 1.24), no runtime (1.24–1.26) or a Unix socket (1.27+), never containerd',
  gapsUnknown: 'could not tell which runtime kubelet uses: could not read {{gaps}}',
  containerdPipeUnknown:
    "kubelet talks to {{endpoint}} ({{origin}}), containerd's default pipe, but containerd's config could not be read ({{unseen}}), so the pipe containerd listens on is not known",
  commandLineUnseen:
    "kubelet talks to {{endpoint}} per its config file, but kubelet's command line could not be read ({{unseen}}): a --container-runtime-endpoint there would win",
  configInvalid:
    'kubelet refuses to start with {{path}}: {{error}} (kubelet exits with "failed to load Kubelet config file"), so it uses no runtime at all',
};

type Id = keyof typeof MESSAGES;

/** What a kubelet without a usable endpoint does, by version. */
function notSetId(v: ParsedVersion | undefined): Id {
  if (!v) return 'notSetVersionUnknown';
  if (below(v, '1.24.0')) return 'notSetDockershim';
  if (below(v, '1.27.0')) return 'notSetNoDefault';
  return 'notSetUnixDefault';
}

export default defineCheck({
  meta: {
    id: 'kubelet-runtime-endpoint',
    title: 'kubelet uses containerd',
    group: 'kubelet',
  },
  messages: MESSAGES,
  run(facts, report) {
    const settings = kubeletSettings(facts);
    if (!settings) return report.unavailable(...kubeletUnavailable(facts));
    const version = kubeletVersion(facts);
    const v = version.version;
    const evidence = [...settings.evidence, ...version.evidence];
    const expected = CONTAINERD_ENDPOINT;
    const versionText = v ? `v${describeVersion(v)}` : 'unknown';
    if (settings.configError) return report.fail('configInvalid', kubeletConfigInvalid(settings.configError, evidence));
    const reading = readRuntimeEndpoint(settings.invocation, settings.config, v);
    const findings: PendingFinding<Id>[] = [];

    // --container-runtime: removed in 1.27 (any value); =docker meant dockershim before that.
    const runtime = reading.containerRuntime;
    if (runtime !== undefined) {
      const flag = `--container-runtime=${runtime}`;
      const fix: Fix = {
        text: 'Remove --container-runtime from the kubelet command line (keep --container-runtime-endpoint), then restart kubelet.',
        commands: [KUBELET_COMMAND_LINE, 'Restart-Service kubelet'],
      };
      if (v && atLeast(v, '1.27.0')) {
        findings.push(report.finding('fail', 'containerRuntimeRemoved', { data: { version: versionText, flag }, fix }));
      } else if (runtime === 'docker') {
        findings.push(report.finding('fail', 'docker', { data: { why: flag }, fix: SET_ENDPOINT }));
      } else if (!v) {
        findings.push(report.finding('warn', 'containerRuntimeVersionUnknown', { data: { flag }, fix }));
      }
    }
    const endpoint = reading.endpoint;
    if (!endpoint) {
      const fatal = findings.some((f) => f.status === 'fail');
      if (settings.gaps.length > 0 && !reading.configIgnored && !reading.flagGiven) {
        // kubelet stops at the flag before it looks for a runtime.
        if (fatal) return report.of(findings, { observed: `--container-runtime=${runtime}`, expected, evidence });
        return report.cannotJudge('gapsUnknown', settings.unseen, {
          data: { gaps: settings.gaps.join('; ') },
          evidence,
        });
      }
      const data = { version: versionText, path: settings.config?.path ?? 'the kubelet config file', consequence: '' };
      const options = { data, fix: SET_ENDPOINT };
      if (reading.configIgnored && v) {
        data.consequence = below(v, '1.24.0')
          ? 'kubelet then uses dockershim (Docker), which cannot run HostProcess containers'
          : 'kubelet exits with "the container runtime endpoint address was not specified or empty"';
        findings.push(report.finding('fail', 'configFieldTooOld', options));
      } else if (reading.flagGiven && v && atLeast(v, CONFIG_ENDPOINT_SINCE)) {
        findings.push(report.finding('fail', 'emptyEndpoint', options));
      } else {
        findings.push(report.finding('fail', notSetId(v), options));
      }
      return report.of(findings, {
        observed: reading.configIgnored ? 'set only in the config file' : 'not set',
        expected,
        evidence,
      });
    }

    const origin =
      reading.origin === 'config' ? 'containerRuntimeEndpoint in the kubelet config' : '--container-runtime-endpoint';
    const parsed = parseEndpoint(endpoint);
    const local = parsed.scheme === 'npipe' && parsed.address ? localPipeOf(parsed.address) : undefined;
    const pipe = local?.pipe;
    const ours = containerdPipe(facts);
    const data = {
      endpoint,
      origin,
      pipe: pipe ?? '',
      containerdPipe: ours ?? '',
      expected,
      why: `endpoint ${endpoint}`,
      kubeletError: parsed.error ?? '',
      version: versionText,
      path: settings.config?.path ?? 'the kubelet config file',
    };
    const unseen: Unseen[] = [];
    const add = (status: Finding['status'], id: Id, fix?: Fix, extra: Record<string, string> = {}) =>
      findings.push(report.finding(status, id, { data: { ...data, ...extra }, ...(fix ? { fix } : {}) }));

    if (reading.origin === 'config' && !v) add('warn', 'configFieldVersionUnknown', SET_ENDPOINT);
    if (parsed.error) {
      if (parsed.scheme === 'unix') add('fail', 'unixSocket', SET_ENDPOINT);
      else if (parsed.scheme !== '') add('fail', 'unsupportedProtocol', SET_ENDPOINT);
      else if (/as endpoint is deprecated/.test(parsed.error)) add('fail', 'noScheme', WITH_SCHEME);
      else add('fail', 'badEndpoint', WITH_SCHEME);
    } else if (/docker/i.test(endpoint)) {
      add('fail', 'docker', SET_ENDPOINT);
    } else if (!pipe) {
      add('warn', 'unknownPipe');
    } else if (ours !== undefined) {
      if (pipe !== ours) add('fail', 'mismatch', SET_ENDPOINT);
      else add('pass', ours === 'containerd-containerd' ? 'containerd' : 'containerdCustomPipe');
    } else if (pipe === 'containerd-containerd') {
      const configUnseen = containerdConfigUnseen(facts);
      unseen.push(...configUnseen);
      if (configUnseen.length > 0)
        add('skip', 'containerdPipeUnknown', undefined, { unseen: describeUnseen(configUnseen) });
      else add('pass', 'containerd');
    } else {
      add('warn', 'unknownPipe');
    }
    // A flag on the unread command line would win over the config file's endpoint.
    const commandLineUnseen =
      reading.origin === 'config' ? settings.unseen.filter((u) => u.fact === 'kubelet.commandLine') : [];
    if (commandLineUnseen.length > 0 && !findings.some((f) => f.status === 'fail')) {
      unseen.push(...commandLineUnseen);
      add('skip', 'commandLineUnseen', undefined, { unseen: describeUnseen(commandLineUnseen) });
    }
    const mismatch = pipe !== undefined && ours !== undefined && pipe !== ours;
    return report.of(findings, {
      observed: endpoint,
      expected: mismatch ? `npipe:////./pipe/${ours}` : expected,
      evidence,
      unseen,
    });
  },
});
