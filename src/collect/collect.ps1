<#
hostprocess-doctor's collection script: every question about the node that needs a Windows API, answered
by ONE PowerShell process as ONE JSON document on stdout (PowerShell starts slowly, so the doctor pays
that once).

  {"v":1,"services":{...},"processes":{...},"os":{...},"groups":{...},"identity":{...},
   "accounts":{...},"bindflt":{...},"files":{...}}

Each section is {"ok":true,"value":...,"ms":N} or {"ok":false,"denied":BOOL,"error":"...","ms":N}; a
section that throws, or is denied, loses nothing else. The reader is src/collect/powershell.ts (the types
PsSections, PsService, ...) and src/collect/live.ts; docs/powershell.md describes the whole contract.

Rules for this file (test/powershell/ps51.test.ts enforces them):
- Windows PowerShell 5.1 is the engine on a node: no PowerShell 6/7 syntax or cmdlets (no ?:, ??, ?.,
  && / ||, ForEach-Object -Parallel, clean blocks, ConvertFrom-Json -AsHashtable, ...).
- ASCII only, comments on lines of their own, no here-strings and no backtick line continuations: the
  build (scripts/embed-ps1.mjs) drops comment lines, indentation and blank lines to keep -EncodedCommand
  short, and that is only safe for such a file.
- Every Windows call goes through Get-CimInstance, Get-ItemProperty, Get-Item, the environment, or one of
  the small Hpd* functions in "Windows access" below. Tests on Linux put aliases of those names in front
  of them (an alias wins over a function or a cmdlet); on a node there are no such aliases (-NoProfile).

The doctor runs it as `& { <this file> } -CimTimeoutSec N` through -EncodedCommand. On a node it can
also be run by hand: powershell.exe -NoProfile -File collect.ps1 -CimTimeoutSec 5
#>
param(
  # Seconds each CIM query may take; the doctor passes its probe timeout less one second.
  [int]$CimTimeoutSec = 5
)

# Stop turns every error inside a section into an exception its wrapper catches.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

# ---- Windows access: the only calls that need Windows besides the three cmdlets and $env: --------------

function Get-HpdCurrentIdentity {
  [Security.Principal.WindowsIdentity]::GetCurrent()
}

function Test-HpdElevated($Identity) {
  $principal = New-Object Security.Principal.WindowsPrincipal $Identity
  $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
}

function ConvertTo-HpdSid([string]$Account) {
  $nt = New-Object Security.Principal.NTAccount $Account
  $nt.Translate([Security.Principal.SecurityIdentifier]).Value
}

# Paths are built with string operations, not Join-Path or Split-Path: on Windows the result is the same,
# and under test on Linux those cmdlets would turn the backslashes of a Windows path into slashes.
function Get-HpdWindowsDirectory {
  $dir = $env:SystemRoot
  if (-not $dir) { $dir = 'C:\Windows' }
  $dir.TrimEnd('\')
}

function Get-HpdProgramFiles {
  $dir = $env:ProgramFiles
  if (-not $dir) { $dir = 'C:\Program Files' }
  $dir.TrimEnd('\')
}

# ---- sections: each returns its value; Invoke-HpdSection wraps it -------------------------------------

function Get-HpdServices([int]$TimeoutSec) {
  # Matching the binary too finds services registered under other names (nssm, a renamed containerd).
  $filter = "Name='containerd' OR Name='kubelet' OR PathName LIKE '%containerd.exe%' OR PathName LIKE '%kubelet.exe%'"
  foreach ($s in @(Get-CimInstance -ClassName Win32_Service -Filter $filter -OperationTimeoutSec $TimeoutSec)) {
    [ordered]@{
      name = $s.Name
      displayName = $s.DisplayName
      state = $s.State
      startMode = $s.StartMode
      # StartName reads as null for a caller that may not read the service configuration.
      startName = $s.StartName
      pathName = $s.PathName
      processId = [int]$s.ProcessId
    }
  }
}

function Get-HpdProcesses([int]$TimeoutSec) {
  $filter = "Name='containerd.exe' OR Name='kubelet.exe'"
  foreach ($p in @(Get-CimInstance -ClassName Win32_Process -Filter $filter -OperationTimeoutSec $TimeoutSec)) {
    # CommandLine and ExecutablePath of SYSTEM processes read as null unless elevated.
    [ordered]@{
      name = $p.Name
      processId = [int]$p.ProcessId
      commandLine = $p.CommandLine
      executablePath = $p.ExecutablePath
    }
  }
}

function Get-HpdOs {
  $p = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
  # DisplayVersion exists from 20H2 on and ReleaseId before it; a missing value reads as null.
  [ordered]@{
    productName = $p.ProductName
    currentBuild = "$($p.CurrentBuild)"
    ubr = $p.UBR
    displayVersion = $p.DisplayVersion
    releaseId = $p.ReleaseId
    editionId = $p.EditionID
    installationType = $p.InstallationType
  }
}

function Get-HpdGroups([int]$TimeoutSec) {
  foreach ($g in @(Get-CimInstance -ClassName Win32_Group -Filter 'LocalAccount=True' -OperationTimeoutSec $TimeoutSec)) {
    # Names are in the node's language (Administratoren, ...); the SIDs are not.
    [ordered]@{ name = $g.Name; sid = $g.SID }
  }
}

function Get-HpdIdentity {
  $i = Get-HpdCurrentIdentity
  [ordered]@{
    name = $i.Name
    sid = $i.User.Value
    elevated = [bool](Test-HpdElevated $i)
    computerName = $env:COMPUTERNAME
  }
}

# The SID of each service's logon account (StartName), by name; null where the name does not translate.
function Get-HpdAccounts($Services) {
  $sids = [ordered]@{}
  foreach ($s in @($Services)) {
    $name = "$($s.startName)"
    if (-not $name -or $sids.Contains($name)) { continue }
    # Win32_Service says LocalSystem, which is no account name NTAccount knows.
    if ($name -match '^(\.\\)?LocalSystem$') {
      $sids[$name] = 'S-1-5-18'
      continue
    }
    # ".\user" means this computer; NTAccount wants its name.
    $qualified = $name -replace '^\.\\', ($env:COMPUTERNAME + '\')
    try {
      $sids[$name] = ConvertTo-HpdSid $qualified
    } catch {
      $sids[$name] = $null
    }
  }
  $sids
}

function Get-HpdFileEntry([string]$Path) {
  $item = Get-Item -LiteralPath $Path -ErrorAction SilentlyContinue
  if ($item -and -not $item.PSIsContainer) {
    [ordered]@{
      path = $Path
      present = $true
      size = $item.Length
      modified = $item.LastWriteTimeUtc.ToString('o')
      fileVersion = $item.VersionInfo.FileVersion
      productVersion = $item.VersionInfo.ProductVersion
    }
  } else {
    [ordered]@{ path = $Path; present = $false }
  }
}

function Get-HpdBindFilter {
  # The bind filter's user-mode API; HostProcess volume mounts need it (os-build and bind-filter checks).
  $path = (Get-HpdWindowsDirectory) + '\System32\bindfltapi.dll'
  $item = Get-Item -LiteralPath $path -ErrorAction SilentlyContinue
  if ($item -and -not $item.PSIsContainer) {
    [ordered]@{ path = $path; present = $true; size = $item.Length }
  } else {
    [ordered]@{ path = $path; present = $false }
  }
}

# containerd.exe as the service runs it (else the default install path) and the runhcs shim beside it.
function Get-HpdFiles($Services) {
  $containerd = $null
  $service = @($Services) | Where-Object { $_ -and $_.pathName -match 'containerd\.exe' } | Select-Object -First 1
  # PathName is a command line: a quoted program path, or an unquoted one up to the first space.
  if ($service -and $service.pathName -match '^\s*"([^"]+)"|^\s*(\S+\.exe)') {
    if ($Matches[1]) { $containerd = $Matches[1] } else { $containerd = $Matches[2] }
  }
  if (-not $containerd) { $containerd = (Get-HpdProgramFiles) + '\containerd\containerd.exe' }
  $dir = $containerd.Substring(0, $containerd.LastIndexOfAny([char[]]'\/') + 1)
  Get-HpdFileEntry $containerd
  Get-HpdFileEntry ($dir + 'containerd-shim-runhcs-v1.exe')
}

# ---- the wrapper, the JSON writer and the run ----------------------------------------------------------

# Access denied arrives in many shapes: UnauthorizedAccessException, an HResult of E_ACCESSDENIED
# (0x80070005) or WBEM_E_ACCESS_DENIED (0x80041003), a CimException whose NativeErrorCode is AccessDenied,
# or an error record of category PermissionDenied; and .NET calls wrap it in MethodInvocationException.
function Test-HpdDenied($ErrorRecord) {
  if ("$($ErrorRecord.CategoryInfo.Category)" -eq 'PermissionDenied') { return $true }
  $e = $ErrorRecord.Exception
  while ($e) {
    if ($e -is [UnauthorizedAccessException]) { return $true }
    if ($e.HResult -eq -2147024891 -or $e.HResult -eq -2147217405) { return $true }
    if ("$($e.NativeErrorCode)" -eq 'AccessDenied') { return $true }
    $e = $e.InnerException
  }
  $false
}

function Invoke-HpdSection([scriptblock]$Body, [switch]$List) {
  $hpdWatch = [Diagnostics.Stopwatch]::StartNew()
  try {
    # 3..6>$null: warnings, verbose, debug and Write-Host output of anything inside would otherwise reach
    # stdout beside the JSON. @() keeps a list a list: PowerShell unrolls one element and drops none.
    if ($List) {
      $hpdValue = @(& $Body 3>$null 4>$null 5>$null 6>$null)
    } else {
      $hpdValue = & $Body 3>$null 4>$null 5>$null 6>$null
    }
    [ordered]@{ ok = $true; value = $hpdValue; ms = $hpdWatch.ElapsedMilliseconds }
  } catch {
    [ordered]@{
      ok = $false
      denied = [bool](Test-HpdDenied $_)
      error = "$($_.Exception.Message)"
      ms = $hpdWatch.ElapsedMilliseconds
    }
  }
}

# Each section is converted on its own, so one that cannot be written as JSON loses nothing else. Then
# every non-ASCII character becomes \uXXXX: the bytes on stdout are ASCII, which every console code page
# writes unchanged, so names like "Administratoren" or Japanese group names survive a child process that
# has no console (where setting [Console]::OutputEncoding fails) and any chcp. It is still exactly the
# same JSON: non-ASCII characters can only occur inside strings, where \uXXXX means the same thing.
function ConvertTo-HpdJson($Sections) {
  $parts = New-Object System.Collections.Generic.List[string]
  $parts.Add('"v":1')
  foreach ($name in @($Sections.Keys)) {
    try {
      $json = ConvertTo-Json -InputObject $Sections[$name] -Depth 6 -Compress 3>$null
    } catch {
      $failed = [ordered]@{ ok = $false; denied = $false; error = "the $name section could not be written as JSON: $($_.Exception.Message)" }
      $json = ConvertTo-Json -InputObject $failed -Compress
    }
    $parts.Add('"' + $name + '":' + $json)
  }
  $text = '{' + ($parts -join ',') + '}'
  # A script block as the MatchEvaluator: 5.1's -replace takes no script block, [regex]::Replace does.
  [regex]::Replace($text, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
}

function Invoke-HpdCollection([int]$TimeoutSec) {
  # Windows PowerShell 5.1 writes an array that went through the pipeline as {"value":[...],"Count":N}
  # because of the Count property in its type data; pwsh 6+ has no such entry.
  try { Remove-TypeData -TypeName System.Array -ErrorAction Stop } catch { }
  # Nothing but the JSON may reach stdout. [Console]::Write inside a section, or host output that the
  # redirections in Invoke-HpdSection miss, goes to a null writer until the document is written.
  $stdout = [Console]::Out
  [Console]::SetOut([IO.TextWriter]::Null)
  try {
    $sections = [ordered]@{}
    $sections['services'] = Invoke-HpdSection -List { Get-HpdServices $TimeoutSec }
    $sections['processes'] = Invoke-HpdSection -List { Get-HpdProcesses $TimeoutSec }
    $sections['os'] = Invoke-HpdSection { Get-HpdOs }
    $sections['groups'] = Invoke-HpdSection -List { Get-HpdGroups $TimeoutSec }
    $sections['identity'] = Invoke-HpdSection { Get-HpdIdentity }
    # accounts and files build on services; when services failed they still run, on nothing.
    $services = @()
    if ($sections['services'].ok) { $services = $sections['services'].value }
    $sections['accounts'] = Invoke-HpdSection { Get-HpdAccounts $services }
    $sections['bindflt'] = Invoke-HpdSection { Get-HpdBindFilter }
    $sections['files'] = Invoke-HpdSection -List { Get-HpdFiles $services }
    $json = ConvertTo-HpdJson $sections
  } finally {
    [Console]::SetOut($stdout)
  }
  $stdout.Write($json)
  $stdout.Flush()
}

Invoke-HpdCollection -TimeoutSec $CimTimeoutSec
