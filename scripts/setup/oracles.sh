#!/usr/bin/env bash
# Installs the real implementations the differential suites (test/oracles/) compare with, idempotently:
#   containerd                              1.6.20 (Debian bookworm), run as `containerd --config F config dump`
#   golang-go                               Go 1.19, to build the suites' own Go programs in the test run
#   golang-github-pelletier-go-toml-dev     go-toml v1.9.4 sources (what Debian's containerd is built with)
#   golang-github-pelletier-go-toml.v2-dev  go-toml v2.0.6 sources
# Packages already installed are not asked for again; with all four present apt is not touched.
# Usage: bash scripts/setup/oracles.sh     (called by .ci/run before npm test; needs root or sudo for apt)
set -euo pipefail

PACKAGES=(containerd golang-go golang-github-pelletier-go-toml-dev golang-github-pelletier-go-toml.v2-dev)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "oracles.sh: ${PACKAGES[*]} already installed"
else
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "oracles.sh: apt-get is not available; install ${missing[*]} (Debian bookworm packages) by hand" >&2
    exit 1
  fi
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
      echo "oracles.sh: not root and no sudo; run as root: apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "oracles.sh: installing ${missing[*]}"
  "${SUDO[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# What the suites check for (test/oracles/oracles.ts): the versions they were written against.
containerd --version
go version
for package in golang-github-pelletier-go-toml-dev golang-github-pelletier-go-toml.v2-dev; do
  dpkg-query -W -f='${Package} ${Version}\n' "$package"
done
