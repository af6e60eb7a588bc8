<#
Checks PowerShell source for what Windows PowerShell 5.1 cannot run: parse errors, and syntax, cmdlets,
parameters and variables that only PowerShell 6/7 have. Used by test/powershell/ps51.test.ts, which also
feeds it one snippet per rule as a negative control. Windows PowerShell 5.1 compatible itself: it names
AST types by string (TernaryExpressionAst and friends do not exist there; 5.1's parser reports those
constructs as parse errors instead).

  check-ps51.ps1 -PlanPath plan.json
    plan: {"files": [{"name", "path"}], "texts": [{"name", "text"}],
           "same": [{"name", "a", "b"}]}        a and b: texts whose tokens must match, comments aside
    stdout: one ASCII JSON document {"results": [{"name", "findings": [{"rule", "line", "text"}]}],
                                     "same": [{"name", "same", "difference"}]}
#>
param([Parameter(Mandatory = $true)][string]$PlanPath)

$ErrorActionPreference = 'Stop'

# Cmdlets and functions that Windows PowerShell 5.1 does not have.
$NewCommands = @(
  'Get-Error', 'Test-Json', 'Join-String', 'Get-Uptime', 'ConvertFrom-Markdown', 'Show-Markdown',
  'Get-MarkdownOption', 'Set-MarkdownOption', 'Remove-Alias', 'Remove-Service', 'Get-ExperimentalFeature',
  'Enable-ExperimentalFeature', 'Disable-ExperimentalFeature', 'Get-PSSubsystem', 'Enable-PSSubsystem',
  'Disable-PSSubsystem', 'Start-ThreadJob', 'ConvertTo-CliXml', 'ConvertFrom-CliXml', 'Get-SecureRandom'
)

$CommonParameters = @(
  'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ErrorVariable', 'WarningVariable',
  'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'WhatIf', 'Confirm'
)

# Every parameter that 5.1 has, for commands whose later versions added some (an abbreviation of any of
# these is fine, anything else is 6/7 only: ConvertFrom-Json -AsHashtable/-Depth/-NoEnumerate, ...).
$Parameters51 = @{
  'ConvertFrom-Json' = @('InputObject')
  'ConvertTo-Json' = @('InputObject', 'Depth', 'Compress')
  'ForEach-Object' = @('InputObject', 'Begin', 'Process', 'End', 'RemainingScripts', 'MemberName', 'ArgumentList')
  'Select-Object' = @('InputObject', 'Property', 'ExcludeProperty', 'ExpandProperty', 'Unique', 'Last', 'First', 'Skip', 'SkipLast', 'Wait', 'Index')
  'Sort-Object' = @('InputObject', 'Property', 'Descending', 'Unique', 'CaseSensitive', 'Culture')
  'Join-Path' = @('Path', 'ChildPath', 'Resolve', 'Credential')
  'Split-Path' = @('Path', 'LiteralPath', 'Parent', 'Leaf', 'Qualifier', 'NoQualifier', 'IsAbsolute', 'Resolve', 'Credential')
  'Get-Date' = @('Date', 'Year', 'Month', 'Day', 'Hour', 'Minute', 'Second', 'Millisecond', 'DisplayHint', 'Format', 'UFormat')
  'Out-File' = @('FilePath', 'LiteralPath', 'Encoding', 'Append', 'Force', 'NoClobber', 'Width', 'NoNewline', 'InputObject')
  'Set-Content' = @('Path', 'LiteralPath', 'Value', 'PassThru', 'Filter', 'Include', 'Exclude', 'Force', 'Credential', 'Stream', 'Encoding', 'NoNewline', 'Confirm', 'WhatIf')
  'Get-Content' = @('Path', 'LiteralPath', 'ReadCount', 'TotalCount', 'Tail', 'Filter', 'Include', 'Exclude', 'Force', 'Credential', 'Delimiter', 'Wait', 'Raw', 'Encoding', 'Stream')
  'Where-Object' = @('InputObject', 'FilterScript', 'Property', 'Value', 'EQ', 'CEQ', 'NE', 'CNE', 'GT', 'CGT', 'LT', 'CLT', 'GE', 'CGE', 'LE', 'CLE', 'Like', 'CLike', 'NotLike', 'CNotLike', 'Match', 'CMatch', 'NotMatch', 'CNotMatch', 'Contains', 'CContains', 'NotContains', 'CNotContains', 'In', 'CIn', 'NotIn', 'CNotIn', 'Is', 'IsNot')
}
# Parameters 6/7 added whose names are also abbreviations of 5.1 ones (-Not of -NotLike, ...): exact names.
$Parameters7 = @{
  'Where-Object' = @('Not')
  'Select-Object' = @('SkipIndex', 'CaseInsensitive')
  'Sort-Object' = @('Top', 'Bottom', 'Stable')
  'Get-Date' = @('AsUTC', 'UnixTimeSeconds')
  'Get-Content' = @('AsByteStream')
  'Set-Content' = @('AsByteStream')
  'Get-ChildItem' = @('FollowSymlink')
  'Select-String' = @('Raw', 'NoEmphasis')
}
$Aliases = @{ 'foreach' = 'ForEach-Object'; '%' = 'ForEach-Object'; 'select' = 'Select-Object'; 'sort' = 'Sort-Object'; 'where' = 'Where-Object'; '?' = 'Where-Object'; 'gc' = 'Get-Content'; 'cat' = 'Get-Content'; 'sc' = 'Set-Content' }

# -Encoding values 5.1 knows (utf8NoBOM, utf8BOM, ansi and code page numbers came later).
$Encodings51 = @('Unknown', 'String', 'Unicode', 'BigEndianUnicode', 'UTF8', 'UTF7', 'UTF32', 'Ascii', 'Default', 'Oem', 'Byte')

# Automatic variables that 5.1 does not set (reading them there gives $null, silently).
$NewVariables = @('PSStyle', 'IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR', 'PSNativeCommandUseErrorActionPreference', 'PSNativeCommandArgumentPassing', 'EnabledExperimentalFeatures')

$NewTypes = @('semver', 'System.Management.Automation.SemanticVersion')

function New-Finding($Rule, $Extent, [string]$Detail) {
  $text = $Extent.Text
  if ($text.Length -gt 80) { $text = $text.Substring(0, 80) }
  [ordered]@{ rule = $Rule; line = $Extent.StartLineNumber; text = "$Detail$text" }
}

function Get-Property($Object, [string]$Name) {
  $p = $Object.PSObject.Properties[$Name]
  if ($p) { $p.Value } else { $null }
}

function Test-Parameter([string]$Given, [string[]]$Known) {
  foreach ($k in $Known) { if ($k.StartsWith($Given, [StringComparison]::OrdinalIgnoreCase)) { return $true } }
  $false
}

function Find-Ps7Only($Ast, $Tokens) {
  $all = $Ast.FindAll({ param($a) $true }, $true)
  foreach ($a in $all) {
    $type = $a.GetType().Name
    switch ($type) {
      'TernaryExpressionAst' { New-Finding 'ternary' $a.Extent '' }
      'PipelineChainAst' { New-Finding 'pipeline-chain' $a.Extent '' }
      'BinaryExpressionAst' {
        $op = "$($a.Operator)"
        if ($op -eq 'QuestionQuestion') { New-Finding 'null-coalescing' $a.Extent '' }
        if ($op -eq 'Ireplace' -or $op -eq 'Creplace') {
          $right = $a.Right
          $blocks = @()
          if ($right.GetType().Name -eq 'ScriptBlockExpressionAst') { $blocks = @($right) }
          if ($right.GetType().Name -eq 'ArrayLiteralAst') { $blocks = @($right.Elements | Where-Object { $_.GetType().Name -eq 'ScriptBlockExpressionAst' }) }
          if ($blocks.Count -gt 0) { New-Finding 'replace-scriptblock' $a.Extent '' }
        }
      }
      'AssignmentStatementAst' {
        if ("$($a.Operator)" -eq 'QuestionQuestionEquals') { New-Finding 'null-coalescing' $a.Extent '' }
      }
      { $_ -eq 'MemberExpressionAst' -or $_ -eq 'InvokeMemberExpressionAst' -or $_ -eq 'IndexExpressionAst' } {
        if (Get-Property $a 'NullConditional') { New-Finding 'null-conditional' $a.Extent '' }
        $generic = Get-Property $a 'GenericTypeArguments'
        if ($generic -and @($generic).Count -gt 0) { New-Finding 'generic-method-call' $a.Extent '' }
      }
      'ScriptBlockAst' {
        $clean = Get-Property $a 'CleanBlock'
        if ($clean) { New-Finding 'clean-block' $clean.Extent '' }
      }
      'PipelineAst' {
        if (Get-Property $a 'Background') { New-Finding 'background-operator' $a.Extent '' }
      }
      'VariableExpressionAst' {
        $name = $a.VariablePath.UserPath
        if ($NewVariables -contains $name) { New-Finding 'variable-7' $a.Extent '' }
      }
      { $_ -eq 'TypeExpressionAst' -or $_ -eq 'TypeConstraintAst' } {
        if ($NewTypes -contains $a.TypeName.FullName) { New-Finding 'type-7' $a.Extent '' }
      }
      'CommandAst' {
        $name = $a.GetCommandName()
        if ($name) {
          if ($Aliases.ContainsKey($name)) { $name = $Aliases[$name] }
          if ($NewCommands -contains $name) { New-Finding 'command-7' $a.Extent '' }
          $elements = @($a.CommandElements)
          $known = $null
          $added = @()
          foreach ($k in $Parameters51.Keys) { if ($k -eq $name) { $known = $Parameters51[$k] } }
          foreach ($k in $Parameters7.Keys) { if ($k -eq $name) { $added = $Parameters7[$k] } }
          $positional = 0
          for ($i = 1; $i -lt $elements.Count; $i++) {
            $e = $elements[$i]
            if ($e.GetType().Name -eq 'CommandParameterAst') {
              $p = $e.ParameterName
              if (($known -and -not (Test-Parameter $p ($known + $CommonParameters))) -or ($added -contains $p)) {
                New-Finding 'parameter-7' $e.Extent "$name "
              }
              $value = $e.Argument
              if (-not $value -and ($i + 1) -lt $elements.Count -and $elements[$i + 1].GetType().Name -ne 'CommandParameterAst') { $value = $elements[$i + 1]; $i++ }
              $constant = $null
              if ($value -and $value.GetType().Name -eq 'StringConstantExpressionAst') { $constant = $value.Value }
              if ($constant -and ('Encoding'.StartsWith($p, [StringComparison]::OrdinalIgnoreCase)) -and $p.Length -ge 3 -and -not ($Encodings51 -contains $constant)) {
                New-Finding 'encoding-7' $e.Extent "$constant "
              }
              if ($constant -eq 'Break' -and ('ErrorAction'.StartsWith($p, [StringComparison]::OrdinalIgnoreCase)) -and $p.Length -ge 2) {
                New-Finding 'erroraction-break' $e.Extent ''
              }
            } else {
              $positional++
            }
          }
          # Join-Path a b c: 6+ takes further child paths; 5.1 fails.
          if ($name -eq 'Join-Path' -and $positional -gt 2) { New-Finding 'parameter-7' $a.Extent '' }
        }
      }
    }
  }
  foreach ($t in $Tokens) {
    $kind = "$($t.Kind)"
    if ($kind -eq 'StringExpandable' -or $kind -eq 'HereStringExpandable') {
      # `e (escape) and `u{...} (a code point) are 6+; 5.1 reads them as "e" and "u{...}".
      if ($t.Text -match '(?<!`)(?:``)*`(e|u\{)') { New-Finding 'escape-7' $t.Extent '' }
    }
    # 0b101, and the type suffixes u, ul, us, uy, s, y and n are 6.2+/7; 5.1's tokenizer may see such a
    # literal as a generic token (a command name) instead of a number, so look at those too.
    if ($kind -eq 'Number' -or $kind -eq 'Generic' -or $kind -eq 'Identifier') {
      if ($t.Text -match '^(?i)(0b[01]+|[0-9][0-9a-fx.]*(u|ul|us|uy|y|s|n))(kb|mb|gb|tb|pb)?$') { New-Finding 'number-literal-7' $t.Extent '' }
    }
  }
}

function Test-Source([string]$Name, [string]$Text) {
  $tokens = $null
  $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref]$tokens, [ref]$errors)
  $findings = New-Object System.Collections.ArrayList
  foreach ($e in @($errors)) {
    if ($e) { [void]$findings.Add([ordered]@{ rule = 'parse-error'; line = $e.Extent.StartLineNumber; text = "$($e.ErrorId): $($e.Message)" }) }
  }
  foreach ($f in @(Find-Ps7Only $ast $tokens)) { if ($f) { [void]$findings.Add($f) } }
  [ordered]@{ name = $Name; findings = @($findings) }
}

# Token kinds and texts, comments dropped and runs of newlines as one: what the parser acts on.
function Get-Significant([string]$Text) {
  $tokens = $null
  $errors = $null
  [void][System.Management.Automation.Language.Parser]::ParseInput($Text, [ref]$tokens, [ref]$errors)
  $out = New-Object System.Collections.Generic.List[string]
  $lastNewLine = $true
  foreach ($t in $tokens) {
    $kind = "$($t.Kind)"
    if ($kind -eq 'Comment') { continue }
    if ($kind -eq 'NewLine' -or $kind -eq 'EndOfInput') {
      if (-not $lastNewLine) { $out.Add('NewLine') }
      $lastNewLine = $true
      continue
    }
    $lastNewLine = $false
    $out.Add("$kind $($t.Text)")
  }
  , $out
}

$plan = Get-Content -LiteralPath $PlanPath -Raw | ConvertFrom-Json
$results = New-Object System.Collections.ArrayList
foreach ($f in @($plan.files)) {
  if ($f) { [void]$results.Add((Test-Source $f.name ([IO.File]::ReadAllText($f.path)))) }
}
foreach ($t in @($plan.texts)) {
  if ($t) { [void]$results.Add((Test-Source $t.name $t.text)) }
}
$same = New-Object System.Collections.ArrayList
foreach ($s in @($plan.same)) {
  if (-not $s) { continue }
  $a = Get-Significant $s.a
  $b = Get-Significant $s.b
  $difference = $null
  $n = [Math]::Max($a.Count, $b.Count)
  for ($i = 0; $i -lt $n; $i++) {
    $x = if ($i -lt $a.Count) { $a[$i] } else { '(end)' }
    $y = if ($i -lt $b.Count) { $b[$i] } else { '(end)' }
    if ($x -ne $y) { $difference = "token $i`: $x <> $y"; break }
  }
  [void]$same.Add([ordered]@{ name = $s.name; same = ($null -eq $difference); tokens = $a.Count; difference = $difference })
}
$json = ConvertTo-Json -InputObject ([ordered]@{ results = @($results); same = @($same) }) -Depth 6 -Compress
[Console]::Out.Write([regex]::Replace($json, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value }))
