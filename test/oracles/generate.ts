/**
 * TOML inputs for the differential suites: hand-picked cases for every feature go-toml v1 and v2 treat
 * differently (TOML 1.0 and 1.1 syntax, encodings, control characters, big integers, nesting, table
 * semantics), then deterministic mutations of them and of the corpus configs. Same seed, same inputs.
 */

export interface GeneratedInput {
  name: string;
  bytes: Uint8Array;
}

const enc = (s: string) => new TextEncoder().encode(s);
const bytesOf = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc(p)] : p)));

/** Values to put after `key = `. */
const VALUES: string[] = [
  // strings
  '"plain"',
  "'literal'",
  '""',
  "''",
  '"a\\"b"',
  '"tab\\there"',
  '"\\u00e9"',
  '"\\U0001F600"',
  '"\\uD800"',
  '"\\U00110000"',
  '"\\e"',
  '"\\x41"',
  '"C:\\Program Files\\containerd"',
  '"C:\\\\Program Files\\\\containerd"',
  "'C:\\Program Files\\containerd'",
  '"a\\ b"',
  '"\\/"',
  '"unterminated',
  "'unterminated",
  '"""\nmulti\nline"""',
  '"""\\\n  joined"""',
  '"""a""""',
  '"""a"""""',
  "'''\nraw\n'''",
  "'''a''''",
  '"\u00e9t\u00e9"',
  '"\u0001"',
  '"\u007f"',
  '"a\tb"',
  '"""\u0001"""',
  "'\u0001'",
  "'a\nb'",
  // integers
  '0',
  '2',
  '+2',
  '-2',
  '02',
  '012',
  '-012',
  '1_000',
  '1__0',
  '_1',
  '1_',
  '9007199254740993',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775808',
  '-9223372036854775809',
  '18446744073709551615',
  '18446744073709551616',
  '0xDEADBEEF',
  '0xdead_beef',
  '0x_1',
  '0o755',
  '0o8',
  '0b1010',
  '0b2',
  '0x',
  '0z1',
  '0xFFFFFFFFFFFFFFFF',
  // floats
  '1.0',
  '3.14',
  '-0.5',
  '1e6',
  '1E-3',
  '6.626e-34',
  '1e400',
  '1.',
  '.5',
  '1.e5',
  '1e',
  '1e5.5',
  '03.14',
  '1_000.5',
  '1._5',
  '1e_5',
  'inf',
  '+inf',
  '-inf',
  'nan',
  '+nan',
  '-nan',
  'infinity',
  // booleans
  'true',
  'false',
  'True',
  'tru',
  // dates and times
  '1979-05-27T07:32:00Z',
  '1979-05-27T00:32:00-07:00',
  '1979-05-27T00:32:00.999999-07:00',
  '1979-05-27 07:32:00Z',
  '1979-05-27t07:32:00z',
  '1979-05-27T07:32:00',
  '1979-05-27T07:32:00.5',
  '1979-05-27',
  '1979-05-27 # a date',
  '07:32:00',
  '07:32',
  '07:32:00.123456789012',
  '23:59:60',
  '24:00:00',
  '1979-13-01',
  '1979-02-30',
  '1980-02-29',
  '1979-05-27T25:00:00',
  '1979-05-27T07:32',
  '1979-05-27T07:32:00+25:00',
  '1979-5-27',
  // arrays
  '[]',
  '[1, 2, 3]',
  '[1, 2, 3,]',
  '[,]',
  '[1,,2]',
  '[1 2]',
  '["a", 1]',
  '[[1, 2], ["a"]]',
  '[\n  1,\n  2, # two\n]',
  '[\n  1\n  ,2\n]',
  '[1, 2',
  '[{a = 1}, {b = 2}]',
  '[{a = 1}, 2]',
  '[ [ [ [ 1 ] ] ] ]',
  // inline tables
  '{}',
  '{ a = 1 }',
  '{ a = 1, b = "x" }',
  '{ a = 1, }',
  '{ a = 1,, b = 2 }',
  '{ a = 1 b = 2 }',
  '{\n  a = 1\n}',
  '{ a = 1,\n  b = 2 }',
  '{ a.b = 1, a.c = 2 }',
  '{ a = 1, a = 2 }',
  '{ a = { b = { c = 1 } } }',
  '{ a = [1, 2] }',
  '{ "quoted key" = 1 }',
  '{ 1 = 2 }',
  '{ a = 1',
  '{ a = }',
  // junk
  '',
  '= 1',
  '1 = 2',
  'x y',
  '{{template}}',
  '"a" "b"',
  '1979-05-27T07:32:00Z extra',
];

/** Whole documents, each a feature of its own. */
const DOCUMENTS: [string, string | Uint8Array][] = [
  ['empty', ''],
  ['only-comment', '# comment\n'],
  ['bare-key', 'key = 1\n'],
  ['dashed-key', 'runhcs-wcow-process = 1\n'],
  ['quoted-key', '"io.containerd.grpc.v1.cri" = 1\n'],
  ['literal-key', "'io.containerd.grpc.v1.cri' = 1\n"],
  ['empty-quoted-key', '"" = 1\n'],
  ['dotted-key', 'a.b.c = 1\n'],
  ['dotted-spaces', 'a . b = 1\n'],
  ['dotted-quoted', 'plugins."io.containerd.grpc.v1.cri".sandbox_image = "x"\n'],
  ['unicode-bare-key', '\u00e9t\u00e9 = 1\n'],
  ['key-with-hash', 'a#b = 1\n'],
  ['key-newline', 'a\n= 1\n'],
  ['no-equals', 'a 1\n'],
  ['no-value', 'a =\n'],
  ['double-equals', 'a = = 1\n'],
  ['two-values', 'a = 1 2\n'],
  ['value-then-comment', 'a = 1 # c\n'],
  ['value-then-junk', 'a = 1 x\n'],
  ['duplicate-key', 'a = 1\na = 2\n'],
  ['duplicate-key-table', '[t]\na = 1\na = 2\n'],
  ['duplicate-table', '[a]\nb = 1\n[a]\nc = 2\n'],
  ['duplicate-table-spaced', '[a]\nb = 1\n[ a ]\nc = 2\n'],
  ['duplicate-table-quoted', '[a]\nb = 1\n["a"]\nc = 2\n'],
  ['super-after-sub', '[a.b]\nc = 1\n[a]\nd = 2\n'],
  ['sub-after-super', '[a]\nd = 2\n[a.b]\nc = 1\n'],
  ['dotted-then-table', 'x.a = 1\n[x]\nb = 2\n'],
  ['table-then-dotted-subtable', '[x]\na.b = 1\n[x.a]\nc = 1\n'],
  ['dotted-extends-table', '[x]\ny = 1\n[z]\nx.w = 2\n'],
  ['value-then-table', 'a = 1\n[a]\nb = 2\n'],
  ['table-then-value', '[a]\nb = 1\n[c]\n[a.b]\n'],
  ['value-then-dotted', 'a = 1\na.b = 2\n'],
  ['inline-then-table', 'a = { b = 1 }\n[a]\nc = 2\n'],
  ['inline-then-subtable', 'a = { b = 1 }\n[a.c]\nd = 2\n'],
  ['inline-then-dotted', 'a = { b = 1 }\na.c = 2\n'],
  ['array-tables', '[[a]]\nb = 1\n[[a]]\nb = 2\n'],
  ['array-tables-sub', '[[a]]\n[a.b]\nc = 1\n[[a]]\n[a.b]\nc = 2\n'],
  ['array-tables-after-table', '[a]\nb = 1\n[[a]]\n'],
  ['table-after-array-tables', '[[a]]\nb = 1\n[a]\n'],
  ['array-tables-after-value', 'a = [1]\n[[a]]\n'],
  ['array-tables-after-inline-array', 'a = [{b = 1}]\n[[a]]\nb = 2\n'],
  ['array-tables-nested', '[[a]]\n[[a.b]]\nc = 1\n[[a.b]]\nc = 2\n'],
  ['array-tables-odd-close', '[[a]b]]\n'],
  ['array-tables-unclosed', '[[a]\n'],
  ['table-unclosed', '[a\nb = 1\n'],
  ['table-empty', '[]\n'],
  ['table-bracket-inside', '[a[b]]\n'],
  ['table-quoted-bracket', '["a]b"]\n'],
  ['table-trailing-junk', '[a] b\n'],
  ['table-comment', '[a] # c\nb = 1\n'],
  ['table-dotted-spaces', '[ a . b ]\nc = 1\n'],
  ['table-whitespace-key', '[a b]\n'],
  ['crlf', 'a = 1\r\nb = 2\r\n'],
  ['bare-cr', 'a = 1\rb = 2\n'],
  ['bare-cr-end', 'a = 1\r'],
  ['cr-in-comment', '# a\rb\na = 1\n'],
  ['cr-in-string', 'a = "x\ry"\n'],
  ['crlf-in-multiline', 'a = """\r\nx\r\n"""\n'],
  ['cr-in-multiline', 'a = """x\ry"""\n'],
  ['tab-indent', '\ta = 1\n'],
  ['no-final-newline', 'a = 1'],
  ['no-final-newline-leading-zero', 'version = 02'],
  ['no-final-newline-date', 'a = 1979-05-27'],
  ['date-then-space-digit', 'a = 1979-05-27 1\n'],
  ['version-2', 'version = 2\n'],
  ['version-string', 'version = "2"\n'],
  ['version-float', 'version = 2.0\n'],
  ['uppercase-key', 'VERSION = 2\n'],
  ['imports-string', 'imports = "x.toml"\n'],
  ['plugins-string', 'plugins = "x"\n'],
  ['plugins-array-table', '[[plugins]]\nx = 1\n'],
  ['mixed-array', 'pod_annotations = ["a", 1]\n'],
  ['deep-arrays-100', `a = ${'['.repeat(100)}${']'.repeat(100)}\n`],
  ['deep-arrays-600', `a = ${'['.repeat(600)}${']'.repeat(600)}\n`],
  ['deep-arrays-5000', `a = ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
  ['deep-inline-600', `a = ${'{ b = '.repeat(600)}1${' }'.repeat(600)}\n`],
  ['deep-dotted-500', `${Array.from({ length: 500 }, (_, i) => `k${i}`).join('.')} = 1\n`],
  ['deep-table-500', `[${Array.from({ length: 500 }, (_, i) => `k${i}`).join('.')}]\nx = 1\n`],
  ['template-value', 'sandbox_image = "{{pauseImage}}"\n'],
  ['template-bare', 'SandboxIsolation = {{sandboxIsolation}}\n'],
  ['jinja', 'version = {% if x %}3{% else %}2{% endif %}\n'],
  ['proto-table', '[__proto__.plugins]\na = 1\n'],
  ['proto-key', '__proto__ = 1\nconstructor = 2\n'],
  ['leap-second', 'a = 1979-05-27T23:59:60Z\n'],
  ['long-string', `a = "${'x'.repeat(70000)}"\n`],
  ['utf8-bom', bytesOf([0xef, 0xbb, 0xbf], 'a = 1\n')],
  ['utf8-bom-twice', bytesOf([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'a = 1\n')],
  ['utf16le-bom', bytesOf([0xff, 0xfe], [...Buffer.from('a = 1\n', 'utf16le')])],
  ['utf16le-nobom', bytesOf([...Buffer.from('a = 1\n', 'utf16le')])],
  ['utf16be-bom', bytesOf([0xfe, 0xff], [...Buffer.from('a = 1\n', 'utf16le').swap16()])],
  ['utf32le-bom', bytesOf([0xff, 0xfe, 0x00, 0x00], 'a = 1\n')],
  ['win1252-comment', bytesOf('# caf', [0xe9], '\na = 1\n')],
  ['win1252-string', bytesOf('a = "caf', [0xe9], '"\n')],
  ['win1252-literal', bytesOf("a = 'caf", [0xe9], "'\n")],
  ['win1252-multiline', bytesOf('a = """caf', [0xe9], '"""\n')],
  ['win1252-escaped-string', bytesOf('a = "\\tcaf', [0xe9], '"\n')],
  ['win1252-key', bytesOf('caf', [0xe9], ' = 1\n')],
  ['win1252-value', bytesOf('a = ', [0xe9], '\n')],
  ['win1252-after-value', bytesOf('a = 1 ', [0xe9], '\n')],
  ['overlong', bytesOf('a = "', [0xc0, 0xaf], '"\n')],
  ['surrogate-bytes', bytesOf('a = "', [0xed, 0xa0, 0x80], '"\n')],
  ['truncated-sequence', bytesOf('# ', [0xe2, 0x82], 'x\na = 1\n')],
  ['nul-comment', bytesOf('# a', [0x00], '\na = 1\n')],
  ['nul-string', bytesOf('a = "', [0x00], '"\n')],
  ['nul-key', bytesOf('a', [0x00], ' = 1\n')],
  ['ctrl-comment', '# \u0001\na = 1\n'],
  ['del-comment', '# \u007f\na = 1\n'],
  ['del-string', 'a = "\u007f"\n'],
  ['ctrl-multiline', 'a = """\u0001"""\n'],
  ['formfeed', '\u000ca = 1\n'],
  ['vertical-tab', 'a = 1\u000b\n'],
];

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MUTATION_CHARS = [
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  '=',
  ',',
  '.',
  '#',
  '\n',
  '\r',
  ' ',
  '\\',
  '0',
  'e',
  '_',
  '-',
  ':',
];

/** Deterministic single-character mutations of a text. */
function mutate(text: string, count: number, seed: number): string[] {
  const random = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * (text.length + 1));
    const op = Math.floor(random() * 3);
    const c = MUTATION_CHARS[Math.floor(random() * MUTATION_CHARS.length)] as string;
    if (op === 0) out.push(text.slice(0, at) + c + text.slice(at));
    else if (op === 1) out.push(text.slice(0, at) + text.slice(at + 1));
    else out.push(text.slice(0, at) + c + text.slice(at + 1));
  }
  return out;
}

export function generatedInputs(corpus: { name: string; text: string }[] = []): GeneratedInput[] {
  const inputs: GeneratedInput[] = [];
  VALUES.forEach((value, i) => {
    inputs.push({ name: `value-${i}`, bytes: enc(`key = ${value}\n`) });
  });
  // The same values inside an array, an inline table and under a table header.
  VALUES.forEach((value, i) => {
    if (i % 3 === 0) inputs.push({ name: `in-array-${i}`, bytes: enc(`key = [${value}]\n`) });
    if (i % 3 === 1) inputs.push({ name: `in-inline-${i}`, bytes: enc(`key = { v = ${value} }\n`) });
    if (i % 3 === 2) inputs.push({ name: `in-table-${i}`, bytes: enc(`[plugins."x".y]\n  v = ${value}\n`) });
  });
  for (const [name, doc] of DOCUMENTS)
    inputs.push({ name: `doc-${name}`, bytes: typeof doc === 'string' ? enc(doc) : doc });
  const base = [
    'version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd]\n  default_runtime_name = "runhcs-wcow-process"\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runhcs-wcow-process]\n  runtime_type = "io.containerd.runhcs.v1"\n  pod_annotations = ["microsoft.com/*"]\n  options = { SandboxIsolation = 0, Debug = true }\n',
    "version = 3\nimports = ['C:\\Program Files\\containerd\\conf.d\\*.toml']\n[plugins.'io.containerd.cri.v1.runtime'.containerd]\n  default_runtime_name = 'runhcs-wcow-process'\n",
  ];
  base.forEach((text, b) => {
    for (const [i, m] of mutate(text, 60, 1000 + b).entries())
      inputs.push({ name: `mutation-${b}-${i}`, bytes: enc(m) });
  });
  corpus.forEach(({ name, text }, c) => {
    for (const [i, m] of mutate(text, 12, 2000 + c).entries())
      inputs.push({ name: `corpus-mutation-${name}-${i}`, bytes: enc(m) });
  });
  return inputs;
}

const CRI2 = 'plugins."io.containerd.grpc.v1.cri"';
const CRI3 = "plugins.'io.containerd.cri.v1.runtime'";

/** One containerd config case: the main file and its imports (paths relative to the main file's folder). */
export interface ConfigCase {
  name: string;
  main: string;
  imports?: Record<string, string>;
}

const RUNTIME = (name: string, body: string) => `[${CRI2}.containerd.runtimes.${name}]\n${body}`;

/** Containerd-shaped configs: runtimes, imports, legacy tables, disabled plugins, wrong types. */
export function configCases(): ConfigCase[] {
  const cases: ConfigCase[] = [
    { name: 'empty-v2', main: 'version = 2\n' },
    {
      name: 'no-version',
      main: '[plugins.cri.containerd]\n  default_runtime_name = "x"\n[plugins.cri.containerd.runtimes.x]\n  runtime_type = "io.containerd.runhcs.v1"\n',
    },
    {
      name: 'default-hv',
      main: `version = 2\n[${CRI2}.containerd]\n  default_runtime_name = "hv"\n${RUNTIME('hv', '  runtime_type = "io.containerd.runhcs.v1"\n  pod_annotations = ["a", "b"]\n  container_annotations = ["io.microsoft.container.*"]\n  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.hv.options]\n    SandboxIsolation = 1\n    Debug = true\n')}`,
    },
    {
      name: 'legacy-default-runtime',
      main: `version = 2\n[${CRI2}.containerd.default_runtime]\n  runtime_type = "io.containerd.runhcs.v1"\n  pod_annotations = ["x"]\n`,
    },
    { name: 'legacy-empty', main: `version = 2\n[${CRI2}.containerd.default_runtime]\n` },
    { name: 'disabled-cri', main: 'version = 2\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n' },
    { name: 'disabled-short', main: 'version = 2\ndisabled_plugins = ["cri"]\n' },
    { name: 'disabled-v1-short', main: 'disabled_plugins = ["cri"]\n' },
    { name: 'required-short', main: 'version = 2\nrequired_plugins = ["cri"]\n' },
    { name: 'short-plugin-key', main: 'version = 2\n[plugins.cri]\n  sandbox_image = "x"\n' },
    { name: 'prefixless-plugin-key', main: 'version = 2\n[plugins."containerd.io.grpc.v1.cri"]\n  x = 1\n' },
    { name: 'version-3', main: `version = 3\n[${CRI3}.containerd]\n  default_runtime_name = "runhcs-wcow-process"\n` },
    { name: 'version-string', main: 'version = "2"\n' },
    { name: 'version-float', main: 'version = 2.0\n' },
    { name: 'imports-string', main: 'version = 2\nimports = "x.toml"\n' },
    { name: 'plugins-string', main: 'version = 2\nplugins = "x"\n' },
    { name: 'plugins-array-table', main: 'version = 2\n[[plugins]]\nx = 1\n' },
    { name: 'disabled-number', main: 'version = 2\ndisabled_plugins = [1]\n' },
    { name: 'disabled-mixed', main: 'version = 2\ndisabled_plugins = ["io.containerd.internal.v1.opt", 3.5]\n' },
    { name: 'grpc-address-number', main: 'version = 2\n[grpc]\n  address = 5\n' },
    { name: 'default-runtime-name-number', main: `version = 2\n[${CRI2}.containerd]\n  default_runtime_name = 5\n` },
    { name: 'default-runtime-name-array', main: `version = 2\n[${CRI2}.containerd]\n  default_runtime_name = []\n` },
    {
      name: 'pod-annotations-mixed',
      main: `version = 2\n${RUNTIME('x', '  runtime_type = "r"\n  pod_annotations = ["a", 1]\n')}`,
    },
    { name: 'runtime-type-number', main: `version = 2\n${RUNTIME('x', '  runtime_type = 5\n')}` },
    { name: 'runtime-type-bool', main: `version = 2\n${RUNTIME('x', '  runtime_type = true\n')}` },
    { name: 'runtimes-string', main: `version = 2\n[${CRI2}.containerd]\n  runtimes = "x"\n` },
    { name: 'options-string', main: `version = 2\n${RUNTIME('x', '  options = "x"\n')}` },
    { name: 'containerd-string', main: `version = 2\n[${CRI2}]\n  containerd = "x"\n` },
    { name: 'snapshotter-number', main: `version = 2\n[${CRI2}.containerd]\n  snapshotter = 5\n` },
    { name: 'promoted-snapshotter', main: `version = 2\n[${CRI2}]\n  snapshotter = 5\n` },
    { name: 'sandbox-image-number', main: `version = 2\n[${CRI2}]\n  sandbox_image = 5\n` },
    {
      name: 'inline-runtime',
      main: `version = 2\n[${CRI2}.containerd.runtimes]\n  x = { runtime_type = "io.containerd.runhcs.v1", pod_annotations = ["a"] }\n`,
    },
    { name: 'inline-runtime-bad', main: `version = 2\n[${CRI2}.containerd.runtimes]\n  x = { runtime_type = 5 }\n` },
    { name: 'uppercase-version', main: 'VERSION = 2\n' },
    { name: 'titlecase-version', main: 'Version = 2\n' },
    {
      name: 'proto-table',
      main: `version = 2\n[__proto__.plugins."io.containerd.grpc.v1.cri".containerd]\n  default_runtime_name = "hv"\n`,
    },
    { name: 'constructor-name', main: `version = 2\n[${CRI2}.containerd]\n  default_runtime_name = "constructor"\n` },
    { name: 'unknown-top-level', main: 'version = 2\nfrobnicate = true\n[grpc]\n  nonsense = 1\n' },
    {
      name: 'import-replaces-cri',
      main: `version = 2\nimports = ["IMPORT_DIR/10.toml"]\n[${CRI2}.containerd]\n  default_runtime_name = "hv"\n${RUNTIME('hv', '  runtime_type = "io.containerd.runhcs.v1"\n')}`,
      imports: { '10.toml': `version = 2\n[${CRI2}]\n  sandbox_image = "dropin/pause"\n` },
    },
    {
      name: 'import-redeclares-runtime',
      main: `version = 2\nimports = ["IMPORT_DIR/10.toml"]\n${RUNTIME('hv', '  runtime_type = "io.containerd.runhcs.v1"\n  pod_annotations = ["a"]\n')}`,
      imports: {
        '10.toml': `version = 2\n[${CRI2}.containerd]\n  default_runtime_name = "hv"\n${RUNTIME('hv', '  container_annotations = ["b"]\n')}`,
      },
    },
    {
      name: 'import-glob-order',
      main: 'version = 2\nimports = ["IMPORT_DIR/*.toml"]\n',
      imports: {
        '9-b.toml': 'version = 2\ndisabled_plugins = ["io.containerd.internal.v1.opt"]\n',
        '10-a.toml': `version = 2\n[${CRI2}.containerd]\n  default_runtime_name = "a"\n${RUNTIME('a', '  runtime_type = "io.containerd.runhcs.v1"\n')}`,
        'Z-c.toml': `version = 2\n[${CRI2}.containerd]\n  default_runtime_name = "z"\n${RUNTIME('z', '  runtime_type = "io.containerd.runhcs.v1"\n')}`,
        'UPPER.TOML': 'version = 2\ndisabled_plugins = ["io.containerd.internal.v1.restart"]\n',
      },
    },
    {
      name: 'import-duplicate-slices',
      main: 'version = 2\nimports = ["IMPORT_DIR/a.toml"]\ndisabled_plugins = ["io.containerd.internal.v1.opt"]\n',
      imports: { 'a.toml': 'version = 2\ndisabled_plugins = ["io.containerd.internal.v1.opt"]\n' },
    },
    {
      name: 'import-cycle',
      main: 'version = 2\nimports = ["IMPORT_DIR/a.toml"]\n',
      imports: {
        'a.toml': 'version = 2\nimports = ["IMPORT_DIR/b.toml"]\n',
        'b.toml': 'version = 2\nimports = ["IMPORT_DIR/a.toml"]\n',
      },
    },
    { name: 'import-missing', main: 'version = 2\nimports = ["IMPORT_DIR/none.toml"]\n' },
    { name: 'import-glob-none', main: 'version = 2\nimports = ["IMPORT_DIR/none/*.toml"]\n' },
    { name: 'import-bad-glob', main: 'version = 2\nimports = ["IMPORT_DIR/[*.toml"]\n' },
    {
      name: 'import-bad-toml',
      main: 'version = 2\nimports = ["IMPORT_DIR/bad.toml"]\n',
      imports: { 'bad.toml': 'version = 2\n[plugins\n' },
    },
    {
      name: 'import-short-key',
      main: 'imports = ["IMPORT_DIR/v2.toml"]\n[plugins.cri]\n  sandbox_image = "x"\n',
      imports: { 'v2.toml': 'version = 2\n' },
    },
    {
      name: 'import-version-zero-override',
      main: 'version = 2\nimports = ["IMPORT_DIR/a.toml"]\nroot = "/r"\n',
      imports: { 'a.toml': 'version = 0\nroot = ""\n' },
    },
  ];
  // The gc and restart plugins' durations (TextUnmarshalers over time.ParseDuration) and numbers.
  const GC = '[plugins."io.containerd.gc.v1.scheduler"]';
  const durations = [
    '"100ms"',
    '"100#s"',
    '5',
    '0',
    '0.5',
    'true',
    '""',
    '".s"',
    '"1.s"',
    '"5\u00b5s"',
    '"1h2m3.5s"',
    '"-1s"',
    '"+0"',
    '"9999999999h"',
    '"1e3s"',
    '["1s"]',
    '{ a = 1 }',
    '1979-05-27T07:32:00Z',
    '07:32:00',
    '"1\u00e9"',
  ];
  for (const [i, d] of durations.entries())
    cases.push({ name: `gc-startup-delay-${i}`, main: `version = 2\n${GC}\n  startup_delay = ${d}\n` });
  cases.push(
    {
      name: 'gc-delay-table',
      main: `version = 2\n${GC}\n[plugins."io.containerd.gc.v1.scheduler".schedule_delay]\n  x = 1\n`,
    },
    { name: 'gc-threshold-string', main: `version = 2\n${GC}\n  pause_threshold = "x"\n` },
    { name: 'gc-threshold-int', main: `version = 2\n${GC}\n  pause_threshold = 1\n  mutation_threshold = 1.5\n` },
    { name: 'gc-v1-short-id', main: '[plugins.scheduler]\n  startup_delay = "x"\n' },
    {
      name: 'gc-disabled',
      main: `version = 2\ndisabled_plugins = ["io.containerd.gc.v1.scheduler"]\n${GC}\n  startup_delay = "x"\n`,
    },
    { name: 'gc-and-cri-bad', main: `version = 2\n${GC}\n  startup_delay = "x"\n[${CRI2}]\n  sandbox_image = 5\n` },
    {
      name: 'restart-interval-bad',
      main: 'version = 2\n[plugins."io.containerd.internal.v1.restart"]\n  interval = "ten"\n',
    },
    {
      name: 'restart-interval-table',
      main: 'version = 2\n[plugins."io.containerd.internal.v1.restart".interval]\n  Duration = 5\n',
    },
    {
      name: 'restart-interval-table-bad',
      main: 'version = 2\n[plugins."io.containerd.internal.v1.restart".interval]\n  duration = "x"\n',
    },
    {
      name: 'restart-and-gc-bad',
      main: `version = 2\n[plugins."io.containerd.internal.v1.restart"]\n  interval = "ten"\n${GC}\n  startup_delay = 5\n`,
    },
  );
  return cases;
}
