/**
 * `collect --redact`: replaces the host, user and domain names in a snapshot with stable placeholders
 * (HOST-1, USER-1, DOMAIN-1: the same name always gets the same placeholder within the snapshot) and
 * the machine/domain part of account SIDs. Built-in names (SYSTEM, NT AUTHORITY, LocalSystem,
 * Administrators, …) are kept, so the redacted snapshot gives the same verdicts.
 */
import type { NodeFacts } from '../contract/facts.js';
import { factValue } from '../contract/facts.js';

const KEEP = new Set(
  [
    'system',
    'localsystem',
    'localservice',
    'local service',
    'networkservice',
    'network service',
    'nt authority',
    'nt service',
    'builtin',
    'administrator',
    'administrators',
    'users',
    'guests',
    'everyone',
    'containeradministrator',
    'containeruser',
    '.',
  ].map((s) => s.toLowerCase()),
);

type Kind = 'HOST' | 'USER' | 'DOMAIN';

class Placeholders {
  private readonly byName = new Map<string, string>();
  private readonly counts: Record<Kind, number> = { HOST: 0, USER: 0, DOMAIN: 0 };
  add(kind: Kind, name: string | undefined): void {
    const key = name?.trim().toLowerCase();
    if (!key || key.length < 3 || KEEP.has(key) || this.byName.has(key)) return;
    this.counts[kind] += 1;
    this.byName.set(key, `${kind}-${this.counts[kind]}`);
  }
  addAccount(account: string | undefined, host?: string): void {
    if (!account) return;
    const slash = account.lastIndexOf('\\');
    if (slash < 0) {
      const at = account.indexOf('@');
      if (at > 0) {
        this.add('USER', account.slice(0, at));
        this.add('DOMAIN', account.slice(at + 1));
      } else this.add('USER', account);
      return;
    }
    const domain = account.slice(0, slash);
    if (domain.toLowerCase() !== host?.toLowerCase()) this.add('DOMAIN', domain);
    this.add('USER', account.slice(slash + 1));
  }
  /** Longest names first, so a host name inside a longer domain name is not cut in two. */
  entries(): [RegExp, string][] {
    return [...this.byName.entries()]
      .sort((a, b) => b[0].length - a[0].length)
      .map(([name, placeholder]) => [
        new RegExp(`(?<![A-Za-z0-9])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'gi'),
        placeholder,
      ]);
  }
}

/** S-1-5-21-<machine or domain>-<rid>: the middle part identifies the machine; the RID (500, 1001) is kept. */
const ACCOUNT_SID = /S-1-5-21-\d+-\d+-\d+-(\d+)/g;

function redactString(text: string, rules: [RegExp, string][]): string {
  let out = text.replace(ACCOUNT_SID, 'S-1-5-21-REDACTED-$1');
  for (const [pattern, placeholder] of rules) out = out.replace(pattern, placeholder);
  return out;
}

function walk(value: unknown, rules: [RegExp, string][]): unknown {
  if (typeof value === 'string') return redactString(value, rules);
  if (Array.isArray(value)) return value.map((v) => walk(v, rules));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, rules)]));
  }
  return value;
}

export function redactFacts(facts: NodeFacts): NodeFacts {
  const names = new Placeholders();
  const host = factValue(facts.host)?.hostname;
  names.add('HOST', host);
  names.add('HOST', factValue(facts.context)?.nodeName);
  names.addAccount(factValue(facts.context)?.user, host);
  names.addAccount(factValue(facts.containerd?.serviceAccount)?.name, host);
  for (const group of facts.intent?.groups ?? []) names.addAccount(group.includes('\\') ? group : undefined, host);
  return walk(facts, names.entries()) as NodeFacts;
}
