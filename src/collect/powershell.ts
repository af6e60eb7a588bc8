/**
 * One PowerShell process answers every question that needs Windows APIs, as one JSON document.
 * PowerShell starts slowly (0.3–1 s on a node), so the doctor pays that once. The script is
 * src/collect/collect.ps1, embedded at build time (scripts/embed-ps1.mjs writes collect-script.generated.ts)
 * and passed with -EncodedCommand (UTF-16LE base64), which no quoting rule can break. Each section is wrapped
 * on its own, so a failing or denied section loses nothing else. The script writes ASCII only (every other
 * character as \uXXXX), so the console code page cannot garble names; the reader still accepts UTF-16 or a
 * BOM. The document is untrusted input all the same: readSections checks every section field by field
 * before live.ts reads it, and a section of the wrong shape becomes a failed section that says what is
 * wrong (docs/input.md). docs/powershell.md has the details.
 */

import { COLLECTION_SCRIPT } from './collect-script.generated.js';
import { type ProbeLog, type ProbeResult, runProbe } from './exec.js';
import type { Host } from './host.js';

export { COLLECTION_SCRIPT };

/** The CIM timeout when none that makes sense is given. */
const DEFAULT_CIM_TIMEOUT_SEC = 5;

/**
 * The command that -EncodedCommand carries: collect.ps1 as a script block, run with the CIM timeout (whole
 * seconds, at least 1; Get-CimInstance -OperationTimeoutSec). Only a number is ever spliced in.
 */
export function collectionScript(cimTimeoutSec: number): string {
  const seconds = Number.isFinite(cimTimeoutSec) ? Math.max(1, Math.floor(cimTimeoutSec)) : DEFAULT_CIM_TIMEOUT_SEC;
  return `& {\n${COLLECTION_SCRIPT}\n} -CimTimeoutSec ${seconds}`;
}

export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** The flags before -EncodedCommand. */
export const POWERSHELL_FLAGS: readonly string[] = [
  '-NoProfile',
  '-NoLogo',
  '-NonInteractive',
  '-ExecutionPolicy',
  'Bypass',
];

/** The whole argument array of the collection run. */
export function collectionArgs(cimTimeoutSec: number): string[] {
  return [...POWERSHELL_FLAGS, '-EncodedCommand', encodeCommand(collectionScript(cimTimeoutSec))];
}

/** CreateProcess takes at most this many characters of command line, the terminating NUL included. */
export const MAX_COMMAND_LINE = 32_767;

/**
 * How many characters of command line Windows is handed for `exe args`, the terminating NUL included:
 * arguments joined by spaces, those with a space, tab or quote quoted (as libuv does, so at worst every
 * backslash doubled and every quote escaped).
 */
export function commandLineLength(exe: string, args: readonly string[]): number {
  const quoted = (arg: string) =>
    arg !== '' && !/[\s"]/.test(arg) ? arg.length : arg.length + 2 + (arg.match(/["\\]/g)?.length ?? 0);
  return [exe, ...args].reduce((sum, arg) => sum + quoted(arg), 0) + args.length + 1;
}

export interface SectionOk<T> {
  ok: true;
  value: T;
  ms?: number;
}
export interface SectionFailed {
  ok: false;
  denied?: boolean;
  error?: string;
  ms?: number;
}
export type Section<T> = SectionOk<T> | SectionFailed;

export interface PsService {
  name: string;
  displayName?: string | null;
  state?: string | null;
  startMode?: string | null;
  startName?: string | null;
  pathName?: string | null;
  processId?: number | null;
}
export interface PsProcess {
  name: string;
  processId?: number | null;
  commandLine?: string | null;
  executablePath?: string | null;
}
export interface PsOs {
  productName?: string | null;
  currentBuild?: string | null;
  ubr?: number | null;
  displayVersion?: string | null;
  releaseId?: string | null;
  editionId?: string | null;
  installationType?: string | null;
}
export interface PsIdentity {
  name?: string | null;
  sid?: string | null;
  elevated?: boolean | null;
  computerName?: string | null;
}
export interface PsFile {
  path: string;
  present: boolean;
  size?: number | null;
  modified?: string | null;
  fileVersion?: string | null;
  productVersion?: string | null;
}

export interface PsSections {
  services?: Section<PsService[]>;
  processes?: Section<PsProcess[]>;
  os?: Section<PsOs>;
  groups?: Section<{ name: string; sid?: string | null }[]>;
  identity?: Section<PsIdentity>;
  accounts?: Section<Record<string, string | null>>;
  bindflt?: Section<PsFile>;
  files?: Section<PsFile[]>;
}

export type PsOutcome =
  | { ok: true; sections: PsSections; probe: ProbeResult }
  | { ok: false; probe: ProbeResult; reason: string };

/**
 * A list section's value as an array. collect.ps1 emits lists as JSON arrays whatever their length, but
 * PowerShell unrolls a one-element list into the element and an empty one into null when a script lets
 * a list pass through the pipeline (older scripts, hand-made recordings), so the reader takes both.
 */
export function asArray<T>(value: T | T[] | null | undefined): T[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The JSON document in PowerShell's output, as parsed: no shape is checked (readSections does that). */
export function parseSections(stdout: string): PsSections | undefined {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    const data = JSON.parse(stdout.slice(start, end + 1)) as Record<string, unknown>;
    return data !== null && typeof data === 'object' ? (data as PsSections) : undefined;
  } catch {
    return undefined;
  }
}

// ---- the typed reader: PowerShell's JSON is checked field by field before anything reads it ----------

type Kind = 'string' | 'number' | 'boolean';
interface FieldSpec {
  kind: Kind;
  /** Present, not null (and for text, not empty). */
  required?: boolean;
}
type FieldTable<T> = { [K in keyof T]-?: FieldSpec };

const text = (required = false): FieldSpec => ({ kind: 'string', required });
const number: FieldSpec = { kind: 'number' };
const flag = (required = false): FieldSpec => ({ kind: 'boolean', required });

const SERVICE_FIELDS: FieldTable<PsService> = {
  name: text(true),
  displayName: text(),
  state: text(),
  startMode: text(),
  startName: text(),
  pathName: text(),
  processId: number,
};
const PROCESS_FIELDS: FieldTable<PsProcess> = {
  name: text(true),
  processId: number,
  commandLine: text(),
  executablePath: text(),
};
const OS_FIELDS: FieldTable<PsOs> = {
  productName: text(),
  currentBuild: text(),
  ubr: number,
  displayVersion: text(),
  releaseId: text(),
  editionId: text(),
  installationType: text(),
};
type PsGroup = { name: string; sid?: string | null };
const GROUP_FIELDS: FieldTable<PsGroup> = { name: text(true), sid: text() };
const IDENTITY_FIELDS: FieldTable<PsIdentity> = {
  name: text(),
  sid: text(),
  elevated: flag(),
  computerName: text(),
};
const FILE_FIELDS: FieldTable<PsFile> = {
  path: text(true),
  present: flag(true),
  size: number,
  modified: text(),
  fileVersion: text(),
  productVersion: text(),
};

/** bindfltapi.dll: the reader falls back to the expected path when the script gave none. */
const BINDFLT_FIELDS: FieldTable<PsFile> = { ...FILE_FIELDS, path: text() };

const KIND_NAMES: Record<Kind, string> = { string: 'text', number: 'a number', boolean: 'true or false' };
const MAX_SHOWN = 40;

/** What a JSON value is, for a message; never its whole content. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return value === '' ? 'empty text' : `the text ${JSON.stringify(value.slice(0, MAX_SHOWN))}`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** An own property only: `__proto__` or `constructor` in the JSON never reach the prototype chain. */
function own(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

/** Sets an own, enumerable property, whatever the key (`__proto__` included). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

type Read<T> = { value: T } | { error: string };

function readRecord<T>(where: string, value: unknown, fields: FieldTable<T>): Read<T> {
  if (!isRecord(value)) return { error: `${where} is ${describe(value)}, not an object` };
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(fields) as [string, FieldSpec][]) {
    const field = own(value, key);
    if (field === undefined || field === null || (spec.required && spec.kind === 'string' && field === '')) {
      if (spec.required) return { error: `${where}.${key} is ${describe(field)}, not ${KIND_NAMES[spec.kind]}` };
      if (field === null) put(out, key, null);
      continue;
    }
    const ok =
      spec.kind === 'number' ? typeof field === 'number' && Number.isFinite(field) : typeof field === spec.kind;
    if (!ok) return { error: `${where}.${key} is ${describe(field)}, not ${KIND_NAMES[spec.kind]}` };
    put(out, key, field);
  }
  return { value: out as T };
}

/** A list: an array, one unrolled element, or null for none (see asArray). */
function readList<T>(name: string, value: unknown, fields: FieldTable<T>): Read<T[]> {
  if (value !== null && value !== undefined && typeof value !== 'object')
    return { error: `${name} is ${describe(value)}, not a list` };
  const items = asArray(value as unknown[] | null | undefined);
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const read = readRecord(`${name}[${i}]`, items[i], fields);
    if ('error' in read) return read;
    out.push(read.value);
  }
  return { value: out };
}

function readAccounts(value: unknown): Read<Record<string, string | null>> {
  if (!isRecord(value)) return { error: `accounts is ${describe(value)}, not an object` };
  const out: Record<string, string | null> = {};
  for (const key of Object.keys(value)) {
    const sid = value[key];
    if (sid !== null && typeof sid !== 'string')
      return { error: `accounts[${JSON.stringify(key.slice(0, MAX_SHOWN))}] is ${describe(sid)}, not text` };
    put(out, key, sid);
  }
  return { value: out };
}

const MAX_ERROR_TEXT = 500;

/** One section: `{ok:true,value,ms}` with a value of the right shape, or `{ok:false,denied,error,ms}`. */
function readSection<T>(
  doc: Record<string, unknown>,
  name: keyof PsSections,
  readValue: (value: unknown) => Read<T>,
): Section<T> | undefined {
  const raw = own(doc, name);
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) return { ok: false, error: `PowerShell's ${name} section is ${describe(raw)}, not an object` };
  const ms = own(raw, 'ms');
  const timing = typeof ms === 'number' && Number.isFinite(ms) ? { ms } : {};
  const ok = own(raw, 'ok');
  if (ok === false) {
    const denied = own(raw, 'denied');
    const error = own(raw, 'error');
    return {
      ok: false,
      ...(typeof denied === 'boolean' ? { denied } : {}),
      ...(typeof error === 'string' ? { error: error.slice(0, MAX_ERROR_TEXT) } : {}),
      ...timing,
    };
  }
  if (ok !== true) {
    return {
      ok: false,
      error: `PowerShell's ${name} section is garbled: its "ok" is ${describe(ok)}, not true or false`,
    };
  }
  // A list may be null (PowerShell's empty list), but a section without a value at all is garbled.
  if (!Object.hasOwn(raw, 'value'))
    return { ok: false, error: `PowerShell's ${name} section is garbled: it has no value` };
  const read = readValue(own(raw, 'value'));
  if ('error' in read)
    return { ok: false, error: `PowerShell's ${name} section has an unexpected shape: ${read.error}` };
  return { ok: true, value: read.value, ...timing };
}

type ValueReader = (value: unknown) => Read<unknown>;
type Value<K extends keyof PsSections> = Extract<NonNullable<PsSections[K]>, { ok: true }>['value'];

/** How each section's value is read; tsc holds the table to PsSections, both ways. */
const SECTION_READERS: { [K in keyof PsSections]-?: (value: unknown) => Read<Value<K>> } = {
  services: (value) => readList('services', value, SERVICE_FIELDS),
  processes: (value) => readList('processes', value, PROCESS_FIELDS),
  os: (value) => readRecord('os', value, OS_FIELDS),
  groups: (value) => readList('groups', value, GROUP_FIELDS),
  identity: (value) => readRecord('identity', value, IDENTITY_FIELDS),
  accounts: readAccounts,
  bindflt: (value) => readRecord<PsFile>('bindflt', value, BINDFLT_FIELDS),
  files: (value) => readList('files', value, FILE_FIELDS),
};

/**
 * The collection document, every section checked against the reader's types: a section of the wrong
 * shape (a string for a list, a null entry, a service without a name, a number for text) becomes a
 * failed section that says what is wrong, so it reaches the checks as an unreadable fact, never as a
 * crash or as "absent". Undefined when the output holds no JSON object at all.
 */
export function readSections(stdout: string): PsSections | undefined {
  const doc = parseSections(stdout) as unknown;
  if (!isRecord(doc)) return undefined;
  const sections: PsSections & { v?: number } = {};
  const v = own(doc, 'v');
  if (typeof v === 'number') sections.v = v;
  for (const [name, readValue] of Object.entries(SECTION_READERS) as [keyof PsSections, ValueReader][]) {
    const section = readSection(doc, name, readValue);
    if (section !== undefined) (sections as Record<string, unknown>)[name] = section;
  }
  return sections;
}

export function powershellPath(host: Host): string {
  return host.local(`${host.systemRoot}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`);
}

export async function runCollectionScript(host: Host, timeoutMs: number, log?: ProbeLog[]): Promise<PsOutcome> {
  const exe = powershellPath(host);
  const args = collectionArgs(Math.max(1, Math.floor(timeoutMs / 1000) - 1));
  const display = ['powershell.exe', ...args.slice(0, -1), '<collection script>'];
  const probe = await runProbe(exe, args, { timeoutMs, display, env: host.env, ...(log ? { log } : {}) });
  if (probe.state !== 'ok') return { ok: false, probe, reason: probe.reason ?? probe.state };
  const sections = readSections(probe.stdout);
  if (!sections) {
    const shown = probe.stdout.trim().slice(0, 160) || '(nothing)';
    return {
      ok: false,
      probe: { ...probe, state: 'error' },
      reason: `PowerShell printed no JSON document: ${JSON.stringify(shown)}`,
    };
  }
  return { ok: true, sections, probe };
}
