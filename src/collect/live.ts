/**
 * Live collection: fills NodeFacts from this node.
 *
 * Cost: one PowerShell (every Windows-API question) started at once, and concurrently with it the
 * `--version` probes of containerd.exe, the runhcs shim and kubelet.exe at their usual paths. When
 * PowerShell reports that the services run other binaries, those are probed again. Files (configs,
 * the containerd log) are read by Node. Every probe is bounded by the timeout; a failed, hung or
 * garbled probe becomes a fact state, never an exception.
 */
import { stat } from 'node:fs/promises';
import os from 'node:os';
import type {
  AccountInfo,
  CommandLineInfo,
  ContainerdConfig,
  DoctorContext,
  Fact,
  FactState,
  FileInfo,
  HostInventory,
  KubeletConfigInfo,
  LogTail,
  NodeFacts,
  OsInfo,
  Provenance,
  ServiceInfo,
  VersionOutput,
} from '../contract/facts.js';
import { FACTS_SCHEMA_VERSION, factValue, okFact } from '../contract/facts.js';
import { TOOL_NAME, TOOL_VERSION } from '../contract/version.js';
import { lastFlag, parseFlags, programName, splitWindowsCommandLine } from '../parse/commandline.js';
import { parseKubeletConfig } from '../parse/kubelet-config.js';
import { kubeletConfigPath, readKubeletCommandLine } from '../parse/kubelet-flags.js';
import { excerpt } from '../parse/text.js';
import { DEFAULT_CONTAINERD_CONFIG, loadContainerdConfig } from './containerd-config.js';
import { type ProbeLog, type ProbeResult, runProbe } from './exec.js';
import { readTailProbe, readTextProbe, stateOfError, withTimeout } from './files.js';
import { fileExists, findOnPath, type Host, hostFor } from './host.js';
import { inventoryFact, type SelfCommand } from './inventory.js';
import {
  asArray,
  type PsFile,
  type PsOutcome,
  type PsProcess,
  type PsSections,
  type PsService,
  runCollectionScript,
  type Section,
} from './powershell.js';

export const DEFAULT_PROBE_TIMEOUT_MS = 6000;
export const GROUPS_ENV = 'HOSTPROCESS_DOCTOR_GROUPS';
const LOG_TAIL_BYTES = 64 * 1024;
const SHIM = 'containerd-shim-runhcs-v1.exe';

export interface CollectOptions {
  timeoutMs?: number;
  /** Local groups the pods will name in runAsUserName. */
  groups?: string[];
  /** Also read host inventory through systeminformation (slow on Windows; see inventory.ts). */
  inventory?: boolean;
  /** How the doctor starts itself again, for the inventory child (inventory.ts). */
  self?: SelfCommand;
  env?: NodeJS.ProcessEnv;
}

export interface Collection {
  facts: NodeFacts;
  probes: ProbeLog[];
}

type Failed<T> = Fact<T> & { state: Exclude<FactState, 'ok'> };
const failed = <T>(state: Exclude<FactState, 'ok'>, reason: string, source: Provenance): Failed<T> => ({
  state,
  reason,
  source,
});

const sameFile = (a: string, b: string) =>
  a.replace(/\//g, '\\').toLowerCase() === b.replace(/\//g, '\\').toLowerCase();

// ---- PowerShell sections → facts ------------------------------------------------------------------

function psSource(outcome: PsOutcome, kind: Provenance['kind'], key: string): Provenance {
  return { ...outcome.probe.source, kind, key };
}

/** The section's value, or the failed fact that explains why there is none. */
function section<T>(
  outcome: PsOutcome,
  name: keyof PsSections,
  kind: Provenance['kind'],
  key: string,
): { value: T } | { fact: Failed<never> } {
  const source = psSource(outcome, kind, key);
  if (!outcome.ok) {
    // PowerShell itself did not answer. Its facts are unread, not absent: a missing powershell.exe says
    // nothing about the services it would have listed, so the state is never `missing`.
    const state = outcome.probe.state === 'timeout' || outcome.probe.state === 'denied' ? outcome.probe.state : 'error';
    return { fact: failed(state, `PowerShell could not run: ${outcome.reason}`, source) };
  }
  const s = outcome.sections[name] as Section<T> | undefined;
  if (!s) return { fact: failed('error', `the collection script returned no ${name} section`, source) };
  if (!s.ok) return { fact: failed(s.denied ? 'denied' : 'error', s.error ?? `${name} failed`, source) };
  return { value: s.value };
}

function findService(services: PsService[], name: string, exe: string): PsService | undefined {
  return (
    services.find((s) => s.name.toLowerCase() === name) ??
    services.find((s) => (s.pathName ?? '').toLowerCase().includes(exe))
  );
}

function serviceFact(outcome: PsOutcome, name: string, exe: string): Fact<ServiceInfo> {
  const read = section<PsService[]>(outcome, 'services', 'wmi', `Win32_Service ${name}`);
  if ('fact' in read) return read.fact;
  const service = findService(asArray(read.value), name, exe);
  const source = { ...psSource(outcome, 'wmi', `Win32_Service ${name}`) };
  if (!service) return failed('missing', `no Windows service named ${name} or running ${exe}`, source);
  const info: ServiceInfo = { name: service.name };
  if (service.displayName) info.displayName = service.displayName;
  if (service.state) info.state = service.state;
  if (service.startMode) info.startMode = service.startMode;
  if (service.pathName) info.pathName = service.pathName;
  if (service.processId) info.processId = service.processId;
  source.excerpt = excerpt(JSON.stringify(service), 400);
  return okFact(info, source);
}

function accountFact(outcome: PsOutcome, service: Fact<ServiceInfo>, identity: string): Fact<AccountInfo> {
  const source = psSource(outcome, 'wmi', 'Win32_Service containerd StartName');
  if (service.state !== 'ok')
    return failed(service.state, service.reason ?? 'the containerd service was not read', source);
  const read = section<PsService[]>(outcome, 'services', 'wmi', 'Win32_Service containerd StartName');
  if ('fact' in read) return read.fact;
  const startName = findService(asArray(read.value), 'containerd', 'containerd.exe')?.startName;
  if (!startName) {
    return failed(
      'denied',
      `the service's logon account (StartName) is empty: ${identity} may not read the service configuration; run elevated`,
      source,
    );
  }
  const account: AccountInfo = { name: startName };
  const sids = section<Record<string, string | null>>(outcome, 'accounts', 'wmi', 'NTAccount.Translate');
  // An own entry only: a StartName such as "constructor" must not find Object.prototype's.
  const sid = 'value' in sids && Object.hasOwn(sids.value, startName) ? sids.value[startName] : undefined;
  if (sid) account.sid = sid;
  return okFact(account, { ...source, excerpt: startName });
}

function processFact(outcome: PsOutcome, exe: string): Fact<CommandLineInfo & { executablePath?: string }> {
  const read = section<PsProcess[]>(outcome, 'processes', 'wmi', `Win32_Process ${exe}`);
  if ('fact' in read) return read.fact;
  const source = psSource(outcome, 'wmi', `Win32_Process ${exe}`);
  const process = asArray(read.value).find((p) => p.name.toLowerCase() === exe);
  if (!process) return failed('missing', `${exe} is not running`, source);
  if (!process.commandLine) {
    return failed(
      'denied',
      `the command line of ${exe} (pid ${process.processId ?? '?'}) is not readable; run elevated`,
      source,
    );
  }
  const info: CommandLineInfo & { executablePath?: string } = { commandLine: process.commandLine };
  if (process.processId) info.processId = process.processId;
  if (process.executablePath) info.executablePath = process.executablePath;
  return okFact(info, { ...source, excerpt: excerpt(process.commandLine, 400) });
}

function osFact(outcome: PsOutcome): Fact<OsInfo> {
  const key = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
  const read = section<NonNullable<PsSections['os']> extends Section<infer T> ? T : never>(
    outcome,
    'os',
    'registry',
    key,
  );
  if ('fact' in read) return read.fact;
  const value = read.value;
  const build = Number.parseInt(String(value.currentBuild ?? ''), 10);
  const source = { ...psSource(outcome, 'registry', key), excerpt: excerpt(JSON.stringify(value), 300) };
  if (!Number.isInteger(build))
    return failed('error', `CurrentBuild ${JSON.stringify(value.currentBuild)} is not a build number`, source);
  const info: OsInfo = { build };
  if (typeof value.ubr === 'number') info.ubr = value.ubr;
  if (value.productName) info.productName = value.productName;
  const displayVersion = value.displayVersion || value.releaseId;
  if (displayVersion) info.displayVersion = displayVersion;
  if (value.editionId) info.editionId = value.editionId;
  if (value.installationType) info.installationType = value.installationType;
  return okFact(info, source);
}

function fileFact(outcome: PsOutcome, key: string, match: (f: PsFile) => boolean): Fact<FileInfo> | undefined {
  const read = section<PsFile[]>(outcome, 'files', 'file', key);
  if ('fact' in read) return undefined;
  const file = asArray(read.value).find(match);
  if (!file) return undefined;
  const source: Provenance = { kind: 'file', path: file.path };
  if (!file.present) return failed('missing', `${file.path} does not exist`, source);
  const info: FileInfo = { path: file.path };
  if (typeof file.size === 'number') info.size = file.size;
  if (file.modified) info.modified = file.modified;
  if (file.fileVersion) info.fileVersion = file.fileVersion;
  if (file.productVersion) info.productVersion = file.productVersion;
  return okFact(info, source);
}

function bindFilterFact(outcome: PsOutcome, host: Host): Fact<FileInfo> {
  const path = `${host.systemRoot}\\System32\\bindfltapi.dll`;
  const read = section<PsFile>(outcome, 'bindflt', 'file', path);
  if ('fact' in read) return read.fact;
  const source: Provenance = { kind: 'file', path: read.value.path || path };
  if (!read.value.present) return failed('missing', `${read.value.path || path} does not exist`, source);
  const info: FileInfo = { path: read.value.path || path };
  if (typeof read.value.size === 'number') info.size = read.value.size;
  return okFact(info, source);
}

function groupsFact(outcome: PsOutcome): NonNullable<NodeFacts['localGroups']> {
  const read = section<{ name: string; sid?: string | null }[]>(
    outcome,
    'groups',
    'wmi',
    'Win32_Group LocalAccount=True',
  );
  if ('fact' in read) return read.fact;
  const groups = asArray(read.value).map((g) => (g.sid ? { name: g.name, sid: g.sid } : { name: g.name }));
  return okFact(groups, psSource(outcome, 'wmi', 'Win32_Group LocalAccount=True'));
}

function contextFact(outcome: PsOutcome, host: Host): Fact<DoctorContext> {
  const mountPoint = host.env.CONTAINER_SANDBOX_MOUNT_POINT;
  const context: DoctorContext = { inHostProcess: Boolean(mountPoint) };
  if (mountPoint) context.sandboxMountPoint = mountPoint;
  if (host.env.NODE_NAME) context.nodeName = host.env.NODE_NAME;
  const read = section<NonNullable<PsSections['identity']> extends Section<infer T> ? T : never>(
    outcome,
    'identity',
    'derived',
    'WindowsIdentity.GetCurrent()',
  );
  if ('value' in read) {
    if (read.value.name) context.user = read.value.name;
    if (read.value.sid) context.sid = read.value.sid;
    if (typeof read.value.elevated === 'boolean') context.elevated = read.value.elevated;
    return okFact(context, psSource(outcome, 'derived', 'WindowsIdentity.GetCurrent(), CONTAINER_SANDBOX_MOUNT_POINT'));
  }
  context.user = os.userInfo().username;
  return okFact(
    context,
    { kind: 'env', key: 'CONTAINER_SANDBOX_MOUNT_POINT, NODE_NAME' },
    `identity from Node only: ${read.fact.reason}`,
  );
}

// ---- programs and their --version -------------------------------------------------------------------

async function locate(host: Host, candidates: string[], exe: string): Promise<string | undefined> {
  for (const candidate of candidates) if (await fileExists(host, candidate)) return candidate;
  return findOnPath(host, exe);
}

async function versionFact(
  host: Host,
  path: string | undefined,
  exe: string,
  timeoutMs: number,
  log: ProbeLog[],
): Promise<Fact<VersionOutput>> {
  if (!path)
    return failed('missing', `${exe} was not found at its usual place or on PATH`, {
      kind: 'command',
      command: [exe, '--version'],
    });
  const probe: ProbeResult = await runProbe(host.local(path), ['--version'], {
    timeoutMs,
    log,
    display: [path, '--version'],
    env: host.env,
  });
  if (probe.state !== 'ok') return failed(probe.state, probe.reason ?? probe.state, probe.source);
  if (!probe.stdout.trim()) return failed('error', `${exe} --version printed nothing`, probe.source);
  return okFact({ output: probe.stdout }, { ...probe.source, excerpt: excerpt(probe.stdout, 300) });
}

async function localFileFact(host: Host, path: string | undefined, exe: string): Promise<Fact<FileInfo>> {
  const source: Provenance = { kind: 'file', path: path ?? exe };
  if (!path) return failed('missing', `${exe} is not beside containerd.exe or on PATH`, source);
  return (await fileExists(host, path))
    ? okFact({ path }, source)
    : failed('missing', `${path} does not exist`, source);
}

const dirOf = (p: string) => p.slice(0, Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')));

function programOf(commandLine: string | undefined, exe: string): string | undefined {
  if (!commandLine) return undefined;
  return splitWindowsCommandLine(commandLine).find((arg) => programName(arg) === exe);
}

// ---- files read by Node ------------------------------------------------------------------------------

const CONTAINERD_BOOLEAN_FLAGS = new Set(['run-service', 'register-service', 'unregister-service']);

function containerdFlags(commandLine: string) {
  return parseFlags(splitWindowsCommandLine(commandLine).slice(1), CONTAINERD_BOOLEAN_FLAGS);
}

async function containerdConfigFact(
  host: Host,
  commandLine: Fact<CommandLineInfo>,
  timeoutMs: number,
): Promise<Fact<ContainerdConfig>> {
  const known = factValue(commandLine)?.commandLine;
  if (known === undefined) {
    const state = commandLine.state === 'ok' ? 'error' : commandLine.state;
    return failed(
      state,
      `containerd's command line is unknown (${commandLine.reason ?? commandLine.state}), so the config it uses is unknown`,
      commandLine.source,
    );
  }
  const named = lastFlag(containerdFlags(known), 'config', 'c');
  const path = named ?? DEFAULT_CONTAINERD_CONFIG.replace('C:\\Program Files', host.programFiles);
  const loaded = await loadContainerdConfig(path, named ? 'command-line' : 'default', {
    timeoutMs,
    toLocal: host.local,
  });
  return okFact(loaded, { kind: 'file', path });
}

async function logFact(
  host: Host,
  commandLine: Fact<CommandLineInfo>,
  timeoutMs: number,
): Promise<Fact<LogTail> | undefined> {
  const known = factValue(commandLine)?.commandLine;
  const logFile = known === undefined ? undefined : lastFlag(containerdFlags(known), 'log-file');
  if (!logFile) return undefined;
  const local = host.local(logFile);
  const started = performance.now();
  // Only a regular file is opened: opening a FIFO (or a device) can block a thread for good, and a
  // device has no end to read back from. The stat itself is bounded too (a hung share).
  const kind = await withTimeout(regularFileKind(local), timeoutMs);
  if (kind === 'timeout') {
    return failed('timeout', `no answer within ${timeoutMs} ms`, {
      kind: 'file',
      path: logFile,
      durationMs: Math.round(performance.now() - started),
    });
  }
  if (kind.state !== 'ok') {
    return failed(kind.state, kind.reason, {
      kind: 'file',
      path: logFile,
      durationMs: Math.round(performance.now() - started),
    });
  }
  // At most LOG_TAIL_BYTES from the end, whatever the file's size.
  const read = await readTailProbe(local, LOG_TAIL_BYTES, timeoutMs);
  const source: Provenance = { kind: 'file', path: logFile, durationMs: read.durationMs };
  if (read.state !== 'ok') return failed(read.state, read.reason, source);
  return okFact({ path: logFile, tail: read.text }, source);
}

/** Whether a path is a regular file, as a fact state: a directory, FIFO, socket or device is an error. */
async function regularFileKind(
  local: string,
): Promise<{ state: 'ok' } | { state: Exclude<FactState, 'ok'>; reason: string }> {
  try {
    const info = await stat(local);
    if (info.isFile()) return { state: 'ok' };
    const what = info.isDirectory()
      ? 'a directory'
      : info.isFIFO()
        ? 'a named pipe (FIFO)'
        : info.isSocket()
          ? 'a socket'
          : 'a device';
    return { state: 'error', reason: `it is ${what}, not a log file; it was not read` };
  } catch (error) {
    const [state, reason] = stateOfError(error);
    return { state, reason };
  }
}

async function kubeletConfigFact(
  host: Host,
  commandLine: Fact<CommandLineInfo>,
  timeoutMs: number,
): Promise<Fact<KubeletConfigInfo> | undefined> {
  const known = factValue(commandLine)?.commandLine;
  if (known === undefined) return undefined;
  const path = kubeletConfigPath(readKubeletCommandLine(known));
  if (!path) return undefined;
  const read = await readTextProbe(host.local(path), timeoutMs);
  const source: Provenance = { kind: 'file', path, durationMs: read.durationMs };
  if (read.state !== 'ok') return failed(read.state, read.reason, source);
  return okFact(parseKubeletConfig(path, read.text), source);
}

/** kubelet's command line: the running process, else the service's when it names kubelet.exe (nssm's does not). */
function kubeletCommandLine(process: Fact<CommandLineInfo>, service: Fact<ServiceInfo>): Fact<CommandLineInfo> {
  if (process.state === 'ok') return process;
  const pathName = factValue(service)?.pathName;
  if (pathName && programOf(pathName, 'kubelet.exe')) {
    return okFact(
      { commandLine: pathName },
      { ...service.source, key: 'Win32_Service kubelet PathName' },
      `from the service's command line: ${process.reason ?? process.state}`,
    );
  }
  const wrapper = pathName ? programName(splitWindowsCommandLine(pathName)[0] ?? '') : undefined;
  const why = wrapper ? `; the service runs ${wrapper}, which keeps kubelet's arguments elsewhere` : '';
  return failed(process.state, `${process.reason ?? 'kubelet.exe is not running'}${why}`, process.source);
}

function containerdCommandLine(process: Fact<CommandLineInfo>, service: Fact<ServiceInfo>): Fact<CommandLineInfo> {
  if (process.state === 'ok') return process;
  const pathName = factValue(service)?.pathName;
  if (pathName)
    return okFact(
      { commandLine: pathName },
      { ...service.source, key: 'Win32_Service containerd PathName' },
      `from the service's command line: ${process.reason ?? process.state}`,
    );
  if (service.state === 'ok') return process;
  return failed(service.state, service.reason ?? service.state, service.source);
}

async function hostFact(
  osInfo: Fact<OsInfo>,
  inventory: Promise<Fact<HostInventory>> | undefined,
): Promise<Fact<HostInventory>> {
  const productName = factValue(osInfo)?.productName;
  const fromNode: HostInventory = {
    hostname: os.hostname(),
    arch: os.arch(),
    memoryBytes: os.totalmem(),
    ...(productName ? { osCaption: productName } : {}),
  };
  const extra = inventory ? await inventory : undefined;
  if (!extra) return okFact(fromNode, { kind: 'derived', key: 'node:os, registry ProductName' });
  if (extra.state !== 'ok')
    return okFact(
      fromNode,
      { kind: 'derived', key: 'node:os, registry ProductName' },
      `inventory: ${extra.reason ?? extra.state}`,
    );
  return okFact({ ...fromNode, ...extra.value, memoryBytes: os.totalmem() }, extra.source);
}

function requestedGroups(options: CollectOptions, env: NodeJS.ProcessEnv): string[] {
  const fromEnv = (env[GROUPS_ENV] ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  return [...new Set([...(options.groups ?? []), ...fromEnv])];
}

export async function collectLiveFacts(options: CollectOptions = {}): Promise<Collection> {
  const env = options.env ?? process.env;
  const host = hostFor(env);
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const log: ProbeLog[] = [];
  const defaultContainerd = `${host.programFiles}\\containerd\\containerd.exe`;

  // Everything that does not need PowerShell's answers starts now, alongside it.
  const psOutcome = runCollectionScript(host, timeoutMs, log);
  const inventory = options.inventory ? inventoryFact(options.self, timeoutMs, { env: host.env, log }) : undefined;
  const guessedContainerd = await locate(host, [defaultContainerd], 'containerd.exe');
  const guessedShim = await locate(host, guessedContainerd ? [`${dirOf(guessedContainerd)}\\${SHIM}`] : [], SHIM);
  const guessedKubelet = await locate(
    host,
    ['C:\\k\\kubelet.exe', `${host.programFiles}\\Kubernetes\\kubelet.exe`],
    'kubelet.exe',
  );
  const early = {
    containerd: versionFact(host, guessedContainerd, 'containerd.exe', timeoutMs, log),
    shim: versionFact(host, guessedShim, SHIM, timeoutMs, log),
    kubelet: versionFact(host, guessedKubelet, 'kubelet.exe', timeoutMs, log),
  };
  const outcome = await psOutcome;

  const context = contextFact(outcome, host);
  const osInfo = osFact(outcome);
  const identity = factValue(context)?.user ?? 'this account';
  const containerdService = serviceFact(outcome, 'containerd', 'containerd.exe');
  const kubeletService = serviceFact(outcome, 'kubelet', 'kubelet.exe');
  const containerdProcess = processFact(outcome, 'containerd.exe');
  const kubeletProcess = processFact(outcome, 'kubelet.exe');
  const containerdLine = containerdCommandLine(containerdProcess, containerdService);
  const kubeletLine = kubeletCommandLine(kubeletProcess, kubeletService);

  // The binaries the services really run; probe again only where they differ from the guess.
  const realContainerd =
    programOf(factValue(containerdLine)?.commandLine, 'containerd.exe') ??
    factValue(containerdProcess)?.executablePath ??
    guessedContainerd;
  const realShim =
    realContainerd && (await fileExists(host, `${dirOf(realContainerd)}\\${SHIM}`))
      ? `${dirOf(realContainerd)}\\${SHIM}`
      : guessedShim;
  const realKubelet =
    programOf(factValue(kubeletLine)?.commandLine, 'kubelet.exe') ??
    factValue(kubeletProcess)?.executablePath ??
    guessedKubelet;
  const again = (
    real: string | undefined,
    guess: string | undefined,
    probe: Promise<Fact<VersionOutput>>,
    exe: string,
  ) => (real && (!guess || !sameFile(real, guess)) ? versionFact(host, real, exe, timeoutMs, log) : probe);
  const [containerdVersion, shimVersion, kubeletVersion, config, logTail, kubeletConfig] = await Promise.all([
    again(realContainerd, guessedContainerd, early.containerd, 'containerd.exe'),
    again(realShim, guessedShim, early.shim, SHIM),
    again(realKubelet, guessedKubelet, early.kubelet, 'kubelet.exe'),
    containerdConfigFact(host, containerdLine, timeoutMs),
    logFact(host, containerdLine, timeoutMs),
    kubeletConfigFact(host, kubeletLine, timeoutMs),
  ]);
  // A guess the services proved wrong was still probed: wait for it, so no probe outlives the
  // collection and its provenance is in the log, whichever finished first.
  await Promise.all(Object.values(early));

  const facts: NodeFacts = {
    schemaVersion: FACTS_SCHEMA_VERSION,
    collectedAt: new Date().toISOString(),
    collectedBy: {
      tool: TOOL_NAME,
      version: TOOL_VERSION,
      mode: 'live',
      platform: host.fakeRoot ? 'fake-host' : process.platform,
    },
    host: await hostFact(osInfo, inventory),
    os: osInfo,
    bindFilterDll: bindFilterFact(outcome, host),
    containerd: {
      binary:
        fileFact(outcome, 'containerd.exe', (f) => f.path.toLowerCase().endsWith('\\containerd.exe')) ??
        (await localFileFact(host, realContainerd, 'containerd.exe')),
      version: containerdVersion,
      service: containerdService,
      serviceAccount: accountFact(outcome, containerdService, identity),
      process: containerdProcess,
      config,
      ...(logTail ? { log: logTail } : {}),
    },
    shim: {
      binary:
        fileFact(outcome, SHIM, (f) => f.path.toLowerCase().endsWith(SHIM) && f.present) ??
        (await localFileFact(host, realShim, SHIM)),
      version: shimVersion,
    },
    kubelet: {
      version: kubeletVersion,
      service: kubeletService,
      commandLine: kubeletLine,
      ...(kubeletConfig ? { config: kubeletConfig } : {}),
    },
    localGroups: groupsFact(outcome),
    context,
  };
  const groups = requestedGroups(options, env);
  if (groups.length > 0) facts.intent = { groups };
  return { facts, probes: log };
}
