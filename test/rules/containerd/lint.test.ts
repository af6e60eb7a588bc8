/**
 * The lint: keys containerd's structs do not read, near misses, plugin keys by config version, and the
 * edit distance it rests on (banded, so it stays linear on long keys).
 */
import test from 'ava';
import { loadBytesV1 } from '../../../src/parse/toml-gotoml1.js';
import type { TomlTable } from '../../../src/parse/toml-tree.js';
import { parseVersionToken } from '../../../src/parse/versions.js';
import { familyOf } from '../../../src/rules/containerd/family.js';
import { closest, editDistance, lintFile } from '../../../src/rules/containerd/lint.js';

const family = (v: string) => familyOf(parseVersionToken(v) as NonNullable<ReturnType<typeof parseVersionToken>>);
function tree(text: string): TomlTable {
  const r = loadBytesV1(new TextEncoder().encode(text), '1.9.5');
  if (!r.ok) throw new Error(r.message);
  return r.tree;
}
const lint = (text: string, version: number, v = '1.7.20') =>
  lintFile(tree(text), version, family(v)).map((f) => [f.id, f.key, f.line, f.data.suggestion ?? '']);

test('editDistance: optimal string alignment, a swap is one edit, capped at limit + 1', (t) => {
  t.is(editDistance('containerd', 'conatinerd'), 1);
  t.is(editDistance('runtimes', 'runtime'), 1);
  t.is(editDistance('abc', 'xyz'), 3);
  t.is(editDistance('abc', 'xyz', 1), 2);
  t.is(editDistance('', 'abcd', 2), 3);
  t.is(editDistance('a'.repeat(5000), `${'a'.repeat(4999)}b`, 3), 1, 'long keys stay within the band');
});

test('closest: a typo within a quarter of the key (1–3 edits), case-insensitive', (t) => {
  const known = ['default_runtime_name', 'snapshotter', 'runtimes'];
  t.is(closest('default_runtim_name', known), 'default_runtime_name');
  t.is(closest('Snapshoter', known), 'snapshotter');
  t.is(closest('frobnicate', known), undefined);
  t.is(closest('x'.repeat(300), known), undefined);
});

test('unknown and misspelled keys in the CRI tables, with their lines', (t) => {
  const text = [
    'version = 2',
    '[plugins."io.containerd.grpc.v1.cri".containerd]',
    '  default_runtim_name = "x"',
    '  frobnicate = 1',
    '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.x]',
    '  runtime_typ = "io.containerd.runhcs.v1"',
    '',
  ].join('\n');
  t.deepEqual(lint(text, 2), [
    [
      'misspelledKey',
      'plugins."io.containerd.grpc.v1.cri".containerd.default_runtim_name',
      3,
      'plugins."io.containerd.grpc.v1.cri".containerd.default_runtime_name',
    ],
    ['unknownKey', 'plugins."io.containerd.grpc.v1.cri".containerd.frobnicate', 4, ''],
    [
      'misspelledKey',
      'plugins."io.containerd.grpc.v1.cri".containerd.runtimes.x.runtime_typ',
      6,
      'plugins."io.containerd.grpc.v1.cri".containerd.runtimes.x.runtime_type',
    ],
  ]);
});

test('the gc plugin is linted against its struct too', (t) => {
  t.deepEqual(lint('version = 2\n[plugins."io.containerd.gc.v1.scheduler"]\n  startup_dely = "1s"\n', 2), [
    [
      'misspelledKey',
      'plugins."io.containerd.gc.v1.scheduler".startup_dely',
      3,
      'plugins."io.containerd.gc.v1.scheduler".startup_delay',
    ],
  ]);
});

test('plugin keys by config version: short names in version 2 on 2.x, full IDs in version 1 on 1.x', (t) => {
  t.deepEqual(
    lint('version = 2\n[plugins.cri]\n  x = 1\n', 2, '2.1.0').map((f) => f[0]),
    ['shortPluginKeyIgnored'],
  );
  t.deepEqual(
    lint('[plugins."io.containerd.grpc.v1.cri"]\n  x = 1\n', 1).map((f) => f[0]),
    ['fullPluginKeyInV1'],
  );
  t.deepEqual(
    lint('version = 2\n[plugins."io.containerd.grpc.v1.crii"]\n', 2).map((f) => f[0]),
    ['misspelledKey'],
  );
});

test('a key that is a JavaScript property name is linted as any other key', (t) => {
  t.deepEqual(
    lint('version = 2\nconstructor = 1\n__proto__ = 2\n', 2).map((f) => f[0]),
    ['unknownKey', 'unknownKey'],
  );
});
