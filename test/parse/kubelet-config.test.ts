import test from 'ava';
import { MAX_ALIASES, parseKubeletConfig } from '../../src/parse/kubelet-config.js';

const PATH = 'C:\\var\\lib\\kubelet\\config.yaml';
const HEAD = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n';

test('feature gates, the runtime endpoint and the Windows resource options are read', (t) => {
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
      'enforceNodeAllocatable: []',
      '',
    ].join('\n'),
  );
  t.is(info.path, PATH);
  t.truthy(info.text);
  t.deepEqual(info.parse, {
    ok: true,
    featureGates: { WindowsHostProcessContainers: true, RotateKubeletServerCertificate: false },
    containerRuntimeEndpoint: 'npipe:////./pipe/containerd-containerd',
    cgroupsPerQOS: false,
    enforceNodeAllocatable: [],
  });
});

test('JSON is YAML too', (t) => {
  const info = parseKubeletConfig(
    PATH,
    '{"apiVersion":"kubelet.config.k8s.io/v1beta1","kind":"KubeletConfiguration","featureGates":{"WindowsHostProcessContainers":false}}',
  );
  t.deepEqual(info.parse, { ok: true, featureGates: { WindowsHostProcessContainers: false } });
});

test('CRLF and a BOM', (t) => {
  for (const text of [
    `${HEAD.replace(/\n/g, '\r\n')}featureGates:\r\n  WindowsHostProcessContainers: true\r\n`,
    `\uFEFF${HEAD}featureGates:\n  WindowsHostProcessContainers: true\n`,
  ]) {
    t.deepEqual(parseKubeletConfig(PATH, text).parse, {
      ok: true,
      featureGates: { WindowsHostProcessContainers: true },
    });
  }
});

test('no featureGates and no endpoint', (t) => {
  t.deepEqual(parseKubeletConfig(PATH, `${HEAD}clusterDNS: [10.96.0.10]\n`).parse, { ok: true });
});

test('gate values that are not booleans are kept apart as invalid; null is false, as Go decodes it', (t) => {
  const info = parseKubeletConfig(PATH, `${HEAD}featureGates:\n  A: "true"\n  B: 1\n  C: true\n  D: ~\n`);
  t.deepEqual(info.parse, {
    ok: true,
    featureGates: { C: true, D: false },
    invalidFeatureGates: ['A: "true"', 'B: 1'],
  });
});

test('invalid YAML gives an error with a position', (t) => {
  const info = parseKubeletConfig(PATH, `${HEAD}featureGates: [\n  a: b\n`);
  t.false(info.parse?.ok);
  if (info.parse && !info.parse.ok) {
    t.truthy(info.parse.error.message);
    t.false(info.parse.error.message.includes('\n'), 'one line');
    t.is(typeof info.parse.error.line, 'number');
    t.is(typeof info.parse.error.column, 'number');
  }
});

test('a document that is not a mapping is not a KubeletConfiguration', (t) => {
  for (const text of ['- a\n- b\n', 'just a string\n', '', '---\n']) {
    const info = parseKubeletConfig(PATH, text);
    t.false(info.parse?.ok, JSON.stringify(text));
  }
});

/**
 * How kubelet's own decoder reads these, checked with sigs.k8s.io/yaml v1.4.0 (kubelet's YAML-to-JSON step,
 * strict then lenient) and encoding/json into the KubeletConfiguration field types: `ok` is whether kubelet
 * accepts the file, the fields what it reads. (The harness was a throw-away Go program, not committed.)
 */
const GO_CASES: [string, string, boolean, Record<string, unknown>?][] = [
  [
    'YAML 1.1 booleans yes/no',
    'featureGates:\n  WindowsHostProcessContainers: yes\ncgroupsPerQOS: no\n',
    true,
    {
      featureGates: { WindowsHostProcessContainers: true },
      cgroupsPerQOS: false,
    },
  ],
  [
    'YAML 1.1 booleans y and on',
    'featureGates:\n  A: y\n  B: on\n  C: Off\n',
    true,
    {
      featureGates: { A: true, B: true, C: false },
    },
  ],
  [
    'a quoted "true" gate',
    'featureGates:\n  WindowsHostProcessContainers: "true"\n',
    true,
    {
      featureGates: {},
      invalidFeatureGates: ['WindowsHostProcessContainers: "true"'],
    },
  ],
  [
    'a duplicate key: the lenient pass takes the last',
    'cgroupsPerQOS: false\ncgroupsPerQOS: true\n',
    true,
    {
      cgroupsPerQOS: true,
    },
  ],
  ['only the first document counts', 'cgroupsPerQOS: false\n---\n: : bad [\n', true, { cgroupsPerQOS: false }],
  ['a merge key', '<<: {cgroupsPerQOS: false}\n', true, { cgroupsPerQOS: false }],
  [
    '150 aliases of a scalar (fuzz D6)',
    `x: &v true\nfeatureGates:\n${Array.from({ length: 150 }, (_, i) => `  G${i}: *v`).join('\n')}\n`,
    true,
  ],
  ['enforceNodeAllocatable: null is the default', 'enforceNodeAllocatable: null\n', true, {}],
  ['containerRuntimeEndpoint: ~ is not set', 'containerRuntimeEndpoint: ~\n', true, {}],
  ['keys are case-sensitive: CgroupsPerQOS is not cgroupsPerQOS', 'CgroupsPerQOS: false\n', true, {}],
  ['a tab in the indentation', 'cgroupsPerQOS: false\n\tenforceNodeAllocatable: []\n', false],
  ['enforceNodeAllocatable as a string', 'enforceNodeAllocatable: ""\n', false],
  ['enforceNodeAllocatable as a scalar', 'enforceNodeAllocatable: pods\n', false],
  ['enforceNodeAllocatable with a number', 'enforceNodeAllocatable: [pods, 1]\n', false],
  ['containerRuntimeEndpoint as a number', 'containerRuntimeEndpoint: 5\n', false],
  ['cgroupsPerQOS as a string', 'cgroupsPerQOS: "false"\n', false],
  ['featureGates as a list', 'featureGates: []\n', false],
];

for (const [name, body, ok, fields] of GO_CASES) {
  test(`as kubelet reads it: ${name}`, (t) => {
    const info = parseKubeletConfig(PATH, `${HEAD}${body}`);
    t.is(info.parse?.ok, ok, JSON.stringify(info.parse));
    if (ok && fields) {
      const { ok: _, ...read } = info.parse as { ok: true };
      t.deepEqual(read, fields);
    }
    if (!ok && info.parse && !info.parse.ok) t.true(info.parse.error.message.length > 10);
  });
}

test("kind and apiVersion are required, as kubelet's decoder requires them (\"Object 'Kind' is missing\")", (t) => {
  const cases: [string, RegExp][] = [
    ['featureGates: {}\n', /Kind' is missing/],
    ['kind: KubeletConfiguration\nfeatureGates: {}\n', /apiVersion' is missing/],
    ['apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfig\n', /not KubeletConfiguration/],
    ['apiVersion: v1\nkind: KubeletConfiguration\n', /not kubelet\.config\.k8s\.io/],
  ];
  for (const [text, message] of cases) {
    const info = parseKubeletConfig(PATH, text);
    t.false(info.parse?.ok, text);
    if (info.parse && !info.parse.ok) t.regex(info.parse.error.message, message);
  }
});

const bomb = () => {
  const lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i <= 9; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(',')}]`,
    );
  return `${HEAD}${lines.join('\n')}\nfeatureGates: {}\n`;
};

test('a YAML alias bomb is refused as kubelet refuses it, quickly, never a crash (fuzz D6)', (t) => {
  const started = Date.now();
  const info = parseKubeletConfig(PATH, bomb());
  t.true(Date.now() - started < 10_000, 'bounded work (a generous bound)');
  t.false(info.parse?.ok);
  if (info.parse && !info.parse.ok) {
    t.regex(info.parse.error.message, /document contains excessive aliasing/);
    t.falsy(info.parse.doctorLimit, "kubelet's own verdict");
  }
});

/** go-yaml v2's alias accounting, case by case as the Go harness gave it. */
const ALIAS_CASES: [string, string, boolean, RegExp?][] = [
  ['4,000 aliases of one scalar', `x: &v true\nl: [${Array(4000).fill('*v').join(',')}]\n`, true],
  [
    'a 1,000-item list aliased 402 times (402,000 nodes, over 99%)',
    `x: &v [${Array(1000).fill('1').join(',')}]\nl: [${Array(402).fill('*v').join(',')}]\n`,
    false,
    /excessive aliasing/,
  ],
  ['an anchor that contains itself', 'a: &x [1, *x]\n', false, /anchor 'x' value contains itself/],
  ['an unknown anchor', 'a: *nope\n', false, /unknown anchor 'nope'/],
  ['an anchor defined again: the later one wins', 'a: &x 1\nb: *x\na2: &x 2\ncgroupsPerQOS: false\n', true],
];

for (const [name, body, ok, message] of ALIAS_CASES) {
  test(`aliases as go-yaml counts them: ${name}`, (t) => {
    const info = parseKubeletConfig(PATH, `${HEAD}${body}`);
    t.is(info.parse?.ok, ok);
    if (message && info.parse && !info.parse.ok) t.regex(info.parse.error.message, message);
  });
}

test('more aliases than the doctor reads: a fact error, not a verdict on the file', (t) => {
  const text = `${HEAD}x: &v true\nl: [${Array(MAX_ALIASES + 1)
    .fill('*v')
    .join(',')}]\n`;
  const info = parseKubeletConfig(PATH, text);
  t.false(info.parse?.ok);
  if (info.parse && !info.parse.ok) {
    t.true(info.parse.doctorLimit);
    t.regex(info.parse.error.message, /does not read/);
  }
});

test('an anchor used by alias resolves in document order, and its value is shared, not copied', (t) => {
  const info = parseKubeletConfig(PATH, `${HEAD}g: &g {WindowsHostProcessContainers: true}\nfeatureGates: *g\n`);
  t.deepEqual(info.parse, { ok: true, featureGates: { WindowsHostProcessContainers: true } });
});

test('__proto__ and constructor keys are not read through the prototype chain', (t) => {
  const info = parseKubeletConfig(PATH, `${HEAD}__proto__: {cgroupsPerQOS: false}\nconstructor: {}\n`);
  t.deepEqual(info.parse, { ok: true });
});
