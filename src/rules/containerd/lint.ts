/**
 * Tables and keys containerd would not read: misspellings (`plugins.cri.conatinerd`), v1 short plugin
 * names in a v2 file (fatal on 1.x: `invalid plugin key URI "cri" expect io.containerd.x.vx`; silently
 * unused on 2.x), full plugin IDs in a v1 file, and plugins no release knows.
 */
import {
  type ContainerdLine,
  CRI_GRPC_KEY,
  CRI_RUNTIME_KEY,
  CRI_V1_KEY,
  isTable,
  KNOWN_CONTAINERD_SECTION,
  KNOWN_CRI_TABLES,
  KNOWN_PLUGIN_IDS,
  KNOWN_PLUGIN_TYPES,
  KNOWN_RUNHCS_OPTIONS,
  KNOWN_RUNTIME_KEYS,
  KNOWN_TOP_LEVEL,
  type Table,
  tablePath,
  V1_CORE_PLUGINS,
} from './model.js';

export const LINT_IDS = [
  'unknownKey',
  'misspelledKey',
  'unknownPlugin',
  'shortPluginKey',
  'shortPluginKeyIgnored',
  'fullPluginKeyInV1',
  'relativeGlobImport',
] as const;
export type LintId = (typeof LINT_IDS)[number];

/** One lint finding: its id and the data its message template (in the containerd-config check) needs. */
export interface LintFinding {
  severity: 'fail' | 'warn';
  id: LintId;
  /** The TOML path of the table or key. */
  key: string;
  segments: string[];
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
  add(finding: Omit<LintFinding, 'key' | 'data'> & { data?: LintFinding['data'] }): void {
    const key = tablePath(finding.segments);
    this.findings.push({ ...finding, key, data: { key, ...finding.data } });
  }
  /** Keys not in `known`: reported when they look like a typo of a known one. */
  misspellings(table: Table, at: string[], known: readonly string[], what: string): void {
    for (const key of Object.keys(table)) {
      if (known.includes(key)) continue;
      const guess = closest(key, known);
      if (guess && guess.toLowerCase() !== key.toLowerCase()) {
        this.add({
          severity: 'warn',
          id: 'misspelledKey',
          segments: [...at, key],
          data: { what, suggestion: tablePath([...at, guess]) },
        });
      }
    }
  }
}

function lintTopLevel(document: Table, c: Collector): void {
  for (const key of Object.keys(document)) {
    if (KNOWN_TOP_LEVEL.includes(key)) continue;
    const guess = closest(key, KNOWN_TOP_LEVEL);
    c.add({
      severity: 'warn',
      id: guess ? 'misspelledKey' : 'unknownKey',
      segments: [key],
      data: guess ? { what: 'top-level key', suggestion: guess } : {},
    });
  }
}

function lintPluginKeys(plugins: Table, version: number, line: ContainerdLine | undefined, c: Collector): void {
  for (const key of Object.keys(plugins)) {
    const segments = ['plugins', key];
    if (version < 2) {
      // containerd 2.x migrates v1 names and keeps full IDs, so only 1.x ignores them.
      if (key.split('.').length >= 4 && line !== '2.x') {
        c.add({
          severity: 'warn',
          id: 'fullPluginKeyInV1',
          segments,
          data: { shortId: key.split('.').pop() ?? key },
        });
      } else if (!V1_SHORT_NAMES.includes(key) && !key.endsWith('-service')) {
        const guess = closest(key, V1_SHORT_NAMES);
        if (guess) {
          c.add({
            severity: 'warn',
            id: 'misspelledKey',
            segments,
            data: { what: 'plugin', suggestion: `plugins.${guess}` },
          });
        }
      }
      continue;
    }
    if (key.split('.').length < 4) {
      const full = V1_CORE_PLUGINS[key];
      c.add({
        severity: line === '2.x' ? 'warn' : 'fail',
        id: line === '2.x' ? 'shortPluginKeyIgnored' : 'shortPluginKey',
        segments,
        data: { version, name: key, suggestion: full ? `; write plugins."${full}"` : '' },
      });
      continue;
    }
    if (KNOWN_PLUGIN_IDS.includes(key)) continue;
    const guess = closest(key, KNOWN_PLUGIN_IDS);
    // A plugin of a known type that is not a near miss of a known ID is a third-party or newer plugin.
    if (!guess && isKnownPluginId(key)) continue;
    c.add({
      severity: 'warn',
      id: guess ? 'misspelledKey' : 'unknownPlugin',
      segments,
      data: guess ? { what: 'plugin', suggestion: `plugins."${guess}"` } : {},
    });
  }
}

function lintCriPlugin(plugins: Table, version: number, c: Collector): void {
  const criKeys = version < 2 ? [CRI_V1_KEY] : [CRI_GRPC_KEY, CRI_RUNTIME_KEY];
  for (const criKey of criKeys) {
    const cri = plugins[criKey];
    if (!isTable(cri)) continue;
    const at = ['plugins', criKey];
    const tables = Object.fromEntries(Object.entries(cri).filter(([, v]) => isTable(v)));
    c.misspellings(tables, at, KNOWN_CRI_TABLES, 'CRI table');
    const section = cri.containerd;
    if (!isTable(section)) continue;
    const sectionAt = [...at, 'containerd'];
    c.misspellings(section, sectionAt, KNOWN_CONTAINERD_SECTION, 'containerd setting');
    const runtimes = isTable(section.runtimes) ? section.runtimes : {};
    const entries: [string, unknown][] = [...Object.entries(runtimes)];
    for (const legacy of ['default_runtime', 'untrusted_workload_runtime']) {
      if (isTable(section[legacy])) entries.push([legacy, section[legacy]]);
    }
    for (const [name, runtime] of entries) {
      if (!isTable(runtime)) continue;
      const runtimeAt =
        name === 'default_runtime' || name === 'untrusted_workload_runtime'
          ? [...sectionAt, name]
          : [...sectionAt, 'runtimes', name];
      c.misspellings(runtime, runtimeAt, KNOWN_RUNTIME_KEYS, 'runtime setting');
      if (isTable(runtime.options))
        c.misspellings(runtime.options, [...runtimeAt, 'options'], KNOWN_RUNHCS_OPTIONS, 'runhcs option');
    }
  }
}

function lintImports(document: Table, line: ContainerdLine | undefined, c: Collector): void {
  if (line !== '1.x' || !Array.isArray(document.imports)) return;
  for (const entry of document.imports) {
    if (typeof entry !== 'string' || !entry.includes('*')) continue;
    if (/^([A-Za-z]:[\\/]|[\\/])/.test(entry)) continue;
    c.add({ severity: 'warn', id: 'relativeGlobImport', segments: ['imports'], data: { entry } });
  }
}

/**
 * Lints one file. `version` is the schema the file is read as; `line` the containerd release line, when
 * known (an unknown line is treated as the stricter 1.x where the two differ).
 */
export function lintDocument(document: Table, version: number, line: ContainerdLine | undefined): LintFinding[] {
  const c = new Collector();
  lintTopLevel(document, c);
  lintImports(document, line, c);
  if (isTable(document.plugins)) {
    lintPluginKeys(document.plugins, version, line, c);
    lintCriPlugin(document.plugins, version, c);
  }
  return c.findings;
}
