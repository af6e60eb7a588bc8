/**
 * Windows command lines (a service's ImagePath, a process's CommandLine) split the way
 * CommandLineToArgvW and the MSVC runtime split them, and Go-style flag lists read from them.
 */

/**
 * Backslashes are literal unless they precede a quote: 2n backslashes + quote give n backslashes and
 * toggle quoting; 2n+1 give n backslashes and a literal quote. `""` inside quotes is a literal quote.
 */
export function splitWindowsCommandLine(commandLine: string): string[] {
  const args: string[] = [];
  let current = '';
  let inQuotes = false;
  let started = false;
  for (let i = 0; i < commandLine.length; i++) {
    const c = commandLine[i] as string;
    if (c === '\\') {
      let slashes = 0;
      while (commandLine[i] === '\\') {
        slashes += 1;
        i += 1;
      }
      if (commandLine[i] === '"') {
        current += '\\'.repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 1) current += '"';
        else i -= 1;
      } else {
        current += '\\'.repeat(slashes);
        i -= 1;
      }
      started = true;
    } else if (c === '"') {
      if (inQuotes && commandLine[i + 1] === '"') {
        current += '"';
        i += 1;
      } else {
        inQuotes = !inQuotes;
      }
      started = true;
    } else if (/\s/.test(c) && !inQuotes) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

/** The file name of a program argument, without directory or quotes: `C:\k\kubelet.exe` → `kubelet.exe`. */
export function programName(arg: string): string {
  return (arg.split(/[\\/]/).pop() ?? arg).toLowerCase();
}

export interface ParsedFlags {
  /** Every occurrence of every flag, in order: `--a=1 --a 2` gives a: ['1', '2']. */
  values: Map<string, string[]>;
  /** Arguments that are not flags or flag values. */
  positional: string[];
}

/**
 * Go flag / pflag syntax: `--name=value`, `-name=value`, `--name value` and bare boolean `--name`.
 * A bare flag followed by a non-flag token takes it as its value unless the flag is known to be boolean.
 */
export function parseFlags(args: string[], booleanFlags: ReadonlySet<string> = new Set()): ParsedFlags {
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  // Appended in place: copying the list on every repeat made 50,000 repeats of one flag take minutes.
  const add = (name: string, value: string) => {
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      for (let j = i + 1; j < args.length; j++) positional.push(args[j] as string);
      break;
    }
    const m = /^--?([A-Za-z0-9][\w.-]*)(?:=(.*))?$/s.exec(arg);
    if (!m) {
      positional.push(arg);
      continue;
    }
    const name = m[1] as string;
    if (m[2] !== undefined) {
      add(name, m[2]);
      continue;
    }
    const next = args[i + 1];
    if (!booleanFlags.has(name) && next !== undefined && !next.startsWith('-')) {
      add(name, next);
      i += 1;
    } else {
      add(name, 'true');
    }
  }
  return { values, positional };
}

export function lastFlag(flags: ParsedFlags, ...names: string[]): string | undefined {
  let found: string | undefined;
  for (const name of names) {
    const all = flags.values.get(name);
    if (all && all.length > 0) found = all[all.length - 1];
  }
  return found;
}

/** Go's strconv.ParseBool. */
export function parseGoBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/**
 * `--feature-gates=A=true,B=false`; repeated flags merge, later ones win (pflag's mapStringBool).
 * Returns the gates and any entries that could not be read.
 */
export function parseFeatureGates(values: string[]): { gates: Record<string, boolean>; invalid: string[] } {
  const gates: Record<string, boolean> = {};
  const invalid: string[] = [];
  for (const value of values) {
    for (const entry of value.split(',')) {
      const trimmed = entry.trim();
      if (trimmed === '') continue;
      const [name, raw] = trimmed.split('=', 2).map((s) => s.trim());
      const parsed = raw === undefined ? undefined : parseGoBool(raw);
      if (!name || parsed === undefined) invalid.push(trimmed);
      else gates[name] = parsed;
    }
  }
  return { gates, invalid };
}

/**
 * Accepts a bare flag list, a whole command line, or an env file such as kubeadm-flags.env
 * (`KUBELET_KUBEADM_ARGS="--a=1 --b=2"`), whose values are unwrapped and joined.
 */
export function unwrapEnvFile(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !/^\s*#/.test(l));
  const assignments = lines.map((l) => /^\s*[A-Za-z_][A-Za-z0-9_]*=(?:"(.*)"|'(.*)'|(.*))\s*$/.exec(l));
  if (lines.length === 0 || assignments.some((m) => m === null)) return text;
  return assignments.map((m) => (m?.[1] ?? m?.[2] ?? m?.[3] ?? '').trim()).join(' ');
}
