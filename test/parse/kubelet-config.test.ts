import test from 'ava';
import { parseKubeletConfig } from '../../src/parse/kubelet-config.js';

const PATH = 'C:\\var\\lib\\kubelet\\config.yaml';

test('feature gates and the runtime endpoint are read', (t) => {
  const info = parseKubeletConfig(
    PATH,
    [
      'apiVersion: kubelet.config.k8s.io/v1beta1',
      'kind: KubeletConfiguration',
      'containerRuntimeEndpoint: "npipe:////./pipe/containerd-containerd"',
      'featureGates:',
      '  WindowsHostProcessContainers: true',
      '  RotateKubeletServerCertificate: false',
      'cgroupsPerQOS: false',
      '',
    ].join('\n'),
  );
  t.is(info.path, PATH);
  t.truthy(info.text);
  t.deepEqual(info.parse, {
    ok: true,
    featureGates: { WindowsHostProcessContainers: true, RotateKubeletServerCertificate: false },
    containerRuntimeEndpoint: 'npipe:////./pipe/containerd-containerd',
  });
});

test('JSON is YAML too', (t) => {
  const info = parseKubeletConfig(
    PATH,
    '{"kind":"KubeletConfiguration","featureGates":{"WindowsHostProcessContainers":false}}',
  );
  t.deepEqual(info.parse, { ok: true, featureGates: { WindowsHostProcessContainers: false } });
});

test('CRLF and a BOM-free PowerShell-written file', (t) => {
  const info = parseKubeletConfig(
    PATH,
    'kind: KubeletConfiguration\r\nfeatureGates:\r\n  WindowsHostProcessContainers: true\r\n',
  );
  t.deepEqual(info.parse, { ok: true, featureGates: { WindowsHostProcessContainers: true } });
});

test('no featureGates and no endpoint', (t) => {
  t.deepEqual(parseKubeletConfig(PATH, 'kind: KubeletConfiguration\nclusterDNS: [10.96.0.10]\n').parse, { ok: true });
});

test('gate values that are not booleans are kept apart as invalid', (t) => {
  const info = parseKubeletConfig(PATH, 'featureGates:\n  A: "true"\n  B: 1\n  C: true\n');
  t.deepEqual(info.parse, { ok: true, featureGates: { C: true }, invalidFeatureGates: ['A: "true"', 'B: 1'] });
});

test('invalid YAML gives an error with a position', (t) => {
  const info = parseKubeletConfig(PATH, 'kind: KubeletConfiguration\nfeatureGates: [\n  a: b\n');
  t.false(info.parse?.ok);
  if (info.parse && !info.parse.ok) {
    t.truthy(info.parse.error.message);
    t.false(info.parse.error.message.includes('\n'), 'one line');
    t.is(typeof info.parse.error.line, 'number');
    t.is(typeof info.parse.error.column, 'number');
  }
});

test('a document that is not a mapping is not a KubeletConfiguration', (t) => {
  for (const text of ['- a\n- b\n', 'just a string\n', '']) {
    const info = parseKubeletConfig(PATH, text);
    t.false(info.parse?.ok, JSON.stringify(text));
  }
});
