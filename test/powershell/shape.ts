/**
 * A run-time check that a collection document has exactly the shape the TypeScript reader expects. The
 * field tables are typed from PsService, PsProcess, ... so that tsc fails when a type gains, loses or
 * retypes a field and this check was not told: the check cannot drift from the reader's types.
 */
import type { PsFile, PsIdentity, PsOs, PsProcess, PsSections, PsService } from '../../src/collect/powershell.js';

type KindOf<V> = V extends string ? 'string' : V extends number ? 'number' : V extends boolean ? 'boolean' : never;
interface Field<K, N extends boolean, O extends boolean> {
  kind: K;
  nullable: N;
  optional: O;
}
/** One entry per field of T, whose kind, nullability and optionality tsc checks against T. */
type Fields<T> = {
  [K in keyof T]-?: Field<
    KindOf<NonNullable<T[K]>>,
    null extends T[K] ? true : false,
    // biome-ignore lint/complexity/noBannedTypes: {} is how "the property may be absent" is asked.
    {} extends Pick<T, K> ? true : false
  >;
};

const str = <N extends boolean, O extends boolean>(nullable: N, optional: O) => ({
  kind: 'string' as const,
  nullable,
  optional,
});
const num = <N extends boolean, O extends boolean>(nullable: N, optional: O) => ({
  kind: 'number' as const,
  nullable,
  optional,
});

const SERVICE: Fields<PsService> = {
  name: str(false, false),
  displayName: str(true, true),
  state: str(true, true),
  startMode: str(true, true),
  startName: str(true, true),
  pathName: str(true, true),
  processId: num(true, true),
};
const PROCESS: Fields<PsProcess> = {
  name: str(false, false),
  processId: num(true, true),
  commandLine: str(true, true),
  executablePath: str(true, true),
};
const OS: Fields<PsOs> = {
  productName: str(true, true),
  currentBuild: str(true, true),
  ubr: num(true, true),
  displayVersion: str(true, true),
  releaseId: str(true, true),
  editionId: str(true, true),
  installationType: str(true, true),
};
type PsGroup = Extract<NonNullable<PsSections['groups']>, { ok: true }>['value'][number];
const GROUP: Fields<PsGroup> = { name: str(false, false), sid: str(true, true) };
const IDENTITY: Fields<PsIdentity> = {
  name: str(true, true),
  sid: str(true, true),
  elevated: { kind: 'boolean', nullable: true, optional: true },
  computerName: str(true, true),
};
const FILE: Fields<PsFile> = {
  path: str(false, false),
  present: { kind: 'boolean', nullable: false, optional: false },
  size: num(true, true),
  modified: str(true, true),
  fileVersion: str(true, true),
  productVersion: str(true, true),
};

type Table = Record<string, { kind: string; nullable: boolean; optional: boolean }>;

function checkObject(where: string, value: unknown, fields: Table, problems: string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${where}: ${JSON.stringify(value)} is not an object`);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(fields)) {
    if (!(key in record)) {
      if (!field.optional) problems.push(`${where}.${key} is missing`);
      continue;
    }
    const v = record[key];
    if (v === null) {
      if (!field.nullable) problems.push(`${where}.${key} is null`);
    } else if (typeof v !== field.kind) {
      problems.push(`${where}.${key} is ${JSON.stringify(v)}, not a ${field.kind}`);
    }
  }
  for (const key of Object.keys(record)) if (!(key in fields)) problems.push(`${where}.${key} is not read by anyone`);
}

/** How each section's value is checked; `list` sections must be JSON arrays (collect.ps1 keeps them so). */
const SECTIONS = {
  services: { list: true, fields: SERVICE },
  processes: { list: true, fields: PROCESS },
  os: { list: false, fields: OS },
  groups: { list: true, fields: GROUP },
  identity: { list: false, fields: IDENTITY },
  accounts: { list: false, fields: undefined },
  bindflt: { list: false, fields: FILE },
  files: { list: true, fields: FILE },
} satisfies Record<keyof PsSections, { list: boolean; fields: Table | undefined }>;

export const SECTION_NAMES = Object.keys(SECTIONS) as (keyof PsSections)[];

/** Every way the document differs from what the reader expects; empty when it matches. */
export function shapeProblems(doc: unknown): string[] {
  const problems: string[] = [];
  if (doc === null || typeof doc !== 'object') return ['the document is not an object'];
  const record = doc as Record<string, unknown>;
  if (record.v !== 1) problems.push(`v is ${JSON.stringify(record.v)}, not 1`);
  for (const key of Object.keys(record)) if (key !== 'v' && !(key in SECTIONS)) problems.push(`unknown section ${key}`);
  for (const [name, spec] of Object.entries(SECTIONS)) {
    const section = record[name] as Record<string, unknown> | undefined;
    if (!section || typeof section !== 'object') {
      problems.push(`section ${name} is missing`);
      continue;
    }
    if (typeof section.ms !== 'number') problems.push(`${name}.ms is not a number`);
    if (section.ok === false) {
      if (typeof section.denied !== 'boolean') problems.push(`${name}.denied is not a boolean`);
      if (typeof section.error !== 'string') problems.push(`${name}.error is not a string`);
      for (const key of Object.keys(section))
        if (!['ok', 'denied', 'error', 'ms'].includes(key)) problems.push(`${name}.${key} is unexpected`);
      continue;
    }
    if (section.ok !== true) {
      problems.push(`${name}.ok is ${JSON.stringify(section.ok)}`);
      continue;
    }
    for (const key of Object.keys(section))
      if (!['ok', 'value', 'ms'].includes(key)) problems.push(`${name}.${key} is unexpected`);
    const value = section.value;
    if (spec.list) {
      if (!Array.isArray(value)) {
        problems.push(`${name}.value is ${JSON.stringify(value)}, not an array`);
        continue;
      }
      value.forEach((item, i) => {
        checkObject(`${name}[${i}]`, item, spec.fields, problems);
      });
    } else if (spec.fields) {
      checkObject(name, value, spec.fields, problems);
    } else if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${name}.value is ${JSON.stringify(value)}, not an object`);
    } else {
      for (const [k, v] of Object.entries(value))
        if (v !== null && typeof v !== 'string') problems.push(`${name}[${k}] is ${JSON.stringify(v)}`);
    }
  }
  return problems;
}

/** The document without the timings, for deepEqual. */
export function withoutTimings(sections: PsSections): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, section] of Object.entries(sections)) {
    if (section && typeof section === 'object') {
      const { ms: _ms, ...rest } = section as { ms?: number };
      out[name] = rest;
    } else {
      out[name] = section;
    }
  }
  return out;
}
