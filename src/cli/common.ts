/**
 * Help text and option handling shared by the commands that run checks (doctor, analyze, watch).
 */

import { validateRunOptions } from '../engine.js';
import { usageError } from '../errors.js';
import { type RunOptions, SelectionError } from '../runner.js';
import { list, parseDuration, str, type Values } from './args.js';

export const SELECTION_HELP = `Selecting checks:
  --only ID|GROUP        run only these checks or groups (repeat, or comma-separate)
  --skip ID|GROUP        do not run these checks or groups
  --ignore ID|all        report these failures as warnings (they stay visible)
  --check-timeout DUR    time limit per check (default 5s)`;

export const OUTPUT_HELP = `Output:
  --json                 print only the JSON report (schema/report.schema.json) on stdout
  -v, --verbose          show passing checks, observed and expected values, and evidence
  --no-color             no ANSI colours (also when NO_COLOR is set or stdout is not a terminal)`;

export const WHAT_IF_HELP = `What-if facts (stand in for, or override, collected facts):
  --containerd-version V|LINE   e.g. 1.7.20 or the whole 'containerd --version' line
  --containerd-config FILE      a containerd config.toml (its imports are followed)
  --service-account NAME        containerd's logon account, e.g. LocalSystem or .\\admin
  --os-build N[.UBR]            e.g. 20348 or 20348.2227
  --kubelet-version V           e.g. v1.29.3
  --kubelet-flags "FLAGS"       kubelet's command line or flags; @FILE reads them from a file
                                (write --kubelet-flags="--a=1 --b" when the value starts with a dash)
  --kubelet-config FILE         kubelet's KubeletConfiguration (YAML)
  --group NAME                  a local group used in runAsUserName (repeatable)`;

export const EXIT_HELP = `Exit codes: 0 no check failed · 1 at least one check failed · 2 usage or input error · 3 cannot run here`;

export const CHECK_OPTIONS = { 'check-timeout': { type: 'string' as const } };

export function runOptions(values: Values): RunOptions {
  const options: RunOptions = {
    only: list(values, 'only'),
    skip: list(values, 'skip'),
    ignore: list(values, 'ignore'),
  };
  const timeout = str(values, 'check-timeout');
  if (timeout !== undefined) options.timeoutMs = parseDuration('--check-timeout', timeout);
  try {
    validateRunOptions(options);
  } catch (error) {
    if (error instanceof SelectionError) throw usageError(error.message);
    throw error;
  }
  return options;
}
