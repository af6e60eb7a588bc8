/**
 * Keys containerd does not read, per file, judged against the Go structs the family decodes into
 * (schema-data.ts) with that family's key matching: misspellings (`plugins.cri.conatinerd`), unknown
 * top-level keys (2.x warns "Ignoring unknown key in TOML"; 1.x ignores them silently), v1 short plugin
 * names in a version 2 file on 2.x (never read), full plugin IDs in a version 1 file on 1.x (looked up by
 * short ID, so ignored), and plugins no release knows. A v1 short name in a version 2 file on 1.x is not
 * here: containerd refuses it ("invalid plugin key URI"), a load refusal.
 */
import type { GoStruct, GoType } from '../../parse/toml-decode.js';
import type { TomlNode, TomlTable } from '../../parse/toml-tree.js';
import type { Family } from './family.js';
import { criSchemas, matchingOf, topSchema } from './load.js';
import {
  CRI_GRPC_KEY,
  CRI_IMAGES_KEY,
  CRI_RUNTIME_KEY,
  CRI_V1_KEY,
  KNOWN_PLUGIN_IDS,
  KNOWN_PLUGIN_TYPES,
  KNOWN_RUNHCS_OPTIONS,
  tablePath,
  V1_CORE_PLUGINS,
} from './model.js';
import { SCHEMAS } from './schema-data.js';
import { fieldKey } from './tree.js';

export const LINT_IDS = [
  'unknownKey',
  'misspelledKey',
  'unknownPlugin',
  'shortPluginKeyIgnored',
  'fullPluginKeyInV1',
] as const;
export type LintId = (typeof LINT_IDS)[number];

export interface LintFinding {
  severity: 'warn';
  id: LintId;
  key: string;
  segments: string[];
  line: number;
  data: Record<string, string | number>;
}

/** Optimal string alignment distance: a swap of two letters counts as one edit. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The known name a key most likely meant, if it is close enough to be a typo. */
export function closest(key: string, known: readonly string[]): string | undefined {
  if (key.length > 200) return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(key.length / 4)));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

const V1_SHORT_NAMES = [...Object.keys(V1_CORE_PLUGINS), 'diff-service', 'tasks-service', 'windows', 'windows-lcow'];

function isKnownPluginId(id: string): boolean {
  const m = /^io\.containerd\.(.+)\.v\d+\.[^.]+$/.exec(id);
  return m !== null && KNOWN_PLUGIN_TYPES.has(m[1] as string);
}

class Collector {
  readonly findings: LintFinding[] = [];
  add(id: LintId, segments: string[], node: TomlNode | undefined, data: Record<string, string | number> = {}): void {
    const key = tablePath(segments);
    this.findings.push({ severity: 'warn', id, key, segments, line: node?.pos.line ?? 0, data: { key, ...data } });
  }
}

const structOf = (t: GoType): GoStruct | undefined => {
  let x = t;
  while (x.kind === 'ptr') x = x.elem;
  return x.kind === 'struct' ? x : undefined;
};

/** Walks a table against a struct: keys no field reads are misspellings (near a field) or unknown. */
function lintStruct(root: TomlTable, type: GoStruct, at: string[], family: Family, c: Collector, what: string): void {
  const matching = matchingOf(family);
  const stack: [TomlTable, GoStruct, string[], string][] = [[root, type, at, what]];
  while (stack.length > 0) {
    const [table, schema, path, label] = stack.pop() as [TomlTable, GoStruct, string[], string];
    const names = schema.fields.map((f) => f.toml);
    const read = new Set<string>();
    for (const f of schema.fields) {
      const key = fieldKey(table, f.toml, matching);
      const embedded = structOf(f.type);
      if (key === undefined && matching === 'go-toml-v1' && f.anonymous && embedded) {
        // go-toml v1 reads an absent embedded struct from this same table.
        for (const g of embedded.fields) {
          names.push(g.toml);
          const k = fieldKey(table, g.toml, matching);
          if (k !== undefined) read.add(k);
        }
        continue;
      }
      if (key === undefined) continue;
      read.add(key);
      const value = table.entries.get(key) as TomlNode;
      const inner = structOf(f.type);
      if (inner && value.kind === 'table') stack.push([value, inner, [...path, key], f.toml === 'containerd' ? 'CRI containerd setting' : `${f.toml} setting`]);
      let elem: GoType = f.type;
      while (elem.kind === 'ptr') elem = elem.elem;
      if (elem.kind === 'map' && value.kind === 'table') {
        const elemStruct = structOf(elem.elem);
        if (elemStruct)
          for (const [name, v] of value.entries)
            if (v.kind === 'table') stack.push([v, elemStruct, [...path, key, name], label === 'runtimes setting' ? 'runtime setting' : `${f.toml} entry`]);
      }
      if (f.toml === 'options' && value.kind === 'table') {
        for (const [opt, v] of value.entries) {
          if (KNOWN_RUNHCS_OPTIONS.includes(opt)) continue;
          const guess = closest(opt, KNOWN_RUNHCS_OPTIONS);
          if (guess) c.add('misspelledKey', [...path, key, opt], v, { what: 'runhcs option', suggestion: tablePath([...path, key, guess]) });
        }
      }
    }
    for (const [key, value] of table.entries) {
      if (read.has(key)) continue;
      const guess = closest(key, names);
      if (guess) c.add('misspelledKey', [...path, key], value, { what: label, suggestion: tablePath([...path, guess]) });
      else c.add('unknownKey', [...path, key], value, { what: label });
    }
  }
}

function lintPluginKeys(plugins: TomlTable, version: number, family: Family, c: Collector): void {
  for (const [key, value] of plugins.entries) {
    const segments = ['plugins', key];
    if (version < 2) {
      if (key.split('.').length >= 4 && family.line === '1.x') {
        c.add('fullPluginKeyInV1', segments, value, { shortId: key.split('.').pop() ?? key });
      } else if (!V1_SHORT_NAMES.includes(key) && !key.endsWith('-service') && !key.includes('.')) {
        const guess = closest(key, V1_SHORT_NAMES);
        if (guess) c.add('misspelledKey', segments, value, { what: 'plugin', suggestion: `plugins.${guess}` });
      }
      continue;
    }
    if (key.split('.').length < 4) {
      if (family.line === '2.x' && !key.includes('.')) {
        const full = V1_CORE_PLUGINS[key];
        c.add('shortPluginKeyIgnored', segments, value, { version, name: key, suggestion: full ? `; write plugins."${full}"` : '' });
      }
      continue;
    }
    if (KNOWN_PLUGIN_IDS.includes(key)) continue;
    const guess = closest(key, KNOWN_PLUGIN_IDS);
    if (!guess && isKnownPluginId(key)) continue;
    if (guess) c.add('misspelledKey', segments, value, { what: 'plugin', suggestion: `plugins."${guess}"` });
    else c.add('unknownPlugin', segments, value);
  }
}

/**
 * Lints one file as the family reads it. `version` is the schema the file is read as (its own on 2.x,
 * the merged one on 1.x).
 */
export function lintFile(tree: TomlTable, version: number, family: Family): LintFinding[] {
  const c = new Collector();
  const schema = topSchema(family);
  // Top level: plugins are checked below, the rest against the Config struct.
  const top: TomlTable = { ...tree, entries: new Map([...tree.entries].filter(([k]) => k !== 'plugins')) };
  lintStruct(top, { ...schema, fields: schema.fields.filter((f) => f.toml !== 'plugins') }, [], family, c, 'top-level key');
  const plugins = tree.entries.get(fieldKey(tree, 'plugins', matchingOf(family)) ?? 'plugins');
  if (plugins?.kind !== 'table') return c.findings;
  lintPluginKeys(plugins, version, family, c);
  // The CRI tables against the structs this family decodes them into.
  const cri = criSchemas(family);
  // A version 2 file on 2.x is migrated from the 1.x layout, so its CRI table is read as 1.7's.
  const tables: [string, GoStruct | undefined][] =
    family.line === '1.x'
      ? [[version < 2 ? CRI_V1_KEY : CRI_GRPC_KEY, cri[0]?.schema]]
      : version >= 3
        ? [
            [CRI_RUNTIME_KEY, cri[0]?.schema],
            [CRI_IMAGES_KEY, cri[1]?.schema],
          ]
        : [[version < 2 ? CRI_V1_KEY : CRI_GRPC_KEY, SCHEMAS.cri17_PluginConfig]];
  for (const [key, schemaOf] of tables) {
    const table = plugins.entries.get(key);
    if (table?.kind === 'table' && schemaOf) lintStruct(table, schemaOf, ['plugins', key], family, c, 'CRI setting');
  }
  return c.findings;
}
