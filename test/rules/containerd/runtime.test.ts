import test from 'ava';
import { parseToml } from '../../../src/parse/toml.js';
import { type LoadedDocument, mergeDocuments } from '../../../src/rules/containerd/merge.js';
import { type ContainerdLine, DEFAULT_GRPC_PIPE, RUNHCS, type Table } from '../../../src/rules/containerd/model.js';
import { grpcAddress, resolveDefaultRuntime } from '../../../src/rules/containerd/runtime.js';
import { corpusText } from '../../helpers/corpus.js';

function parse(text: string): Table {
  const result = parseToml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}
const resolve = (texts: string[], line: ContainerdLine, minor?: number) =>
  resolveDefaultRuntime(
    mergeDocuments(
      texts.map((text, i): LoadedDocument => ({ path: `f${i}`, document: parse(text) })),
      line,
    ),
    line,
    minor,
  );
const C2 = 'plugins."io.containerd.grpc.v1.cri".containerd';
const C3 = "plugins.'io.containerd.cri.v1.runtime'.containerd";

test('1.x with nothing configured: the built-in runhcs-wcow-process', (t) => {
  const r = resolve(['version = 2\n'], '1.x', 7);
  t.like(r.runtime, {
    name: 'runhcs-wcow-process',
    chosenBy: 'built-in default',
    definedIn: 'built-in defaults',
    runtimeType: RUNHCS,
    snapshotter: 'windows',
  });
  t.is(r.runtime?.sandboxIsolation, undefined);
  t.is(r.problem, undefined);
  t.is(r.sectionPath, 'plugins."io.containerd.grpc.v1.cri".containerd');
});

test('1.7 built-ins allow io.microsoft.container.* and include runhcs-wcow-hypervisor; 1.6 has neither', (t) => {
  t.deepEqual(resolve(['version = 2\n'], '1.x', 7).runtime?.containerAnnotations, ['io.microsoft.container.*']);
  t.like(resolve([`version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n`], '1.x', 7).runtime, {
    sandboxIsolation: 1,
  });
  t.deepEqual(resolve(['version = 2\n'], '1.x', 6).runtime?.containerAnnotations, []);
  t.like(resolve([`version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n`], '1.x', 6).problem, {
    id: 'unknownDefaultName',
    name: 'runhcs-wcow-hypervisor',
  });
});

test('1.x: a legacy default_runtime with a runtime_type becomes runtime "default"', (t) => {
  const r = resolve(
    [
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n[${C2}.default_runtime]\n  runtime_type = "${RUNHCS}"\n  pod_annotations = ["a"]\n`,
    ],
    '1.x',
    7,
  );
  t.like(r.runtime, { name: 'default', chosenBy: 'legacy default_runtime', runtimeType: RUNHCS });
  t.deepEqual(r.runtime?.podAnnotations, ['a']);
  t.regex(r.runtime?.definedIn ?? '', /default_runtime$/);
});

test('1.x: an empty legacy default_runtime table does not', (t) => {
  const r = resolve(
    [
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n[${C2}.default_runtime]\n  runtime_type = ""\n  [${C2}.default_runtime.options]\n    SandboxIsolation = 1\n`,
    ],
    '1.x',
    7,
  );
  t.like(r.runtime, { name: 'runhcs-wcow-process', chosenBy: 'default_runtime_name' });
  t.is(r.runtime?.sandboxIsolation, undefined);
});

test('the real OpenShift config: the empty legacy table is ignored', (t) => {
  const r = resolve(
    [corpusText('containerd-config', 'openshift-wmco-containerd_conf-v2-containerd1.7-default-runtime-name.toml')],
    '1.x',
    7,
  );
  t.like(r.runtime, { name: 'runhcs-wcow-process', runtimeType: RUNHCS });
});

test('the real SDN v1 config: the legacy default_runtime is the default', (t) => {
  const r = resolve(
    [corpusText('containerd-config', 'microsoft-sdn-containerd-config-2019-v1schema-typo-runtimes.toml')],
    '1.x',
    7,
  );
  t.like(r.runtime, { name: 'default', chosenBy: 'legacy default_runtime', runtimeType: RUNHCS });
  t.is(r.sectionPath, 'plugins.cri.containerd');
});

test('1.x: declared runtimes replace the built-ins; a declared runtime starts from zero values', (t) => {
  const r = resolve([`version = 2\n[${C2}.runtimes.wcow]\n  runtime_type = "${RUNHCS}"\n`], '1.x', 7);
  t.like(r.problem, { id: 'unknownDefaultName', name: 'runhcs-wcow-process' });
  if (r.problem?.id === 'unknownDefaultName') t.deepEqual(r.problem.known, ['wcow']);
  const redeclared = resolve(
    [`version = 2\n[${C2}.runtimes.runhcs-wcow-process]\n  pod_annotations = ["microsoft.com/*"]\n`],
    '1.x',
    7,
  );
  t.is(redeclared.runtime?.runtimeType, '', 'runtime_type is not inherited');
  t.deepEqual(redeclared.runtime?.containerAnnotations, [], 'built-in annotations are not inherited');
});

test('2.x: declared runtimes merge field by field onto the built-ins', (t) => {
  const r = resolve(
    [`version = 3\n[${C3}.runtimes.runhcs-wcow-process]\n  pod_annotations = ['microsoft.com/*']\n`],
    '2.x',
    0,
  );
  t.like(r.runtime, { name: 'runhcs-wcow-process', runtimeType: RUNHCS });
  t.deepEqual(r.runtime?.podAnnotations, ['microsoft.com/*']);
  t.deepEqual(r.runtime?.containerAnnotations, ['io.microsoft.container.*'], 'built-in list kept');
  const other = resolve(
    [
      `version = 3\n[${C3}]\n  default_runtime_name = 'runhcs-wcow-hypervisor'\n[${C3}.runtimes.wcow]\n  runtime_type = '${RUNHCS}'\n`,
    ],
    '2.x',
    0,
  );
  t.like(other.runtime, { name: 'runhcs-wcow-hypervisor', sandboxIsolation: 1 }, 'built-in hypervisor runtime kept');
});

test('2.x: an explicit list replaces the built-in list', (t) => {
  const r = resolve(
    [`version = 3\n[${C3}.runtimes.runhcs-wcow-process]\n  container_annotations = ['microsoft.com/*']\n`],
    '2.x',
    0,
  );
  t.deepEqual(r.runtime?.containerAnnotations, ['microsoft.com/*']);
});

test('2.x: the legacy default_runtime is ignored, with a note', (t) => {
  const r = resolve(
    [
      `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-process"\n[${C2}.default_runtime]\n  runtime_type = "io.containerd.runc.v2"\n`,
    ],
    '2.x',
    0,
  );
  t.like(r.runtime, { name: 'runhcs-wcow-process', runtimeType: RUNHCS });
  t.true(r.notes.some((n) => /default_runtime/.test(`${n.table} ${n.why}`)));
});

test('unknown and empty default_runtime_name are problems', (t) => {
  t.like(resolve([`version = 2\n[${C2}]\n  default_runtime_name = "nope"\n`], '1.x', 7).problem, {
    id: 'unknownDefaultName',
    name: 'nope',
  });
  t.like(resolve([`version = 3\n[${C3}]\n  default_runtime_name = 'nope'\n`], '2.x', 0).problem, {
    id: 'unknownDefaultName',
    name: 'nope',
  });
  t.like(resolve([`version = 2\n[${C2}]\n  default_runtime_name = ""\n`], '1.x', 7).problem, {
    id: 'emptyDefaultName',
  });
});

test('1.x cannot read a version 3 config', (t) => {
  t.like(resolve([`version = 3\n[${C3}]\n  default_runtime_name = 'x'\n`], '1.x', 7).problem, {
    id: 'unsupportedVersion',
    version: 3,
    max: 2,
  });
});

test('snapshotter: runtime, then CRI default, then windows', (t) => {
  t.is(
    resolve([`version = 2\n[${C2}]\n  snapshotter = "windows-lcow"\n`], '1.x', 7).runtime?.snapshotter,
    'windows-lcow',
  );
  t.is(
    resolve(
      [
        `version = 2\n[${C2}]\n  snapshotter = "windows-lcow"\n[${C2}.runtimes.runhcs-wcow-process]\n  runtime_type = "${RUNHCS}"\n  snapshotter = "windows"\n`,
      ],
      '1.x',
      7,
    ).runtime?.snapshotter,
    'windows',
  );
  t.is(
    resolve(["version = 3\n[plugins.'io.containerd.cri.v1.images']\n  snapshotter = 'windows-lcow'\n"], '2.x', 0)
      .runtime?.snapshotter,
    'windows-lcow',
  );
});

test('runhcs options: SandboxIsolation and SandboxPlatform are read', (t) => {
  const r = resolve(
    [
      `version = 2\n[${C2}.runtimes.runhcs-wcow-process]\n  runtime_type = "${RUNHCS}"\n[${C2}.runtimes.runhcs-wcow-process.options]\n  SandboxIsolation = 1\n  SandboxPlatform = "linux/amd64"\n`,
    ],
    '1.x',
    7,
  );
  t.like(r.runtime, { sandboxIsolation: 1, sandboxPlatform: 'linux/amd64' });
});

test('imports: 1.x replaces the CRI table, 2.x merges into it', (t) => {
  const main = `version = 2\n[${C2}]\n  default_runtime_name = "runhcs-wcow-hypervisor"\n`;
  const registry = 'version = 2\n[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "C:\\\\certs.d"\n';
  t.is(resolve([main, registry], '1.x', 7).runtime?.name, 'runhcs-wcow-process');
  t.is(resolve([main, registry], '2.x', 0).runtime?.name, 'runhcs-wcow-hypervisor');
});

test('grpcAddress: [grpc] address, the v4 server plugin, else the default pipe', (t) => {
  const merged = (text: string) => mergeDocuments([{ path: 'f', document: parse(text) }], '2.x');
  t.is(
    grpcAddress(merged("version = 2\n[grpc]\n  address = '\\\\.\\pipe\\containerd-k8s'\n")),
    '\\\\.\\pipe\\containerd-k8s',
  );
  t.is(
    grpcAddress(merged("version = 4\n[plugins.'io.containerd.server.v1.grpc']\n  address = '\\\\.\\pipe\\x'\n")),
    '\\\\.\\pipe\\x',
  );
  t.is(grpcAddress(merged('version = 2\n')), DEFAULT_GRPC_PIPE);
  t.is(DEFAULT_GRPC_PIPE, '\\\\.\\pipe\\containerd-containerd');
});
