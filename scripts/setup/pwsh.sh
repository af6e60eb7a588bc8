#!/usr/bin/env bash
# Installs a real PowerShell engine for the collection-script suite (test/powershell/), idempotently:
#   .tools/pwsh/pwsh                        PowerShell 7.6.9, the NuGet dotnet tool "PowerShell"
#   .tools/Modules/Pester/5.7.1/            Pester 5.7.1, the NuGet package "Pester" (its tools/ folder)
# Needs the .NET SDK (dotnet 10 here) and a NuGet source (the default nuget.org, or whatever NuGet.Config
# names). Both downloads go through dotnet's own NuGet client, so proxies and sources configured for NuGet
# apply; PSGallery is not used. A second run that finds both in place only checks and prints the versions.
# Usage: bash scripts/setup/pwsh.sh        (called by .ci/run before npm test)
set -euo pipefail

PWSH_VERSION=7.6.9
PESTER_VERSION=5.7.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"
PWSH="$TOOLS/pwsh/pwsh"
PESTER_DIR="$TOOLS/Modules/Pester/$PESTER_VERSION"
started=$(date +%s%N)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off

if ! command -v dotnet >/dev/null 2>&1; then
  echo "pwsh.sh: the .NET SDK (dotnet) is not on PATH; PowerShell $PWSH_VERSION is installed as a dotnet tool" >&2
  exit 1
fi

# --- PowerShell: `dotnet tool install` refuses an existing tool path, so install only when the version's
# store folder is missing, and start from an empty folder then (a half-finished earlier run leaves junk).
if [ -x "$PWSH" ] && [ -d "$TOOLS/pwsh/.store/powershell/$PWSH_VERSION" ]; then
  echo "pwsh.sh: PowerShell $PWSH_VERSION already in .tools/pwsh"
else
  rm -rf "$TOOLS/pwsh"
  mkdir -p "$TOOLS"
  dotnet tool install PowerShell --version "$PWSH_VERSION" --tool-path "$TOOLS/pwsh"
fi

# --- Pester: the NuGet package holds the module in tools/. A throwaway project with a PackageDownload item
# makes `dotnet restore` fetch exactly that .nupkg (no framework or asset checks), through NuGet's client.
if [ -f "$PESTER_DIR/Pester.psd1" ]; then
  echo "pwsh.sh: Pester $PESTER_VERSION already in .tools/Modules/Pester"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cat >"$work/fetch-pester.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Pester" Version="[$PESTER_VERSION]" />
  </ItemGroup>
</Project>
EOF
  dotnet restore "$work/fetch-pester.csproj" --packages "$work/packages" --nologo -v quiet
  src="$work/packages/pester/$PESTER_VERSION/tools"
  if [ ! -f "$src/Pester.psd1" ]; then
    echo "pwsh.sh: the Pester $PESTER_VERSION package has no tools/Pester.psd1" >&2
    exit 1
  fi
  rm -rf "$PESTER_DIR"
  mkdir -p "$PESTER_DIR"
  cp -R "$src/." "$PESTER_DIR/"
  # chocolateyInstall.ps1 and the package's own files are not part of the module.
  rm -f "$PESTER_DIR/chocolateyInstall.ps1"
fi

# --- One start of the engine: the version, and Pester importable from .tools/Modules.
PSModulePath="$TOOLS/Modules" "$PWSH" -NoProfile -NonInteractive -Command \
  'Import-Module Pester -MinimumVersion 5.0 -ErrorAction Stop; "pwsh.sh: PowerShell $($PSVersionTable.PSVersion), Pester $((Get-Module Pester).Version)"'
echo "pwsh.sh: done in $((($(date +%s%N) - started) / 1000000)) ms"
