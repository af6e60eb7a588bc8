import test from 'ava';
import type { AccountInfo } from '../../src/contract/facts.js';
import { ACCOUNT_LABELS, type AccountKind, judgeAccount } from '../../src/rules/accounts.js';

const CASES: [AccountInfo, AccountKind, 'sid' | 'name'][] = [
  // By SID: authoritative, whatever the (localized) name says.
  [{ name: 'NT AUTHORITY\\SYSTEM', sid: 'S-1-5-18' }, 'localSystem', 'sid'],
  [{ name: 'NT-AUTORITÄT\\SYSTEM', sid: 'S-1-5-18' }, 'localSystem', 'sid'],
  [{ name: 'AUTORITE NT\\Système', sid: 's-1-5-18' }, 'localSystem', 'sid'],
  [{ name: 'NT-AUTORITÄT\\Lokaler Dienst', sid: 'S-1-5-19' }, 'localService', 'sid'],
  [{ name: 'NT AUTHORITY\\NETWORK SERVICE', sid: 'S-1-5-20' }, 'networkService', 'sid'],
  [{ name: 'NT SERVICE\\containerd', sid: 'S-1-5-80-1234-5678' }, 'virtualService', 'sid'],
  [{ name: 'CORP\\system', sid: 'S-1-5-21-9-9-9-1105' }, 'user', 'name'],
  [{ name: 'WIN-NODE\\Administrator', sid: 'S-1-5-21-1-2-3-500' }, 'user', 'name'],
  // By name.
  [{ name: 'LocalSystem' }, 'localSystem', 'name'],
  [{ name: '.\\LocalSystem' }, 'localSystem', 'name'],
  [{ name: 'NT AUTHORITY\\SYSTEM' }, 'localSystem', 'name'],
  [{ name: 'nt authority\\system' }, 'localSystem', 'name'],
  [{ name: 'NT AUTHORITY\\LocalService' }, 'localService', 'name'],
  [{ name: 'NT AUTHORITY\\Local Service' }, 'localService', 'name'],
  [{ name: 'NT AUTHORITY\\Local service' }, 'localService', 'name'],
  [{ name: 'NT-AUTORITÄT\\Lokaler Dienst' }, 'localService', 'name'],
  [{ name: 'NT AUTHORITY\\NetworkService' }, 'networkService', 'name'],
  [{ name: 'NT AUTHORITY\\Network Service' }, 'networkService', 'name'],
  [{ name: 'NT SERVICE\\containerd' }, 'virtualService', 'name'],
  [{ name: '.\\admin' }, 'user', 'name'],
  [{ name: 'CORP\\svc-containerd' }, 'user', 'name'],
  [{ name: 'svc-containerd@corp.example.com' }, 'user', 'name'],
  [{ name: 'WIN-NODE\\SYSTEM' }, 'user', 'name'],
  [{ name: 'hpc-localgroup' }, 'user', 'name'],
  [{ name: '  NT AUTHORITY\\SYSTEM  ' }, 'localSystem', 'name'],
];

for (const [account, kind, by] of CASES) {
  test(`judgeAccount(${JSON.stringify(account)}) is ${kind} by ${by}`, (t) =>
    t.deepEqual(judgeAccount(account), { kind, by }));
}

test('every kind has a label', (t) => {
  for (const kind of ['localSystem', 'localService', 'networkService', 'virtualService', 'user'] as const)
    t.truthy(ACCOUNT_LABELS[kind]);
  t.is(ACCOUNT_LABELS.localSystem, 'LocalSystem');
});
