import test from 'ava';
import { locate, splitDottedKey } from '../../src/parse/toml-locate.js';

test('splitDottedKey: bare, double- and single-quoted segments', (t) => {
  t.deepEqual(splitDottedKey('plugins."io.containerd.grpc.v1.cri".containerd'), [
    'plugins',
    'io.containerd.grpc.v1.cri',
    'containerd',
  ]);
  t.deepEqual(splitDottedKey("plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runhcs-wcow-process"), [
    'plugins',
    'io.containerd.cri.v1.runtime',
    'containerd',
    'runtimes',
    'runhcs-wcow-process',
  ]);
  t.deepEqual(splitDottedKey('a . "b" . c'), ['a', 'b', 'c']);
  t.deepEqual(splitDottedKey('version'), ['version']);
});

const TEXT = [
  '# containerd config', // 1
  'version = 2', // 2
  '', // 3
  '[plugins]', // 4
  '  [plugins."io.containerd.grpc.v1.cri"]', // 5
  '    sandbox_image = "x"', // 6
  '    [plugins."io.containerd.grpc.v1.cri".containerd]', // 7
  '      # default_runtime_name = "commented"', // 8
  '      default_runtime_name = "runhcs-wcow-process"', // 9
  "      [plugins.'io.containerd.grpc.v1.cri'.containerd.runtimes.runhcs-wcow-process]", // 10
  '        runtime_type = "io.containerd.runhcs.v1"', // 11
  '[[proxy_plugins.x]]', // 12
  'dotted.key = 1', // 13
].join('\n');

test('locate: table headers, keys under a table, quoting styles, comments', (t) => {
  t.is(locate(TEXT, ['version']), 2);
  t.is(locate(TEXT, ['plugins']), 4);
  t.is(locate(TEXT, ['plugins', 'io.containerd.grpc.v1.cri']), 5);
  t.is(locate(TEXT, ['plugins', 'io.containerd.grpc.v1.cri', 'sandbox_image']), 6);
  t.is(locate(TEXT, ['plugins', 'io.containerd.grpc.v1.cri', 'containerd']), 7);
  t.is(
    locate(TEXT, ['plugins', 'io.containerd.grpc.v1.cri', 'containerd', 'default_runtime_name']),
    9,
    'the commented line is skipped',
  );
  t.is(locate(TEXT, ['plugins', 'io.containerd.grpc.v1.cri', 'containerd', 'runtimes', 'runhcs-wcow-process']), 10);
  t.is(
    locate(TEXT, [
      'plugins',
      'io.containerd.grpc.v1.cri',
      'containerd',
      'runtimes',
      'runhcs-wcow-process',
      'runtime_type',
    ]),
    11,
  );
  t.is(locate(TEXT, ['proxy_plugins', 'x']), 12);
  t.is(locate(TEXT, ['proxy_plugins', 'x', 'dotted', 'key']), 13, 'a key belongs to the table above it');
  t.is(locate(TEXT, ['dotted', 'key']), undefined);
  t.is(locate(TEXT, ['nothing', 'here']), undefined);
});

test('locate: a table only defined through a sub-table points at the first sub-table', (t) => {
  t.is(
    locate('version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.x]\n  runtime_type = "y"\n', [
      'plugins',
      'io.containerd.grpc.v1.cri',
    ]),
    2,
  );
});

test('locate: CRLF text', (t) => {
  t.is(locate('version = 2\r\n[plugins.cri.conatinerd.runtimes]\r\n', ['plugins', 'cri', 'conatinerd']), 2);
});

test('locate: a dotted key before any table header', (t) => {
  t.is(
    locate('version = 2\nplugins.cri.containerd.snapshotter = "windows"\n[grpc]\n', [
      'plugins',
      'cri',
      'containerd',
      'snapshotter',
    ]),
    2,
  );
  t.is(locate('version = 2\nplugins.cri.containerd.snapshotter = "windows"\n', ['plugins', 'cri']), 2);
});
