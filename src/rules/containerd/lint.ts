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
import { otherPluginSchemas } from './plugin-schemas.js';
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

/**
 * Optimal string alignment distance (a swap of two letters counts as one edit), computed only within
 * `limit`: the band of width 2·limit+1 around the diagonal; anything farther is limit + 1. Linear in the
 * key's length, so linting a 100,000-key config stays fast.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  const k = Math.min(limit, Math.max(a.length, n));
  const INF = k + 1;
  let prev2 = new Int32Array(n + 1).fill(INF);
  let prev = new Int32Array(n + 1).fill(INF);
  let row = new Int32Array(n + 1).fill(INF);
  for (let j = 0; j <= Math.min(n, k); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(n, i + k);
    for (let j = Math.max(0, lo - 1); j <= Math.min(n, hi + 1); j++) row[j] = INF;
    row[0] = i <= k ? i : INF;
    let best = row[0] as number;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (ai === bj ? 0 : 1),
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      if (v > INF) v = INF;
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > k) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = row;
    row = t;
  }
  return Math.min(prev[n] as number, limit + 1);
}

/** Character counts (ASCII, the rest in one bucket): an edit changes their L1 distance by at most 2. */
function histogram(s: string): Int32Array {
  const h = new Int32Array(129);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h[c < 128 ? c : 128] = (h[c < 128 ? c : 128] as number) + 1;
  }
  return h;
}
const HISTOGRAMS = new WeakMap<readonly string[], Int32Array[]>();

/** The known name a key most likely meant, if it is close enough to be a typo. */
export function closest(key: string, known: readonly string[]): string | undefined {
  if (key.length > 200) return undefined;
  const allowed = Math.max(1, Math.min(3, Math.floor(key.length / 4)));
  const lower = key.toLowerCase();
  let hists = HISTOGRAMS.get(known);
  if (!hists) {
    hists = known.map((k) => histogram(k.toLowerCase()));
    HISTOGRAMS.set(known, hists);
  }
  const mine = histogram(lower);
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (let c = 0; c < known.length; c++) {
    const candidate = known[c] as string;
    if (Math.abs(candidate.length - lower.length) > allowed) continue;
    const other = hists[c] as Int32Array;
    let l1 = 0;
    for (let x = 0; x < 129 && l1 <= 2 * allowed; x++) l1 += Math.abs((mine[x] as number) - (other[x] as number));
    if (l1 > 2 * allowed) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), allowed);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
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
      if (inner && value.kind === 'table')
        stack.push([
          value,
          inner,
          [...path, key],
          f.toml === 'containerd' ? 'CRI containerd setting' : `${f.toml} setting`,
        ]);
      let elem: GoType = f.type;
      while (elem.kind === 'ptr') elem = elem.elem;
      if (elem.kind === 'map' && value.kind === 'table') {
        const elemStruct = structOf(elem.elem);
        if (elemStruct)
          for (const [name, v] of value.entries)
            if (v.kind === 'table')
              stack.push([
                v,
                elemStruct,
                [...path, key, name],
                label === 'runtimes setting' ? 'runtime setting' : `${f.toml} entry`,
              ]);
      }
      if (f.toml === 'options' && value.kind === 'table') {
        for (const [opt, v] of value.entries) {
          if (KNOWN_RUNHCS_OPTIONS.includes(opt)) continue;
          const guess = closest(opt, KNOWN_RUNHCS_OPTIONS);
          if (guess)
            c.add('misspelledKey', [...path, key, opt], v, {
              what: 'runhcs option',
              suggestion: tablePath([...path, key, guess]),
            });
        }
      }
    }
    for (const [key, value] of table.entries) {
      if (read.has(key)) continue;
      const guess = closest(key, names);
      if (guess)
        c.add('misspelledKey', [...path, key], value, { what: label, suggestion: tablePath([...path, guess]) });
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
        c.add('shortPluginKeyIgnored', segments, value, {
          version,
          name: key,
          suggestion: full ? `; write plugins."${full}"` : '',
        });
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
  lintStruct(
    top,
    { ...schema, fields: schema.fields.filter((f) => f.toml !== 'plugins') },
    [],
    family,
    c,
    'top-level key',
  );
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
  // The gc and restart plugins' tables (1.x by short ID in a version 1 file).
  for (const { id, uri, schema } of otherPluginSchemas(family)) {
    const key = family.line === '1.x' && version < 2 ? id : uri;
    const table = plugins.entries.get(key);
    if (table?.kind === 'table') lintStruct(table, schema, ['plugins', key], family, c, `${id} plugin setting`);
  }
  return c.findings;
}
