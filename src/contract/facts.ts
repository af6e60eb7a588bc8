/**
 * NodeFacts: everything the checks may look at, collected once from a node (or given as what-if flags).
 *
 * The snapshot is plain JSON. Every observation is a `Fact`: a state, the value when there is one, the
 * reason when there is not, and where it came from. A fact that is absent from the snapshot was not
 * collected at all; checks that need it return `skip`.
 *
 * States:
 * - `ok`       the thing was observed; `value` holds it.
 * - `missing`  the thing was looked for and does not exist (service not registered, file not there).
 *              This is an observation, so a check may fail on it.
 * - `denied`   the doctor was not allowed to look (not elevated, ACLs).
 * - `timeout`  the probe did not answer in time.
 * - `error`    the probe failed or printed something unusable.
 */

export const FACTS_SCHEMA_VERSION = 1;

export const FACT_STATES = ['ok', 'missing', 'denied', 'timeout', 'error'] as const;
export type FactState = (typeof FACT_STATES)[number];

export const SOURCE_KINDS = ['command', 'file', 'registry', 'wmi', 'env', 'flag', 'derived'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Where a fact came from, with enough raw evidence to check the doctor's reading of it. */
export interface Provenance {
  kind: SourceKind;
  /** command: the program and its arguments, exactly as spawned. */
  command?: string[];
  /** file: the path read. */
  path?: string;
  /** registry key and value, WMI class and property, environment variable, or CLI flag. */
  key?: string;
  exitCode?: number;
  durationMs?: number;
  /** A short excerpt of stderr, when the probe printed any. */
  stderr?: string;
  /** A short raw excerpt of what the value was read from. */
  excerpt?: string;
}

export interface Fact<T> {
  state: FactState;
  value?: T;
  /** Why the state is not `ok` (or a note on how the value was derived). */
  reason?: string;
  source: Provenance;
}

export interface OsInfo {
  productName?: string;
  /** CurrentBuild, e.g. 20348. The OS is named by this number, never by productName. */
  build: number;
  /** Update build revision, e.g. 2227 in 20348.2227. */
  ubr?: number;
  displayVersion?: string;
  editionId?: string;
  installationType?: string;
}

export interface ServiceInfo {
  name: string;
  displayName?: string;
  /** Win32_Service State: Running, Stopped, Start Pending, ... */
  state?: string;
  /** Win32_Service StartMode: Auto, Manual, Disabled. */
  startMode?: string;
  /** The registered command line (ImagePath / PathName). */
  pathName?: string;
  processId?: number;
}

export interface AccountInfo {
  /** The logon account as the service manager reports it: LocalSystem, NT AUTHORITY\LocalService, .\admin. */
  name: string;
  /** The account's SID when it could be resolved; judged first, so localized names are read right. */
  sid?: string;
}

export interface FileInfo {
  path: string;
  size?: number;
  modified?: string;
  fileVersion?: string;
  productVersion?: string;
}

/** The raw output of `<tool> --version`. */
export interface VersionOutput {
  output: string;
}

export interface CommandLineInfo {
  commandLine: string;
  processId?: number;
}

export interface ParseError {
  message: string;
  line?: number;
  column?: number;
}

/** A template placeholder found in a config that was never rendered ({{ x }}, {% if %}). */
export interface TemplateMarker {
  marker: string;
  line: number;
  column: number;
}

export type ParseResult = { ok: true; document: Record<string, unknown> } | { ok: false; error: ParseError };

export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

/** The first bytes of a file that are not UTF-8 (the decoded text holds U+FFFD there). */
export interface InvalidUtf8 {
  /** 1-based line and column (in characters) of that U+FFFD in the decoded text. */
  line: number;
  column: number;
  /** The bytes it replaced, as hex, e.g. "e9" (a Windows-1252 é). */
  bytes: string;
}

export interface ConfigFile {
  path: string;
  state: FactState;
  reason?: string;
  /** The file whose `imports` named this one; absent for the main config. */
  importedBy?: string;
  /** The `imports` entry that matched this file. */
  pattern?: string;
  encoding?: TextEncoding;
  lineEndings?: 'lf' | 'crlf' | 'mixed';
  text?: string;
  /** toml@5's reading of `text` (informational; the checks re-read `text` as each containerd does). */
  parse?: ParseResult;
  /** The first unrendered template placeholder outside comments, if any. */
  template?: TemplateMarker;
  /**
   * Why the path cannot be read as a file at all (containerd cannot either): a directory, a FIFO or
   * device, a link loop, a file over the size limit. Absent when the read failed for another reason.
   */
  refused?: 'directory' | 'notAFile' | 'loop' | 'tooLarge';
  /**
   * The first invalid UTF-8 sequence, decided at collection from the bytes. Absent when the file is
   * valid UTF-8, and in snapshots written before this field existed.
   */
  invalidUtf8?: InvalidUtf8;
  /** The doctor stopped reading imports (its file or size budget); containerd would read this file. */
  notRead?: boolean;
}

/** How one `imports` entry of one file resolved. */
export interface ImportResolution {
  entry: string;
  importedBy: string;
  /** The entry cleaned and, when relative, joined to the importing file's folder. */
  resolved: string;
  /** The entry has `*`, so containerd globs it. */
  glob: boolean;
  /** A relative glob: containerd before 1.6.29 / 1.7.16 globs it against its working directory instead. */
  relativeGlob?: boolean;
  /** The files it names: the resolved path, or the glob's matches in Go's byte order. */
  matches?: string[];
  /** Go's filepath.Glob refused the pattern ("syntax error in pattern"). */
  badPattern?: boolean;
  /** A Windows glob met off the node (a what-if run elsewhere): its matches are unknown. */
  offNode?: boolean;
}

export interface ContainerdConfig {
  /** The main config path containerd uses. */
  path: string;
  /** How the path was found: --config/-c on the service command line, containerd's default, or a what-if flag. */
  pathSource: 'command-line' | 'default' | 'what-if';
  /** The main config first, then every import in containerd's load order. */
  files: ConfigFile[];
  /** `imports` patterns that matched no file. */
  unmatchedImports?: { pattern: string; importedBy: string }[];
  /** Every `imports` entry of every file read, and how it resolved (absent in older snapshots). */
  imports?: ImportResolution[];
}

export interface KubeletConfigInfo {
  path: string;
  text?: string;
  /**
   * The file as kubelet decodes it. `ok: false` when kubelet refuses it: not YAML, not a
   * KubeletConfiguration (no kind), a value of the wrong type, aliases that expand without bound.
   * Checks read it again from `text` when the text is there, so an older snapshot's parse is not trusted.
   */
  parse?:
    | {
        ok: true;
        featureGates?: Record<string, boolean>;
        /** featureGates entries whose value is not a boolean (kubelet cannot decode them). */
        invalidFeatureGates?: string[];
        containerRuntimeEndpoint?: string;
        /** cgroupsPerQOS when the file sets it; kubelet's default is true. */
        cgroupsPerQOS?: boolean;
        /** enforceNodeAllocatable when the file sets it to a list; kubelet's default (also for null) is ["pods"]. */
        enforceNodeAllocatable?: string[];
      }
    | {
        ok: false;
        error: ParseError;
        /** The doctor did not read the file (its own bound, such as too many YAML aliases): not kubelet's verdict. */
        doctorLimit?: boolean;
      };
}

/** The end of containerd's log (the file named by --log-file on its command line). */
export interface LogTail {
  path: string;
  tail: string;
}

export interface LocalGroup {
  name: string;
  sid?: string;
}

export interface DoctorContext {
  /** The account the doctor runs as, e.g. NT AUTHORITY\SYSTEM. */
  user?: string;
  sid?: string;
  elevated?: boolean;
  /** True when CONTAINER_SANDBOX_MOUNT_POINT is set: the doctor runs in a HostProcess container. */
  inHostProcess: boolean;
  sandboxMountPoint?: string;
  /** NODE_NAME from the downward API, when set. */
  nodeName?: string;
}

export interface HostInventory {
  hostname?: string;
  osCaption?: string;
  arch?: string;
  memoryBytes?: number;
}

export interface NodeFacts {
  schemaVersion: number;
  collectedAt?: string;
  collectedBy?: { tool: string; version: string; mode: 'live' | 'what-if'; platform: string };
  host?: Fact<HostInventory>;
  os?: Fact<OsInfo>;
  /** %SystemRoot%\System32\bindfltapi.dll: ok when present, missing when not. */
  bindFilterDll?: Fact<FileInfo>;
  containerd?: {
    binary?: Fact<FileInfo>;
    version?: Fact<VersionOutput>;
    service?: Fact<ServiceInfo>;
    serviceAccount?: Fact<AccountInfo>;
    /** The running containerd.exe's command line. */
    process?: Fact<CommandLineInfo>;
    config?: Fact<ContainerdConfig>;
    log?: Fact<LogTail>;
  };
  shim?: {
    binary?: Fact<FileInfo>;
    version?: Fact<VersionOutput>;
  };
  kubelet?: {
    version?: Fact<VersionOutput>;
    service?: Fact<ServiceInfo>;
    /** kubelet's effective command line: the running process, else the service's, else --kubelet-flags. */
    commandLine?: Fact<CommandLineInfo>;
    config?: Fact<KubeletConfigInfo>;
  };
  /** Every local group on the node. */
  localGroups?: Fact<LocalGroup[]>;
  /** The doctor's own situation. */
  context?: Fact<DoctorContext>;
  /** What the user plans to run: the local groups named in runAsUserName. */
  intent?: { groups?: string[] };
}

export function okFact<T>(value: T, source: Provenance, reason?: string): Fact<T> {
  return reason === undefined ? { state: 'ok', value, source } : { state: 'ok', value, reason, source };
}

export function failedFact<T>(state: Exclude<FactState, 'ok'>, reason: string, source: Provenance): Fact<T> {
  return { state, reason, source };
}

/** The value of a fact that was observed, or undefined. */
export function factValue<T>(fact: Fact<T> | undefined): T | undefined {
  return fact?.state === 'ok' ? fact.value : undefined;
}

export function emptyFacts(): NodeFacts {
  return { schemaVersion: FACTS_SCHEMA_VERSION };
}
