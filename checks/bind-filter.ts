import { defineCheck, evidenceOf } from '../src/contract/check.js';
import { factValue } from '../src/contract/facts.js';
import { below, describeVersion } from '../src/parse/versions.js';
import { containerdVersion } from '../src/rules/readers.js';

const DLL = '%SystemRoot%\\System32\\bindfltapi.dll';

/**
 * Builds that always have the bind filter API: hcsshim says file binding support is there on "Windows
 * versions 20H1 and up" (microsoft/hcsshim@v0.14.1 pkg/annotations/annotations.go:166-167; 20H1 is build
 * 19041, osversion/windowsbuilds.go:58), and Windows Server 2022 is 20348. Windows Server 2019 (17763)
 * has it only with an update (KEP-1981: "beginning in July 2022 with the monthly OS security patches");
 * which UBR is UNCONFIRMED, so there only the file itself is evidence.
 */
const ALWAYS_FROM_BUILD = 19041;

export default defineCheck({
  meta: {
    id: 'bind-filter',
    title: 'Bind filter API for HostProcess volume mounts',
    group: 'os',
  },
  messages: {
    present: '{{dll}} is present: containerd {{version}} binds volumes at their mountPath',
    presentVersionUnknown: '{{dll}} is present, so containerd 1.7 and later can bind volumes at their mountPath',
    builtIn:
      'Windows build {{build}} ships the bind filter API ({{dll}}; every build from 20H1, 19041, on, Windows Server 2022 included): containerd {{version}} binds volumes at their mountPath',
    builtInVersionUnknown:
      'Windows build {{build}} ships the bind filter API ({{dll}}; every build from 20H1, 19041, on, Windows Server 2022 included), so containerd 1.7 and later bind volumes at their mountPath',
    ws2019NeedsDll:
      'Windows build {{build}} (Windows Server 2019) has the bind filter API only with an update from July 2022 or later; which update exactly is UNCONFIRMED, so only {{dll}} itself can tell, and it was not collected',
    notUsed: 'containerd {{version}} mounts HostProcess volumes with symlinks and does not use the bind filter',
    cannotRunHostProcess:
      'containerd {{version}} cannot run HostProcess containers at all (see containerd-version), so the bind filter does not matter yet',
    missing:
      '{{dll}} is missing: containerd {{version}} falls back to symlink mounts, so volumes appear under $env:CONTAINER_SANDBOX_MOUNT_POINT instead of at their mountPath',
    missingVersionUnknown:
      '{{dll}} is missing: with containerd 1.7 or later, volumes fall back to symlink mounts under $env:CONTAINER_SANDBOX_MOUNT_POINT instead of their mountPath',
  },
  run(facts, report) {
    const dll = facts.bindFilterDll;
    const { version, evidence: versionEvidence } = containerdVersion(facts);
    const os = factValue(facts.os);
    const evidence = [
      ...evidenceOf('bindFilterDll', dll, dll?.value?.path),
      ...versionEvidence,
      ...(os ? evidenceOf('os', facts.os, String(os.build)) : []),
    ];
    const versionText = version ? describeVersion(version) : 'unknown';
    if (version && below(version, '1.6.0')) {
      // Not a pass: a containerd that cannot run HostProcess at all must not turn this check green.
      return report.notApplicable('cannotRunHostProcess', {
        data: { version: versionText },
        observed: `containerd ${versionText}`,
        expected: 'containerd 1.7 or later with bindfltapi.dll',
        evidence,
      });
    }
    if (version && below(version, '1.7.0')) {
      return report.pass('notUsed', {
        data: { version: versionText },
        observed: `containerd ${versionText}`,
        expected: 'bindfltapi.dll only matters on containerd 1.7 and later',
        evidence,
      });
    }
    const data = { dll: DLL, version: versionText, build: os ? String(os.build) : 'unknown' };
    const expected = `${DLL} present (Windows Server 2019 needs the July 2022 update or later)`;
    if (!dll && os) {
      // The DLL was not collected (a what-if run with --os-build): the build decides where it can.
      if (os.build >= ALWAYS_FROM_BUILD) {
        return report.pass(version ? 'builtIn' : 'builtInVersionUnknown', {
          data,
          observed: `build ${os.build}`,
          expected: `build ${ALWAYS_FROM_BUILD} or later, or ${DLL}`,
          evidence,
        });
      }
      if (os.build === 17763) {
        return report.cannotJudge('ws2019NeedsDll', [], {
          data,
          observed: `build ${os.build}, ${DLL} not collected`,
          expected,
          evidence,
        });
      }
    }
    if (!dll || (dll.state !== 'ok' && dll.state !== 'missing')) {
      return report.unavailable(DLL, dll, undefined, evidence);
    }
    if (dll.state === 'ok') {
      return report.pass(version ? 'present' : 'presentVersionUnknown', {
        data,
        observed: 'present',
        expected,
        evidence,
      });
    }
    const newBuild = os !== undefined && os.build >= ALWAYS_FROM_BUILD;
    return report.warn(version ? 'missing' : 'missingVersionUnknown', {
      data,
      observed: 'missing',
      expected,
      evidence,
      fix: {
        text: newBuild
          ? `Windows build ${os?.build} ships bindfltapi.dll, so its absence is unexpected: check the path (hcsshim looks in %SystemRoot%\\System32) and repair the system files. Until then, write HostProcess paths relative to $env:CONTAINER_SANDBOX_MOUNT_POINT, which works in both layouts.`
          : 'Install the latest cumulative update: the bind filter APIs reached Windows Server 2019 with the July 2022 updates and ship with Windows Server 2022 and later. Until then, write HostProcess paths relative to $env:CONTAINER_SANDBOX_MOUNT_POINT, which works in both layouts.',
        commands: newBuild
          ? ['Test-Path "$env:SystemRoot\\System32\\bindfltapi.dll"', 'sfc.exe /scannow']
          : [
              'Test-Path "$env:SystemRoot\\System32\\bindfltapi.dll"',
              'Get-HotFix | Sort-Object InstalledOn -Descending | Select-Object -First 3',
            ],
      },
    });
  },
});
