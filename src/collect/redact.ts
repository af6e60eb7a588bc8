/**
 * `collect --redact` and `redact`: a snapshot that is safe to share (docs/redaction.md says exactly what is
 * redacted and what is not). Redaction is by field, never a global text replacement, so the verdicts of a
 * snapshot and of its redaction are the same:
 * - identity fields (the host name, the node name, the doctor's and containerd's accounts, account SIDs)
 *   get stable placeholders: HOST-1, USER-1, DOMAIN-1; the machine part of an S-1-5-21 SID is REDACTED;
 * - in free text (command lines, provenance excerpts, stderr, reasons, containerd's log tail) those
 *   names are replaced as whole words, except names that are product words (containerd, kubelet, …), so
 *   a service account called `.\containerd` never turns `io.containerd.runhcs.v1` into something else;
 * - in config text, the values of credential keys (password, auth, identitytoken, token, username) become
 *   "REDACTED", and IP addresses (in every text) become IP-1, IP-2, …
 * Built-in names (SYSTEM, NT AUTHORITY, LocalSystem, Administrators, …) are kept.
 */
import type { NodeFacts } from '../contract/facts.js';
import { factValue } from '../contract/facts.js';
import { offsetOf } from '../parse/toml-read.js';

const BUILT_IN = new Set([
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
]);

/**
 * Words the snapshot needs to keep meaning what they mean: a host or user named like one of these is
 * still redacted in its own fields, but not in free text, where the word is far more likely the product.
 */
const PRODUCT_WORDS = new Set([
  'containerd',
  'kubelet',
  'kube-proxy',
  'docker',
  'dockerd',
  'runhcs',
  'hcsshim',
  'cri',
  'windows',
  'microsoft',
  'kubernetes',
  'k8s',
  'pause',
  'io',
  'plugins',
  'runtime',
  'default',
  'config',
  'version',
  'program files',
  'programdata',
  'pipe',
  'npipe',
  'localhost',
]);

type Kind = 'HOST' | 'USER' | 'DOMAIN';

const ACCOUNT_SID = /S-1-5-21-\d+-\d+-\d+-(\d+)/g;
const IPV4 = /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\w.])/g;
/** Four or more groups (so 10:05:00, a time of day, is not one), or a `::` form. */
const IPV6 =
  /(?<![\w:.])(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f]{0,4}(?![\w:])/gi;
/**
 * A credential key (bare, quoted, or the last part of a dotted key) and its string value: basic or
 * literal, on one line or multi-line (a triple-quoted value may hold up to two more quotes before it ends).
 */
const CREDENTIAL =
  /(?<![\w-])(["']?)(password|auth|identitytoken|identity_token|token|username|registrytoken)\1(\s*=\s*)("""[\s\S]*?"""(?!")|'''[\s\S]*?'''(?!')|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')/gi;

class Redactor {
  private readonly names = new Map<string, string>();
  private readonly counts: Record<Kind, number> = { HOST: 0, USER: 0, DOMAIN: 0 };
  private readonly ips = new Map<string, string>();
  private textRules: [RegExp, string][] | undefined;

  name(kind: Kind, value: string | undefined): void {
    const key = value?.trim().toLowerCase();
    if (!key || BUILT_IN.has(key) || this.names.has(key)) return;
    this.counts[kind] += 1;
    this.names.set(key, `${kind}-${this.counts[kind]}`);
    this.textRules = undefined;
  }

  account(value: string | undefined, host?: string): void {
    if (!value) return;
    const slash = value.lastIndexOf('\\');
    if (slash < 0) {
      const at = value.indexOf('@');
      if (at > 0) {
        this.name('USER', value.slice(0, at));
        this.name('DOMAIN', value.slice(at + 1));
      } else if (!/^S-1-/i.test(value)) this.name('USER', value);
      return;
    }
    const domain = value.slice(0, slash);
    if (domain.toLowerCase() !== host?.toLowerCase()) this.name('DOMAIN', domain);
    this.name('USER', value.slice(slash + 1));
  }

  /** A field that holds exactly a name: replaced whole. */
  field(value: string): string {
    return this.names.get(value.trim().toLowerCase()) ?? value;
  }

  accountField(value: string): string {
    const slash = value.lastIndexOf('\\');
    if (slash < 0) {
      const at = value.indexOf('@');
      return at > 0 ? `${this.field(value.slice(0, at))}@${this.field(value.slice(at + 1))}` : this.field(value);
    }
    return `${this.field(value.slice(0, slash))}\\${this.field(value.slice(slash + 1))}`;
  }

  sid(value: string): string {
    return value.replace(ACCOUNT_SID, 'S-1-5-21-REDACTED-$1');
  }

  ip(address: string): string {
    let placeholder = this.ips.get(address.toLowerCase());
    if (!placeholder) {
      placeholder = `IP-${this.ips.size + 1}`;
      this.ips.set(address.toLowerCase(), placeholder);
    }
    return placeholder;
  }

  /** Whole-word replacements for free text: longest names first; product words are left alone. */
  private rules(): [RegExp, string][] {
    this.textRules ??= [...this.names.entries()]
      .filter(([name]) => name.length >= 2 && !PRODUCT_WORDS.has(name))
      .sort((a, b) => b[0].length - a[0].length)
      .map(([name, placeholder]) => [
        new RegExp(`(?<![A-Za-z0-9_.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_-])`, 'gi'),
        placeholder,
      ]);
    return this.textRules;
  }

  /** Free text: SIDs, IP addresses and the collected names. */
  text(value: string): string {
    let out = this.sid(value)
      .replace(IPV4, (m) => this.ip(m))
      .replace(IPV6, (m) => (m.length > 4 ? this.ip(m) : m));
    for (const [pattern, placeholder] of this.rules()) out = out.replace(pattern, placeholder);
    return out;
  }

  /**
   * Config text: credentials and IP addresses only, so the config still parses and reads the same. A
   * credential's U+FFFD (a byte that was not UTF-8) stays, so the file is refused where it was.
   */
  config(value: string): string {
    return value
      .replace(CREDENTIAL, (_, quote: string, key: string, eq: string, value: string) => {
        const kept = '\uFFFD'.repeat(countReplacements(value));
        // A multi-line value keeps its line count, so every later line keeps its number.
        const multiline = value.startsWith('"""') || value.startsWith("'''");
        const redacted = multiline
          ? `"""REDACTED${kept}${'\n'.repeat(value.split('\n').length - 1)}"""`
          : `"REDACTED${kept}"`;
        return `${quote}${key}${quote}${eq}${redacted}`;
      })
      .replace(IPV4, (m) => this.ip(m))
      .replace(IPV6, (m) => (m.length > 4 ? this.ip(m) : m));
  }
}

const countReplacements = (text: string) => text.split('\uFFFD').length - 1;

/** 1-based line and character column (code points, as firstInvalidUtf8 counts them) of a UTF-16 offset. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < lineStart; at = text.indexOf('\n', at + 1)) line++;
  return { line, column: [...text.slice(lineStart, offset)].length + 1 };
}

/**
 * The recorded first invalid UTF-8 sequence, moved to where it is in the redacted text: it is the same
 * U+FFFD (redaction keeps every one, in order), so a shorter IP address before it on its line shifts it.
 */
function movedInvalidUtf8(original: string, redacted: string, invalid: unknown): unknown {
  if (!isObject(invalid) || typeof invalid.line !== 'number' || typeof invalid.column !== 'number') return invalid;
  const at = offsetOf(original, invalid.line, invalid.column);
  if (at < 0 || original.charCodeAt(at) !== 0xfffd) return invalid;
  const nth = countReplacements(original.slice(0, at));
  let found = -1;
  for (let i = 0; i <= nth; i++) found = redacted.indexOf('\uFFFD', found + 1);
  return found < 0 ? invalid : { ...invalid, ...positionAt(redacted, found) };
}

/** Every string of a value redacted as free text (provenance, reasons, evidence). */
function freeText(value: unknown, r: Redactor): unknown {
  if (typeof value === 'string') return r.text(value);
  if (Array.isArray(value)) return value.map((v) => freeText(v, r));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, freeText(v, r)]));
  }
  return value;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Redacts one fact: its provenance and reason as free text, its value with `value`. */
function fact(f: unknown, r: Redactor, value: (v: Json) => Json = (v) => freeText(v, r) as Json): unknown {
  if (!isObject(f)) return f;
  const out: Json = { ...f };
  if (isObject(f.source)) out.source = freeText(f.source, r);
  if (typeof f.reason === 'string') out.reason = r.text(f.reason);
  if (isObject(f.value)) out.value = value(f.value);
  else if (Array.isArray(f.value)) out.value = f.value.map((v) => (isObject(v) ? value(v) : v));
  return out;
}

function configValue(v: Json, r: Redactor): Json {
  const files = Array.isArray(v.files)
    ? v.files.map((file) => {
        if (!isObject(file)) return file;
        const out: Json = { ...file };
        if (typeof file.text === 'string') {
          out.text = r.config(file.text);
          if (file.invalidUtf8 !== undefined)
            out.invalidUtf8 = movedInvalidUtf8(file.text, out.text as string, file.invalidUtf8);
        }
        if (typeof file.reason === 'string') out.reason = r.text(file.reason);
        // A parse result is derived from the text: drop it, and analysis parses the redacted text again.
        delete out.parse;
        return out;
      })
    : v.files;
  return { ...v, files };
}

export function redactFacts(facts: NodeFacts): NodeFacts {
  const r = new Redactor();
  const host = factValue(facts.host)?.hostname;
  r.name('HOST', host);
  r.name('HOST', factValue(facts.context)?.nodeName);
  r.account(factValue(facts.context)?.user, host);
  r.account(factValue(facts.containerd?.serviceAccount)?.name, host);
  for (const group of facts.intent?.groups ?? []) if (group.includes('\\')) r.account(group, host);

  const out = { ...facts } as Json;
  out.host = fact(facts.host, r, (v) => ({
    ...v,
    ...(typeof v.hostname === 'string' ? { hostname: r.field(v.hostname) } : {}),
  }));
  out.os = fact(facts.os, r, (v) => v);
  out.bindFilterDll = fact(facts.bindFilterDll, r);
  out.context = fact(facts.context, r, (v) => ({
    ...(freeText(v, r) as Json),
    ...(typeof v.user === 'string' ? { user: r.accountField(v.user) } : {}),
    ...(typeof v.sid === 'string' ? { sid: r.sid(v.sid) } : {}),
    ...(typeof v.nodeName === 'string' ? { nodeName: r.field(v.nodeName) } : {}),
  }));
  out.localGroups = fact(facts.localGroups, r, (g) => ({
    ...g,
    ...(typeof g.sid === 'string' ? { sid: r.sid(g.sid) } : {}),
  }));
  if (facts.containerd) {
    const c = facts.containerd;
    out.containerd = {
      ...c,
      ...(c.binary ? { binary: fact(c.binary, r) } : {}),
      ...(c.version ? { version: fact(c.version, r, (v) => v) } : {}),
      ...(c.service ? { service: fact(c.service, r) } : {}),
      ...(c.serviceAccount
        ? {
            serviceAccount: fact(c.serviceAccount, r, (v) => ({
              ...v,
              ...(typeof v.name === 'string' ? { name: r.accountField(v.name) } : {}),
              ...(typeof v.sid === 'string' ? { sid: r.sid(v.sid) } : {}),
            })),
          }
        : {}),
      ...(c.process ? { process: fact(c.process, r) } : {}),
      ...(c.config ? { config: fact(c.config, r, (v) => configValue(v, r)) } : {}),
      ...(c.log ? { log: fact(c.log, r) } : {}),
    };
  }
  if (facts.shim) out.shim = Object.fromEntries(Object.entries(facts.shim).map(([k, f]) => [k, fact(f, r, (v) => v)]));
  if (facts.kubelet) {
    const k = facts.kubelet;
    out.kubelet = {
      ...k,
      ...(k.version ? { version: fact(k.version, r, (v) => v) } : {}),
      ...(k.service ? { service: fact(k.service, r) } : {}),
      ...(k.commandLine ? { commandLine: fact(k.commandLine, r) } : {}),
      ...(k.config
        ? {
            config: fact(k.config, r, (v) => ({
              ...v,
              ...(typeof v.text === 'string' ? { text: r.config(v.text) } : {}),
            })),
          }
        : {}),
    };
  }
  if (facts.intent?.groups) {
    out.intent = {
      ...facts.intent,
      groups: facts.intent.groups.map((g) => (g.includes('\\') ? r.accountField(g) : g)),
    };
  }
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out as unknown as NodeFacts;
}
