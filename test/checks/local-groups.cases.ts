import test from 'ava';
import check from '../../checks/local-groups.js';
import type { Fact, LocalGroup, NodeFacts } from '../../src/contract/facts.js';
import { checkTester, runOne } from '../helpers/check-tester.js';
import { node, not, ok, version } from '../helpers/facts.js';

const NODE_GROUPS: LocalGroup[] = [
  { name: 'Administrators', sid: 'S-1-5-32-544' },
  { name: 'Users', sid: 'S-1-5-32-545' },
  { name: 'HPC-LocalGroup', sid: 'S-1-5-21-1-2-3-1001' },
  { name: 'hpc readers', sid: 'S-1-5-21-1-2-3-1002' },
];

function facts(
  groups: string[] | undefined,
  options: { containerd?: string; local?: Fact<LocalGroup[]> | null } = {},
): NodeFacts {
  const local = options.local === undefined ? ok(NODE_GROUPS) : options.local;
  return node({
    ...(groups ? { intent: { groups } } : {}),
    ...(local ? { localGroups: local } : {}),
    ...(options.containerd === undefined
      ? { containerd: { version: version('containerd github.com/containerd/containerd v1.7.20 8fc6bcff') } }
      : options.containerd === ''
        ? {}
        : { containerd: { version: version(options.containerd) } }),
  });
}

checkTester(check, [
  // Groups that exist, on containerd 1.7+.
  { name: 'an existing group', facts: facts(['HPC-LocalGroup']), status: 'pass', messageId: 'allExist' },
  { name: 'names compare case-insensitively', facts: facts(['hpc-localgroup']), status: 'pass', messageId: 'allExist' },
  { name: 'a group name with a space', facts: facts(['HPC Readers']), status: 'pass', messageId: 'allExist' },
  {
    name: 'several existing groups on 2.0',
    facts: facts(['hpc-localgroup', 'Users'], { containerd: '2.0.4' }),
    status: 'pass',
    messageId: 'allExist',
  },
  {
    name: 'a group and a built-in account',
    facts: facts(['NT AUTHORITY\\Local service', 'hpc-localgroup']),
    status: 'pass',
    messageId: 'allExist',
  },

  // Missing groups.
  {
    name: 'a missing group fails with net localgroup /add',
    facts: facts(['hpc-writers']),
    status: 'fail',
    messageId: 'missing',
    commands: ["net localgroup 'hpc-writers' /add"],
    verify: (t, r) => t.true(r.message.includes('hpc-writers'), r.message),
  },
  {
    name: 'each missing group gets its own command',
    facts: facts(['hpc-writers', 'hpc-localgroup', 'log-shippers']),
    status: 'fail',
    messageId: 'missing',
    commands: ["net localgroup 'hpc-writers' /add", "net localgroup 'log-shippers' /add"],
    verify: (t, r) =>
      t.false(
        r.fix?.commands.some((c) => /net localgroup 'hpc-localgroup'/i.test(c)) ?? true,
        'an existing group is not created again',
      ),
  },
  {
    name: 'a missing group with a space is quoted',
    facts: facts(['hpc writers']),
    status: 'fail',
    messageId: 'missing',
    commands: ["net localgroup 'hpc writers' /add"],
  },
  {
    name: 'the node has no groups at all',
    facts: facts(['hpc-localgroup'], { local: ok([]) }),
    status: 'fail',
    messageId: 'missing',
    commands: ["net localgroup 'hpc-localgroup' /add"],
  },
  {
    name: 'a missing group next to a built-in account',
    facts: facts(['NT AUTHORITY\\SYSTEM', 'hpc-writers']),
    status: 'fail',
    messageId: 'missing',
    commands: ["net localgroup 'hpc-writers' /add"],
  },

  // containerd before 1.7 cannot use groups.
  {
    name: 'an existing group on containerd 1.6 fails',
    facts: facts(['hpc-localgroup'], { containerd: '1.6.35+azure' }),
    status: 'fail',
    messageId: 'containerdTooOld',
  },
  {
    name: 'a missing group on containerd 1.6 fails and still names the group to create',
    facts: facts(['hpc-writers'], { containerd: '1.6.35' }),
    status: 'fail',
    messageId: 'containerdTooOldAndMissing',
    commands: ["net localgroup 'hpc-writers' /add"],
  },
  {
    name: 'containerd 1.6 with the groups not collected still fails',
    facts: facts(['hpc-localgroup'], { containerd: '1.6.6', local: null }),
    status: 'fail',
    messageId: 'containerdTooOld',
  },
  {
    name: 'containerd 1.5 fails',
    facts: facts(['hpc-localgroup'], { containerd: '1.5.18' }),
    status: 'fail',
    messageId: 'containerdTooOld',
  },
  {
    name: 'containerd 1.7.0 is enough',
    facts: facts(['hpc-localgroup'], { containerd: '1.7.0' }),
    status: 'pass',
    messageId: 'allExist',
  },

  {
    name: 'a computer-qualified group name on containerd 1.6 fails',
    facts: facts(['WINNODE-07\\hpc-localgroup'], { containerd: '1.6.35' }),
    status: 'fail',
    messageId: 'containerdTooOld',
  },

  // Built-in accounts are not groups.
  {
    name: 'NT AUTHORITY\\SYSTEM alone names no group',
    facts: facts(['NT AUTHORITY\\SYSTEM']),
    status: 'skip',
    messageId: 'builtInOnly',
  },
  {
    name: 'all three built-in accounts name no group',
    facts: facts(['NT AUTHORITY\\SYSTEM', 'NT AUTHORITY\\Local service', 'NT AUTHORITY\\NetworkService']),
    status: 'skip',
    messageId: 'builtInOnly',
  },

  // Nothing to check.
  { name: 'no groups named', facts: facts(undefined), status: 'skip', messageId: 'noGroups' },
  { name: 'an empty group list', facts: facts([]), status: 'skip', messageId: 'noGroups' },

  // Facts absent or unreadable.
  {
    name: 'local groups not collected',
    facts: facts(['hpc-localgroup'], { local: null }),
    status: 'skip',
    messageId: 'notCollected',
  },
  {
    name: 'local groups denied',
    facts: facts(['hpc-localgroup'], { local: not('denied') }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'local groups timed out',
    facts: facts(['hpc-localgroup'], { local: not('timeout') }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'containerd version not collected',
    facts: facts(['hpc-localgroup'], { containerd: '' }),
    status: 'skip',
    messageId: 'notCollected',
  },
  {
    name: 'containerd version probe denied',
    facts: node({
      intent: { groups: ['hpc-localgroup'] },
      localGroups: ok(NODE_GROUPS),
      containerd: { version: not('denied') },
    }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'a group name with a computer prefix warns: hcsshim takes it for a user',
    facts: facts(['.\\HPC-LocalGroup']),
    status: 'warn',
    messageId: 'domainQualified',
  },
  {
    name: 'NT AUTHORITY not written exactly warns',
    facts: facts(['nt authority\\system', 'HPC-LocalGroup']),
    status: 'warn',
    messageId: 'authorityCase',
  },
  // Names go into PowerShell single-quoted: $ is not expanded, ' is doubled; names Windows forbids get no command.
  {
    name: 'a group name with $ is quoted so PowerShell does not expand it',
    facts: facts(['hpc$readers']),
    status: 'fail',
    messageId: 'missing',
    commands: [
      "net localgroup 'hpc$readers' /add",
      "icacls 'C:\\path\\the\\pod\\uses' /grant 'hpc$readers:(OI)(CI)RX'",
    ],
  },
  {
    name: "a group name with ' has it doubled",
    facts: facts(["O'Brien-group"]),
    status: 'fail',
    messageId: 'missing',
    commands: ["net localgroup 'O''Brien-group' /add"],
  },
  {
    name: 'a group name with & is one argument, not a command separator',
    facts: facts(['a&b']),
    status: 'fail',
    messageId: 'missing',
    commands: ["net localgroup 'a&b' /add"],
  },
  ...['grp;calc', 'x"y', 'a/b', 'tab\tname', '...'].map((name) => ({
    name: `a name Windows forbids is a finding, not a command: ${JSON.stringify(name)}`,
    facts: facts([name]),
    status: 'fail' as const,
    messageId: 'invalidName',
    data: { name },
    verify: (t: import('ava').ExecutionContext, r: { fix?: { commands: string[] } }) =>
      t.deepEqual(r.fix?.commands, [], 'no command for a name Windows refuses'),
  })),
  {
    name: 'several problems are several findings, worst first',
    facts: facts(['grp;calc', 'hpc-writers', '.\\HPC-LocalGroup', 'nt authority\\system']),
    status: 'fail',
    messageId: 'invalidName',
    findings: ['invalidName', 'missing', 'domainQualified', 'authorityCase'],
  },
]);

test('local-groups: a built-in account on containerd 1.6 is not failed as a group', async (t) => {
  const result = await runOne(
    check,
    facts(['NT AUTHORITY\\SYSTEM', 'NT AUTHORITY\\NetworkService'], { containerd: '1.6.35' }),
  );
  t.not(result.status, 'fail', result.message);
  t.not(result.status, 'error', result.message);
});
