/**
 * One reading of containerd's config for the checks that need it: the family whose code applies (from
 * containerd's version, else assumed from the config), containerd's load replayed for it, and the
 * effective default runtime. The config text is read again here, as that containerd reads it, so a newer
 * doctor re-reads the evidence of an older snapshot.
 */
import type { Evidence, Unseen } from '../../contract/check.js';
import { evidenceOf, unseenOf } from '../../contract/check.js';
import type { ConfigFile, ContainerdConfig, Fact, NodeFacts } from '../../contract/facts.js';
import { factValue } from '../../contract/facts.js';
import { formatPosition } from '../../parse/toml.js';
import { readV1 } from '../../parse/toml-read.js';
import { toPlain } from '../../parse/toml-tree.js';
import type { ParsedVersion } from '../../parse/versions.js';
import { parseVersionToken } from '../../parse/versions.js';
import { memoOn } from '../memo.js';
import { containerdVersion } from '../readers.js';
import { assumedFamily, FAMILY_EXAMPLES, type Family, familyOf } from './family.js';
import { type LoadResult, loadConfig } from './load.js';
import type { ContainerdLine } from './model.js';
import { type RuntimeResolution, resolveDefaultRuntime } from './runtime.js';
import { integerOf } from './tree.js';

export interface MergedConfig {
  /** The merged version containerd validates. */
  version: number;
  /** The merged config as plain data (JSON-safe). */
  document: Record<string, unknown>;
}

export interface ConfigReading {
  fact: Fact<ContainerdConfig> | undefined;
  config?: ContainerdConfig;
  family: Family;
  /** The family was assumed from the config's version key: containerd's version is unknown. */
  lineAssumed: boolean;
  /** containerd's version fact, when it was collected and could not be read: what the assumption hides. */
  versionUnseen: Unseen[];
  line: ContainerdLine;
  containerd?: ParsedVersion;
  load?: LoadResult;
  /** When the family is assumed: the same load with the other release line, to compare verdicts. */
  otherLine?: LoadResult;
  /** No config file at containerd's default path: containerd runs on its built-in defaults. */
  builtInDefaultsOnly: boolean;
  /** The merged config, when containerd would run with it. */
  merged?: MergedConfig;
  resolution?: RuntimeResolution;
  evidence: Evidence[];
}

export function describeFile(file: ConfigFile): string {
  return file.importedBy ? `${file.path} (imported by ${file.importedBy})` : file.path;
}

export const at = formatPosition;

export function fileEvidence(config: ContainerdConfig): Evidence[] {
  return config.files.map((file) => ({
    fact: file.importedBy ? 'containerd.config.import' : 'containerd.config',
    state: file.state,
    value: describeFile(file),
    ...(file.reason === undefined ? {} : { reason: file.reason }),
    source: { kind: 'file' as const, path: file.path },
  }));
}

/** The config version of the main file, read leniently (for choosing a family when none is known). */
function mainVersion(config: ContainerdConfig): number | undefined {
  const main = config.files[0];
  if (main?.state !== 'ok') return undefined;
  const v1 = readV1(main, '1.9.5');
  if (v1?.ok) {
    const v = integerOf(v1.tree.entries.get('version'));
    return v === undefined ? undefined : Number(v);
  }
  const doc = main.parse?.ok ? main.parse.document : undefined;
  return typeof doc?.version === 'number' ? doc.version : undefined;
}

/** Memoised on the facts: the checks that read the config share one reading per run. */
export const readContainerdConfig = memoOn(readConfig);

/** Why containerd's version is unknown, for a check that cannot judge without it. */
export function versionReason(reading: ConfigReading): string {
  const [unseen] = reading.versionUnseen;
  return unseen ? (unseen.reason ?? unseen.state) : 'not read';
}

function readConfig(facts: NodeFacts): ConfigReading {
  const fact = facts.containerd?.config;
  const versionReading = containerdVersion(facts);
  const config = factValue(fact);
  const version = versionReading.version;
  const family = version ? familyOf(version) : assumedFamily(config ? mainVersion(config) : undefined);
  const reading: ConfigReading = {
    fact,
    family,
    line: family.line,
    lineAssumed: !version,
    versionUnseen: version ? [] : unseenOf('containerd.version', facts.containerd?.version),
    builtInDefaultsOnly: false,
    evidence: [...(config ? fileEvidence(config) : evidenceOf('containerd.config', fact)), ...versionReading.evidence],
  };
  if (version) reading.containerd = version;
  if (!config) return reading;
  reading.config = config;
  const load = loadConfig(config, family);
  reading.load = load;
  reading.builtInDefaultsOnly = load.builtInDefaultsOnly;
  if (!version) {
    const other = familyOf(
      parseVersionToken(family.line === '1.x' ? FAMILY_EXAMPLES['2.0-2.2'] : FAMILY_EXAMPLES['1.7']) as ParsedVersion,
    );
    reading.otherLine = loadConfig(config, other);
  }
  if (!load.refusal && load.unseen.length === 0) {
    reading.merged = { version: load.version, document: toPlain(load.config) as Record<string, unknown> };
    reading.resolution = resolveDefaultRuntime(load);
  }
  return reading;
}
