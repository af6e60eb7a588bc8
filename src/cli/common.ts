/**
 * Option groups and their handling, shared by the commands that run checks (doctor, analyze, watch,
 * explain's facts). Each option is defined once here; a command lists the groups it takes.
 */
import { usageError } from '../contract/errors.js';
import type { DoctorReport } from '../contract/report.js';
import { validateRunOptions } from '../engine.js';
import { type HumanOptions, renderHuman } from '../reporters/human.js';
import { renderJson } from '../reporters/json.js';
import { type RunOptions, SelectionError } from '../runner.js';
import type { WhatIfFlags } from '../sources/whatif.js';
import type { Io, Sink } from './io.js';
import { type OptionGroup, type OptionSpec, parseDuration, type Values } from './options.js';

export const MAX_CHECK_TIMEOUT_MS = 10 * 60_000;
export const MAX_PROBE_TIMEOUT_MS = 60 * 60_000;
export const MAX_INTERVAL_MS = 24 * 60 * 60_000;

export const SELECTION: OptionGroup = {
  title: 'Selecting checks',
  options: [
    {
      name: 'only',
      kind: 'list',
      arg: 'ID|GROUP',
      help: 'run only these checks or groups (repeat, or comma-separate)',
    },
    { name: 'skip', kind: 'list', arg: 'ID|GROUP', help: 'do not run these checks or groups' },
    { name: 'ignore', kind: 'list', arg: 'ID|all', help: 'report these failures as warnings (they stay visible)' },
    { name: 'check-timeout', kind: 'value', arg: 'DUR', help: 'time limit per check (default 5s, at most 10m)' },
  ],
};

export const OUTPUT: OptionGroup = {
  title: 'Output',
  options: [
    { name: 'json', kind: 'flag', help: 'print only the JSON report (schema/report.schema.json) on stdout' },
    {
      name: 'verbose',
      short: 'v',
      kind: 'flag',
      help: 'show passing checks, observed and expected values, and evidence',
    },
    {
      name: 'no-color',
      kind: 'flag',
      help: 'no ANSI colours (also with NO_COLOR, FORCE_COLOR=0, TERM=dumb, or when\nstdout is not a terminal)',
    },
  ],
};

export const GROUP_OPTION: OptionSpec = {
  name: 'group',
  kind: 'list',
  arg: 'NAME',
  help: 'a local group your pods use in runAsUserName (repeatable; in a DaemonSet\nalso HOSTPROCESS_DOCTOR_GROUPS=a,b)',
};

const WHAT_IF_OPTIONS: OptionSpec[] = [
  {
    name: 'containerd-version',
    kind: 'value',
    arg: 'V|LINE',
    help: "e.g. 1.7.20 or the whole 'containerd --version' line",
  },
  {
    name: 'containerd-config',
    kind: 'value',
    arg: 'FILE',
    help: 'a containerd config.toml (its imports are followed)',
  },
  {
    name: 'service-account',
    kind: 'value',
    arg: 'NAME',
    help: "containerd's logon account, e.g. LocalSystem, 'NT AUTHORITY\\LocalService',\n.\\admin or a SID such as S-1-5-18",
  },
  {
    name: 'os-build',
    kind: 'value',
    arg: 'N[.UBR]',
    help: 'the Windows build, e.g. 20348 or 20348.2227 (not a release id like 21H2)',
  },
  { name: 'kubelet-version', kind: 'value', arg: 'V', help: 'e.g. v1.29.3' },
  {
    name: 'kubelet-flags',
    kind: 'value',
    arg: 'FLAGS',
    help: "kubelet's command line or flags, e.g. --kubelet-flags '--feature-gates=X=true';\n@FILE reads them from a file (kubeadm-flags.env works)",
  },
  { name: 'kubelet-config', kind: 'value', arg: 'FILE', help: "kubelet's KubeletConfiguration (YAML)" },
];

/** The what-if facts; `--group` is among them unless the command lists it with collection. */
export function whatIfGroup(withGroup: boolean): OptionGroup {
  return {
    title: 'What-if facts (stand in for, or override, collected facts)',
    options: withGroup ? [...WHAT_IF_OPTIONS, GROUP_OPTION] : WHAT_IF_OPTIONS,
  };
}

export { EXIT_CODES } from './exit-help.js';

export function runOptions(values: Values): RunOptions {
  const options: RunOptions = { only: values.list('only'), skip: values.list('skip'), ignore: values.list('ignore') };
  const timeout = values.str('check-timeout');
  if (timeout !== undefined) options.timeoutMs = parseDuration('--check-timeout', timeout, MAX_CHECK_TIMEOUT_MS);
  try {
    validateRunOptions(options);
  } catch (error) {
    if (error instanceof SelectionError) throw usageError(error.message);
    throw error;
  }
  return options;
}

export function whatIfFlags(values: Values, io: Pick<Io, 'cwd' | 'platform'>, withGroups = true): WhatIfFlags {
  return {
    containerdVersion: values.str('containerd-version'),
    containerdConfig: values.str('containerd-config'),
    serviceAccount: values.str('service-account'),
    osBuild: values.str('os-build'),
    kubeletVersion: values.str('kubelet-version'),
    kubeletFlags: values.str('kubelet-flags'),
    kubeletConfig: values.str('kubelet-config'),
    groups: withGroups ? values.list('group') : [],
    cwd: io.cwd,
    platform: io.platform,
  };
}

/** NO_COLOR and --no-color win; FORCE_COLOR forces it (0 or false turns it off); TERM=dumb and pipes get none. */
export function colorEnabled(values: Values, sink: Sink, env: NodeJS.ProcessEnv): boolean {
  if (values.bool('no-color') || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.TERM === 'dumb') return false;
  return sink.isTTY;
}

/** conhost's default fonts lack ✓ and ✗; Windows Terminal and VS Code have them. */
export function asciiSymbols(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  return platform === 'win32' && !env.WT_SESSION && env.TERM_PROGRAM !== 'vscode';
}

/** Wrap only on a terminal; a file or a pipe keeps each finding on one line for grep. */
export function terminalWidth(sink: Sink): number | undefined {
  return sink.isTTY && sink.columns ? sink.columns - 1 : undefined;
}

export function humanOptions(values: Values, io: Io): HumanOptions {
  const options: HumanOptions = {
    verbose: values.bool('verbose'),
    color: colorEnabled(values, io.stdout, io.env),
    asciiSymbols: asciiSymbols(io.env, io.platform),
  };
  const width = terminalWidth(io.stdout);
  if (width !== undefined) options.width = width;
  return options;
}

export function renderReport(report: DoctorReport, json: boolean, values: Values, io: Io): string {
  return json ? renderJson(report) : renderHuman(report, humanOptions(values, io));
}
