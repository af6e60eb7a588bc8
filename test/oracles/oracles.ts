/**
 * The real implementations the differential suites compare with: go-toml v1.9.4 and v2.0.6 through Go
 * programs of ours (test/oracles/gotoml, test/oracles/decode), built in the test run against the Debian
 * packages, and Debian's containerd 1.6.20. scripts/setup/oracles.sh installs them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OptionalSuite } from '../helpers/optional.js';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const SOURCES = path.join(ROOT, 'test', 'oracles');
const GOPATH = '/usr/share/gocode';
export const INSTALL = 'bash scripts/setup/oracles.sh';

/** The program's path on PATH (no shell), or undefined. */
function which(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export const GOTOML_SUITE: OptionalSuite = {
  name: 'gotoml',
  what: 'go-toml v1.9.4 and v2.0.6 (Debian packages, through test/oracles/gotoml)',
  install: INSTALL,
  missing: () => {
    if (!which('go')) return 'go is not installed';
    if (!existsSync(path.join(GOPATH, 'src/github.com/pelletier/go-toml/toml.go')))
      return 'go-toml v1 sources are missing';
    if (!existsSync(path.join(GOPATH, 'src/github.com/pelletier/go-toml/v2/decode.go')))
      return 'go-toml v2 sources are missing';
    return undefined;
  },
};

export const CONTAINERD_SUITE: OptionalSuite = {
  name: 'containerd',
  what: 'real containerd 1.6.20 (Debian), `containerd --config F config dump`',
  install: INSTALL,
  missing: () => {
    const bin = which('containerd');
    if (!bin) return 'containerd is not installed';
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout;
    return /\b1\.6\.20\b/.test(version) ? undefined : `containerd is ${version.trim()}, not 1.6.20`;
  },
};

/** Builds one of our Go programs (cached by its source's hash) and returns the binary's path. */
export function buildOracle(name: 'gotoml' | 'decode'): string {
  const dir = path.join(SOURCES, name);
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(path.join(dir, file)));
  const out = path.join(os.tmpdir(), 'hpd-oracles', `${name}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(out)) return out;
  mkdirSync(path.dirname(out), { recursive: true });
  execFileSync('go', ['build', '-o', out, `./test/oracles/${name}`], {
    cwd: ROOT,
    env: {
      ...process.env,
      GOPATH,
      GO111MODULE: 'off',
      GOFLAGS: '',
      GOCACHE: path.join(os.tmpdir(), 'hpd-oracles', 'gocache'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return out;
}

/** Runs an oracle over files (one path per line on stdin) and returns one parsed JSON line per file. */
export function runOracle<T>(binary: string, files: string[], extra: string[] = []): T[] {
  const out = execFileSync(binary, [...extra, '-'], { input: `${files.join('\n')}\n`, maxBuffer: 1 << 30 });
  return out
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);
}

/** Writes inputs into a fresh folder and returns their paths. */
export function writeInputs(inputs: { name: string; bytes: Uint8Array }[]): string[] {
  const dir = path.join(os.tmpdir(), 'hpd-oracles', `inputs-${process.pid}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  return inputs.map(({ name, bytes }) => {
    const file = path.join(dir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.toml`);
    writeFileSync(file, bytes);
    return file;
  });
}

export const CORPUS_DIR = path.join(ROOT, 'test', 'fixtures', 'corpus', 'containerd-config');
export const corpusFiles = (): { name: string; text: string; path: string }[] =>
  readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.toml'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.toml$/, ''),
      path: path.join(CORPUS_DIR, f),
      text: readFileSync(path.join(CORPUS_DIR, f), 'utf8'),
    }));
