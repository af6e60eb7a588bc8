/**
 * familyOf at every boundary the research found (docs/containerd.md cites the tags): one release on each
 * side of each change.
 */
import test from 'ava';
import { parseVersionToken } from '../../../src/parse/versions.js';
import { assumedFamily, type Family, familyOf } from '../../../src/rules/containerd/family.js';

const f = (v: string): Family => familyOf(parseVersionToken(v) as NonNullable<ReturnType<typeof parseVersionToken>>);

test('families by minor, and 2.3 split at the drop-in check revert', (t) => {
  const ids = [
    '1.6.0',
    '1.6.39',
    '1.7.0',
    '1.7.29',
    '2.0.0',
    '2.1.4',
    '2.2.7',
    '2.3.0',
    '2.3.4',
    '2.3.5',
    '2.4.0-beta.0',
    '2.4.0',
  ].map((v) => [v, f(v).id]);
  t.deepEqual(ids, [
    ['1.6.0', '1.6'],
    ['1.6.39', '1.6'],
    ['1.7.0', '1.7'],
    ['1.7.29', '1.7'],
    ['2.0.0', '2.0-2.2'],
    ['2.1.4', '2.0-2.2'],
    ['2.2.7', '2.0-2.2'],
    ['2.3.0', '2.3.0-2.3.4'],
    ['2.3.4', '2.3.0-2.3.4'],
    ['2.3.5', '2.3.5+'],
    ['2.4.0-beta.0', '2.3.0-2.3.4'],
    ['2.4.0', '2.3.5+'],
  ]);
});

test('go-toml per release: v1.9.3 before 1.6.16, v1.9.5 after; v2 2.2.x before 2.3, 2.3.0 from 2.3', (t) => {
  t.deepEqual(f('1.6.15').parser, { name: 'go-toml-v1', version: '1.9.3' });
  t.deepEqual(f('1.6.16').parser, { name: 'go-toml-v1', version: '1.9.5' });
  t.deepEqual(f('1.7.0').parser, { name: 'go-toml-v1', version: '1.9.5' });
  t.deepEqual(f('2.2.7').parser, { name: 'go-toml-v2', version: '2.2' });
  t.deepEqual(f('2.3.0').parser, { name: 'go-toml-v2', version: '2.3' });
});

test('relative glob imports resolve against the working directory before 1.6.29 / 1.7.16 only', (t) => {
  t.true(f('1.6.28').relativeGlobFromCwd);
  t.false(f('1.6.29').relativeGlobFromCwd);
  t.true(f('1.7.15').relativeGlobFromCwd);
  t.false(f('1.7.16').relativeGlobFromCwd);
  t.false(f('2.0.0').relativeGlobFromCwd);
});

test('1.x refuses config versions above 2 from 1.6.32 / 1.7.17; 2.x reads up to 3, 2.3 up to 4', (t) => {
  t.is(f('1.6.31').maxVersion, Number.POSITIVE_INFINITY);
  t.is(f('1.6.32').maxVersion, 2);
  t.is(f('1.7.16').maxVersion, Number.POSITIVE_INFINITY);
  t.is(f('1.7.17').maxVersion, 2);
  t.is(f('2.2.0').maxVersion, 3);
  t.is(f('2.3.0').maxVersion, 4);
});

test('1.7 adds the plugin prefix check, the runtime-level snapshotter and the Hyper-V built-in runtime', (t) => {
  for (const key of ['pluginPrefixCheck', 'runtimeSnapshotter', 'hypervisorBuiltIn'] as const) {
    t.false(f('1.6.39')[key], key);
    t.true(f('1.7.0')[key], key);
  }
});

test('2.x CRI migration: replace in 2.0.0–2.0.1, absent keys from 2.0.2; cni from 2.1; per file from 2.3', (t) => {
  t.is(f('2.0.1').runtimeMigration, 'replace');
  t.is(f('2.0.2').runtimeMigration, 'absent');
  t.false(f('2.0.9').cniMigration);
  t.true(f('2.1.0').cniMigration);
  t.false(f('2.2.7').perFileMigration);
  t.true(f('2.3.0').perFileMigration);
  t.true(f('2.3.0').dropInVersionCheck);
  t.false(f('2.3.5').dropInVersionCheck);
});

test('an unknown version is assumed from the config version, and says so', (t) => {
  t.is(assumedFamily(2).id, '1.7');
  t.is(assumedFamily(undefined).id, '1.7');
  t.is(assumedFamily(3).id, '2.0-2.2');
  t.is(assumedFamily(3).version, undefined);
  t.regex(assumedFamily(3).label, /version unknown/);
});
