import type { Fix } from '../src/contract/check.js';
import { defineCheck } from '../src/contract/check.js';
import { below, describeVersion } from '../src/parse/versions.js';
import { type GateReading, readFeatureGate } from '../src/rules/kubelet.js';
import { psQuote } from '../src/rules/powershell.js';
import { kubeletConfigInvalid, kubeletSettings, kubeletUnavailable, kubeletVersion } from '../src/rules/readers.js';

export const GATE = 'WindowsHostProcessContainers';

function where(reading: GateReading, configPath: string | undefined): string {
  if (reading.origin === 'config') return `featureGates in ${configPath ?? 'the kubelet config file'}`;
  return '--feature-gates on the kubelet command line';
}

function removeGate(reading: GateReading, configPath: string | undefined): Fix {
  const commands =
    reading.origin === 'config'
      ? [`Select-String -Path ${psQuote(configPath ?? 'C:\\var\\lib\\kubelet\\config.yaml')} -Pattern ${GATE}`]
      : ['(Get-CimInstance Win32_Service -Filter "Name=\'kubelet\'").PathName'];
  commands.push('Restart-Service kubelet');
  return {
    text: `Remove ${GATE} from ${where(reading, configPath)} (for a kubelet started by nssm, see 'nssm.exe get kubelet AppParameters'), then restart kubelet.`,
    commands,
  };
}

export default defineCheck({
  meta: {
    id: 'kubelet-feature-gate',
    title: `kubelet ${GATE} feature gate`,
    group: 'kubelet',
  },
  messages: {
    alphaEnabled:
      'kubelet {{version}} has {{gate}}=true ({{where}}); kube-apiserver needs it too, which cannot be checked from the node',
    alphaDisabled: 'kubelet {{version}} needs {{gate}}=true on the kubelet and kube-apiserver; here it is {{state}}',
    betaDefault: 'kubelet {{version}} enables {{gate}} by default and nothing turns it off',
    betaDisabled: '{{gate}}=false ({{where}}) turns HostProcess containers off on kubelet {{version}}',
    lockedTrue:
      '{{gate}} is set ({{where}}) but is locked on in kubelet {{version}} and removed in 1.28: delete it before upgrading',
    lockedFalse:
      '{{gate}}=false ({{where}}): kubelet {{version}} refuses to start with "cannot set feature gate {{gate}} to false, feature is locked to true"',
    removedNotSet: 'kubelet {{version}} has HostProcess containers built in and the removed {{gate}} gate is not set',
    removedSet:
      '{{gate}} is set ({{where}}), but kubelet {{version}} no longer knows it and refuses to start with "unrecognized feature gate: {{gate}}"',
    disabledVersionUnknown:
      '{{gate}}=false ({{where}}) turns HostProcess containers off (or stops kubelet 1.26 and later)',
    setVersionUnknown:
      '{{gate}}=true ({{where}}): needed on 1.22, harmless on 1.23–1.27, fatal on 1.28 and later; the kubelet version is unknown',
    stableNotSet: 'kubelet {{version}} has HostProcess containers on (stable since 1.26) and the gate is not set',
    predatesGate: 'kubelet {{version}} predates the {{gate}} gate (HostProcess arrived in 1.22)',
    gapsUnknown: 'could not tell whether {{gate}} is set: could not read {{gaps}}',
    invalid: 'feature gate entries kubelet cannot read, so it refuses to start: {{entries}}',
    configInvalid:
      'kubelet refuses to start with {{path}}: {{error}} (kubelet exits with "failed to load Kubelet config file"), so no gate setting matters until it is fixed',
  },
  run(facts, report) {
    const settings = kubeletSettings(facts);
    if (!settings) return report.unavailable(...kubeletUnavailable(facts));
    const version = kubeletVersion(facts);
    const evidence = [...settings.evidence, ...version.evidence];
    if (settings.configError) return report.fail('configInvalid', kubeletConfigInvalid(settings.configError, evidence));
    const reading = readFeatureGate(settings.invocation, settings.config, GATE);
    const configPath = settings.config?.path;
    const state = reading.value === undefined ? 'not set' : `${GATE}=${reading.value}`;
    const data = {
      gate: GATE,
      where: where(reading, configPath),
      state,
      version: version.version ? `v${describeVersion(version.version)}` : 'unknown',
      entries: reading.invalid.join(', '),
      gaps: settings.gaps.join('; '),
    };
    const base = { data, observed: state, evidence };
    if (reading.invalid.length > 0) {
      return report.fail('invalid', {
        ...base,
        expected: 'name=true|false entries',
        fix: {
          text: 'Write each gate as Name=true or Name=false (comma-separated in --feature-gates; a YAML boolean, not a string, under featureGates in the config file), then restart kubelet.',
          commands: ['(Get-CimInstance Win32_Service -Filter "Name=\'kubelet\'").PathName', 'Restart-Service kubelet'],
        },
      });
    }
    // A gate that is not set may still be set in a place that could not be read.
    const unsure = reading.value === undefined && settings.gaps.length > 0;
    if (unsure) return report.cannotJudge('gapsUnknown', settings.unseen, base);
    const v = version.version;
    if (!v) {
      if (reading.value === false)
        return report.fail('disabledVersionUnknown', {
          ...base,
          expected: 'not false',
          fix: removeGate(reading, configPath),
        });
      if (reading.value === true)
        return report.warn('setVersionUnknown', { ...base, expected: 'set only on kubelet 1.22' });
      return report.unavailable('the kubelet version', version.fact, 'give it with --kubelet-version', evidence);
    }
    if (below(v, '1.22.0')) return report.notApplicable('predatesGate', base);
    if (below(v, '1.23.0')) {
      if (reading.value === true)
        return report.warn('alphaEnabled', { ...base, expected: `${GATE}=true on kubelet and kube-apiserver` });
      return report.fail('alphaDisabled', {
        ...base,
        expected: `${GATE}=true on kubelet and kube-apiserver`,
        fix: {
          text: `Add --feature-gates=${GATE}=true to kubelet and to kube-apiserver, then restart both.`,
          commands: ['(Get-CimInstance Win32_Service -Filter "Name=\'kubelet\'").PathName', 'Restart-Service kubelet'],
        },
      });
    }
    if (below(v, '1.26.0')) {
      if (reading.value === false)
        return report.fail('betaDisabled', { ...base, expected: 'not false', fix: removeGate(reading, configPath) });
      return report.pass('betaDefault', { ...base, expected: 'not false' });
    }
    if (below(v, '1.28.0')) {
      if (reading.value === false)
        return report.fail('lockedFalse', { ...base, expected: 'not set', fix: removeGate(reading, configPath) });
      if (reading.value === true)
        return report.warn('lockedTrue', { ...base, expected: 'not set', fix: removeGate(reading, configPath) });
      return report.pass('stableNotSet', { ...base, expected: 'not set' });
    }
    if (reading.value !== undefined)
      return report.fail('removedSet', { ...base, expected: 'not set', fix: removeGate(reading, configPath) });
    return report.pass('removedNotSet', { ...base, expected: 'not set' });
  },
});
