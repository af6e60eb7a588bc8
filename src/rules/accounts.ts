/**
 * Windows service accounts, judged by SID when the collector resolved one, else by name.
 * Names are localized (`NT-AUTORITÄT\Lokaler Dienst` on a German node), which is why the SID wins.
 * Well-known SIDs: S-1-5-18 LocalSystem, S-1-5-19 LocalService, S-1-5-20 NetworkService.
 */
import type { AccountInfo } from '../contract/facts.js';

export type AccountKind = 'localSystem' | 'localService' | 'networkService' | 'virtualService' | 'user';

export interface AccountJudgement {
  kind: AccountKind;
  /** How the kind was decided. */
  by: 'sid' | 'name';
}

const SID_KINDS: Record<string, AccountKind> = {
  'S-1-5-18': 'localSystem',
  'S-1-5-19': 'localService',
  'S-1-5-20': 'networkService',
};

/** "NT AUTHORITY" as some Windows display languages spell it. Best effort: the SID is authoritative. */
const AUTHORITY_NAMES = new Set([
  'ntauthority',
  'nt-autorität',
  'nt-autoritat',
  'autoritent',
  'autoridadnt',
  'autoritànt',
  'autoritant',
  'autoridadent',
  'nt-instans',
  'nt-myndighet',
  'ntinstantie',
  'zarządzaniení',
  'zarzadzanient',
]);

/** Account names after the authority, lower-cased with spaces removed; English first, then localized forms. */
const NAME_KINDS: Record<string, AccountKind> = {
  system: 'localSystem',
  localsystem: 'localSystem',
  système: 'localSystem',
  localservice: 'localService',
  lokalerdienst: 'localService',
  servicelocal: 'localService',
  serviciolocal: 'localService',
  serviziolocale: 'localService',
  networkservice: 'networkService',
  netzwerkdienst: 'networkService',
  serviceréseau: 'networkService',
  serviciodered: 'networkService',
  serviziodirete: 'networkService',
};

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/** A SID given where a name goes (`--service-account S-1-5-18`) is read as the SID. */
const SID = /^S-1-\d+(-\d+)+$/i;

export function judgeAccount(account: AccountInfo): AccountJudgement {
  const sid = account.sid ?? (SID.test(account.name.trim()) ? account.name.trim() : undefined);
  const bySid = sid ? SID_KINDS[sid.toUpperCase()] : undefined;
  if (bySid) return { kind: bySid, by: 'sid' };
  if (sid?.toUpperCase().startsWith('S-1-5-80-')) return { kind: 'virtualService', by: 'sid' };
  // `NT AUTHORITY\\SYSTEM` (a doubled backslash, as typed from bash or JSON) is the same account.
  const name = account.name.trim().replace(/\\{2,}/g, '\\');
  const slash = name.lastIndexOf('\\');
  const domain = slash >= 0 ? squash(name.slice(0, slash)) : '';
  const user = squash(slash >= 0 ? name.slice(slash + 1) : name);
  if (domain === 'ntservice') return { kind: 'virtualService', by: 'name' };
  // LocalSystem is what the service manager stores when no account was given; `.\LocalSystem` is accepted too.
  if ((domain === '' || domain === '.') && user === 'localsystem') return { kind: 'localSystem', by: 'name' };
  if (AUTHORITY_NAMES.has(domain) || domain === '') {
    const kind = NAME_KINDS[user];
    if (kind) return { kind, by: 'name' };
  }
  return { kind: 'user', by: 'name' };
}

export const ACCOUNT_LABELS: Record<AccountKind, string> = {
  localSystem: 'LocalSystem',
  localService: 'LocalService',
  networkService: 'NetworkService',
  virtualService: 'a virtual service account',
  user: 'a user account',
};
