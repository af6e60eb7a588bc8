import { defineCheck, evidenceOf } from '../src/contract/check.js';
import { below, describeVersion } from '../src/parse/versions.js';
import { containerdVersion } from '../src/rules/readers.js';

const DLL = '%SystemRoot%\\System32\\bindfltapi.dll';

export default defineCheck({
  meta: {
    id: 'bind-filter',
    title: 'Bind filter API for HostProcess volume mounts',
    group: 'os',
  },
  messages: {
    present: '{{dll}} is present: containerd {{version}} binds volumes at their mountPath',
    presentVersionUnknown: '{{dll}} is present, so containerd 1.7 and later can bind volumes at their mountPath',
    notUsed: 'containerd {{version}} mounts HostProcess volumes with symlinks and does not use the bind filter',
    missing:
      '{{dll}} is missing: containerd {{version}} falls back to symlink mounts, so volumes appear under $env:CONTAINER_SANDBOX_MOUNT_POINT instead of at their mountPath',
    missingVersionUnknown:
      '{{dll}} is missing: with containerd 1.7 or later, volumes fall back to symlink mounts under $env:CONTAINER_SANDBOX_MOUNT_POINT instead of their mountPath',
  },
  run(facts, report) {
    const dll = facts.bindFilterDll;
    const { version, evidence: versionEvidence } = containerdVersion(facts);
    const evidence = [...evidenceOf('bindFilterDll', dll, dll?.value?.path), ...versionEvidence];
    if (version && below(version, '1.7.0')) {
      return report.pass('notUsed', {
        data: { version: describeVersion(version) },
        observed: `containerd ${describeVersion(version)}`,
        expected: 'bindfltapi.dll only matters on containerd 1.7 and later',
        evidence,
      });
    }
    if (!dll || (dll.state !== 'ok' && dll.state !== 'missing')) {
      return report.unavailable(DLL, dll, undefined, evidence);
    }
    const data = { dll: DLL, version: version ? describeVersion(version) : 'unknown' };
    const expected = `${DLL} present (Windows Server 2019 needs the July 2022 update or later)`;
    if (dll.state === 'ok') {
      return report.pass(version ? 'present' : 'presentVersionUnknown', {
        data,
        observed: 'present',
        expected,
        evidence,
      });
    }
    return report.warn(version ? 'missing' : 'missingVersionUnknown', {
      data,
      observed: 'missing',
      expected,
      evidence,
      fix: {
        text: 'Install the latest cumulative update: the bind filter APIs reached Windows Server 2019 with the July 2022 updates and ship with Windows Server 2022 and later. Until then, write HostProcess paths relative to $env:CONTAINER_SANDBOX_MOUNT_POINT, which works in both layouts.',
        commands: [
          'Test-Path "$env:SystemRoot\\System32\\bindfltapi.dll"',
          'Get-HotFix | Sort-Object InstalledOn -Descending | Select-Object -First 3',
        ],
      },
    });
  },
});
