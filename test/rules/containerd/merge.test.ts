import test from 'ava';
import {
  deepMerge,
  type LoadedDocument,
  mergeDocuments,
  migrateToV3,
  versionOf,
} from '../../../src/rules/containerd/merge.js';
import {
  CRI_GRPC_KEY,
  CRI_IMAGES_KEY,
  CRI_RUNTIME_KEY,
  migrateV1PluginName,
  type Table,
} from '../../../src/rules/containerd/model.js';

const RUNHCS = 'io.containerd.runhcs.v1';
const doc = (path: string, document: Table): LoadedDocument => ({ path, document });
const dig = (t: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Table)[k] : undefined), t);

const MAIN = doc('C:\\containerd\\config.toml', {
  version: 2,
  root: 'C:\\ProgramData\\containerd\\root',
  disabled_plugins: ['io.containerd.nri.v1.nri'],
  plugins: {
    [CRI_GRPC_KEY]: {
      sandbox_image: 'registry.k8s.io/pause:3.9',
      containerd: {
        default_runtime_name: 'runhcs-wcow-hypervisor',
        runtimes: { 'runhcs-wcow-hypervisor': { runtime_type: RUNHCS, options: { SandboxIsolation: 1 } } },
      },
    },
    'io.containerd.gc.v1.scheduler': { pause_threshold: 0.02 },
  },
});
const REGISTRY_ONLY = doc('C:\\containerd\\conf.d\\registry.toml', {
  version: 2,
  disabled_plugins: ['io.containerd.nri.v1.nri', 'io.containerd.tracing.processor.v1.otlp'],
  plugins: { [CRI_GRPC_KEY]: { registry: { config_path: 'C:\\etc\\containerd\\certs.d' } } },
});

test('1.x: a later file replaces a plugin table whole, per plugin ID', (t) => {
  const merged = mergeDocuments([MAIN, REGISTRY_ONLY], '1.x');
  t.deepEqual(dig(merged.document, 'plugins', CRI_GRPC_KEY), {
    registry: { config_path: 'C:\\etc\\containerd\\certs.d' },
  });
  t.deepEqual(
    dig(merged.document, 'plugins', 'io.containerd.gc.v1.scheduler'),
    { pause_threshold: 0.02 },
    'other plugins are kept',
  );
  t.is(merged.version, 2);
  t.deepEqual(merged.problems, []);
});

test('1.x: top-level slices append, duplicates included; scalars override only when non-zero', (t) => {
  const merged = mergeDocuments([MAIN, REGISTRY_ONLY, doc('x', { root: '', state: 'C:\\state' })], '1.x');
  t.deepEqual(merged.document.disabled_plugins, [
    'io.containerd.nri.v1.nri',
    'io.containerd.nri.v1.nri',
    'io.containerd.tracing.processor.v1.otlp',
  ]);
  t.is(merged.document.root, 'C:\\ProgramData\\containerd\\root', 'an empty value does not override');
  t.is(merged.document.state, 'C:\\state');
});

test('both lines: top-level tables such as [grpc] merge key by key; timeouts are replaced per key', (t) => {
  for (const line of ['1.x', '2.x'] as const) {
    const merged = mergeDocuments(
      [
        doc('a', {
          version: 2,
          grpc: { address: '\\\\.\\pipe\\containerd-k8s', max_recv_message_size: 1 },
          timeouts: { 'io.containerd.timeout.shim.cleanup': '5s' },
        }),
        doc('b', {
          version: 2,
          grpc: { max_recv_message_size: 2 },
          timeouts: { 'io.containerd.timeout.task.state': '2s' },
        }),
      ],
      line,
    );
    t.deepEqual(merged.document.grpc, { address: '\\\\.\\pipe\\containerd-k8s', max_recv_message_size: 2 }, line);
    t.deepEqual(
      merged.document.timeouts,
      { 'io.containerd.timeout.shim.cleanup': '5s', 'io.containerd.timeout.task.state': '2s' },
      line,
    );
  }
});

test('1.x: no version key anywhere is version 1', (t) => {
  const merged = mergeDocuments([doc('a', { plugins: { cri: { containerd: {} } } })], '1.x');
  t.is(merged.version, 1);
  t.false(merged.explicitVersion);
});

test('1.x: an import without a version keeps the root version', (t) => {
  const merged = mergeDocuments([MAIN, doc('b', { plugins: { 'io.containerd.gc.v1.scheduler': {} } })], '1.x');
  t.is(merged.version, 2);
  t.true(merged.explicitVersion);
});

test('2.x: plugin tables merge key by key', (t) => {
  const main = doc('main', {
    version: 3,
    plugins: {
      [CRI_RUNTIME_KEY]: {
        containerd: {
          default_runtime_name: 'runhcs-wcow-process',
          runtimes: { 'runhcs-wcow-process': { runtime_type: RUNHCS } },
        },
      },
    },
  });
  const dropIn = doc('drop-in', {
    version: 3,
    plugins: {
      [CRI_RUNTIME_KEY]: { containerd: { runtimes: { 'runhcs-wcow-process': { options: { SandboxIsolation: 1 } } } } },
    },
  });
  const merged = mergeDocuments([main, dropIn], '2.x');
  t.deepEqual(dig(merged.document, 'plugins', CRI_RUNTIME_KEY, 'containerd'), {
    default_runtime_name: 'runhcs-wcow-process',
    runtimes: { 'runhcs-wcow-process': { runtime_type: RUNHCS, options: { SandboxIsolation: 1 } } },
  });
  t.is(merged.version, 3);
  t.deepEqual(merged.problems, []);
});

test('2.x: top-level slices append without duplicates', (t) => {
  const merged = mergeDocuments([MAIN, REGISTRY_ONLY], '2.x');
  t.deepEqual(merged.document.disabled_plugins, [
    'io.containerd.nri.v1.nri',
    'io.containerd.tracing.processor.v1.otlp',
  ]);
});

test('2.x: a drop-in with a higher version than the root is a problem and is not merged', (t) => {
  const dropIn = doc('C:\\containerd\\conf.d\\v3.toml', {
    version: 3,
    plugins: { [CRI_RUNTIME_KEY]: { containerd: { default_runtime_name: 'x' } } },
  });
  const merged = mergeDocuments([MAIN, dropIn], '2.x');
  t.is(merged.problems.length, 1);
  t.like(merged.problems[0], { id: 'importVersionHigher', path: 'C:\\containerd\\conf.d\\v3.toml' });
  t.regex(merged.problems[0]?.message ?? '', /drop-in config version 3 higher than root config version 2/);
  t.not(dig(merged.document, 'plugins', CRI_RUNTIME_KEY, 'containerd', 'default_runtime_name'), 'x');
});

test('2.x: a drop-in with a lower version is migrated before merging', (t) => {
  const main = doc('main', {
    version: 3,
    plugins: { [CRI_RUNTIME_KEY]: { containerd: { default_runtime_name: 'runhcs-wcow-process' } } },
  });
  const dropIn = doc('drop-in', {
    version: 2,
    plugins: { [CRI_GRPC_KEY]: { containerd: { runtimes: { wcow: { runtime_type: RUNHCS } } } } },
  });
  const merged = mergeDocuments([main, dropIn], '2.x');
  t.deepEqual(merged.problems, []);
  t.deepEqual(dig(merged.document, 'plugins', CRI_RUNTIME_KEY, 'containerd', 'runtimes', 'wcow'), {
    runtime_type: RUNHCS,
  });
  t.is(dig(merged.document, 'plugins', CRI_RUNTIME_KEY, 'containerd', 'default_runtime_name'), 'runhcs-wcow-process');
});

test('2.x: a root without a version takes its reference version from the first file that has one', (t) => {
  const merged = mergeDocuments([doc('main', {}), doc('a', { version: 2 }), doc('b', { version: 3 })], '2.x');
  t.is(merged.problems.length, 1);
  t.is(merged.problems[0]?.path, 'b');
});

test('2.x: a version 2 root reads as version 2', (t) => {
  t.is(mergeDocuments([MAIN], '2.x').version, 2);
});

test('migrateToV3: version 2 CRI containerd section moves to io.containerd.cri.v1.runtime, the snapshotter to images', (t) => {
  const migrated = migrateToV3(
    {
      version: 2,
      plugins: {
        [CRI_GRPC_KEY]: {
          containerd: {
            snapshotter: 'windows',
            default_runtime_name: 'runhcs-wcow-hypervisor',
            runtimes: { 'runhcs-wcow-hypervisor': { runtime_type: RUNHCS } },
          },
        },
      },
    },
    2,
  );
  t.is(migrated.version, 3);
  t.deepEqual(dig(migrated, 'plugins', CRI_RUNTIME_KEY, 'containerd'), {
    default_runtime_name: 'runhcs-wcow-hypervisor',
    runtimes: { 'runhcs-wcow-hypervisor': { runtime_type: RUNHCS } },
  });
  t.is(dig(migrated, 'plugins', CRI_IMAGES_KEY, 'snapshotter'), 'windows');
});

test('migrateToV3: version 1 short plugin names are renamed first', (t) => {
  const migrated = migrateToV3(
    { plugins: { cri: { containerd: { default_runtime_name: 'x' } }, scheduler: { pause_threshold: 0.02 } } },
    1,
  );
  t.is(dig(migrated, 'plugins', CRI_RUNTIME_KEY, 'containerd', 'default_runtime_name'), 'x');
  t.deepEqual(dig(migrated, 'plugins', 'io.containerd.gc.v1.scheduler'), { pause_threshold: 0.02 });
  t.is(dig(migrated, 'plugins', 'cri'), undefined);
});

test('migrateToV3: settings already in the version 3 table win over migrated ones', (t) => {
  const migrated = migrateToV3(
    {
      plugins: {
        [CRI_GRPC_KEY]: { containerd: { default_runtime_name: 'old' } },
        [CRI_RUNTIME_KEY]: { containerd: { default_runtime_name: 'new' } },
      },
    },
    2,
  );
  t.is(dig(migrated, 'plugins', CRI_RUNTIME_KEY, 'containerd', 'default_runtime_name'), 'new');
});

test('migrateToV3: a version 3 document is unchanged', (t) => {
  const v3 = { version: 3, plugins: { [CRI_RUNTIME_KEY]: { containerd: { default_runtime_name: 'x' } } } };
  t.deepEqual(migrateToV3(v3, 3), v3);
});

test('migrateV1PluginName follows containerd 2.x v1MigratePluginName', (t) => {
  t.is(migrateV1PluginName('cri'), CRI_GRPC_KEY);
  t.is(migrateV1PluginName('scheduler'), 'io.containerd.gc.v1.scheduler');
  t.is(migrateV1PluginName('diff-service'), 'io.containerd.service.v1.diff-service');
  t.is(migrateV1PluginName('windows-lcow'), 'io.containerd.snapshotter.v1.windows-lcow');
  t.is(migrateV1PluginName('windows'), 'io.containerd.snapshotter.v1.windows');
  t.is(migrateV1PluginName('something'), 'io.containerd.grpc.v1.something');
  t.is(migrateV1PluginName(CRI_GRPC_KEY), CRI_GRPC_KEY);
});

test('versionOf: positive integers only', (t) => {
  t.is(versionOf({ version: 2 }), 2);
  t.is(versionOf({ version: 4 }), 4);
  t.is(versionOf({ version: '2' }), undefined);
  t.is(versionOf({ version: 0 }), undefined);
  t.is(versionOf({ version: 2.5 }), undefined);
  t.is(versionOf({}), undefined);
});

test('deepMerge: later values win, tables merge, arrays are replaced', (t) => {
  t.deepEqual(deepMerge({ a: { b: 1, c: [1, 2] }, d: 'x' }, { a: { c: [3], e: true }, d: '' }), {
    a: { b: 1, c: [3], e: true },
    d: '',
  });
});
