import { defineCheck, describeUnseen, type Fix, type PendingFinding, unseenOf } from '../src/contract/check.js';
import { below, describeVersion } from '../src/parse/versions.js';
import { judgeWindowsResources, readWindowsResources, removedFlags } from '../src/rules/kubelet.js';
import { kubeletSettings, kubeletVersion } from '../src/rules/readers.js';

const KUBELET_COMMAND_LINE = '(Get-CimInstance Win32_Service -Filter "Name=\'kubelet\'").PathName';

const MESSAGES = {
  stable: 'kubelet {{version}} supports HostProcess containers (stable since 1.26)',
  beta: 'kubelet {{version}} supports HostProcess containers (beta, on by default)',
  alpha:
    'kubelet {{version}} has HostProcess containers only as an alpha behind the WindowsHostProcessContainers feature gate; it is out of support',
  tooOld: 'kubelet {{version}} predates HostProcess containers, which arrived as an alpha in 1.22',
  unreadable: 'no version could be read from "{{output}}"{{why}}',
  removedFlag:
    'kubelet {{version}} no longer has {{flag}} ({{why}}): it exits with "failed to parse kubelet flag: unknown flag: --{{name}}"',
  windowsCgroupsFatal:
    'kubelet {{version}} refuses to start on Windows with {{settings}}: "invalid configuration: … is not supported on Windows" (kubelet 1.31 and later only warn)',
  windowsCgroupsIgnored:
    'kubelet {{version}} ignores {{settings}} on Windows and logs "ignored configuration option: … is not supported on Windows": harmless, but kubelet 1.30 and earlier refuse to start with it',
  settingsUnseen:
    'the flags and options kubelet {{version}} starts with could not all be read ({{unseen}}), so a removed flag or a Windows option it refuses may be there',
  cgroupsEnforceConflict:
    'cgroupsPerQOS is false ({{qosOrigin}}) but enforceNodeAllocatable is [{{enforce}}] ({{enforceOrigin}}): kubelet refuses to start on every version ("cgroupsPerQOS (--cgroups-per-qos) must be set to true when \\"{{first}}\\" contained in enforceNodeAllocatable")',
};

type Id = keyof typeof MESSAGES;

const ORIGIN: Record<string, string> = {
  flag: 'the command line',
  config: 'the config file',
  default: "kubelet's default",
};

const WINDOWS_RESOURCES_FIX: Fix = {
  text: 'On Windows start kubelet with --cgroups-per-qos=false --enforce-node-allocatable="" (or cgroupsPerQOS: false and enforceNodeAllocatable: [] in its KubeletConfiguration), then restart it.',
  commands: [KUBELET_COMMAND_LINE, 'Restart-Service kubelet'],
};

export default defineCheck({
  meta: {
    id: 'kubelet-version',
    headline: true,
    title: 'kubelet version and flags support HostProcess containers',
    group: 'kubelet',
  },
  messages: MESSAGES,
  run(facts, report) {
    const reading = kubeletVersion(facts);
    const { version, evidence } = reading;
    if (reading.unreadable) {
      const output = reading.fact?.value?.output.trim().slice(0, 120) ?? '';
      const why = reading.problem ? `: ${reading.problem}` : '';
      const unseen = [{ fact: 'kubelet.version', state: 'error' as const, reason: `no version in "${output}"${why}` }];
      return report.cannotJudge('unreadable', unseen, { data: { output, why }, evidence });
    }
    if (!version)
      return report.unavailable('the kubelet version', reading.fact, 'give it with --kubelet-version', evidence);
    const versionText = `v${describeVersion(version)}`;
    const data = { version: versionText };
    const observed = `kubelet ${versionText}`;
    const expected = '1.23 or later (1.26+ stable), started with flags it knows';
    const upgrade: Fix = {
      text: 'Upgrade the node to a supported Kubernetes release (kubelet 1.26 or later has HostProcess containers as a stable feature).',
      commands: ['kubelet.exe --version'],
    };
    const findings: PendingFinding<Id>[] = [];
    if (below(version, '1.22.0')) findings.push(report.finding('fail', 'tooOld', { data, fix: upgrade }));
    else if (below(version, '1.23.0')) findings.push(report.finding('warn', 'alpha', { data, fix: upgrade }));
    else if (below(version, '1.26.0')) findings.push(report.finding('pass', 'beta', { data }));
    else findings.push(report.finding('pass', 'stable', { data }));

    // Flags and options this kubelet refuses on Windows. --container-runtime is kubelet-runtime-endpoint's.
    const settings = kubeletSettings(facts);
    // A config file kubelet refuses is the finding of the checks that read it (kubelet-feature-gate,
    // kubelet-runtime-endpoint); what could not be read at all is said here too.
    // (No settings at all when nothing of kubelet's command line or config could be read.)
    const unseen = settings
      ? settings.unseen
      : [
          ...unseenOf('kubelet.commandLine', facts.kubelet?.commandLine),
          ...unseenOf('kubelet.config', facts.kubelet?.config),
        ];
    if (!settings?.configError && unseen.length > 0) {
      findings.push(
        report.finding('skip', 'settingsUnseen', { data: { version: versionText, unseen: describeUnseen(unseen) } }),
      );
    }
    const invocation = settings?.invocation;
    if (invocation) {
      for (const flag of removedFlags(invocation, version)) {
        if (flag.flag === 'container-runtime') continue;
        findings.push(
          report.finding('fail', 'removedFlag', {
            data: { version: versionText, flag: flag.written, name: flag.flag, why: flag.why },
            fix: {
              text: `Remove ${flag.written} from the kubelet command line (${flag.why}), then restart kubelet.`,
              commands: [KUBELET_COMMAND_LINE, 'Restart-Service kubelet'],
            },
          }),
        );
      }
    }
    const resources =
      settings && !settings.configError
        ? readWindowsResources(invocation, settings.config, settings.configUnread)
        : undefined;
    if (resources) {
      const verdict = judgeWindowsResources(resources, version);
      const { cgroupsPerQOS: qos, enforceNodeAllocatable: enforce } = resources;
      if (verdict.kind === 'conflict') {
        findings.push(
          report.finding('fail', 'cgroupsEnforceConflict', {
            data: {
              qosOrigin: ORIGIN[qos.origin] ?? qos.origin,
              enforce: verdict.enforce.join(', '),
              enforceOrigin: ORIGIN[enforce.origin] ?? enforce.origin,
              first: verdict.enforce.find((e) => e !== 'none') ?? '',
            },
            fix: WINDOWS_RESOURCES_FIX,
          }),
        );
      } else if (verdict.kind === 'fatal' || verdict.kind === 'ignored') {
        const parts: string[] = [];
        if (verdict.qos) parts.push(`cgroupsPerQOS true (${ORIGIN[qos.origin]})`);
        if (verdict.enforce.length > 0)
          parts.push(`enforceNodeAllocatable [${verdict.enforce.join(', ')}] (${ORIGIN[enforce.origin]})`);
        const settingsText = parts.join(' and ');
        const id: Id = verdict.kind === 'fatal' ? 'windowsCgroupsFatal' : 'windowsCgroupsIgnored';
        findings.push(
          report.finding(verdict.kind === 'fatal' ? 'fail' : 'warn', id, {
            data: { version: versionText, settings: settingsText },
            fix: WINDOWS_RESOURCES_FIX,
          }),
        );
      }
    }
    return report.of(findings, {
      observed,
      expected,
      evidence: [...evidence, ...(findings.length > 1 ? (settings?.evidence ?? []) : [])],
      ...(settings?.configError ? {} : { unseen }),
    });
  },
});
