/**
 * Command-line options, parsed with node:util parseArgs (strict: an unknown flag is a usage error).
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { usageError } from '../errors.js';
import type { WhatIfFlags } from '../whatif.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export const OUTPUT_OPTIONS: Options = {
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  'no-color': { type: 'boolean' },
};

export const SELECTION_OPTIONS: Options = {
  only: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
};

export const WHAT_IF_OPTIONS: Options = {
  'containerd-version': { type: 'string' },
  'containerd-config': { type: 'string' },
  'service-account': { type: 'string' },
  'os-build': { type: 'string' },
  'kubelet-version': { type: 'string' },
  'kubelet-flags': { type: 'string' },
  'kubelet-config': { type: 'string' },
  group: { type: 'string', multiple: true },
};

export const HELP_OPTION: Options = { help: { type: 'boolean', short: 'h' } };

export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Parsed {
  values: Values;
  positionals: string[];
}

/** Turns parseArgs' TypeErrors into usage errors that name the flag and point at --help. */
export function parse(command: string, args: string[], options: Options, allowPositionals = false): Parsed {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals });
    return { values: values as Values, positionals };
  } catch (error) {
    const message = (error as Error).message.replace(/\s+/g, ' ').trim();
    throw usageError(`${command}: ${message}\nRun 'hostprocess-doctor ${command} --help' for the options.`);
  }
}

export const str = (values: Values, name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};

export const bool = (values: Values, name: string): boolean => values[name] === true;

/** Repeatable flags also take comma-separated lists: --only os,containerd. */
export function list(values: Values, name: string): string[] {
  const v = values[name];
  const items = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return items
    .flatMap((item) => String(item).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `500ms`, `5s`, `2m`, `1h` or a bare number of milliseconds. */
export function parseDuration(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw usageError(`${flag} ${JSON.stringify(text)}: give a duration such as 500ms, 5s or 5m.`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
  const ms = Math.round(Number(m[1]) * unit);
  if (ms <= 0) throw usageError(`${flag} must be greater than zero.`);
  return ms;
}

export function whatIfFlags(values: Values): WhatIfFlags {
  return {
    containerdVersion: str(values, 'containerd-version'),
    containerdConfig: str(values, 'containerd-config'),
    serviceAccount: str(values, 'service-account'),
    osBuild: str(values, 'os-build'),
    kubeletVersion: str(values, 'kubelet-version'),
    kubeletFlags: str(values, 'kubelet-flags'),
    kubeletConfig: str(values, 'kubelet-config'),
    groups: list(values, 'group'),
  };
}
