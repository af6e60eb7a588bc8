import type { Evidence, OutcomeOptions, PendingFinding } from '../src/contract/check.js';
import { defineCheck, evidenceOf } from '../src/contract/check.js';
import { factValue } from '../src/contract/facts.js';
import { below, describeVersion } from '../src/parse/versions.js';
import { judgeAccount } from '../src/rules/accounts.js';
import { invalidGroupName, psQuote } from '../src/rules/powershell.js';
import { containerdVersion } from '../src/rules/readers.js';

/** runAsUserName values that name a built-in HostProcess account (authority\\account), not a group. */
function isBuiltInAccount(name: string): boolean {
  const domain = name.slice(0, name.lastIndexOf('\\')).trim();
  if (!name.includes('\\') || domain === '' || domain === '.') return false;
  const kind = judgeAccount({ name }).kind;
  return kind === 'localSystem' || kind === 'localService' || kind === 'networkService';
}

/**
 * hcsshim (internal/jobcontainers/logon.go) uses the service logon only when the domain is exactly
 * "NT AUTHORITY"; any other spelling takes the interactive logon with no password.
 */
function exactAuthority(name: string): boolean {
  return name.slice(0, name.lastIndexOf('\\')) === 'NT AUTHORITY';
}

interface Sorted {
  builtIns: string[];
  wrongAuthority: string[];
  qualified: string[];
  groups: string[];
}

function sort(named: string[]): Sorted {
  const builtIns = named.filter(isBuiltInAccount);
  const others = named.filter((n) => !isBuiltInAccount(n));
  return {
    builtIns,
    wrongAuthority: builtIns.filter((n) => !exactAuthority(n)),
    qualified: others.filter((n) => n.includes('\\')),
    groups: others.filter((n) => !n.includes('\\')),
  };
}

type LocalGroupsId =
  | 'noGroups'
  | 'allExist'
  | 'builtInOnly'
  | 'missing'
  | 'containerdTooOld'
  | 'containerdTooOldAndMissing'
  | 'domainQualified'
  | 'authorityCase'
  | 'invalidName';

export default defineCheck<LocalGroupsId>({
  meta: {
    id: 'local-groups',
    title: 'Local groups named in runAsUserName exist',
    group: 'accounts',
  },
  messages: {
    noGroups: 'no local group was named; pass --group NAME for each group your pods use in runAsUserName',
    allExist: 'every named local group exists: {{groups}}',
    builtInOnly: 'only built-in accounts were named ({{groups}}); they need no local group',
    missing:
      'local group {{missing}} does not exist: hcsshim then logs on "{{first}}" as a user with no password and the pod fails with "failed to create user process token: failed to logon user: …"',
    containerdTooOld:
      'local-group runAsUserName needs containerd 1.7 or later (hcsshim 0.10); containerd {{version}} logs the name on as a user and fails',
    containerdTooOldAndMissing:
      'local-group runAsUserName needs containerd 1.7 or later, and {{missing}} does not exist either',
    domainQualified:
      '{{names}}: hcsshim looks a local group up by the exact runAsUserName, so a name with a domain or computer prefix is taken as a user account, not a group',
    authorityCase:
      '{{names}}: hcsshim uses the service logon only when the domain is written exactly "NT AUTHORITY"; this spelling takes the interactive logon with no password, which is likely to fail',
    invalidName: 'runAsUserName {{name}} is not a name Windows allows for a local group: {{why}}',
  },
  run(facts, report) {
    const named = facts.intent?.groups ?? [];
    if (named.length === 0) return report.notApplicable('noGroups');
    const invalid = named.flatMap((n) => {
      const why = invalidGroupName(n.slice(n.lastIndexOf('\\') + 1));
      return why ? [{ name: n, why }] : [];
    });
    const sorted = sort(named.filter((n) => !invalid.some((i) => i.name === n)));
    const reading = containerdVersion(facts);
    const groupsFact = facts.localGroups;
    const existing = factValue(groupsFact);
    const evidence: Evidence[] = [
      ...evidenceOf('localGroups', groupsFact, existing?.map((g) => g.name).join(', ')),
      ...reading.evidence,
    ];
    const known = new Set(existing?.map((g) => g.name.toLowerCase()));
    const missing = existing ? sorted.groups.filter((g) => !known.has(g.toLowerCase())) : [];
    const tooOld =
      sorted.groups.length + sorted.qualified.length > 0 &&
      reading.version !== undefined &&
      below(reading.version, '1.7.0');
    const version = reading.version ? describeVersion(reading.version) : 'unknown';
    const createGroups = missing.flatMap((m) => [
      `net localgroup ${psQuote(m)} /add`,
      `icacls 'C:\\path\\the\\pod\\uses' /grant ${psQuote(`${m}:(OI)(CI)RX`)}`,
    ]);
    const createText =
      'Create each group on every node that runs these pods, then grant it the access the pods need (icacls shown for read access; repeat per path). hcsshim adds a temporary user for each container to the group.';
    const missingData = { missing: missing.map((m) => `"${m}"`).join(', '), first: missing[0] ?? '' };
    const findings: PendingFinding<LocalGroupsId>[] = [];
    for (const { name, why } of invalid) {
      findings.push(
        report.finding('fail', 'invalidName', {
          data: { name, why },
          fix: {
            text: 'Rename the group in runAsUserName (and on the nodes) to a name Windows accepts; no command is given for a name Windows would refuse.',
            commands: [],
          },
        }),
      );
    }
    if (tooOld) {
      const upgrade = 'Upgrade containerd to 1.7 or later; group-based runAsUserName arrived with hcsshim 0.10.';
      findings.push(
        report.finding('fail', missing.length > 0 ? 'containerdTooOldAndMissing' : 'containerdTooOld', {
          data: { version, ...missingData },
          fix: { text: missing.length > 0 ? `${upgrade} ${createText}` : upgrade, commands: createGroups },
        }),
      );
    } else if (missing.length > 0) {
      findings.push(
        report.finding('fail', 'missing', { data: missingData, fix: { text: createText, commands: createGroups } }),
      );
    }
    if (sorted.qualified.length > 0) {
      findings.push(
        report.finding('warn', 'domainQualified', {
          data: { names: sorted.qualified.join(', ') },
          fix: {
            text: 'Use the bare local group name in runAsUserName (no "." or computer-name prefix).',
            commands: [],
          },
        }),
      );
    }
    if (sorted.wrongAuthority.length > 0) {
      findings.push(
        report.finding('warn', 'authorityCase', {
          data: { names: sorted.wrongAuthority.join(', ') },
          fix: {
            text: 'Write the account exactly as NT AUTHORITY\\SYSTEM, NT AUTHORITY\\Local service or NT AUTHORITY\\NetworkService (English, upper-case NT AUTHORITY), even on a localized node.',
            commands: [],
          },
        }),
      );
    }
    const observed = [
      ...invalid.map((i) => `invalid: ${i.name}`),
      missing.length > 0
        ? `missing: ${missing.join(', ')}`
        : sorted.groups.length > 0 && existing
          ? `present: ${sorted.groups.join(', ')}`
          : '',
      ...sorted.qualified.map((q) => `prefixed: ${q}`),
      ...sorted.wrongAuthority.map((w) => `authority spelled: ${w}`),
      tooOld ? `containerd ${version}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    const base: OutcomeOptions = {
      data: { groups: sorted.groups.join(', ') || sorted.builtIns.join(', ') },
      observed: observed || named.join(', '),
      expected: 'existing local groups by bare name; NT AUTHORITY written exactly; containerd 1.7 or later',
      evidence,
    };
    if (findings.length > 0) return report.of(findings, base);
    if (sorted.groups.length === 0) return report.notApplicable('builtInOnly', base);
    if (!existing)
      return report.unavailable("the node's local groups", groupsFact, 'run the doctor on the node', evidence);
    if (!reading.version) {
      return report.unavailable(
        'the containerd version (local groups need 1.7 or later)',
        reading.fact,
        'give it with --containerd-version',
        evidence,
      );
    }
    return report.pass('allExist', base);
  },
});
