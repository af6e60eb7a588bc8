/**
 * Suites that need a real implementation installed (containerd, go-toml, wine, PowerShell). On a machine
 * without it, the suite is skipped with a line that says why and how to install it; `scripts/test-summary.mjs`
 * prints those lines at the end of the run. Where HOSTPROCESS_DOCTOR_REQUIRE lists the suite (or says
 * `all`), as `.ci/run` does, a missing implementation is a failing test instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';

export const REQUIRE_ENV = 'HOSTPROCESS_DOCTOR_REQUIRE';
const ROOT = path.resolve(import.meta.dirname, '../../..');
export const SKIPPED_DIR = path.join(ROOT, 'dist', '.skipped-suites');

export interface OptionalSuite {
  /** Short id, e.g. `containerd`, `gotoml`, `wine`, `pwsh`. */
  name: string;
  /** What the suite compares with, e.g. "real containerd 1.6.20". */
  what: string;
  /** The one command that installs it. */
  install: string;
  /** Returns why the implementation cannot run here, or undefined when it can. */
  missing: () => string | undefined;
}

export function required(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const wanted = (env[REQUIRE_ENV] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return wanted.includes('all') || wanted.includes(name);
}

/**
 * True when the suite can run. Otherwise registers one skipped (or, when required, one failing) test
 * that names the suite, why it cannot run and how to install it, and returns false.
 */
export function suiteAvailable(suite: OptionalSuite): boolean {
  const why = suite.missing();
  if (why === undefined) return true;
  const line = `${suite.what}: ${why}; install with: ${suite.install}`;
  if (required(suite.name)) {
    test(`${suite.name} suite is required here (${REQUIRE_ENV}) but cannot run`, (t) => t.fail(line));
    return false;
  }
  test.skip(`${suite.name} suite skipped: ${line}`, () => undefined);
  mkdirSync(SKIPPED_DIR, { recursive: true });
  writeFileSync(path.join(SKIPPED_DIR, `${suite.name}.txt`), `${line}\n`);
  return false;
}
