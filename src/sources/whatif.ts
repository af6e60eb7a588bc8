/**
 * What-if flags: facts given on the command line that stand in for, or override, collected ones.
 * `analyze --containerd-config config.toml --containerd-version 1.7.20` needs no snapshot at all.
 */
import path from 'node:path';
import { loadContainerdConfig } from '../collect/containerd-config.js';
import { usageError } from '../contract/errors.js';
import { type ContainerdConfig, type Fact, type NodeFacts, okFact, type Provenance } from '../contract/facts.js';
import { LIMITS, readInputText } from '../parse/input.js';
import { parseKubeletConfig } from '../parse/kubelet-config.js';
import { findVersion, versionProblem } from '../parse/versions.js';
import { parseBuild } from '../rules/windows.js';

export interface WhatIfFlags {
  containerdVersion?: string | undefined;
  containerdConfig?: string | undefined;
  serviceAccount?: string | undefined;
  osBuild?: string | undefined;
  kubeletVersion?: string | undefined;
  kubeletFlags?: string | undefined;
  kubeletConfig?: string | undefined;
  groups?: string[] | undefined;
  /** Where relative file names are resolved. */
  cwd?: string | undefined;
  /** The platform the files are opened on (a node's Windows import path names no file elsewhere). */
  platform?: NodeJS.Platform | undefined;
}

const flag = (name: string, excerpt: string): Provenance => ({ kind: 'flag', key: name, excerpt });

function versionFact(name: string, value: string, example: string): Fact<{ output: string }> {
  if (!findVersion(value)) {
    const why = versionProblem(value) ?? 'no major.minor.patch version in it';
    throw usageError(
      `${name} ${JSON.stringify(value.slice(0, 120))}: ${why}. Give a version like ${example} or the whole --version line.`,
    );
  }
  return okFact({ output: value }, flag(name, value));
}

async function kubeletFlagsText(value: string, cwd: string): Promise<string> {
  if (!value.startsWith('@')) return value;
  const file = value.slice(1);
  const source = { name: file, what: '--kubelet-flags @', maxBytes: LIMITS.flags };
  return (await readInputText(path.resolve(cwd, file), source)).text;
}

async function containerdConfigFact(
  file: string,
  cwd: string,
  platform: NodeJS.Platform | undefined,
): Promise<Fact<ContainerdConfig>> {
  const config = await loadContainerdConfig(path.resolve(cwd, file), 'what-if', platform ? { platform } : {});
  const main = config.files[0];
  if (main?.state !== 'ok') {
    throw usageError(
      `--containerd-config ${file}: cannot read it (${main?.reason ?? 'unknown error'}). Give the path of a containerd config.toml.`,
    );
  }
  return okFact(config, flag('--containerd-config', file));
}

async function kubeletConfigFact(file: string, cwd: string) {
  const source = { name: file, what: '--kubelet-config', maxBytes: LIMITS.kubeletConfig };
  const { text } = await readInputText(path.resolve(cwd, file), source);
  return okFact(parseKubeletConfig(file, text), flag('--kubelet-config', file));
}

/** Windows 10 / Server 2016 builds start at 10240; anything lower is a release id (1809, 2004) or a typo. */
const FIRST_BUILD = 10_000;
const BUILDS = 'Windows Server 2019 is build 17763, 2022 is 20348, 2025 is 26100';

function osBuildMessage(value: string): string {
  const shown = JSON.stringify(value.slice(0, 40));
  if (/^\s*(\d{4}|\d{2}H[12])\s*$/i.test(value)) {
    return `--os-build ${shown} looks like a release id (version), not a build: give the build number (${BUILDS}), e.g. --os-build 17763 or 17763.6414.`;
  }
  return `--os-build ${shown}: give a build number like 20348 or 20348.2227 (${BUILDS}).`;
}

/** Returns the facts with the flags applied, and the names of the flags that were. */
export async function applyWhatIf(
  facts: NodeFacts,
  flags: WhatIfFlags,
): Promise<{ facts: NodeFacts; applied: string[] }> {
  const out: NodeFacts = { ...facts };
  const applied: string[] = [];
  const cwd = flags.cwd ?? process.cwd();
  const containerd = { ...out.containerd };
  const kubelet = { ...out.kubelet };
  if (flags.containerdVersion !== undefined) {
    containerd.version = versionFact('--containerd-version', flags.containerdVersion, '1.7.20');
    applied.push('--containerd-version');
  }
  if (flags.containerdConfig !== undefined) {
    containerd.config = await containerdConfigFact(flags.containerdConfig, cwd, flags.platform);
    applied.push('--containerd-config');
  }
  if (flags.serviceAccount !== undefined) {
    const name = flags.serviceAccount.trim();
    if (name === '') throw usageError('--service-account: give an account name such as LocalSystem or .\\admin.');
    containerd.serviceAccount = okFact({ name }, flag('--service-account', name));
    applied.push('--service-account');
  }
  if (flags.osBuild !== undefined) {
    const parsed = parseBuild(flags.osBuild);
    if (!parsed || parsed.build < FIRST_BUILD) throw usageError(osBuildMessage(flags.osBuild));
    out.os = okFact(parsed, flag('--os-build', flags.osBuild));
    applied.push('--os-build');
  }
  if (flags.kubeletVersion !== undefined) {
    kubelet.version = versionFact('--kubelet-version', flags.kubeletVersion, 'v1.29.3');
    applied.push('--kubelet-version');
  }
  if (flags.kubeletFlags !== undefined) {
    const text = await kubeletFlagsText(flags.kubeletFlags, cwd);
    kubelet.commandLine = okFact({ commandLine: text }, flag('--kubelet-flags', text.slice(0, 400)));
    applied.push('--kubelet-flags');
  }
  if (flags.kubeletConfig !== undefined) {
    kubelet.config = await kubeletConfigFact(flags.kubeletConfig, cwd);
    applied.push('--kubelet-config');
  }
  if (flags.groups && flags.groups.length > 0) {
    out.intent = { ...out.intent, groups: flags.groups };
    applied.push('--group');
  }
  if (Object.keys(containerd).length > 0) out.containerd = containerd;
  if (Object.keys(kubelet).length > 0) out.kubelet = kubelet;
  return { facts: out, applied };
}
