/**
 * One PowerShell process answers every question that needs Windows APIs, as one JSON document.
 * PowerShell starts slowly (0.3–1 s on a node), so the doctor pays that once. Each section is wrapped on
 * its own, so a failing or denied section loses nothing else. The script is passed with -EncodedCommand
 * (UTF-16LE base64), which no quoting rule can break, and forces UTF-8 output; the reader still accepts
 * UTF-16 or a BOM.
 */

import { type ProbeLog, type ProbeResult, runProbe } from './exec.js';
import type { Host } from './host.js';

/** PowerShell 5.1 compatible. Keep it small: -EncodedCommand must fit a 32K command line. */
export function collectionScript(cimTimeoutSec: number): string {
  return String.raw`$ErrorActionPreference='Stop';$ProgressPreference='SilentlyContinue'
try{[Console]::OutputEncoding=New-Object System.Text.UTF8Encoding $false}catch{}
$o=[ordered]@{v=1}
function S([string]$n,[scriptblock]$b){$w=[Diagnostics.Stopwatch]::StartNew()
try{$o[$n]=[ordered]@{ok=$true;value=(& $b);ms=$w.ElapsedMilliseconds}}catch{$e=$_.Exception
$d=($e -is [UnauthorizedAccessException]) -or ($e.HResult -eq -2147024891) -or ("$($_.CategoryInfo.Category)" -eq 'PermissionDenied')
$o[$n]=[ordered]@{ok=$false;denied=[bool]$d;error="$($e.Message)";ms=$w.ElapsedMilliseconds}}}
$t=${cimTimeoutSec}
S 'services' {@(Get-CimInstance -ClassName Win32_Service -Filter "Name='containerd' OR Name='kubelet' OR PathName LIKE '%containerd.exe%' OR PathName LIKE '%kubelet.exe%'" -OperationTimeoutSec $t|ForEach-Object{[ordered]@{name=$_.Name;displayName=$_.DisplayName;state=$_.State;startMode=$_.StartMode;startName=$_.StartName;pathName=$_.PathName;processId=[int]$_.ProcessId}})}
S 'processes' {@(Get-CimInstance -ClassName Win32_Process -Filter "Name='containerd.exe' OR Name='kubelet.exe'" -OperationTimeoutSec $t|ForEach-Object{[ordered]@{name=$_.Name;processId=[int]$_.ProcessId;commandLine=$_.CommandLine;executablePath=$_.ExecutablePath}})}
S 'os' {$p=Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion';[ordered]@{productName=$p.ProductName;currentBuild="$($p.CurrentBuild)";ubr=$p.UBR;displayVersion=$p.DisplayVersion;releaseId=$p.ReleaseId;editionId=$p.EditionID;installationType=$p.InstallationType}}
S 'groups' {@(Get-CimInstance -ClassName Win32_Group -Filter 'LocalAccount=True' -OperationTimeoutSec $t|ForEach-Object{[ordered]@{name=$_.Name;sid=$_.SID}})}
S 'identity' {$i=[Security.Principal.WindowsIdentity]::GetCurrent();[ordered]@{name=$i.Name;sid=$i.User.Value;elevated=(New-Object Security.Principal.WindowsPrincipal $i).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator);computerName=$env:COMPUTERNAME}}
S 'accounts' {$r=[ordered]@{};if($o['services'].ok){foreach($s in @($o['services'].value)){$n="$($s.startName)";if(!$n -or $r.Contains($n)){continue}
if($n -match '^(\.\\)?LocalSystem$'){$r[$n]='S-1-5-18';continue}
$q=$n -replace '^\.\\',"$env:COMPUTERNAME\"
try{$r[$n]=(New-Object Security.Principal.NTAccount($q)).Translate([Security.Principal.SecurityIdentifier]).Value}catch{$r[$n]=$null}}};$r}
S 'bindflt' {$f=Join-Path $env:SystemRoot 'System32\bindfltapi.dll';$i=Get-Item -LiteralPath $f -ErrorAction SilentlyContinue;if($i -and !$i.PSIsContainer){[ordered]@{path=$f;present=$true;size=$i.Length}}else{[ordered]@{path=$f;present=$false}}}
S 'files' {$r=@();$c=$null;if($o['services'].ok){$s=@($o['services'].value)|Where-Object{$_.pathName -match 'containerd\.exe'}|Select-Object -First 1;if($s -and $s.pathName -match '^\s*"([^"]+)"|^\s*(\S+\.exe)'){$c=if($matches[1]){$matches[1]}else{$matches[2]}}}
if(!$c){$c=Join-Path $env:ProgramFiles 'containerd\containerd.exe'}
foreach($p in @($c,(Join-Path (Split-Path $c) 'containerd-shim-runhcs-v1.exe'))){$i=Get-Item -LiteralPath $p -ErrorAction SilentlyContinue
if($i){$r+=[ordered]@{path=$p;present=$true;size=$i.Length;modified=$i.LastWriteTimeUtc.ToString('o');fileVersion=$i.VersionInfo.FileVersion;productVersion=$i.VersionInfo.ProductVersion}}else{$r+=[ordered]@{path=$p;present=$false}}};$r}
[Console]::Out.Write(($o|ConvertTo-Json -Depth 6 -Compress))
`;
}

export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
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

/** PowerShell unrolls one-element arrays and turns empty ones into null; put them back. */
export function asArray<T>(value: T | T[] | null | undefined): T[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

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

export function powershellPath(host: Host): string {
  return host.local(`${host.systemRoot}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`);
}

export async function runCollectionScript(host: Host, timeoutMs: number, log?: ProbeLog[]): Promise<PsOutcome> {
  const exe = powershellPath(host);
  const script = collectionScript(Math.max(1, Math.floor(timeoutMs / 1000) - 1));
  const args = [
    '-NoProfile',
    '-NoLogo',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
    encodeCommand(script),
  ];
  const display = ['powershell.exe', ...args.slice(0, -1), '<collection script>'];
  const probe = await runProbe(exe, args, { timeoutMs, display, ...(log ? { log } : {}) });
  if (probe.state !== 'ok') return { ok: false, probe, reason: probe.reason ?? probe.state };
  const sections = parseSections(probe.stdout);
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
