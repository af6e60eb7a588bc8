/**
 * runAsUserName, two ways:
 * - as the API server validates it (kubernetes v1.33.3 pkg/apis/core/validation/validation.go:7724-7744
 *   for the limits and patterns, 7771-7820 for the checks; identical in v1.34.1 and v1.35.7). Lengths are
 *   Go len(), i.e. UTF-8 bytes. The first three checks are exclusive (the first that matches wins);
 * - as a HostProcess account (the task page "Allowed Values"; hcsshim v0.14.1
 *   internal/jobcontainers/logon.go:109-157): NT AUTHORITY\SYSTEM, NT AUTHORITY\Local service,
 *   NT AUTHORITY\NetworkService, or a bare local group name.
 */
import { byteLength } from './values.js';

export const FORMAT_IDS = [
  'empty',
  'control',
  'backslashes',
  'domainLength',
  'domainFormat',
  'userEmpty',
  'userLength',
  'userDots',
  'userChars',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** The API server's messages, exactly. */
export const FORMAT_MESSAGES: Record<FormatId, string> = {
  empty: 'runAsUserName cannot be an empty string',
  control: 'runAsUserName cannot contain control characters',
  backslashes: 'runAsUserName cannot contain more than one backslash',
  domainLength: "runAsUserName's Domain length must be under 256 characters",
  domainFormat: "runAsUserName's Domain doesn't match the NetBios nor the DNS format",
  userEmpty: "runAsUserName's User cannot be empty",
  userLength: "runAsUserName's User length must not be longer than 104 characters",
  userDots: "runAsUserName's User cannot contain only periods or spaces",
  userChars: `runAsUserName's User cannot contain the following characters: "/\\:;|=,+*?<>@[]`,
};

const MAX_DOMAIN_BYTES = 256;
const MAX_USER_BYTES = 104;
// biome-ignore lint/suspicious/noControlCharactersInRegex: Go's [[:cntrl:]] is exactly these.
const CONTROL = /[\u0000-\u001f\u007f]/;
const NETBIOS = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/u;
const DNS_LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const DNS = new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*$`);
const DOTS_SPACES = /^[. ]+$/;
const USER_CHARS = /["/\\:;|=,+*?<>@[\]]/;

/** The API server's errors for a runAsUserName, in its order. */
export function validateRunAsUserName(value: string): FormatId[] {
  if (value.length === 0) return ['empty'];
  if (CONTROL.test(value)) return ['control'];
  const parts = value.split('\\');
  if (parts.length > 2) return ['backslashes'];
  const errors: FormatId[] = [];
  const hasDomain = parts.length === 2;
  const domain = hasDomain ? (parts[0] as string) : '';
  const user = parts[parts.length - 1] as string;
  if (hasDomain) {
    if (byteLength(domain) >= MAX_DOMAIN_BYTES) errors.push('domainLength');
    if (!NETBIOS.test(domain) && !DNS.test(domain)) errors.push('domainFormat');
  }
  const userBytes = byteLength(user);
  if (userBytes === 0) errors.push('userEmpty');
  else if (userBytes > MAX_USER_BYTES) errors.push('userLength');
  if (DOTS_SPACES.test(user)) errors.push('userDots');
  if (USER_CHARS.test(user)) errors.push('userChars');
  return errors;
}

export type AccountKind =
  | 'system'
  | 'localService'
  | 'networkService'
  /** A bare name: a local group (containerd 1.7+). */
  | 'group'
  /** ContainerUser, ContainerAdministrator: accounts of ordinary containers, not of the host. */
  | 'container'
  /** A built-in service account with its domain not written exactly `NT AUTHORITY`. */
  | 'authorityCase'
  /** `NT AUTHORITY\<something else>`. */
  | 'otherAuthority'
  /** `DOMAIN\user`: a named user, which HostProcess cannot log on without a password. */
  | 'user'
  /** Not a valid runAsUserName at all (the API rejects it; see validateRunAsUserName). */
  | 'invalid';

export interface Account {
  kind: AccountKind;
  domain: string;
  user: string;
}

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');
const SERVICE_ACCOUNTS: Record<string, AccountKind> = {
  system: 'system',
  localservice: 'localService',
  networkservice: 'networkService',
};
const CONTAINER_ACCOUNTS = new Set(['containeruser', 'containeradministrator']);

export function classifyAccount(value: string): Account {
  if (validateRunAsUserName(value).length > 0) return { kind: 'invalid', domain: '', user: value };
  const slash = value.indexOf('\\');
  const domain = slash < 0 ? '' : value.slice(0, slash);
  const user = slash < 0 ? value : value.slice(slash + 1);
  const account = (kind: AccountKind): Account => ({ kind, domain, user });
  if (CONTAINER_ACCOUNTS.has(user.toLowerCase()) && (domain === '' || squash(domain) === 'usermanager'))
    return account('container');
  if (slash < 0) return account('group');
  const service = SERVICE_ACCOUNTS[squash(user)];
  // hcsshim picks LOGON32_LOGON_SERVICE only for domain == "NT AUTHORITY" (logon.go:145, case-sensitive).
  if (domain === 'NT AUTHORITY') return account(service ?? 'otherAuthority');
  // `nt authority\system`, `NT-AUTORITÄT\SYSTEM` (a localized name), `.\LocalService`: meant as a built-in account.
  if (service !== undefined || squash(domain) === 'ntauthority') return account('authorityCase');
  return account('user');
}

export const ACCOUNT_NAMES = 'NT AUTHORITY\\SYSTEM, NT AUTHORITY\\Local service, NT AUTHORITY\\NetworkService';
