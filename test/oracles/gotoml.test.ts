/**
 * The go-toml ports against the real go-toml v1.9.4 and v2.0.6 (Debian), on the corpus, the containerd
 * config cases and a few hundred generated TOML inputs: the verdict, go-toml's message and its position
 * must be the same for every input (the ports' 1.x mode is v1.9.4's here: Debian's containerd 1.6.20 is
 * built with it; v2.0.6 and the v2.2.x that containerd 2.x vendors parse the same, see docs/containerd.md);
 * the tree of every accepted input must hold the same keys, kinds and values; go-toml v1's writer must
 * print it back the same; and decoding into containerd's config structs must give the same errors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { decodeV1, decodeV2, type GoStruct, marshalledExpressions } from '../../src/parse/toml-decode.js';
import { loadBytesV1 } from '../../src/parse/toml-gotoml1.js';
import { decodeMapV2, locateError, parseV2, treeOfV2 } from '../../src/parse/toml-gotoml2.js';
import { goFloat, nodeAt, type TomlNode } from '../../src/parse/toml-tree.js';
import { writeToml } from '../../src/parse/toml-write.js';
import { assumedFamily } from '../../src/rules/containerd/family.js';
import { otherPluginSchemas } from '../../src/rules/containerd/plugin-schemas.js';
import { SCHEMAS } from '../../src/rules/containerd/schema-data.js';
import { suiteAvailable } from '../helpers/optional.js';
import { configCases, generatedInputs } from './generate.js';
import { buildOracle, corpusFiles, GOTOML_SUITE, runOracle, writeInputs } from './oracles.js';

interface Verdict {
  ok: boolean;
  message?: string;
  line?: number;
  column?: number;
  panic?: boolean;
  tree?: unknown;
  written?: string;
}
interface GoResult {
  file: string;
  v1: Verdict;
  v2: Verdict;
}

const DATES: Record<string, string> = {
  'offset-datetime': 'time.Time',
  'local-date': 'toml.LocalDate',
  'local-time': 'toml.LocalTime',
  'local-datetime': 'toml.LocalDateTime',
};

/** Our tree as the oracle prints one: {t, v}, tables as sorted [key, value] pairs, dates by type only. */
function typed(root: TomlNode): unknown {
  // The inputs nest at most a few hundred levels here (deeper ones are left out of the tree comparison).
  const go = (node: TomlNode): unknown => {
    if (node.kind === 'table')
      return { t: 'table', v: [...node.entries.keys()].sort().map((k) => [k, go(node.entries.get(k) as TomlNode)]) };
    if (node.kind === 'array') return { t: 'array', v: node.items.map(go) };
    if (node.kind === 'integer') return { t: 'integer', v: (node.value as bigint).toString() };
    if (node.kind === 'float') return { t: 'float', v: goFloat(node.value as number) };
    if (node.kind in DATES) return { t: DATES[node.kind] };
    return { t: node.kind, v: node.value };
  };
  return go(root);
}

/** The oracle's typed JSON in the same form (Go encodes maps sorted; dates by type only). */
function normalise(x: unknown): unknown {
  const o = x as { t: string; v: unknown };
  if (o.t === 'table') {
    const v = o.v as Record<string, unknown>;
    return {
      t: 'table',
      v: Object.keys(v)
        .sort()
        .map((k) => [k, normalise(v[k])]),
    };
  }
  if (o.t === 'array' || o.t === 'tables') return { t: 'array', v: (o.v as unknown[]).map(normalise) };
  if (o.t.includes('.')) return { t: o.t };
  return o;
}

if (suiteAvailable(GOTOML_SUITE)) {
  const corpus = corpusFiles();
  const cases = configCases();
  const inputs = [
    ...corpus.map((c) => ({ name: `corpus-${c.name}`, bytes: new Uint8Array(readFileSync(c.path)) })),
    ...cases.flatMap((c) => [
      { name: `case-${c.name}`, bytes: new TextEncoder().encode(c.main) },
      ...Object.entries(c.imports ?? {}).map(([n, text]) => ({
        name: `case-${c.name}-${n}`,
        bytes: new TextEncoder().encode(text),
      })),
    ]),
    ...generatedInputs(corpus),
  ];
  const files = writeInputs(inputs);
  const deep = (f: string) => /deep-(arrays-(600|5000)|inline-600)/.test(path.basename(f));

  test(`go-toml v1.9.4 and v2.0.6 agree with the ports on ${files.length} inputs`, (t) => {
    const results = runOracle<GoResult>(buildOracle('gotoml'), files, ['-trees']);
    t.is(results.length, files.length);
    const problems: string[] = [];
    let v1Rejects = 0;
    let v2Rejects = 0;
    let differ = 0;
    let trees = 0;
    for (const go of results) {
      const bytes = new Uint8Array(readFileSync(go.file));
      const name = path.basename(go.file);
      // go-toml v1: verdict, message (with its (row, col)), panics.
      const v1 = loadBytesV1(bytes, '1.9.4');
      if (!go.v1.ok) v1Rejects++;
      if (v1.ok !== go.v1.ok) problems.push(`${name} v1 verdict: go ${go.v1.ok} ${go.v1.message ?? ''}, ours ${v1.ok}`);
      else if (!v1.ok && !go.v1.panic && v1.message !== go.v1.message)
        problems.push(`${name} v1 message: go "${go.v1.message}", ours "${v1.message}"`);
      else if (!v1.ok && go.v1.panic !== v1.panic)
        problems.push(`${name} v1 panic: go ${go.v1.panic}, ours ${v1.panic}`);
      // go-toml v2: verdict, message and row/column.
      const parsed = parseV2(bytes);
      const v2 = decodeMapV2(parsed, '2.0.6');
      if (!go.v2.ok) v2Rejects++;
      if (go.v1.ok !== go.v2.ok) differ++;
      const mine = v2.error ? locateError(parsed.data, v2.error) : undefined;
      if (v2.ok !== go.v2.ok) problems.push(`${name} v2 verdict: go ${go.v2.ok} ${go.v2.message ?? ''}, ours ${v2.ok}`);
      else if (!v2.ok && !go.v2.panic) {
        if (`toml: ${mine?.message}` !== go.v2.message && mine?.message !== go.v2.message)
          problems.push(`${name} v2 message: go "${go.v2.message}", ours "${mine?.message}"`);
        else if ((go.v2.line ?? 0) !== (mine?.line ?? 0) || (go.v2.column ?? 0) !== (mine?.column ?? 0))
          problems.push(`${name} v2 position: go ${go.v2.line}:${go.v2.column}, ours ${mine?.line}:${mine?.column}`);
      } else if (!v2.ok && !mine?.panic) problems.push(`${name} v2: go panics, ours does not`);
      if (deep(go.file)) continue;
      // The trees of accepted documents, and go-toml v1's writer.
      if (go.v1.ok && v1.ok) {
        trees++;
        if (JSON.stringify(typed(v1.tree)) !== JSON.stringify(normalise(go.v1.tree)))
          problems.push(`${name} v1 tree differs`);
        if (writeToml(v1.tree) !== (go.v1.written ?? '')) problems.push(`${name} v1 written text differs`);
      }
      if (go.v2.ok && v2.ok) {
        trees++;
        if (JSON.stringify(typed(treeOfV2(parsed))) !== JSON.stringify(normalise(go.v2.tree)))
          problems.push(`${name} v2 tree differs`);
      }
    }
    t.log(
      `${results.length} inputs: go-toml v1 refuses ${v1Rejects}, v2 refuses ${v2Rejects}, they differ on ${differ}; ${trees} trees compared`,
    );
    t.deepEqual(problems, []);
    t.true(v1Rejects > 100 && v2Rejects > 100 && differ > 30, 'the inputs exercise both parsers and their differences');
  });

  interface Stage {
    error?: string;
    line?: number;
    column?: number;
    panic?: boolean;
  }
  interface Decoded {
    file: string;
    v1: Stage;
    v1cri?: Stage;
    v1plugins?: Record<string, Stage>;
    v2: Stage;
    v2unknown?: string[];
    v2plugins?: Record<string, Stage>;
  }

  test(`decoding into containerd's config structs agrees with go-toml on ${files.length} inputs`, (t) => {
    const results = runOracle<Decoded>(
      buildOracle('decode'),
      files.filter((f) => !deep(f)),
    );
    const problems: string[] = [];
    let compared = 0;
    let typeErrors = 0;
    for (const go of results) {
      const name = path.basename(go.file);
      const bytes = new Uint8Array(readFileSync(go.file));
      const r1 = loadBytesV1(bytes, '1.9.4');
      let m1: Stage = {};
      let cri: Stage | undefined;
      const plugins1: Record<string, Stage> = {};
      if (!r1.ok) m1 = { error: r1.message };
      else {
        const e = decodeV1(r1.tree, SCHEMAS.top17_Config, '1.9.4');
        if (e) m1 = { error: e.message };
        else {
          for (const { uri, schema } of otherPluginSchemas(assumedFamily(2))) {
            const table = nodeAt(r1.tree, ['plugins', uri]);
            if (table?.kind !== 'table') continue;
            const e3 = decodeV1(table, schema, '1.9.4');
            plugins1[uri] = e3 ? { error: e3.message } : {};
            if (e3) typeErrors++;
          }
          const table = nodeAt(r1.tree, ['plugins', 'io.containerd.grpc.v1.cri']);
          if (table?.kind === 'table') {
            const e2 = decodeV1(table, SCHEMAS.cri17_PluginConfig, '1.9.4');
            cri = e2 ? { error: e2.message } : {};
          }
        }
      }
      compared++;
      if (go.v1.error && /Can't convert/.test(go.v1.error)) typeErrors++;
      if (go.v1cri?.error) typeErrors++;
      if (!go.v1.panic && JSON.stringify(m1) !== JSON.stringify(go.v1))
        problems.push(`${name} v1: go ${JSON.stringify(go.v1)}, ours ${JSON.stringify(m1)}`);
      if (JSON.stringify(cri) !== JSON.stringify(go.v1cri))
        problems.push(`${name} v1 CRI: go ${JSON.stringify(go.v1cri)}, ours ${JSON.stringify(cri)}`);
      const theirs1 = Object.entries(go.v1plugins ?? {}).map(([k, v]) => [k, v.panic ? { panic: true } : v]);
      if (JSON.stringify(Object.entries(plugins1).sort()) !== JSON.stringify(theirs1.sort()))
        problems.push(`${name} v1 plugins: go ${JSON.stringify(theirs1)}, ours ${JSON.stringify(plugins1)}`);
      const parsed = parseV2(bytes);
      const d = decodeV2(
        parsed.expressions,
        SCHEMAS.top20_Config,
        '2.0.6',
        parsed.parseError ? { parseError: parsed.parseError } : {},
      );
      const err = d.error;
      let m2: Stage = {};
      if (err) {
        const l = locateError(parsed.data, err);
        const message = err.plain ? l.message : `toml: ${l.message}`;
        m2 = err.panic
          ? { panic: true }
          : { error: message, ...(l.line && !err.plain ? { line: l.line, column: l.column as number } : {}) };
      }
      const goV2 = go.v2.panic ? { panic: true } : go.v2;
      if (JSON.stringify(m2) !== JSON.stringify(goV2))
        problems.push(`${name} v2: go ${JSON.stringify(goV2)}, ours ${JSON.stringify(m2)}`);
      if (err) continue;
      const unknown = d.unknown.map((u) => u.key.join('.')).sort();
      if (JSON.stringify(unknown) !== JSON.stringify((go.v2unknown ?? []).sort()))
        problems.push(`${name} v2 unknown keys differ`);
      const tree = treeOfV2(parsed);
      const mine: Record<string, Stage> = {};
      const pluginSchemas: [string, GoStruct][] = [
        ['io.containerd.cri.v1.runtime', SCHEMAS.cri22_RuntimeConfig],
        ['io.containerd.cri.v1.images', SCHEMAS.cri22_ImageConfig],
        ['io.containerd.grpc.v1.cri', SCHEMAS.cri22_ServerConfig],
        ...otherPluginSchemas(assumedFamily(3)).map(({ uri, schema }): [string, GoStruct] => [uri, schema]),
      ];
      for (const [id, schema] of pluginSchemas) {
        const table = nodeAt(tree, ['plugins', id]);
        if (table?.kind !== 'table') continue;
        const r = decodeV2(marshalledExpressions(table), schema, '2.0.6', { positions: false });
        mine[id] = r.error ? { error: r.error.plain ? r.error.message : `toml: ${r.error.message}` } : {};
      }
      const theirs = Object.fromEntries(
        Object.entries(go.v2plugins ?? {}).map(([k, v]) => [k, v.error ? { error: v.error } : {}]),
      );
      for (const v of Object.values(theirs)) if ((v as Stage).error) typeErrors++;
      if (JSON.stringify(Object.entries(mine).sort()) !== JSON.stringify(Object.entries(theirs).sort()))
        problems.push(`${name} v2 plugins: go ${JSON.stringify(theirs)}, ours ${JSON.stringify(mine)}`);
    }
    t.log(`${compared} inputs decoded into containerd's structs; ${typeErrors} type errors among them`);
    t.deepEqual(problems, []);
    t.true(typeErrors > 20, 'the inputs hold type errors at both stages');
  });
}
