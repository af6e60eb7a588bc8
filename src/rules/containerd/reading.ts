/**
 * One reading of containerd's config for the checks that need it: which files were loaded, whether
 * they could all be read and parsed, the merged config, and the effective default runtime.
 */
import type { Evidence } from '../../contract/check.js';
import { evidenceOf } from '../../contract/check.js';
import type { ConfigFile, ContainerdConfig, Fact, NodeFacts } from '../../contract/facts.js';
import { factValue } from '../../contract/facts.js';
import { formatPosition } from '../../parse/toml.js';
import { describeVersion, type ParsedVersion } from '../../parse/versions.js';
import { memoOn } from '../memo.js';
import { containerdVersion } from '../readers.js';
import { type LoadedDocument, type MergedConfig, mergeDocuments, versionOf } from './merge.js';
import type { ContainerdLine } from './model.js';
import { type RuntimeResolution, resolveDefaultRuntime } from './runtime.js';

export type Blocker =
  | { id: 'mainUnreadable'; file: ConfigFile }
  | { id: 'explicitMainMissing'; file: ConfigFile }
  | { id: 'template'; file: ConfigFile }
  | { id: 'syntax'; file: ConfigFile }
  | { id: 'importMissing'; file: ConfigFile }
  | { id: 'importUnreadable'; file: ConfigFile }
  | { id: 'encoding'; file: ConfigFile };

export interface ConfigReading {
  fact: Fact<ContainerdConfig> | undefined;
  config?: ContainerdConfig;
  line: ContainerdLine;
  /** The line was inferred from the config's schema version, not from containerd's version. */
  lineAssumed: boolean;
  containerd?: ParsedVersion;
  /** No config file at containerd's default path: containerd runs on its built-in defaults. */
  builtInDefaultsOnly: boolean;
  /** Why no effective config can be computed, most severe first. */
  blockers: Blocker[];
  merged?: MergedConfig;
  resolution?: RuntimeResolution;
  evidence: Evidence[];
}

export function describeFile(file: ConfigFile): string {
  return file.importedBy ? `${file.path} (imported by ${file.importedBy})` : file.path;
}

export function positionOf(file: ConfigFile): string {
  if (file.template) return formatPosition(file.path, file.template.line, file.template.column);
  if (file.parse && !file.parse.ok) return formatPosition(file.path, file.parse.error.line, file.parse.error.column);
  return file.path;
}

/** containerd reads UTF-8 only; 2.x's parser also stops at a UTF-8 BOM (see containerd-config). */
function unreadableByContainerd(file: ConfigFile, line: ContainerdLine | undefined): boolean {
  return file.encoding === 'utf16le' || file.encoding === 'utf16be' || (file.encoding === 'utf8-bom' && line === '2.x');
}

function blockersOf(config: ContainerdConfig, line: ContainerdLine | undefined): Blocker[] {
  const blockers: Blocker[] = [];
  for (const file of config.files) {
    const isMain = file.importedBy === undefined;
    if (file.state === 'missing') {
      if (isMain && config.pathSource === 'command-line') blockers.push({ id: 'explicitMainMissing', file });
      else if (!isMain) blockers.push({ id: 'importMissing', file });
    } else if (file.state !== 'ok') {
      blockers.push({ id: isMain ? 'mainUnreadable' : 'importUnreadable', file });
    } else if (unreadableByContainerd(file, line)) {
      blockers.push({ id: 'encoding', file });
    } else if (file.template) {
      blockers.push({ id: 'template', file });
    } else if (file.parse && !file.parse.ok) {
      blockers.push({ id: 'syntax', file });
    }
  }
  return blockers;
}

function lineFor(version: ParsedVersion | undefined, documents: LoadedDocument[]): [ContainerdLine, boolean] {
  if (version) return [version.major >= 2 ? '2.x' : '1.x', false];
  const first = documents[0] ? versionOf(documents[0].document) : undefined;
  return [first !== undefined && first >= 3 ? '2.x' : '1.x', true];
}

export function fileEvidence(config: ContainerdConfig): Evidence[] {
  return config.files.map((file) => ({
    fact: file.importedBy ? 'containerd.config.import' : 'containerd.config',
    state: file.state,
    value: describeFile(file),
    ...(file.reason === undefined ? {} : { reason: file.reason }),
    source: { kind: 'file' as const, path: file.path },
  }));
}

/** Memoised on the facts: the checks that read the config share one reading per run. */
export const readContainerdConfig = memoOn(readConfig);

function readConfig(facts: NodeFacts): ConfigReading {
  const fact = facts.containerd?.config;
  const versionReading = containerdVersion(facts);
  const config = factValue(fact);
  const reading: ConfigReading = {
    fact,
    line: '1.x',
    lineAssumed: true,
    builtInDefaultsOnly: false,
    blockers: [],
    evidence: [...(config ? fileEvidence(config) : evidenceOf('containerd.config', fact)), ...versionReading.evidence],
  };
  if (versionReading.version) reading.containerd = versionReading.version;
  if (!config) return reading;
  reading.config = config;
  const main = config.files[0];
  reading.builtInDefaultsOnly = main?.state === 'missing' && config.pathSource !== 'command-line';
  const documents: LoadedDocument[] = config.files.flatMap((file) =>
    file.state === 'ok' && file.parse?.ok ? [{ path: file.path, document: file.parse.document }] : [],
  );
  const [line, assumed] = lineFor(versionReading.version, documents);
  reading.line = line;
  reading.lineAssumed = assumed;
  reading.blockers = blockersOf(config, assumed ? undefined : line);
  if (reading.blockers.length > 0) return reading;
  reading.merged = mergeDocuments(documents, line);
  reading.resolution = resolveDefaultRuntime(reading.merged, line, versionReading.version?.minor);
  return reading;
}

/** "containerd 1.7.20" or "containerd 1.x (assumed from the config's version)". */
export function describeLine(reading: ConfigReading): string {
  if (reading.containerd) return `containerd ${describeVersion(reading.containerd)}`;
  return `containerd ${reading.line} (version unknown, assumed from the config)`;
}
