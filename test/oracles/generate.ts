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

const MUTATION_CHARS = ['"', "'", '[', ']', '{', '}', '=', ',', '.', '#', '\n', '\r', ' ', '\\', '0', 'e', '_', '-', ':'];

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
  for (const [name, doc] of DOCUMENTS) inputs.push({ name: `doc-${name}`, bytes: typeof doc === 'string' ? enc(doc) : doc });
  const base = [
    'version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd]\n  default_runtime_name = "runhcs-wcow-process"\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runhcs-wcow-process]\n  runtime_type = "io.containerd.runhcs.v1"\n  pod_annotations = ["microsoft.com/*"]\n  options = { SandboxIsolation = 0, Debug = true }\n',
    "version = 3\nimports = ['C:\\Program Files\\containerd\\conf.d\\*.toml']\n[plugins.'io.containerd.cri.v1.runtime'.containerd]\n  default_runtime_name = 'runhcs-wcow-process'\n",
  ];
  base.forEach((text, b) => {
    mutate(text, 60, 1000 + b).forEach((m, i) => inputs.push({ name: `mutation-${b}-${i}`, bytes: enc(m) }));
  });
  corpus.forEach(({ name, text }, c) => {
    mutate(text, 12, 2000 + c).forEach((m, i) => inputs.push({ name: `corpus-mutation-${name}-${i}`, bytes: enc(m) }));
  });
  return inputs;
}
