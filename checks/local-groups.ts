import { defineCheck, evidenceOf } from '../src/check.js';
import { valueOf } from '../src/facts.js';
import { judgeAccount } from '../src/rules/accounts.js';
import { containerdVersion } from '../src/rules/readers.js';
import { below, describeVersion } from '../src/rules/versions.js';

const quote = (name: string) => (/[\s"]/.test(name) ? `"${name.replace(/"/g, '')}"` : name);

/** runAsUserName values that are the built-in HostProcess accounts, not groups. */
function isBuiltInAccount(name: string): boolean {
  return /\\/.test(name) && judgeAccount({ name }).kind !== 'user';
}

export default defineCheck({
  meta: {
    id: 'local-groups',
    title: 'Local groups named in runAsUserName exist',
    group: 'accounts',
    explains: [
      'failed to logon user: The user name or password is incorrect.',
      'failed to create local account for container',
      'invalid user string',
    ],
  },
  messages: {
    noGroups: 'no local group was named; pass --group NAME for each group your pods use in runAsUserName',
    allExist: 'every named local group exists: {{groups}}',
    builtInOnly: 'only built-in accounts were named ({{groups}}); they need no local group',
    missing:
      'local group {{missing}} does not exist: hcsshim then logs on "{{first}}" as a user with no password and the pod fails with "failed to create user process token: failed to logon user: …"',
    domainQualified:
      '{{names}}: hcsshim looks a local group up by the exact runAsUserName, so a name with a domain or computer prefix is taken as a user account, not a group',
    containerdTooOld:
      'local-group runAsUserName needs containerd 1.7 or later (hcsshim 0.10); containerd {{version}} logs the name on as a user and fails',
    containerdTooOldAndMissing:
      'local-group runAsUserName needs containerd 1.7 or later, and {{missing}} does not exist either',
  },
  run(facts, report) {
    const named = facts.intent?.groups ?? [];
    if (named.length === 0) return report.skip('noGroups');
    const builtIns = named.filter(isBuiltInAccount);
    const groups = named.filter((n) => !isBuiltInAccount(n));
    if (groups.length === 0) return report.pass('builtInOnly', { data: { groups: builtIns.join(', ') }, observed: builtIns.join(', ') });

    const qualified = groups.filter((g) => g.includes('\\'));
    const reading = containerdVersion(facts);
    const groupsFact = facts.localGroups;
    const existing = valueOf(groupsFact);
    const evidence = [
      ...evidenceOf('localGroups', groupsFact, existing?.map((g) => g.name).join(', ')),
      ...reading.evidence,
    ];
    const expected = 'every named group exists locally; containerd 1.7 or later';
    if (qualified.length > 0) {
      return report.warn('domainQualified', {
        data: { names: qualified.join(', ') },
        observed: qualified.join(', '),
        expected: 'a bare local group name, e.g. hpc-readers',
        evidence,
        fix: { text: 'Use the bare local group name in runAsUserName (no "." or computer-name prefix).', commands: [] },
      });
    }
    const known = new Set(existing?.map((g) => g.name.toLowerCase()));
    const missing = existing ? groups.filter((g) => !known.has(g.toLowerCase())) : [];
    const tooOld = reading.version !== undefined && below(reading.version, '1.7.0');
    const data = {
      groups: groups.join(', '),
      missing: missing.map((m) => `"${m}"`).join(', '),
      first: missing[0] ?? '',
      version: reading.version ? describeVersion(reading.version) : 'unknown',
    };
    const createGroups = missing.flatMap((m) => [
      `net localgroup ${quote(m)} /add`,
      `icacls "C:\\path\\the\\pod\\uses" /grant "${m}:(OI)(CI)RX"`,
    ]);
    const createFix = {
      text: 'Create each group on every node that runs these pods, then grant it the access the pods need (icacls shown for read access; repeat per path). hcsshim adds a temporary user for each container to the group.',
      commands: createGroups,
    };
    const observed = missing.length > 0 ? `missing: ${missing.join(', ')}` : `present: ${groups.join(', ')}`;
    if (tooOld) {
      const upgrade = 'Upgrade containerd to 1.7 or later; group-based runAsUserName arrived with hcsshim 0.10.';
      return report.fail(missing.length > 0 ? 'containerdTooOldAndMissing' : 'containerdTooOld', {
        data,
        observed: `containerd ${data.version}; ${observed}`,
        expected,
        evidence,
        fix: { text: missing.length > 0 ? `${upgrade} ${createFix.text}` : upgrade, commands: createGroups },
      });
    }
    if (!existing) return report.unavailable("the node's local groups", groupsFact, 'run the doctor on the node', evidence);
    if (missing.length > 0) return report.fail('missing', { data, observed, expected, evidence, fix: createFix });
    if (!reading.version) {
      return report.unavailable('the containerd version (local groups need 1.7 or later)', reading.fact, 'give it with --containerd-version', evidence);
    }
    return report.pass('allExist', { data, observed, expected, evidence });
  },
});
