import check, { ACCESS_DENIED_ERROR } from '../../checks/containerd-service-account.js';
import { checkTester } from '../helpers/check-tester.js';
import { node, not, ok } from '../helpers/facts.js';

const account = (name: string, sid?: string) =>
  node({ containerd: { serviceAccount: ok(sid ? { name, sid } : { name }) } });
const FIX = ['sc.exe config containerd obj= LocalSystem', 'Restart-Service containerd'];

checkTester(check, [
  { name: 'LocalSystem by name', facts: account('LocalSystem'), status: 'pass', messageId: 'localSystem' },
  { name: 'NT AUTHORITY\\SYSTEM', facts: account('NT AUTHORITY\\SYSTEM'), status: 'pass', messageId: 'localSystem' },
  { name: '.\\LocalSystem', facts: account('.\\LocalSystem'), status: 'pass', messageId: 'localSystem' },
  {
    name: 'SYSTEM by SID under a German name',
    facts: account('NT-AUTORITÄT\\SYSTEM', 'S-1-5-18'),
    status: 'pass',
    messageId: 'localSystem',
  },
  {
    name: 'LocalService by SID with a localized name',
    facts: account('NT-AUTORITÄT\\Lokaler Dienst', 'S-1-5-19'),
    status: 'warn',
    messageId: 'localService',
  },
  {
    name: 'LocalService by German name without SID',
    facts: account('NT-AUTORITÄT\\Lokaler Dienst'),
    status: 'warn',
    messageId: 'localService',
  },
  {
    name: 'NT AUTHORITY\\LocalService',
    facts: account('NT AUTHORITY\\LocalService'),
    status: 'warn',
    messageId: 'localService',
    commands: FIX,
  },
  {
    name: 'NT AUTHORITY\\Local Service with a space',
    facts: account('nt authority\\local service'),
    status: 'warn',
    messageId: 'localService',
  },
  {
    name: 'NetworkService',
    facts: account('NT AUTHORITY\\NetworkService', 'S-1-5-20'),
    status: 'warn',
    messageId: 'networkService',
  },
  {
    name: 'local administrator fails with the exact error and the sc.exe fix',
    facts: account('.\\admin'),
    status: 'fail',
    messageId: 'userAccount',
    commands: FIX,
    verify: (t, r) => {
      t.true(r.message.includes(ACCESS_DENIED_ERROR));
      t.regex(r.fix?.text ?? '', /sc\.exe, not sc/);
      t.regex(r.fix?.text ?? '', /space after "obj="/);
    },
  },
  {
    name: 'built-in Administrator',
    facts: account('WIN-NODE\\Administrator', 'S-1-5-21-1-2-3-500'),
    status: 'fail',
    messageId: 'userAccount',
  },
  { name: 'domain account', facts: account('CORP\\svc-containerd'), status: 'fail', messageId: 'userAccount' },
  {
    name: 'UPN domain account',
    facts: account('svc-containerd@corp.example.com'),
    status: 'fail',
    messageId: 'userAccount',
  },
  {
    name: 'virtual service account',
    facts: account('NT SERVICE\\containerd'),
    status: 'fail',
    messageId: 'virtualAccount',
    commands: FIX,
  },
  {
    name: 'a user whose SID is not well known, even if named SYSTEM-like',
    facts: account('CORP\\system', 'S-1-5-21-9-9-9-1105'),
    status: 'fail',
    messageId: 'userAccount',
  },
  { name: 'not collected', facts: node(), status: 'skip', messageId: 'notCollected' },
  {
    name: 'denied (non-admin)',
    facts: node({ containerd: { serviceAccount: not('denied') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'timed out',
    facts: node({ containerd: { serviceAccount: not('timeout') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  // What-if input as people type it.
  {
    name: 'the LocalSystem SID given as the account name is LocalSystem',
    facts: account('S-1-5-18'),
    status: 'pass',
    messageId: 'localSystem',
  },
  {
    name: 'the LocalService SID given as the account name is LocalService',
    facts: account('S-1-5-19'),
    status: 'warn',
    messageId: 'localService',
  },
  {
    name: 'the NetworkService SID given as the account name is NetworkService',
    facts: account('s-1-5-20'),
    status: 'warn',
    messageId: 'networkService',
  },
  {
    name: 'NT AUTHORITY\\\\SYSTEM with a doubled backslash is LocalSystem',
    facts: account('NT AUTHORITY\\\\SYSTEM'),
    status: 'pass',
    messageId: 'localSystem',
  },
  {
    name: 'a domain SID given as the account name is a user account',
    facts: account('S-1-5-21-1004336348-1177238915-682003330-1001'),
    status: 'fail',
    messageId: 'userAccount',
  },
]);
