/**
 * `config-dump --containerd-version 1.6.20` against the real containerd 1.6.20 (Debian):
 * `containerd --config F config dump` on every corpus config, the containerd config cases, variants of
 * the corpus (imports that replace runtime tables, legacy default_runtime, disabled plugins, wrong
 * types) and a share of the generated TOML inputs. Compared: whether it loads, containerd's error text,
 * default_runtime_name, each declared runtime's runtime_type, annotations and options, disabled_plugins
 * and the files loaded. The Linux build has Linux defaults (runc, overlayfs), so only what both builds
 * share is compared: values the config sets, never the platform's defaults.
 *
 * Debian builds containerd 1.6.20 with go-toml 1.9.4 (its Built-Using); upstream 1.6.16+ vendors v1.9.5,
 * which also reads integers up to uint64. The test runs the model with 1.9.4 for this binary.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { loadContainerdConfig } from '../../src/collect/containerd-config.js';
import { loadBytesV1 } from '../../src/parse/toml-gotoml1.js';
import { nodeAt, type TomlNode, toPlain } from '../../src/parse/toml-tree.js';
import { type ParsedVersion, parseVersionToken } from '../../src/parse/versions.js';
import { dumpConfig } from '../../src/rules/containerd/dump.js';
import { familyOf } from '../../src/rules/containerd/family.js';
import { loadConfig } from '../../src/rules/containerd/load.js';
import { BUILT_IN, originOf } from '../../src/rules/containerd/tree.js';
import { suiteAvailable } from '../helpers/optional.js';
import { type ConfigCase, configCases, generatedInputs } from './generate.js';
import { CONTAINERD_SUITE, corpusFiles } from './oracles.js';

const CRI = 'io.containerd.grpc.v1.cri';

function variants(corpus: { name: string; text: string }[]): ConfigCase[] {
  const out: ConfigCase[] = [];
  for (const { name, text } of corpus) {
    if (/TEMPLATE/.test(name)) {
      out.push({ name: `corpus-${name}`, main: text });
      continue;
    }
    const v2 = /^\s*version\s*=\s*2/m.test(text);
    out.push({ name: `corpus-${name}`, main: text });
    if (!v2) continue;
    const withImports = (_: Record<string, string>) =>
      text.replace(/^(\s*version\s*=\s*2\s*)$/m, '$1\nimports = ["IMPORT_DIR/*.toml"]');
    out.push({
      name: `corpus-${name}-import-replaces-runtime`,
      main: withImports({}),
      imports: {
        '10-runtime.toml': `version = 2\n[plugins."${CRI}".containerd.runtimes.runhcs-wcow-process]\n  runtime_type = "io.containerd.runhcs.v1"\n  pod_annotations = ["microsoft.com/*"]\n`,
      },
    });
    out.push({
      name: `corpus-${name}-import-disables`,
      main: withImports({}),
      imports: {
        '20-disable.toml':
          'version = 2\ndisabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.internal.v1.restart"]\n',
      },
    });
    out.push({
      name: `corpus-${name}-import-legacy`,
      main: withImports({}),
      imports: {
        '30-legacy.toml': `version = 2\n[plugins."${CRI}".containerd.default_runtime]\n  runtime_type = "io.containerd.runhcs.v1"\n`,
      },
    });
    out.push({
      name: `corpus-${name}-import-wrong-type`,
      main: withImports({}),
      imports: { '40-bad.toml': `version = 2\n[plugins."${CRI}".containerd]\n  default_runtime_name = 5\n` },
    });
    out.push({
      name: `corpus-${name}-disabled-short`,
      main: text.replace(/^(\s*version\s*=\s*2\s*)$/m, '$1\ndisabled_plugins = ["cri"]'),
    });
  }
  return out;
}

interface Written {
  dir: string;
  main: string;
}

function writeCase(root: string, c: ConfigCase): Written {
  const dir = path.join(root, c.name.replace(/[^A-Za-z0-9._-]/g, '_'));
  const importDir = path.join(dir, 'conf.d');
  mkdirSync(importDir, { recursive: true });
  const main = path.join(dir, 'config.toml');
  writeFileSync(main, c.main.replaceAll('IMPORT_DIR', importDir));
  for (const [file, text] of Object.entries(c.imports ?? {}))
    writeFileSync(path.join(importDir, file), text.replaceAll('IMPORT_DIR', importDir));
  return { dir, main };
}

/** What both builds share: the values the config itself sets, in a dumped document. */
function shared(dump: TomlNode | undefined, declared: Set<string>) {
  const cri = nodeAt(dump as never, ['plugins', CRI]);
  const containerd = nodeAt(cri as never, ['containerd']);
  const runtimes = nodeAt(containerd as never, ['runtimes']);
  const pick = (t: TomlNode | undefined) => {
    if (t?.kind !== 'table') return undefined;
    const get = (k: string) => {
      const v = t.entries.get(k);
      return v === undefined ? undefined : toPlain(v);
    };
    const strings = (k: string) => {
      const v = get(k);
      return Array.isArray(v) && v.length > 0 ? v : [];
    };
    const options = (get('options') ?? {}) as Record<string, unknown>;
    const sorted = Object.fromEntries(
      Object.keys(options)
        .sort()
        .map((k) => [k, options[k]]),
    );
    return {
      runtime_type: get('runtime_type') ?? '',
      pod_annotations: strings('pod_annotations'),
      container_annotations: strings('container_annotations'),
      options: sorted,
    };
  };
  const out: Record<string, unknown> = {};
  for (const name of [...declared].sort())
    out[name] = pick(runtimes?.kind === 'table' ? runtimes.entries.get(name) : undefined);
  const defaultName = nodeAt(containerd as never, ['default_runtime_name']);
  return { runtimes: out, defaultName: defaultName ? toPlain(defaultName) : undefined };
}

if (suiteAvailable(CONTAINERD_SUITE)) {
  const version = familyOf(parseVersionToken('1.6.20') as ParsedVersion);
  // Debian's build: go-toml 1.9.4.
  const family = { ...version, parser: { name: 'go-toml-v1' as const, version: '1.9.4' as const } };
  const corpus = corpusFiles();
  const generated = generatedInputs(corpus)
    .filter((_, i) => i % 3 === 0)
    .map((g) => ({ name: `gen-${g.name}`, main: new TextDecoder().decode(g.bytes) }))
    .filter((g) => !/deep|long-string/.test(g.name));
  const cases = [...configCases(), ...variants(corpus), ...generated];

  test(`containerd 1.6.20 config dump agrees with config-dump on ${cases.length} configs`, async (t) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'hpd-containerd-'));
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'hpd-cwd-'));
    const problems: string[] = [];
    let refused = 0;
    let runtimesCompared = 0;
    for (const c of cases) {
      const { main } = writeCase(root, c);
      // Another working directory: containerd 1.6.20 globs relative imports there (fixed in 1.6.29).
      const run = spawnSync('containerd', ['--config', main, 'config', 'dump'], {
        cwd: elsewhere,
        encoding: 'utf8',
        timeout: 30_000,
      });
      const config = await loadContainerdConfig(main, 'command-line');
      const load = loadConfig(config, family);
      const dump = dumpConfig(load);
      const theyLoad = run.status === 0;
      if (!theyLoad) refused++;
      if (theyLoad !== dump.loads) {
        problems.push(
          `${c.name}: containerd ${theyLoad ? 'loads it' : `refuses: ${run.stderr.trim()}`}; ours ${dump.loads ? 'loads it' : `refuses: ${dump.refusal?.message}`}`,
        );
        continue;
      }
      if (!theyLoad) {
        // containerd prints "containerd: <error>\n"; the error itself may end in a newline (go-toml's %c).
        // Its log lines (the version 1 deprecation warning) come before that and are not the error.
        const stderr = run.stderr.replace(/^time="[^"]*" level=\w+ msg=.*\n/gm, '');
        const theirs = stderr.replace(/\n$/, '').replace(/^containerd: /, '');
        if (!/^panic/.test(dump.refusal?.message ?? '') && theirs !== dump.refusal?.message)
          problems.push(`${c.name}: containerd says "${theirs}", ours "${dump.refusal?.message}"`);
        continue;
      }
      const parsed = loadBytesV1(new TextEncoder().encode(run.stdout), '1.9.4');
      if (!parsed.ok) {
        problems.push(`${c.name}: containerd's dump does not parse: ${parsed.message}`);
        continue;
      }
      const theirTree = parsed.tree;
      // Disabled plugins (in merge order, duplicates kept) and the files loaded (a set: a Go map).
      const list = (tree: TomlNode, key: string) =>
        toPlain(
          nodeAt(tree as never, [key]) ??
            ({ kind: 'array', items: [], ofTables: false, pos: { line: 0, column: 0 } } as TomlNode),
        );
      if (JSON.stringify(list(theirTree, 'disabled_plugins')) !== JSON.stringify(dump.disabledPlugins))
        problems.push(`${c.name}: disabled_plugins differ`);
      const theirImports = (list(theirTree, 'imports') as string[]).slice().sort();
      if (JSON.stringify(theirImports) !== JSON.stringify([...dump.files].sort()))
        problems.push(`${c.name}: files loaded differ: ${theirImports} / ${dump.files}`);
      // The CRI runtime settings the config itself sets.
      // The runtimes the effective CRI table declares (a later file may have replaced the table).
      const declared = new Set<string>();
      const effective = nodeAt(load.config, ['plugins', load.version === 1 ? 'cri' : CRI, 'containerd', 'runtimes']);
      if (effective?.kind === 'table') for (const name of effective.entries.keys()) declared.add(name);
      const ours = shared(dump.config, declared);
      const theirs = shared(theirTree, declared);
      runtimesCompared += declared.size;
      const name = nodeAt(dump.config, ['plugins', CRI, 'containerd', 'default_runtime_name']);
      const setsName = name !== undefined && originOf(name).file !== BUILT_IN;
      if (setsName && JSON.stringify(ours.defaultName) !== JSON.stringify(theirs.defaultName))
        problems.push(
          `${c.name}: default_runtime_name ${JSON.stringify(theirs.defaultName)} / ours ${JSON.stringify(ours.defaultName)}`,
        );
      if (JSON.stringify(ours.runtimes) !== JSON.stringify(theirs.runtimes))
        problems.push(`${c.name}: runtimes ${JSON.stringify(theirs.runtimes)} / ours ${JSON.stringify(ours.runtimes)}`);
    }
    t.log(
      `${cases.length} configs compared with containerd 1.6.20: it refuses ${refused}; ${runtimesCompared} declared runtimes compared`,
    );
    t.deepEqual(problems, []);
    t.true(refused > 20 && runtimesCompared > 10, 'the cases exercise refusals and runtimes');
  });
}
