import { defineCheck, evidenceOf } from '../src/contract/check.js';
import { factValue } from '../src/contract/facts.js';
import { describeBuild, MIN_HOSTPROCESS_BUILD, releaseForBuild, SERVER_RELEASES } from '../src/rules/windows.js';

const NEWEST_KNOWN = Math.max(...SERVER_RELEASES.map((r) => r.build));
const SHOW_OS =
  "Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' | Select-Object ProductName, CurrentBuild, UBR, DisplayVersion, InstallationType";

export default defineCheck({
  meta: {
    id: 'os-build',
    headline: true,
    title: 'Windows build supports HostProcess containers',
    group: 'os',
  },
  messages: {
    supported: '{{name}} (build {{build}}) supports HostProcess containers',
    supportedRenamed:
      '{{name}} (build {{build}}) supports HostProcess containers; its ProductName "{{productName}}" names an older release, which is normal for this build',
    newer: 'build {{build}} is newer than the releases this doctor knows and is at least {{min}}',
    semiAnnual: '{{name}} (build {{build}}) is a Semi-Annual Channel release, out of support; use an LTSC release',
    unknownBuild:
      'build {{build}} is not a Windows Server release the Kubernetes docs name; HostProcess needs build {{min}} or later on Windows Server',
    client: 'build {{build}} is client Windows ({{installationType}}); Kubernetes supports Windows Server nodes only',
    tooOld: 'build {{build}} is older than Windows Server 2019 (build {{min}}), the first with HostProcess containers',
  },
  run(facts, report) {
    const os = factValue(facts.os);
    if (!os) return report.unavailable('the OS build', facts.os, 'give it with --os-build');
    const build = describeBuild(os.build, os.ubr);
    const release = releaseForBuild(os.build);
    const evidence = evidenceOf('os', facts.os, [os.productName, build].filter(Boolean).join(', '));
    const observed = release ? `${release.name}, build ${build}` : `build ${build}`;
    const base = { observed, expected: `build ${MIN_HOSTPROCESS_BUILD} (Windows Server 2019) or later`, evidence };
    const data = { build, min: MIN_HOSTPROCESS_BUILD, name: release?.name ?? `build ${os.build}` };

    if (os.build < MIN_HOSTPROCESS_BUILD) {
      return report.fail('tooOld', {
        ...base,
        data,
        fix: {
          text: 'HostProcess containers need Windows Server 2019 (build 17763) or later. Move the workload to nodes built from a Windows Server 2019, 2022 or 2025 image; Kubernetes nodes are replaced, not upgraded in place.',
          commands: [SHOW_OS],
        },
      });
    }
    if (os.installationType && /client/i.test(os.installationType)) {
      return report.warn('client', { ...base, data: { ...data, installationType: os.installationType } });
    }
    if (release?.channel === 'SAC') return report.warn('semiAnnual', { ...base, data });
    if (release) {
      const yearInName = /\b(2019|2022|2025)\b/.exec(os.productName ?? '')?.[1];
      const yearInRelease = /\b(2019|2022|2025)\b/.exec(release.name)?.[1];
      if (os.productName && yearInName && yearInName !== yearInRelease) {
        return report.pass('supportedRenamed', { ...base, data: { ...data, productName: os.productName } });
      }
      return report.pass('supported', { ...base, data });
    }
    if (os.build > NEWEST_KNOWN) return report.pass('newer', { ...base, data });
    return report.warn('unknownBuild', { ...base, data });
  },
});
