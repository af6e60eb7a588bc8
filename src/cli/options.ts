/**
 * One option table per command generates both its parser and its --help.
 *
 * The parser is getopt_long-like and small on purpose: an option that takes a value takes the next
 * argument whatever it starts with, so `--kubelet-flags "--feature-gates=X=false"` works as typed
 * (node:util parseArgs refuses a value that starts with a dash, by design). `--name=value`, `-o value`,
 * `-ovalue`, clustered short flags (`-vh`) and `--` are understood; an unknown option is a usage error
 * that names it.
 */
import { usageError } from '../contract/errors.js';

export type OptionKind = 'flag' | 'value' | 'list';

export interface OptionSpec {
  name: string;
  short?: string;
  kind: OptionKind;
  /** The value's placeholder in the help, e.g. DUR or FILE. */
  arg?: string;
  /** One or more lines; later lines continue the first. */
  help: string;
}

export interface OptionGroup {
  title: string;
  options: OptionSpec[];
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** What follows `Usage: hostprocess-doctor `, one line per form. */
  usage: string[];
  description: string;
  groups: OptionGroup[];
  /** Whether the command takes positional arguments. */
  positionals: boolean;
  /** Examples, exit codes and notes, printed last. */
  footer?: string;
}

export type Value = boolean | string | string[];

export class Values {
  constructor(private readonly map: ReadonlyMap<string, Value>) {}
  has(name: string): boolean {
    return this.map.has(name);
  }
  bool(name: string): boolean {
    return this.map.get(name) === true;
  }
  str(name: string): string | undefined {
    const v = this.map.get(name);
    return typeof v === 'string' ? v : undefined;
  }
  /** A repeatable option, also comma-separated: --only os,containerd --only kubelet. */
  list(name: string): string[] {
    const v = this.map.get(name);
    const items = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    return items
      .flatMap((item) => item.split(','))
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  /** Every value of a repeatable option as given, without splitting on commas (file names). */
  all(name: string): string[] {
    const v = this.map.get(name);
    return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  }
  /** The names given, in no particular order. */
  names(): string[] {
    return [...this.map.keys()];
  }
}

export interface Parsed {
  values: Values;
  positionals: string[];
}

export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', kind: 'flag', help: 'show this help' };

function optionsOf(spec: CommandSpec): OptionSpec[] {
  return [...spec.groups.flatMap((g) => g.options), HELP_OPTION];
}

function usage(spec: CommandSpec, message: string): Error {
  return usageError(`${spec.name}: ${message}\nRun 'hostprocess-doctor ${spec.name} --help' for the options.`);
}

function set(values: Map<string, Value>, option: OptionSpec, value: string | true, spec: CommandSpec): void {
  if (option.kind === 'list') {
    const existing = values.get(option.name);
    if (Array.isArray(existing)) existing.push(value as string);
    else values.set(option.name, [value as string]);
    return;
  }
  if (values.has(option.name) && option.kind === 'value') {
    throw usage(spec, `--${option.name} was given twice; give it once.`);
  }
  values.set(option.name, value);
}

export function parseOptions(spec: CommandSpec, args: readonly string[]): Parsed {
  const options = optionsOf(spec);
  const byLong = new Map(options.map((o) => [o.name, o]));
  const byShort = new Map(options.flatMap((o) => (o.short ? [[o.short, o] as const] : [])));
  const values = new Map<string, Value>();
  const positionals: string[] = [];
  const shown = (name: string) => (name.length > 40 ? `${name.slice(0, 40)}…` : name);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const option = byLong.get(name);
      if (!option) throw usage(spec, `unknown option --${shown(name)}.`);
      if (option.kind === 'flag') {
        if (eq >= 0) throw usage(spec, `--${name} takes no value.`);
        set(values, option, true, spec);
        continue;
      }
      if (eq >= 0) set(values, option, arg.slice(eq + 1), spec);
      else if (i + 1 < args.length) set(values, option, args[++i] as string, spec);
      else throw usage(spec, `--${name} needs a value${option.arg ? ` (${option.arg})` : ''}.`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j] as string;
        const option = byShort.get(letter);
        if (!option) throw usage(spec, `unknown option -${letter}.`);
        if (option.kind === 'flag') {
          set(values, option, true, spec);
          continue;
        }
        const rest = arg.slice(j + 1);
        if (rest !== '') set(values, option, rest, spec);
        else if (i + 1 < args.length) set(values, option, args[++i] as string, spec);
        else throw usage(spec, `-${letter} needs a value${option.arg ? ` (${option.arg})` : ''}.`);
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  if (!spec.positionals && positionals.length > 0 && !values.has('help')) {
    throw usage(spec, `unexpected argument ${JSON.stringify(shown(positionals[0] as string))}.`);
  }
  return { values: new Values(values), positionals };
}

function flagColumn(option: OptionSpec): string {
  const long = `--${option.name}${option.arg ? ` ${option.arg}` : ''}`;
  return option.short ? `-${option.short}, ${long}` : long;
}

const MAX_FLAG_COLUMN = 30;

function renderGroup(group: OptionGroup): string {
  const width = Math.min(MAX_FLAG_COLUMN, Math.max(...group.options.map((o) => flagColumn(o).length)));
  const lines = [`${group.title}:`];
  for (const option of group.options) {
    const flag = flagColumn(option);
    const [first = '', ...more] = option.help.split('\n');
    if (flag.length > width) {
      lines.push(`  ${flag}`, `  ${' '.repeat(width)}  ${first}`);
    } else {
      lines.push(`  ${flag.padEnd(width)}  ${first}`);
    }
    for (const line of more) lines.push(`  ${' '.repeat(width)}  ${line}`);
  }
  return lines.join('\n');
}

export function renderHelp(spec: CommandSpec): string {
  const [firstUsage = spec.name, ...otherUsage] = spec.usage;
  const usageLines = [
    `Usage: hostprocess-doctor ${firstUsage}`,
    ...otherUsage.map((u) => `       hostprocess-doctor ${u}`),
  ];
  const parts = [usageLines.join('\n'), spec.description.trim(), ...spec.groups.map(renderGroup)];
  if (spec.footer) parts.push(spec.footer.trim());
  return `${parts.join('\n\n')}\n`;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function describeMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/**
 * A duration with its unit: `500ms`, `30s`, `5m`, `1h` (and combinations such as `1m30s`). A bare number
 * is refused: it would have to mean one unit or another, and a wrong guess blinds the doctor.
 */
export function parseDuration(flag: string, text: string, maxMs: number): number {
  const trimmed = text.trim();
  const forms = 'give a number with a unit: 500ms, 30s, 5m or 1h';
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    throw usageError(`${flag} ${JSON.stringify(text)} has no unit; ${forms} (e.g. ${trimmed}s).`);
  }
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
    throw usageError(`${flag} ${JSON.stringify(text.slice(0, 40))} is not a duration; ${forms}.`);
  }
  const ms = Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * (UNITS[p[2] as string] ?? 0), 0));
  if (ms <= 0) throw usageError(`${flag} must be greater than zero.`);
  if (ms > maxMs) throw usageError(`${flag} ${text} is too long: at most ${describeMs(maxMs)}.`);
  return ms;
}
