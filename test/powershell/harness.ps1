<#
Runs the collection command against test doubles of the Windows calls, several cases in one process
(PowerShell starts slowly). Used by test/powershell/collect.test.ts; Windows PowerShell 5.1 compatible, so
on a Windows machine the same cases run under powershell.exe.

  harness.ps1 -PlanPath plan.json
      plan: {"command": "<the exact text -EncodedCommand carries>", "cases": [{"name", "node", "setup", "code"}]}
      (a case with "code" runs that instead of the command)
      For each case it writes to stdout
        @@CASE <name>@@ <whatever the command wrote> @@END@@
        @@CALLS@@ <JSON list of the Windows calls the doubles saw> @@DONE@@
  . harness.ps1 -NodePath node.json        (dot-sourced) defines the doubles of one node in the caller's
      scope, sets its environment variables, and returns; the caller then runs the command itself.

A node (JSON) says what the doubles serve:
  env       {COMPUTERNAME, SystemRoot, ProgramFiles}          set for the case, restored after it
  cim       {Win32_Service: [...], Win32_Process: [...], Win32_Group: [...]}   objects as CIM has them
  registry  {"HKLM:\...\CurrentVersion": {ProductName, CurrentBuild, UBR, ...}}
  files     {"C:\...\containerd.exe": {Length, LastWriteTimeUtc, FileVersion, ProductVersion}}
  dirs      ["C:\...\a directory"]
  identity  {Name, Sid, Elevated}
  sids      {"WINNODE\admin": "S-1-5-21-..."}                  what NTAccount.Translate answers
  fail      {"Win32_Group": "unauthorized", "registry": "category", "identity": "wrapped", ...}
  noise     true: every double also writes to the host, warning, verbose, debug and information streams,
            to [Console]::Out, Out-Host and $Host.UI
The doubles are functions named HpdTest-*, put in front of the real commands by aliases (an alias wins
over a function or a cmdlet, also over the functions collect.ps1 defines itself).
#>
param([string]$PlanPath, [string]$NodePath)

$global:HpdCalls = New-Object System.Collections.ArrayList

function ConvertTo-HpdTestAscii([string]$Text) {
  [regex]::Replace($Text, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
}

function Get-HpdTestEntry($Object, [string]$Key) {
  if ($null -eq $Object) { return $null }
  $p = $Object.PSObject.Properties[$Key]
  if ($p) { return $p.Value }
  $null
}

# The failure kinds a double can be told to raise; the first four are access denied in its usual shapes.
function Invoke-HpdTestFailure([string]$Kind, [string]$What) {
  switch ($Kind) {
    'unauthorized' { throw (New-Object UnauthorizedAccessException "Access to $What is denied.") }
    'hresult' { throw (New-Object System.IO.IOException "Zugriff verweigert ($What)", -2147024891) }
    'wbem' { throw (New-Object System.IO.IOException "WBEM access denied ($What)", -2147217405) }
    'category' { Write-Error -Message "Zugriff verweigert: $What" -Category PermissionDenied -ErrorAction Stop }
    'wrapped' {
      $inner = New-Object UnauthorizedAccessException 'Attempted to perform an unauthorized operation.'
      throw (New-Object System.Management.Automation.MethodInvocationException "Exception calling `"GetCurrent`": $What", $inner)
    }
    'nonterminating' { Write-Error -Message "Ung$([char]0xfc)ltige Klasse ($What)" }
    default { throw "the doubles were told to fail: $What ($Kind)" }
  }
}

function Write-HpdTestNoise([string]$Where) {
  if (-not $global:HpdNode.noise) { return }
  Write-Host "host noise from $Where { not json }"
  Write-Warning "warning noise from $Where"
  Write-Verbose "verbose noise from $Where" -Verbose
  # Not Write-Debug -Debug: in 5.1 that asks (Inquire), which -NonInteractive refuses.
  $DebugPreference = 'Continue'
  Write-Debug "debug noise from $Where"
  Write-Information "information noise from $Where" -InformationAction Continue
  [Console]::WriteLine("console noise from $Where {")
  "out-host noise from $Where }" | Out-Host
  $Host.UI.WriteLine("host.ui noise from $Where")
}

function Test-HpdTestFail([string]$Key, [string]$What) {
  $kind = Get-HpdTestEntry $global:HpdNode.fail $Key
  if ($kind) { Invoke-HpdTestFailure $kind $What }
}

function HpdTest-GetCimInstance {
  [CmdletBinding()]
  param([string]$ClassName, [string]$Filter, [int]$OperationTimeoutSec)
  [void]$global:HpdCalls.Add([ordered]@{ command = 'Get-CimInstance'; className = $ClassName; filter = $Filter; operationTimeoutSec = $OperationTimeoutSec })
  Write-HpdTestNoise $ClassName
  Test-HpdTestFail $ClassName $ClassName
  foreach ($o in @(Get-HpdTestEntry $global:HpdNode.cim $ClassName)) { if ($null -ne $o) { $o } }
}

function HpdTest-GetItemProperty {
  [CmdletBinding()]
  param([string]$LiteralPath)
  [void]$global:HpdCalls.Add([ordered]@{ command = 'Get-ItemProperty'; path = $LiteralPath })
  Write-HpdTestNoise $LiteralPath
  Test-HpdTestFail 'registry' $LiteralPath
  $values = Get-HpdTestEntry $global:HpdNode.registry $LiteralPath
  if ($null -eq $values) {
    Write-Error -Message "Cannot find path '$LiteralPath' because it does not exist." -Category ObjectNotFound
    return
  }
  $values
}

function HpdTest-GetItem {
  [CmdletBinding()]
  param([string]$LiteralPath)
  [void]$global:HpdCalls.Add([ordered]@{ command = 'Get-Item'; path = $LiteralPath })
  Write-HpdTestNoise $LiteralPath
  Test-HpdTestFail $LiteralPath $LiteralPath
  $file = Get-HpdTestEntry $global:HpdNode.files $LiteralPath
  if ($null -ne $file) {
    # pwsh 7's ConvertFrom-Json already made the ISO text a DateTime; 5.1's leaves it a string.
    $modified = $file.LastWriteTimeUtc
    if ($modified -isnot [datetime]) {
      $modified = [datetime]::Parse($modified, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)
    }
    return [pscustomobject]@{
      PSIsContainer = $false
      Length = [long]$file.Length
      LastWriteTimeUtc = $modified.ToUniversalTime()
      VersionInfo = [pscustomobject]@{ FileVersion = $file.FileVersion; ProductVersion = $file.ProductVersion }
    }
  }
  if (@($global:HpdNode.dirs) -contains $LiteralPath) { return [pscustomobject]@{ PSIsContainer = $true } }
  Write-Error -Message "Cannot find path '$LiteralPath' because it does not exist." -Category ObjectNotFound
}

function HpdTest-GetCurrentIdentity {
  [void]$global:HpdCalls.Add([ordered]@{ command = 'WindowsIdentity.GetCurrent' })
  Write-HpdTestNoise 'identity'
  Test-HpdTestFail 'identity' 'WindowsIdentity.GetCurrent'
  $i = $global:HpdNode.identity
  [pscustomobject]@{ Name = $i.Name; User = [pscustomobject]@{ Value = $i.Sid }; Elevated = $i.Elevated }
}

function HpdTest-Elevated($Identity) {
  [void]$global:HpdCalls.Add([ordered]@{ command = 'WindowsPrincipal.IsInRole'; name = $Identity.Name })
  Test-HpdTestFail 'elevated' 'WindowsPrincipal.IsInRole'
  [bool]$Identity.Elevated
}

function HpdTest-ConvertToSid([string]$Account) {
  [void]$global:HpdCalls.Add([ordered]@{ command = 'NTAccount.Translate'; account = $Account })
  $sid = Get-HpdTestEntry $global:HpdNode.sids $Account
  if (-not $sid) { throw 'Some or all identity references could not be translated.' }
  $sid
}

$global:HpdEnvNames = @('COMPUTERNAME', 'SystemRoot', 'ProgramFiles')

function Set-HpdTestNode($Node) {
  $global:HpdNode = $Node
  $saved = @{}
  foreach ($n in $global:HpdEnvNames) {
    $saved[$n] = [Environment]::GetEnvironmentVariable($n)
    [Environment]::SetEnvironmentVariable($n, (Get-HpdTestEntry $Node.env $n))
  }
  $saved
}

function Restore-HpdTestEnvironment($Saved) {
  foreach ($n in $global:HpdEnvNames) { [Environment]::SetEnvironmentVariable($n, $Saved[$n]) }
}

# The aliases, in the scope of whoever dot-sources this block.
$HpdTestAliases = {
  Set-Alias -Name Get-CimInstance -Value HpdTest-GetCimInstance
  Set-Alias -Name Get-ItemProperty -Value HpdTest-GetItemProperty
  Set-Alias -Name Get-Item -Value HpdTest-GetItem
  Set-Alias -Name Get-HpdCurrentIdentity -Value HpdTest-GetCurrentIdentity
  Set-Alias -Name Test-HpdElevated -Value HpdTest-Elevated
  Set-Alias -Name ConvertTo-HpdSid -Value HpdTest-ConvertToSid
}

if ($NodePath) {
  # Dot-sourced by a command that runs the collection itself (the end-to-end test's wrapper).
  $null = Set-HpdTestNode (Get-Content -LiteralPath $NodePath -Raw | ConvertFrom-Json)
  . $HpdTestAliases
  return
}

$plan = Get-Content -LiteralPath $PlanPath -Raw | ConvertFrom-Json
$command = [scriptblock]::Create($plan.command)
$stdout = [Console]::Out
foreach ($case in @($plan.cases)) {
  $global:HpdCalls.Clear()
  $stdout.Write("`n@@CASE $($case.name)@@")
  $saved = Set-HpdTestNode $case.node
  try {
    & {
      . $HpdTestAliases
      if ($case.setup) { . ([scriptblock]::Create($case.setup)) }
      if ($case.code) { & ([scriptblock]::Create($case.code)) } else { & $command }
    }
  } catch {
    # The command is meant never to throw; say so inside the case, where the test will see it.
    $stdout.Write("HARNESS: the command threw: $($_.Exception.Message)")
  } finally {
    Restore-HpdTestEnvironment $saved
  }
  $calls = ConvertTo-Json -InputObject @($global:HpdCalls) -Depth 4 -Compress
  $stdout.Write("@@END@@`n@@CALLS@@" + (ConvertTo-HpdTestAscii $calls) + "@@DONE@@`n")
}
$stdout.Flush()
