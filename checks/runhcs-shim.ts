import { defineCheck, evidenceOf, isUnreadable, type Unseen } from '../src/contract/check.js';
import { type Fact, factValue, type VersionOutput } from '../src/contract/facts.js';
import { below, describeVersion, findShimVersion, type ParsedVersion } from '../src/parse/versions.js';
import { SUGGESTED_CONTAINERD } from '../src/rules/containerd/model.js';
import { containerdVersion } from '../src/rules/readers.js';

const SHIM = 'containerd-shim-runhcs-v1.exe';

/** hcsshim release lines bundled with each containerd line (from containerd's go.mod and script/setup/runhcs-version). */
export function bundledHcsshim(containerd: ParsedVersion): string {
  if (containerd.major >= 2) return '0.12 or later';
  if (containerd.minor >= 7) return '0.10/0.11';
  if (containerd.minor === 6) return '0.9.x';
  return '0.8.x, which cannot run HostProcess containers';
}

/**
 * Why the shim's own --version is no evidence: the probe failed, or printed nothing or something that is
 * not the shim's banner (containerd's release shim prints "containerd-shim-runhcs-v1 version … spec: …").
 * A version that was not collected at all (an older snapshot) is no problem: containerd's version tells.
 */
function shimProbeProblem(fact: Fact<VersionOutput> | undefined, output: string | undefined): Unseen | undefined {
  if (!fact) return undefined;
  if (fact.state !== 'ok') {
    return {
      fact: 'shim.version',
      state: fact.state === 'missing' ? 'error' : fact.state,
      reason: fact.reason ?? fact.state,
    };
  }
  if (!output?.trim()) return { fact: 'shim.version', state: 'error', reason: 'it printed nothing' };
  if (!/containerd-shim-runhcs|runhcs/i.test(output)) {
    return { fact: 'shim.version', state: 'error', reason: `it printed "${output.trim().slice(0, 60)}"` };
  }
  return undefined;
}

function installShim(containerd: ParsedVersion | undefined) {
  if (containerd && below(containerd, '1.6.0')) {
    return {
      text: `containerd ${describeVersion(containerd)} ships no shim that runs HostProcess containers. Upgrade containerd to 1.7 (its release tarball brings a matching shim), or build containerd-shim-runhcs-v1.exe from hcsshim 0.9 or later yourself.`,
      commands: [],
    };
  }
  const version = containerd ? describeVersion(containerd).replace(/\+.*$/, '') : SUGGESTED_CONTAINERD;
  return {
    text: `The shim ships in the containerd release tarball from 1.6 on, beside containerd.exe. Take it from the tarball that matches your containerd (${version}) and put it next to containerd.exe.`,
    commands: [
      `$v = '${version}'`,
      'curl.exe -fLO "https://github.com/containerd/containerd/releases/download/v$v/containerd-$v-windows-amd64.tar.gz"',
      'tar.exe -xzf "containerd-$v-windows-amd64.tar.gz" -C $env:TEMP',
      `Copy-Item "$env:TEMP\\bin\\${SHIM}" "$env:ProgramFiles\\containerd\\"`,
    ],
  };
}

export default defineCheck({
  meta: {
    id: 'runhcs-shim',
    title: 'runhcs shim is installed and can run HostProcess containers',
    group: 'containerd',
  },
  messages: {
    reported: '{{path}} reports hcsshim {{shim}}, which supports HostProcess containers',
    reportedTooOld: '{{path}} reports hcsshim {{shim}}; HostProcess containers need hcsshim 0.9 or later',
    inferred:
      '{{path}} is present and prints no version; it is assumed to be the hcsshim {{shim}} that containerd {{containerd}} ships',
    presentVersionUnknown:
      '{{path}} is present; its capability is unknown because neither it nor containerd reported a version',
    probeFailed:
      '{{path}} is present, but its --version did not answer as the shim does ({{reason}}), so whether it can start pods is unknown',
    customShimNeeded:
      '{{path}} is present and prints no version, and containerd {{containerd}} brings no shim that runs HostProcess containers (its hcsshim is 0.8.x): only a custom-built shim from hcsshim 0.9 or later can, and only with containerd 1.5.4 or later',
    missing: '{{shimName}} was not found beside containerd.exe or on PATH: no Windows container can start',
  },
  run(facts, report) {
    const binaryFact = facts.shim?.binary;
    const reading = containerdVersion(facts);
    const containerd = reading.version;
    const evidence = [...evidenceOf('shim.binary', binaryFact, binaryFact?.value?.path), ...reading.evidence];
    if (binaryFact?.state === 'missing') {
      return report.fail('missing', {
        data: { shimName: SHIM },
        observed: 'not found',
        expected: `${SHIM} beside containerd.exe`,
        evidence,
        fix: installShim(containerd),
      });
    }
    const binary = factValue(binaryFact);
    if (!binary) return report.unavailable(`the runhcs shim (${SHIM})`, binaryFact, undefined, evidence);

    const versionFact = facts.shim?.version;
    const output = factValue(versionFact)?.output;
    evidence.push(...evidenceOf('shim.version', versionFact, output?.trim()));
    const shimVersion = output === undefined ? undefined : findShimVersion(output);
    const data = {
      path: binary.path,
      shimName: SHIM,
      containerd: containerd ? describeVersion(containerd) : 'unknown',
      shim: shimVersion ? describeVersion(shimVersion) : containerd ? bundledHcsshim(containerd) : 'unknown',
      reason: '',
    };
    const base = { data, evidence, expected: 'hcsshim 0.9 or later (0.10+ for local-group accounts)' };
    if (shimVersion) {
      const observed = `hcsshim ${describeVersion(shimVersion)}`;
      if (shimVersion.major === 0 && shimVersion.minor < 9) {
        return report.fail('reportedTooOld', { ...base, observed, fix: installShim(containerd) });
      }
      return report.pass('reported', { ...base, observed });
    }
    // The shim was listed, but its own --version did not answer as a shim does: a file that does not run,
    // hangs or prints something else is no evidence that pods can start, so the check cannot judge.
    const probeProblem = shimProbeProblem(versionFact, output);
    if (probeProblem) {
      return report.cannotJudge('probeFailed', [probeProblem], {
        ...base,
        data: { ...data, reason: probeProblem.reason ?? probeProblem.state },
        observed: `present, --version ${probeProblem.state}`,
      });
    }
    if (!containerd) {
      return report.cannotJudge(
        'presentVersionUnknown',
        reading.fact && isUnreadable(reading.fact.state)
          ? [
              {
                fact: 'containerd.version',
                state: reading.fact.state,
                ...(reading.fact.reason ? { reason: reading.fact.reason } : {}),
              },
            ]
          : [],
        {
          ...base,
          observed: 'present, version unknown',
        },
      );
    }
    if (below(containerd, '1.6.0')) {
      return report.warn('customShimNeeded', {
        ...base,
        observed: `present, containerd ${describeVersion(containerd)}`,
        fix: {
          text: 'Upgrade containerd to 1.7 (it ships a shim that runs HostProcess containers). Staying on 1.5 requires building containerd-shim-runhcs-v1.exe from hcsshim 0.9 or later yourself.',
          commands: [],
        },
      });
    }
    return report.pass('inferred', { ...base, observed: `present, assumed hcsshim ${bundledHcsshim(containerd)}` });
  },
});
