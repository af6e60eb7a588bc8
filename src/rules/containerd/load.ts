/**
 * containerd's LoadConfig replayed for one family over the files the doctor collected: breadth first from
 * the main file, each file read by that family's TOML parser and decoded into its Config struct,
 * migrated, merged, its imports resolved; then the merged config validated, the plugin migrations run
 * (2.0–2.2) and the CRI plugins' tables decoded into their structs. The result says what containerd
 * would do: refuse to start (with its own words), or run with this config.
 *
 * Sources, per step (docs/containerd.md has the quotes):
 * - loop, dedupe, last path in errors: services/server/config/config.go @v1.7.34:197-242,
 *   cmd/containerd/server/config/config.go @v2.0.0:292-340, @v2.3.4:451-519.
 * - file errors: 1.x "failed to load TOML: %s: %w" / "failed to unmarshal TOML: %w" (@v1.7.34:247-258);
 *   2.x raw os.Open errors, "failed to unmarshal TOML at row %d column %d: %w" (@v2.0.0:345-385).
 * - validation: ValidateV2 (@v1.6.0:98-120, @v1.7.34:98-128), ValidateVersion (@v2.0.0:115-132).
 * - plugin decode stops containerd: services/server/server.go @v1.6.0:236-240, cmd/containerd/server/
 *   server.go @v2.0.0:287-291; 2.0–2.2 migrate the merged plugins once when version < 3 (@v2.0.0:246-261).
 */
import type { ConfigFile, ContainerdConfig, ImportResolution } from '../../contract/facts.js';
import {
  decodeV1,
  decodeV2,
  type GoStruct,
  type GoType,
  goTypeName,
  marshalledExpressions,
} from '../../parse/toml-decode.js';
import { loadBytesV1 } from '../../parse/toml-gotoml1.js';
import { ByteLines, parseV2, treeOfV2 } from '../../parse/toml-gotoml2.js';
import { readV1, sourceBytes } from '../../parse/toml-read.js';
import { goQuote, newTable, type TomlNode, type TomlTable } from '../../parse/toml-tree.js';
import type { Family } from './family.js';
import { type Line, mergeFile } from './merge.js';
import {
  MigrationPanic,
  migrateCriGrpc,
  migrateImages,
  migrateRestart,
  migrateRuntime,
  RESTART_KEY,
  serviceMigrate,
  v1Migrate,
} from './migrate.js';
import { CRI_GRPC_KEY, CRI_IMAGES_KEY, CRI_RUNTIME_KEY, CRI_V1_KEY } from './model.js';
import { otherPluginSchemas } from './plugin-schemas.js';
import { SCHEMAS } from './schema-data.js';
import { at, field, fileOf, integerOf, type Matching, shallowCopy, stampFile, stringsOf, structView } from './tree.js';

export type RefusalId =
  | 'explicitMissing'
  | 'importMissing'
  | 'unreadableFile'
  | 'syntax'
  | 'typeError'
  | 'badPattern'
  | 'unsupportedVersion'
  | 'invalidPluginUri'
  | 'dropInVersion'
  | 'pluginTypeError'
  | 'requiredPlugin'
  | 'crash';

export interface Refusal {
  id: RefusalId;
  /** What containerd prints after "containerd: " (OS texts on Windows may differ, see docs/containerd.md). */
  message: string;
  /** The file the refusal is about, and where in it. */
  file?: string;
  line?: number;
  column?: number;
  key?: string[];
  /** For type errors: the Go type containerd expected. */
  expected?: string | undefined;
  /** For invalid plugin URIs: which list and the entry. */
  entry?: string;
  list?: 'disabled_plugins' | 'required_plugins' | 'plugins';
  /** The version values of a version refusal. */
  version?: number;
  max?: number;
}

export type NoteId =
  | 'unknownKey'
  | 'unknownPluginKey'
  | 'deprecatedVersion'
  | 'relativeGlobCwd'
  | 'unmatchedGlob'
  | 'v3OnOld1x';

export interface Note {
  id: NoteId;
  file: string;
  line?: number;
  key?: string[];
  entry?: string;
  matches?: string[];
  version?: number;
}

export interface LoadedFile {
  file: ConfigFile;
  /** The file's config as its Config struct reads it (known top-level keys only), after migration. */
  view: TomlTable;
  /** The whole document as parsed (unknown keys too), for lint and positions. */
  tree: TomlTable;
  /** The `version` the file declares (0 when absent). */
  version: number;
}

export interface LoadResult {
  family: Family;
  /** The files containerd reads, in its order, up to a refusal. */
  files: LoadedFile[];
  refusal?: Refusal;
  /** Files containerd would read that the doctor could not (denied, timed out, over its limits). */
  unseen: ConfigFile[];
  /** No config file at containerd's default path: it runs on its built-in defaults. */
  builtInDefaultsOnly: boolean;
  notes: Note[];
  /** The merged config (Config struct fields), after migrations. */
  config: TomlTable;
  /** The merged version containerd validates (no `version` anywhere: 1 on 1.x, 3 or 4 on 2.x). */
  version: number;
  /** The path containerd's validation errors name: the last file dequeued, not the main file. */
  lastPath: string;
  disabled: string[];
  required: string[];
}

export function topSchema(family: Family): GoStruct {
  switch (family.id) {
    case '1.6':
      return SCHEMAS.top16_Config;
    case '1.7':
      return SCHEMAS.top17_Config;
    case '2.0-2.2':
      return SCHEMAS.top20_Config;
    default:
      return SCHEMAS.top23_Config;
  }
}

export function criSchemas(family: Family): { id: string; schema: GoStruct }[] {
  if (family.line === '1.x')
    return [
      { id: CRI_GRPC_KEY, schema: family.id === '1.6' ? SCHEMAS.cri16_PluginConfig : SCHEMAS.cri17_PluginConfig },
    ];
  const minor = family.version?.minor ?? (family.id === '2.0-2.2' ? 2 : 3);
  const set =
    minor <= 1
      ? [SCHEMAS.cri20_RuntimeConfig, SCHEMAS.cri20_ImageConfig, SCHEMAS.cri20_ServerConfig]
      : minor === 2
        ? [SCHEMAS.cri22_RuntimeConfig, SCHEMAS.cri22_ImageConfig, SCHEMAS.cri22_ServerConfig]
        : [SCHEMAS.cri23_RuntimeConfig, SCHEMAS.cri23_ImageConfig, SCHEMAS.cri23_ServerConfig];
  return [
    { id: CRI_RUNTIME_KEY, schema: set[0] as GoStruct },
    { id: CRI_IMAGES_KEY, schema: set[1] as GoStruct },
    { id: CRI_GRPC_KEY, schema: set[2] as GoStruct },
  ];
}

export const matchingOf = (family: Family): Matching => (family.line === '1.x' ? 'go-toml-v1' : 'go-toml-v2');

const windowsPath = (p: string) => /^[A-Za-z]:[\\/]|^\\\\|\\/.test(p);

/** The OS's words inside containerd's messages (Linux texts for a local what-if path). */
function osText(p: string, what: 'missing' | 'directory' | 'loop'): string {
  if (windowsPath(p))
    return what === 'missing'
      ? 'The system cannot find the file specified.'
      : what === 'directory'
        ? 'Incorrect function.'
        : 'The name of the file cannot be resolved by the system.';
  return what === 'missing'
    ? 'no such file or directory'
    : what === 'directory'
      ? 'is a directory'
      : 'too many levels of symbolic links';
}

/** go-toml's words for a value of the wrong type (the rest are syntax and duplicate errors). */
const TYPE_ERROR =
  /cannot decode TOML|cannot store TOML|cannot store a table|cannot store inline table|cannot assign boolean|float cannot be assigned|unhandled kv part|does not fit in/;

/** go-toml's reading of one file for a family: the tree, or containerd's error for the file. */
export interface FileReading {
  tree?: TomlTable;
  /** The parsed expressions (2.x), for the struct decoder. */
  refusal?: Refusal;
  notes: Note[];
}

function utf16Bytes(file: ConfigFile): Uint8Array {
  const le = Buffer.from(file.text ?? '', 'utf16le');
  const body = file.encoding === 'utf16be' ? le.swap16() : le;
  const bom = file.encoding === 'utf16be' ? [0xfe, 0xff] : [0xff, 0xfe];
  return new Uint8Array([...bom, ...body]);
}

const READINGS = new WeakMap<ConfigFile, Map<string, FileReading>>();

/** Reads and decodes one file as the family's containerd does (memoised per file and family). */
export function readFile(file: ConfigFile, family: Family): FileReading {
  const key = `${family.id}:${family.parser.version}:${family.version?.token ?? ''}`;
  let cache = READINGS.get(file);
  if (!cache) {
    cache = new Map();
    READINGS.set(file, cache);
  }
  const cached = cache.get(key);
  if (cached) return cached;
  const reading = readUncached(file, family);
  cache.set(key, reading);
  return reading;
}

function readUncached(file: ConfigFile, family: Family): FileReading {
  const path = file.path;
  const schema = topSchema(family);
  const utf16 = file.encoding === 'utf16le' || file.encoding === 'utf16be';
  if (family.parser.name === 'go-toml-v1') {
    const result = utf16 ? loadBytesV1(utf16Bytes(file), family.parser.version) : readV1(file, family.parser.version);
    if (!result) return { notes: [] };
    if (!result.ok) {
      if (result.panic) return { notes: [], refusal: { id: 'crash', message: `panic: ${result.message}`, file: path } };
      return {
        notes: [],
        refusal: {
          id: 'syntax',
          message: `failed to load TOML: ${path}: ${result.message}`,
          file: path,
          ...(result.line !== undefined ? { line: result.line, column: result.column as number } : {}),
        },
      };
    }
    stampFile(result.tree, path);
    const error = decodeV1(result.tree, schema, family.parser.version);
    if (error)
      return {
        tree: result.tree,
        notes: [],
        refusal: {
          id: 'typeError',
          message: `failed to unmarshal TOML: ${error.message}`,
          file: path,
          line: error.line,
          column: error.column,
          key: error.key,
        },
      };
    return { tree: result.tree, notes: [] };
  }
  const bytes = utf16 ? utf16Bytes(file) : sourceBytes(file);
  if (!bytes) return { notes: [] };
  const parsed = parseV2(bytes);
  const decoded = decodeV2(
    parsed.expressions,
    schema,
    family.parser.version,
    parsed.parseError ? { parseError: parsed.parseError } : {},
  );
  const lines = new ByteLines(bytes);
  const notes: Note[] = decoded.unknown.map((u) => ({
    id: 'unknownKey',
    file: path,
    line: lines.at(u.offset).line,
    key: u.key,
  }));
  const error = decoded.error;
  if (error) {
    if (error.panic)
      return {
        notes,
        refusal: {
          id: 'crash',
          message: `panic: ${error.message}`,
          file: path,
          ...(error.key ? { key: error.key } : {}),
        },
      };
    const position = error.offset !== undefined ? lines.at(error.offset) : undefined;
    const message = position
      ? `failed to unmarshal TOML at row ${position.line} column ${position.column}: toml: ${error.message}`
      : `failed to unmarshal TOML: ${error.plain ? error.message : `toml: ${error.message}`}`;
    return {
      notes,
      refusal: {
        id: TYPE_ERROR.test(error.message) ? 'typeError' : 'syntax',
        message,
        file: path,
        ...(position ? { line: position.line, column: position.column } : {}),
        ...(error.key ? { key: error.key } : {}),
      },
    };
  }
  const tree = treeOfV2(parsed);
  stampFile(tree, path);
  return { tree, notes };
}

/**
 * How each `imports` entry of a file resolves. Snapshots before ContainerdConfig.imports existed (and
 * hand-made facts) list each import with the file that imported it, in the collector's breadth-first
 * order: those are that file's imports.
 */
function resolutionsOf(config: ContainerdConfig): (importedBy: string, entries: string[]) => ImportResolution[] {
  const recorded = new Map<string, ImportResolution>();
  for (const r of config.imports ?? []) recorded.set(`${r.importedBy}\u0000${r.entry}`, r);
  if (config.imports !== undefined)
    return (importedBy, entries) =>
      entries.map(
        (entry) =>
          recorded.get(`${importedBy}\u0000${entry}`) ?? {
            entry,
            importedBy,
            resolved: entry,
            glob: entry.includes('*'),
            matches: [],
          },
      );
  return (importedBy) => {
    const children = config.files.filter((f) => f.importedBy === importedBy);
    const byPattern = new Map<string, string[]>();
    for (const child of children) {
      const key = child.pattern ?? child.path;
      byPattern.set(key, [...(byPattern.get(key) ?? []), child.path]);
    }
    return [...byPattern].map(([entry, matches]) => {
      const glob = entry.includes('*');
      const relative = glob && !/^([A-Za-z]:[\\/]|[\\/])/.test(entry);
      return {
        entry,
        importedBy,
        resolved: matches[0] ?? entry,
        glob,
        matches,
        ...(relative ? { relativeGlob: true } : {}),
      };
    });
  };
}

function versionOf(view: TomlTable): number {
  const v = integerOf(view.entries.get('version'));
  return v === undefined ? 0 : Number(BigInt.asIntN(64, v));
}

class Stop extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** ValidateV2's URI test (1.x). */
function invalidUri1x(p: string, family: Family): boolean {
  if (family.pluginPrefixCheck) return !p.startsWith('io.containerd.') || p.split('.').length < 4;
  return p.split('.').length < 4;
}

export function loadConfig(config: ContainerdConfig, family: Family): LoadResult {
  const line: Line = family.line;
  const schema = topSchema(family);
  const matching = matchingOf(family);
  const byPath = new Map<string, ConfigFile>();
  for (const f of config.files) if (!byPath.has(f.path)) byPath.set(f.path, f);
  const resolve = resolutionsOf(config);
  const result: LoadResult = {
    family,
    files: [],
    unseen: [],
    builtInDefaultsOnly: false,
    notes: [],
    config: newTable({ line: 0, column: 0 }),
    version: 0,
    lastPath: config.path,
    disabled: [],
    required: [],
  };
  const defaultVersion = family.line === '1.x' ? 1 : family.maxVersion;
  const migrationsLength = family.line === '1.x' ? 0 : family.perFileMigration ? 4 : 3;
  let merged = newTable({ line: 0, column: 0 });
  let mergedVersion = 0;
  let rootConfigVersion = 0;
  const pending: string[] = [config.path];
  const loaded = new Set<string>();
  let head = 0;
  try {
    while (head < pending.length) {
      const path = pending[head++] as string;
      result.lastPath = path;
      if (loaded.has(path)) continue;
      const file = byPath.get(path);
      const isMain = path === config.path && loaded.size === 0;
      if (!file || file.notRead) {
        if (file) result.unseen.push(file);
        else result.unseen.push({ path, state: 'error', reason: 'not collected' });
        return finish(result, merged, mergedVersion, defaultVersion, false);
      }
      if (file.state === 'missing') {
        if (isMain && config.pathSource !== 'command-line') {
          result.builtInDefaultsOnly = true;
          return finish(result, merged, mergedVersion, defaultVersion, false);
        }
        const open = `open ${path}: ${osText(path, 'missing')}`;
        throw new Stop({
          id: isMain ? 'explicitMissing' : 'importMissing',
          message: line === '1.x' ? `failed to load TOML: ${path}: ${open}` : open,
          file: path,
        });
      }
      if (file.state !== 'ok') {
        if (file.refused === 'directory' || file.refused === 'loop') {
          const os =
            file.refused === 'directory'
              ? `read ${path}: ${osText(path, 'directory')}`
              : `open ${path}: ${osText(path, 'loop')}`;
          const message =
            file.refused === 'loop'
              ? line === '1.x'
                ? `failed to load TOML: ${path}: ${os}`
                : os
              : line === '1.x'
                ? `failed to load TOML: ${path}: ${os}`
                : `failed to unmarshal TOML: toml: ${os}`;
          throw new Stop({ id: 'unreadableFile', message, file: path });
        }
        if (file.refused === 'notAFile')
          throw new Stop({
            id: 'unreadableFile',
            message: `${path} is not a regular file (a FIFO, socket or device): containerd blocks reading it and never starts`,
            file: path,
          });
        result.unseen.push(file);
        return finish(result, merged, mergedVersion, defaultVersion, false);
      }
      const reading = readFile(file, family);
      result.notes.push(...reading.notes);
      if (reading.refusal) throw new Stop(reading.refusal);
      if (!reading.tree) {
        // Neither text nor a document: an older snapshot that kept only a parse error, or nothing.
        result.unseen.push(file);
        return finish(result, merged, mergedVersion, defaultVersion, false);
      }
      let view = structView(reading.tree, schema, matching);
      const declared = versionOf(view);
      let fileVersion = declared;
      const currentOut = mergedVersion === 0 ? defaultVersion : mergedVersion;
      if (line === '2.x' && !family.perFileMigration && (fileVersion === 0 || fileVersion === 1)) {
        // LoadConfig: `case 0, 1: config.MigrateConfigTo(ctx, out.Version)`.
        if (currentOut > migrationsLength) throw new Stop(indexPanic(currentOut, migrationsLength, path));
        if (currentOut >= 2) view = v1Migrate(view);
        fileVersion = currentOut;
      }
      if (family.perFileMigration) {
        if (family.dropInVersionCheck) {
          if (rootConfigVersion === 0) rootConfigVersion = fileVersion;
          if (fileVersion > rootConfigVersion)
            throw new Stop({
              id: 'dropInVersion',
              message: `drop-in config version ${fileVersion} higher than root config version ${rootConfigVersion}`,
              file: path,
              version: fileVersion,
              max: rootConfigVersion,
            });
        }
        const target = currentOut;
        if (fileVersion < 0) throw new Stop(indexPanic(fileVersion, migrationsLength, path));
        for (let v = fileVersion; v < target; v++) {
          if (v >= migrationsLength) throw new Stop(indexPanic(v, migrationsLength, path));
          if (v === 1) view = v1Migrate(view);
          if (v === 3) view = serviceMigrate(view);
          view = migratePlugins(view, family, v, path);
        }
        if (fileVersion < target) fileVersion = target;
      }
      if (fileVersion !== declared)
        view.entries.set('version', { kind: 'integer', value: BigInt(fileVersion), pos: { line: 0, column: 0 } });
      result.files.push({ file, view, tree: reading.tree, version: declared });
      merged = mergeFile(merged, view, schema, line);
      if (fileVersion !== 0) mergedVersion = fileVersion;
      for (const res of resolve(path, stringsOf(view.entries.get('imports')))) {
        const entry = res.entry;
        if (res.badPattern) throw new Stop({ id: 'badPattern', message: 'syntax error in pattern', file: path, entry });
        if (res.offNode) {
          result.unseen.push({
            path: res.resolved,
            state: 'error',
            reason: 'a Windows glob, which this machine cannot resolve: analyse on the node',
            importedBy: path,
            notRead: true,
          });
          continue;
        }
        if (res.glob && res.relativeGlob && family.relativeGlobFromCwd) {
          result.notes.push({
            id: 'relativeGlobCwd',
            file: path,
            entry,
            matches: res.matches ?? [],
            line: at(reading.tree, 'imports')?.pos.line ?? 0,
          });
          continue;
        }
        if (res.glob && (res.matches?.length ?? 0) === 0)
          result.notes.push({
            id: 'unmatchedGlob',
            file: path,
            entry,
            line: at(reading.tree, 'imports')?.pos.line ?? 0,
          });
        pending.push(...(res.matches ?? []));
      }
      // Older snapshots recorded only the globs that matched nothing.
      if (config.imports === undefined)
        for (const u of config.unmatchedImports ?? [])
          if (u.importedBy === path)
            result.notes.push({
              id: 'unmatchedGlob',
              file: path,
              entry: u.pattern,
              line: at(reading.tree, 'imports')?.pos.line ?? 0,
            });
      loaded.add(path);
    }
    return finish(result, merged, mergedVersion, defaultVersion, true);
  } catch (error) {
    if (error instanceof Stop) {
      result.refusal = error.refusal;
      return finish(result, merged, mergedVersion, defaultVersion, false);
    }
    if (error instanceof MigrationPanic) {
      result.refusal = { id: 'crash', message: `panic: ${error.message}`, file: result.lastPath };
      return finish(result, merged, mergedVersion, defaultVersion, false);
    }
    throw error;
  }
}

function indexPanic(index: number, length: number, path: string): Refusal {
  return {
    id: 'crash',
    message: `panic: runtime error: index out of range [${index}] with length ${length}`,
    file: path,
  };
}

/** The CRI plugins' ConfigMigration for one version step, on one file's plugins (2.3) or the merged ones. */
function migratePlugins(view: TomlTable, family: Family, v: number, path: string): TomlTable {
  void path;
  const plugins = view.entries.get('plugins');
  if (plugins?.kind !== 'table' || v >= family.maxVersion) return view;
  const copy = shallowCopy(plugins);
  // In plugin graph order: the CRI gRPC plugin requires the runtime and images plugins, which read its table.
  migrateRuntime(copy, family);
  migrateImages(copy);
  migrateCriGrpc(copy, family);
  migrateRestart(copy);
  const out = shallowCopy(view);
  out.entries.set('plugins', copy);
  return out;
}

function finish(
  result: LoadResult,
  merged: TomlTable,
  mergedVersion: number,
  defaultVersion: number,
  complete: boolean,
): LoadResult {
  const family = result.family;
  result.config = merged;
  result.version = mergedVersion === 0 ? defaultVersion : mergedVersion;
  result.disabled = stringsOf(merged.entries.get('disabled_plugins'));
  result.required = stringsOf(merged.entries.get('required_plugins'));
  if (!complete || result.refusal) return result;
  const fail = (refusal: Refusal) => {
    result.refusal = refusal;
    return result;
  };
  const last = result.lastPath;
  // Validation of the merged config.
  if (family.line === '1.x') {
    const version = result.version;
    if (version < 2) {
      const main = result.files[0];
      result.notes.push({
        id: 'deprecatedVersion',
        file: main?.file.path ?? last,
        version,
        line: at(main?.tree, 'version')?.pos.line ?? 0,
      });
    } else {
      if (version > 2 && family.maxVersion === 2)
        return fail({
          id: 'unsupportedVersion',
          message: `failed to load TOML from ${last}: unsupported config version \`${version}\``,
          file: last,
          version,
          max: 2,
        });
      for (const [list, what] of [
        ['disabled_plugins', 'disabled plugin'],
        ['required_plugins', 'required plugin'],
      ] as const)
        for (const p of list === 'disabled_plugins' ? result.disabled : result.required)
          if (invalidUri1x(p, family)) return fail(uriRefusal(last, what, p, list, result));
      const plugins = merged.entries.get('plugins');
      if (plugins?.kind === 'table')
        for (const p of plugins.entries.keys())
          if (invalidUri1x(p, family)) return fail(uriRefusal(last, 'plugin key', p, 'plugins', result));
      if (version > 2) result.notes.push({ id: 'v3OnOld1x', file: result.files[0]?.file.path ?? last, version });
    }
  } else {
    if (result.version > family.maxVersion)
      return fail({
        id: 'unsupportedVersion',
        message: `failed to load TOML from ${last}: expected containerd config version equal to or less than \`${family.maxVersion}\`, got \`${result.version}\``,
        file: last,
        version: result.version,
        max: family.maxVersion,
      });
    for (const [list, what] of [
      ['disabled_plugins', 'disabled plugin'],
      ['required_plugins', 'required plugin'],
    ] as const)
      for (const p of list === 'disabled_plugins' ? result.disabled : result.required)
        if (!p.includes('.')) return fail(uriRefusal(last, what, p, list, result));
  }
  // server.New: the 2.0–2.2 plugin migrations over the merged config, when its version is below 3.
  try {
    if (family.line === '2.x' && !family.perFileMigration && result.version < 3) {
      const plugins = merged.entries.get('plugins');
      if (plugins?.kind === 'table') {
        const copy = shallowCopy(plugins);
        if (!result.disabled.includes(CRI_RUNTIME_KEY)) migrateRuntime(copy, family);
        if (!result.disabled.includes(CRI_IMAGES_KEY)) migrateImages(copy);
        if (!result.disabled.includes(CRI_GRPC_KEY)) migrateCriGrpc(copy, family);
        if (!result.disabled.includes(RESTART_KEY)) migrateRestart(copy);
        merged.entries.set('plugins', copy);
      }
    }
  } catch (error) {
    if (error instanceof MigrationPanic) return fail({ id: 'crash', message: `panic: ${error.message}` });
    throw error;
  }
  // The required plugins that are disabled can never be "included".
  const missing = result.required.filter((r) => result.disabled.includes(r));
  if (missing.length > 0)
    return fail({
      id: 'requiredPlugin',
      message: `required plugin [${missing.join(' ')}] not included`,
      entry: missing[0] as string,
      list: 'required_plugins',
    });
  // Each enabled plugin's table is decoded into its config struct (the gc and restart plugins first, then
  // CRI); a type error stops containerd.
  const plugins = [
    ...otherPluginSchemas(family).map(({ id, uri, schema }) => ({
      id: uri,
      key: family.line === '1.x' && result.version === 1 ? id : uri,
      schema,
    })),
    ...criSchemas(family).map(({ id, schema }) => ({
      id,
      key: family.line === '1.x' && result.version === 1 ? CRI_V1_KEY : id,
      schema,
    })),
  ];
  for (const { id, key, schema } of plugins) {
    if (criDisabled(result, id)) continue;
    const table = at(merged, 'plugins', key);
    if (table?.kind !== 'table') continue;
    if (family.line === '1.x') {
      const error = decodeV1(table, schema, family.parser.name === 'go-toml-v1' ? family.parser.version : '1.9.5');
      if (error) {
        const origin = nodeAtKey(table, error.key);
        return fail({
          id: 'pluginTypeError',
          message: error.message,
          file: fileOfNode(origin) ?? last,
          line: error.line,
          column: error.column,
          key: ['plugins', key, ...error.key],
          expected: expectedType(schema, error.key),
        });
      }
      continue;
    }
    const decoded = decodeV2(marshalledExpressions(table), schema, family.parser.version as '2.2' | '2.3', {
      positions: false,
    });
    for (const u of decoded.unknown)
      result.notes.push({
        id: 'unknownPluginKey',
        file: fileOfNode(nodeAtKey(table, u.key)) ?? last,
        key: [id, ...u.key],
      });
    const error = decoded.error;
    if (error) {
      const origin = error.key ? nodeAtKey(table, error.key) : undefined;
      const message = error.plain || error.panic ? error.message : `toml: ${error.message}`;
      return fail({
        id: error.panic ? 'crash' : 'pluginTypeError',
        message: error.panic ? `panic: ${message}` : message,
        ...(origin ? { file: fileOfNode(origin) ?? last, line: origin.pos.line, column: origin.pos.column } : {}),
        ...(error.key ? { key: ['plugins', id, ...error.key], expected: expectedType(schema, error.key) } : {}),
      });
    }
  }
  return result;
}

function uriRefusal(
  last: string,
  what: string,
  p: string,
  list: Refusal['list'] & string,
  result: LoadResult,
): Refusal {
  // The file that holds the entry, for the finding (containerd itself names the last file loaded).
  let file: string | undefined;
  let line: number | undefined;
  for (const loaded of result.files) {
    const node = list === 'plugins' ? at(loaded.view, 'plugins', p) : loaded.view.entries.get(list);
    const has = list === 'plugins' ? node !== undefined : stringsOf(node).includes(p);
    if (has) {
      file = loaded.file.path;
      line = (list === 'plugins' ? at(loaded.tree, 'plugins', p) : field(loaded.tree, list, 'go-toml-v2'))?.pos.line;
    }
  }
  return {
    id: 'invalidPluginUri',
    message: `failed to load TOML from ${last}: invalid ${what} URI ${goQuote(p)} expect io.containerd.x.vx`,
    entry: p,
    list,
    ...(file ? { file } : {}),
    ...(line ? { line } : {}),
  };
}

/** Whether containerd would not load a CRI plugin (by ID on a version 1 1.x config, by URI otherwise). */
export function criDisabled(result: LoadResult, id: string): boolean {
  if (result.family.line === '1.x' && result.version === 1)
    return result.disabled.includes(id.split('.').pop() as string);
  return result.disabled.includes(id);
}

function nodeAtKey(table: TomlTable, key: string[]): TomlNode | undefined {
  let node: TomlNode | undefined = table;
  for (const k of key) {
    if (node?.kind === 'table') node = node.entries.get(k);
    else if (node?.kind === 'array') node = node.items[Number(k)];
    else return node;
  }
  return node;
}

function fileOfNode(node: TomlNode | undefined): string | undefined {
  return node ? fileOf(node) : undefined;
}

/** The Go type of the struct field a key path ends in. */
function expectedType(schema: GoStruct, key: string[]): string | undefined {
  let t: GoType = schema;
  let name: string | undefined;
  for (const k of key) {
    while (t.kind === 'ptr') t = t.elem;
    if (t.kind === 'struct') {
      const f: GoStruct['fields'][number] | undefined = t.fields.find(
        (x) => x.toml === k || x.toml.toLowerCase() === k.toLowerCase(),
      );
      if (!f) return name;
      t = f.type;
      name = goTypeNameOf(t);
    } else if (t.kind === 'map' || t.kind === 'slice') {
      t = t.elem;
      name = goTypeNameOf(t);
    } else return name;
  }
  return name;
}

/** The Go type's name; a duration type also says what text it takes. */
const goTypeNameOf = (t: GoType): string =>
  t.kind === 'duration' ? `duration string such as "100ms" or "10s" (${goTypeName(t)})` : goTypeName(t);
