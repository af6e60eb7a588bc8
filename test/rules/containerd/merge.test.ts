/**
 * Merge semantics per line, through loadConfig and the dump (the tree containerd would print): 1.x replaces
 * a plugin table whole and appends slices with duplicates; 2.x merges plugin tables key by key, lets a
 * later zero scalar override inside plugins and appends slices without duplicates; on both a struct field
 * is overridden only by a non-zero value. containerd 1.6.20 itself checks the 1.x half in test/oracles.
 */
import test from 'ava';
import type { ContainerdConfig } from '../../../src/contract/facts.js';
import { nodeAt, type TomlNode, toPlain } from '../../../src/parse/toml-tree.js';
import { parseVersionToken } from '../../../src/parse/versions.js';
import { dumpConfig } from '../../../src/rules/containerd/dump.js';
import { familyOf } from '../../../src/rules/containerd/family.js';
import { loadConfig } from '../../../src/rules/containerd/load.js';
import { isZero } from '../../../src/rules/containerd/merge.js';
import { config, DEFAULT_CONFIG_PATH } from '../../helpers/facts.js';

const MAIN = DEFAULT_CONFIG_PATH;
const DROPIN = 'C:\\Program Files\\containerd\\conf.d\\10.toml';

function dumped(mainText: string, importText: string, v: string) {
  const files = [
    { path: MAIN, text: `imports = ['${DROPIN}']\n${mainText}` },
    { path: DROPIN, text: importText, importedBy: MAIN },
  ];
  const family = familyOf(parseVersionToken(v) as NonNullable<ReturnType<typeof parseVersionToken>>);
  const d = dumpConfig(loadConfig(config(files).value as ContainerdConfig, family));
  const get = (...path: string[]): unknown => {
    const node = nodeAt(d.config as never, path) as TomlNode | undefined;
    return node === undefined ? undefined : toPlain(node);
  };
  return { d, get };
}

const CRI = 'io.containerd.grpc.v1.cri';
const RT = 'io.containerd.cri.v1.runtime';

test('1.x: a later file replaces a plugin table whole; 2.x merges it key by key', (t) => {
  const main = `version = 2\n[plugins."${CRI}"]\n  sandbox_image = "a/pause"\n  enable_selinux = true\n`;
  const dropIn = `version = 2\n[plugins."${CRI}"]\n  sandbox_image = "b/pause"\n`;
  const on17 = dumped(main, dropIn, '1.7.20');
  t.is(on17.get('plugins', CRI, 'sandbox_image'), 'b/pause');
  t.is(on17.get('plugins', CRI, 'enable_selinux'), undefined, "the main file's key is gone with its table");
  const main3 = `version = 3\n[plugins.'${RT}']\n  enable_selinux = true\n  max_container_log_line_size = 5\n`;
  const dropIn3 = `version = 3\n[plugins.'${RT}']\n  max_container_log_line_size = 0\n`;
  const on21 = dumped(main3, dropIn3, '2.1.0');
  t.is(on21.get('plugins', RT, 'enable_selinux'), true, 'kept: merged key by key');
  t.is(on21.get('plugins', RT, 'max_container_log_line_size'), 0, 'a later zero overrides inside plugins');
});

test('top-level slices: 1.x appends with duplicates, 2.x without', (t) => {
  const main = 'version = 2\ndisabled_plugins = ["io.containerd.internal.v1.opt"]\n';
  const dropIn =
    'version = 2\ndisabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.internal.v1.tracing"]\n';
  t.deepEqual(dumped(main, dropIn, '1.7.20').d.disabledPlugins, [
    'io.containerd.internal.v1.opt',
    'io.containerd.internal.v1.opt',
    'io.containerd.internal.v1.tracing',
  ]);
  t.deepEqual(dumped(main, dropIn, '2.1.0').d.disabledPlugins, [
    'io.containerd.internal.v1.opt',
    'io.containerd.internal.v1.tracing',
  ]);
});

test('struct fields: only a non-zero value overrides, so the last non-zero version wins', (t) => {
  for (const v of ['1.7.20', '2.1.0']) {
    const { get } = dumped(
      'version = 2\nroot = "C:\\\\r"\n[grpc]\n  address = "\\\\\\\\.\\\\pipe\\\\a"\n',
      'version = 0\nroot = ""\n[grpc]\n  address = ""\n  uid = 1\n',
      v,
    );
    t.is(get('root'), 'C:\\r', v);
    t.is(get('grpc', 'address'), '\\\\.\\pipe\\a', `${v}: [grpc] merges field by field`);
    t.is(get('grpc', 'uid'), 1, v);
  }
});

test("1.x: a later file's runtimes replace the CRI table, not one runtime", (t) => {
  const runtime = (name: string) =>
    `[plugins."${CRI}".containerd.runtimes.${name}]\n  runtime_type = "io.containerd.runhcs.v1"\n`;
  const main = `version = 2\n[plugins."${CRI}".containerd]\n  default_runtime_name = "a"\n${runtime('a')}`;
  const { d } = dumped(main, `version = 2\n${runtime('b')}`, '1.7.20');
  t.deepEqual(
    d.cri.runtimes.map((r) => r.name).sort(),
    ['b'],
    'only the import’s runtimes: the built-ins are replaced too',
  );
  t.is(d.cri.defaultRuntime, 'runhcs-wcow-process', 'default_runtime_name went with the main file’s table');
});

test("isZero is mergo's isEmptyValue for decoded TOML values", (t) => {
  const pos = { line: 1, column: 1 };
  t.true(isZero(undefined));
  t.true(isZero({ kind: 'string', value: '', pos }));
  t.true(isZero({ kind: 'integer', value: 0n, pos }));
  t.true(isZero({ kind: 'boolean', value: false, pos }));
  t.true(isZero({ kind: 'array', items: [], ofTables: false, pos }));
  t.false(isZero({ kind: 'string', value: 'x', pos }));
  t.false(isZero({ kind: 'integer', value: -1n, pos }));
  t.false(isZero({ kind: 'float', value: 0.5, pos }));
});
