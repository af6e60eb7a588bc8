/**
 * loadConfig per containerd family, on hand-made facts: which file's version decides, migrations, where the
 * CRI runtime settings land, validation texts and the path they name, unreadable imports, and keys that are
 * JavaScript's own (`__proto__`, `constructor`). The real containerd 1.6.20 and go-toml check the same code
 * in test/oracles; these cases pin what only other families do.
 */
import test from 'ava';
import type { ContainerdConfig } from '../../../src/contract/facts.js';
import { parseVersionToken } from '../../../src/parse/versions.js';
import { dumpConfig } from '../../../src/rules/containerd/dump.js';
import { type Family, familyOf } from '../../../src/rules/containerd/family.js';
import { loadConfig } from '../../../src/rules/containerd/load.js';
import { resolveDefaultRuntime } from '../../../src/rules/containerd/runtime.js';
import { config, DEFAULT_CONFIG_PATH, type FileSpec } from '../../helpers/facts.js';

const MAIN = DEFAULT_CONFIG_PATH;
const DROPIN = 'C:\\Program Files\\containerd\\conf.d\\10.toml';
const CRI = 'plugins."io.containerd.grpc.v1.cri"';
const RUNTIME3 = "plugins.'io.containerd.cri.v1.runtime'";

const family = (v: string): Family =>
  familyOf(parseVersionToken(v) as NonNullable<ReturnType<typeof parseVersionToken>>);
const facts = (files: FileSpec[], pathSource: ContainerdConfig['pathSource'] = 'command-line') =>
  config(files, pathSource).value as ContainerdConfig;
const load = (files: FileSpec[], v: string) => loadConfig(facts(files), family(v));
const dump = (files: FileSpec[], v: string) => dumpConfig(load(files, v));
const main = (text: string): FileSpec => ({ path: MAIN, text });
const dropIn = (text: string, path = DROPIN): FileSpec => ({ path, text, importedBy: MAIN });
const runtime = (table: string, name: string, type = 'io.containerd.runhcs.v1') =>
  `[${table}.containerd.runtimes.${name}]\n  runtime_type = "${type}"\n`;

test('2.0.0–2.0.1 put the whole CRI table in place of the runtime plugin; 2.0.2+ keep its own keys', (t) => {
  const text = [
    'version = 2',
    `[${CRI}.containerd]`,
    '  default_runtime_name = "a"',
    runtime(CRI, 'a'),
    `[${RUNTIME3}.containerd]`,
    '  default_runtime_name = "b"',
    runtime(RUNTIME3, 'b'),
  ].join('\n');
  t.is(dump([main(text)], '2.0.0').cri.defaultRuntime, 'a');
  t.is(dump([main(text)], '2.0.1').cri.defaultRuntime, 'a');
  t.is(dump([main(text)], '2.0.2').cri.defaultRuntime, 'b');
  t.is(dump([main(text)], '2.2.1').cri.defaultRuntime, 'b');
  // 2.x decodes over its built-in runtimes, so those stay; the declared ones come from one table only.
  const names = (v: string) => dump([main(text)], v).cri.runtimes.map((r) => r.name);
  t.true(names('2.0.1').includes('a'));
  t.false(names('2.0.1').includes('b'));
  t.true(names('2.0.2').includes('b'));
  t.false(names('2.0.2').includes('a'), 'the runtimes table is one key: the runtime plugin keeps its own');
});

test('2.1+ move cni.bin_dir to bin_dirs when migrating; 2.0 copies bin_dir as it is', (t) => {
  const text = `version = 2\n[${CRI}.cni]\n  bin_dir = 'C:\\cni\\bin'\n  conf_dir = 'C:\\cni\\conf'\n`;
  const cni = (v: string) => {
    const d = dump([main(text)], v);
    const plugins = d.config.entries.get('plugins');
    const rt = plugins?.kind === 'table' ? plugins.entries.get('io.containerd.cri.v1.runtime') : undefined;
    const c = rt?.kind === 'table' ? rt.entries.get('cni') : undefined;
    return c?.kind === 'table' ? [...c.entries.keys()].sort() : [];
  };
  t.deepEqual(cni('2.0.5'), ['bin_dir', 'conf_dir']);
  t.deepEqual(cni('2.1.0'), ['bin_dirs', 'conf_dir']);
});

test('a version 1 config on 2.0–2.2 loses its CRI settings; 2.3 migrates it file by file', (t) => {
  const text = `[plugins.cri.containerd]\n  default_runtime_name = "hv"\n${runtime('plugins.cri', 'hv')}`;
  for (const v of ['2.0.4', '2.1.0', '2.2.1']) {
    const result = load([main(text)], v);
    t.is(result.refusal, undefined, v);
    t.is(resolveDefaultRuntime(result).runtime?.name, 'runhcs-wcow-process', `${v}: the built-in default`);
  }
  for (const v of ['2.3.0', '2.3.6']) t.is(resolveDefaultRuntime(load([main(text)], v)).runtime?.name, 'hv', v);
  t.is(resolveDefaultRuntime(load([main(text)], '1.7.20')).runtime?.name, 'hv', '1.x reads plugins.cri');
});

test("1.x: the merged version is the last non-zero one; a version 2 main's CRI table is read under its full ID", (t) => {
  const cri = `[${CRI}.containerd]\n  default_runtime_name = "hv"\n${runtime(CRI, 'hv')}`;
  const withV1Import = load(
    [main(`version = 2\nimports = ['${DROPIN}']\n${cri}`), dropIn('root = "C:\\\\r"\n')],
    '1.7.20',
  );
  t.is(withV1Import.version, 2, 'an import without version keeps 2');
  t.is(resolveDefaultRuntime(withV1Import).runtime?.name, 'hv');
});

test('2.3.0–2.3.4 refuse a drop-in whose version is above the root; 2.3.5+ and 2.0–2.2 load it', (t) => {
  const files = [main(`version = 2\nimports = ['${DROPIN}']\n`), dropIn('version = 3\n')];
  for (const v of ['2.3.0', '2.3.4'])
    t.is(load(files, v).refusal?.message, 'drop-in config version 3 higher than root config version 2', v);
  for (const v of ['2.3.5', '2.2.1', '2.0.0']) t.is(load(files, v).refusal, undefined, v);
});

test('validation errors name the last file containerd dequeued, in its words per family', (t) => {
  const files = [main(`version = 2\nimports = ['${DROPIN}']\ndisabled_plugins = ["cri"]\n`), dropIn('version = 2\n')];
  t.is(
    load(files, '1.7.20').refusal?.message,
    `failed to load TOML from ${DROPIN}: invalid disabled plugin URI "cri" expect io.containerd.x.vx`,
  );
  t.is(load(files, '1.7.20').refusal?.file, MAIN, 'the finding names the file that holds the entry');
  // 2.x migrates a version 2 file's short names (v1Migrate) only for version 1 files.
  t.is(
    load([main('version = 2\nrequired_plugins = ["cri"]\n')], '2.1.0').refusal?.message.includes(
      'invalid required plugin URI "cri"',
    ),
    true,
  );
});

test('1.7.0+ refuse a plugin key without the io.containerd. prefix; 1.6 does not check it', (t) => {
  const text = 'version = 2\n[plugins."containerd.io.grpc.v1.cri"]\n  x = 1\n';
  t.regex(
    load([main(text)], '1.7.0').refusal?.message ?? '',
    /invalid plugin key URI "containerd\.io\.grpc\.v1\.cri" expect io\.containerd\.x\.vx/,
  );
  t.is(load([main(text)], '1.6.20').refusal, undefined);
});

test('a disabled CRI plugin is loaded config, not a refusal; the dump shows CRI off', (t) => {
  const d = dump([main('version = 2\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n')], '1.7.20');
  t.true(d.loads);
  t.false(d.cri.enabled);
  t.deepEqual(d.disabledPlugins, ['io.containerd.grpc.v1.cri']);
  const v1 = dump([main('disabled_plugins = ["cri"]\n')], '1.7.20');
  t.false(v1.cri.enabled, 'a version 1 config disables by short ID');
  t.false(dump([main('version = 3\ndisabled_plugins = ["io.containerd.cri.v1.runtime"]\n')], '2.1.0').cri.enabled);
});

test('the runtime-level snapshotter is read from 1.7.0 on; 1.6 uses the CRI default', (t) => {
  const text = `version = 2\n[${CRI}.containerd]\n  snapshotter = "windows"\n  default_runtime_name = "lcow"\n[${CRI}.containerd.runtimes.lcow]\n  runtime_type = "io.containerd.runhcs.v1"\n  snapshotter = "windows-lcow"\n`;
  t.is(resolveDefaultRuntime(load([main(text)], '1.7.0')).runtime?.snapshotter, 'windows-lcow');
  t.is(resolveDefaultRuntime(load([main(text)], '1.6.20')).runtime?.snapshotter, 'windows');
});

test('__proto__ and constructor are ordinary keys: no prototype is read or written', (t) => {
  const text = `version = 2\n[${CRI}.containerd]\n  default_runtime_name = "constructor"\n${runtime(CRI, 'constructor')}[${CRI}.containerd.runtimes.__proto__]\n  runtime_type = "x"\n[__proto__]\n  polluted = true\n`;
  for (const v of ['1.7.20', '2.1.0']) {
    const d = dump([main(text)], v);
    t.true(d.loads, v);
    t.is(d.cri.defaultRuntime, 'constructor', v);
    const names = d.cri.runtimes.map((r) => r.name);
    t.true(names.includes('__proto__') && names.includes('constructor'), v);
  }
  t.is(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
  const missing = resolveDefaultRuntime(
    load([main(`version = 2\n[${CRI}.containerd]\n  default_runtime_name = "toString"\n`)], '1.7.20'),
  );
  t.is(missing.problem?.id, 'unknownDefaultName', 'toString is no runtime: no inherited property is found');
});

test('unreadable imports: a directory or a loop stops containerd; a FIFO or device blocks it; a denied one is unseen', (t) => {
  const base = main(`version = 2\nimports = ['${DROPIN}']\n`);
  const unreadable = (refused: FileSpec['refused'], state: FileSpec['state'] = 'error'): FileSpec => ({
    path: DROPIN,
    state,
    importedBy: MAIN,
    ...(refused ? { refused } : {}),
  });
  t.is(load([base, unreadable('directory')], '1.7.20').refusal?.id, 'unreadableFile');
  t.regex(
    load([base, unreadable('directory')], '2.1.0').refusal?.message ?? '',
    /^failed to unmarshal TOML: toml: read /,
  );
  t.is(load([base, unreadable('loop')], '1.7.20').refusal?.id, 'unreadableFile');
  t.is(load([base, unreadable('notAFile')], '2.3.5').refusal?.id, 'unreadableFile');
  const denied = load([base, unreadable(undefined, 'denied')], '1.7.20');
  t.is(denied.refusal, undefined);
  t.deepEqual(
    denied.unseen.map((f) => f.path),
    [DROPIN],
    'what the doctor could not read is unseen, never passed over',
  );
  const tooLarge = load([base, unreadable('tooLarge')], '1.7.20');
  t.deepEqual(
    tooLarge.unseen.map((f) => f.path),
    [DROPIN],
  );
});

test('an import past the doctor’s file cap is unseen and named, never silently dropped', (t) => {
  const cfg = facts([main(`version = 2\nimports = ['${DROPIN}']\n`)]);
  cfg.files.push({ path: DROPIN, state: 'error', reason: 'not read', notRead: true, importedBy: MAIN });
  const r = loadConfig(cfg, family('1.7.20'));
  t.deepEqual(
    r.unseen.map((f) => f.path),
    [DROPIN],
  );
  t.deepEqual(dumpConfig(r).unread, [DROPIN]);
});

test('an integer beyond int64 is a uint64 on go-toml v1.9.5 (1.6.16+, 1.7) but refused by v1.9.3 (1.6.0–1.6.15)', (t) => {
  const text = 'version = 2\noom_score = 18446744073709551615\n';
  const refusal = load([main(text)], '1.6.15').refusal;
  t.is(refusal?.id, 'syntax');
  t.regex(refusal?.message ?? '', /strconv\.ParseInt: parsing "18446744073709551615": value out of range/);
  t.is(load([main(text)], '1.6.20').refusal, undefined);
  t.is(load([main(text)], '1.7.20').refusal, undefined);
});

test('the main config missing: built-in defaults at the default path, a refusal when named by --config', (t) => {
  const missing: FileSpec = { path: MAIN, state: 'missing' };
  t.true(loadConfig(facts([missing], 'default'), family('1.7.20')).builtInDefaultsOnly);
  const explicit = load([missing], '1.7.20');
  t.is(explicit.refusal?.id, 'explicitMissing');
  t.regex(explicit.refusal?.message ?? '', /^failed to load TOML: /);
  t.regex(load([missing], '2.1.0').refusal?.message ?? '', /^open /);
});

test('imports load breadth first, once each, whatever the order they are listed in', (t) => {
  const B = 'C:\\Program Files\\containerd\\conf.d\\b.toml';
  const C = 'C:\\Program Files\\containerd\\conf.d\\c.toml';
  const files: FileSpec[] = [
    main(`version = 2\nimports = ['${DROPIN}', '${B}']\n`),
    dropIn(`version = 2\nimports = ['${C}', '${MAIN}']\n`),
    dropIn('version = 2\n', B),
    { path: C, text: 'version = 2\n', importedBy: DROPIN },
  ];
  t.deepEqual(dump(files, '1.7.20').files, [MAIN, DROPIN, B, C]);
});

test('2.x trims the migrated CRI gRPC table: 2.0.0 to disable_tcp_service, 2.0.1+ to the stream-server keys', (t) => {
  const text = `version = 2\n[${CRI}]\n  disable_tcp_service = false\n  stream_server_port = "10010"\n  sandbox_image = "x/pause"\n`;
  const grpc = (v: string) => {
    const plugins = dump([main(text)], v).config.entries.get('plugins');
    const g = plugins?.kind === 'table' ? plugins.entries.get('io.containerd.grpc.v1.cri') : undefined;
    return g?.kind === 'table' ? [...g.entries.keys()].sort() : undefined;
  };
  t.deepEqual(grpc('2.0.0'), ['disable_tcp_service']);
  t.deepEqual(grpc('2.0.1'), ['disable_tcp_service', 'stream_server_port']);
  t.deepEqual(grpc('2.3.5'), ['disable_tcp_service', 'stream_server_port'], '2.3 migrates the file itself');
  t.deepEqual(grpc('1.7.20')?.includes('sandbox_image'), true, '1.x has no such migration');
});

test("2.x moves a version 2 file's restart monitor table to its 2.x ID, and decodes its duration there", (t) => {
  const v2 = 'version = 2\n[plugins."io.containerd.internal.v1.restart"]\n  interval = "ten"\n';
  t.is(load([main(v2)], '2.1.0').refusal?.message, 'toml: time: invalid duration "ten"');
  t.regex(
    load([main(v2)], '1.7.20').refusal?.message ?? '',
    /^\(3, 3\): unmarshal text: time: invalid duration "ten"$/,
  );
  const v3 = 'version = 3\n[plugins."io.containerd.internal.v1.restart"]\n  interval = "ten"\n';
  t.is(
    load([main(v3)], '2.1.0').refusal,
    undefined,
    'a version 3 file is not migrated: the 1.x ID is an unknown plugin',
  );
});
