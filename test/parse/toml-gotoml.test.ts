/**
 * The go-toml ports without Go: what go-toml v1.9.4 (containerd 1.x) and v2.0.6 (2.x) say for the inputs
 * the issues name, as the real libraries printed them (recorded with test/oracles/gotoml, which re-checks
 * these and hundreds more wherever Go is installed). Plus what no oracle can show: big integers kept
 * exact, nesting that does not touch the JavaScript stack, keys that are JavaScript property names.
 */
import test from 'ava';
import { parseToml } from '../../src/parse/toml.js';
import { loadBytesV1 } from '../../src/parse/toml-gotoml1.js';
import { decodeMapV2, locateError, parseV2, treeOfV2 } from '../../src/parse/toml-gotoml2.js';
import { toPlain } from '../../src/parse/toml-tree.js';

const b = (text: string, ...raw: number[][]): Uint8Array => {
  const parts = text.split('\u0000');
  const out: number[] = [];
  parts.forEach((p, i) => {
    out.push(...new TextEncoder().encode(p));
    if (i < raw.length) out.push(...(raw[i] as number[]));
  });
  return new Uint8Array(out);
};

function v1(bytes: Uint8Array): true | string {
  const r = loadBytesV1(bytes, '1.9.4');
  return r.ok ? true : r.message;
}
function v2(bytes: Uint8Array): true | [string, number?, number?] {
  const parsed = parseV2(bytes);
  const r = decodeMapV2(parsed, '2.0.6');
  if (r.ok || !r.error) return true;
  const e = locateError(parsed.data, r.error);
  return e.line ? [`toml: ${e.message}`, e.line, e.column as number] : [`toml: ${e.message}`];
}

// [name, bytes, go-toml v1.9.4, go-toml v2.0.6], recorded from the real libraries.
const CASES: [string, Uint8Array, true | string, true | [string, number?, number?]][] = [
  [
    'a multi-line inline table',
    b('a = { b = 1,\n c = 2 }\n'),
    true,
    ['toml: invalid character at start of key: \n', 1, 13],
  ],
  [
    'a trailing comma in an inline table',
    b('a = { b = 1, }\n'),
    '(1, 12): trailing comma at the end of inline table',
    ['toml: invalid character at start of key: }', 1, 14],
  ],
  [
    'a \\x escape',
    b('a = "\\x41"\n'),
    '(1, 6): invalid escape sequence: \\x',
    ["toml: invalid escaped character U+0078 'x'", 1, 7],
  ],
  ['a \\e escape (TOML 1.1)', b('a = "\\e"\n'), '(1, 6): invalid escape sequence: \\e', true],
  [
    'a time without seconds',
    b('a = 07:32\n'),
    '(1, 5): time minute/second separator should be :, not \n',
    ['toml: times are expected to have the format HH:MM:SS[.NNNNNN]', 1, 5],
  ],
  [
    'a Windows-1252 byte in a comment',
    b('# caf\u0000\na = 1\n', [0xe9]),
    true,
    ['toml: invalid character in comment', 1, 6],
  ],
  ['a Windows-1252 byte in a string', b('a = "caf\u0000"\n', [0xe9]), true, ['toml: invalid UTF-8', 1, 9]],
  [
    'a control character in a string',
    b('a = "\u0000"\n', [0x01]),
    '(1, 6): unescaped control character U+0001',
    ['toml: invalid UTF-8', 1, 6],
  ],
  ['an integer above 2^53', b('a = 9007199254740993\n'), true, true],
  [
    'an integer above int64',
    b('a = 9223372036854775808\n'),
    '(1, 5): strconv.ParseInt: parsing "9223372036854775808": value out of range',
    ['toml: couldn\'t parse decimal number: strconv.ParseInt: parsing "9223372036854775808": value out of range', 1, 5],
  ],
  ['a leading zero', b('a = 012\n'), 'invalid base', ["toml: expected newline but got U+0031 '1'", 1, 6]],
  ['a bare CR', b('a = 1\rb = 2\n'), true, ['toml: windows new line should be \\r\\n', 1, 6]],
  [
    'a duplicate key',
    b('a = 1\na = 2\n'),
    '(2, 1): The following key was defined twice: a',
    ['toml: key a is already defined'],
  ],
  ['a UTF-8 BOM', b('\u0000a = 1\n', [0xef, 0xbb, 0xbf]), true, ['toml: invalid character at start of key: ï', 1, 1]],
  [
    'UTF-16LE with a BOM',
    b('\u0000a\u0000 \u0000=\u0000 \u00001\u0000\n\u0000', [0xff, 0xfe], [0], [0], [0], [0], [0], [0]),
    '(1, 1): parsing error: keys cannot contain \u0000 character',
    ['toml: invalid character at start of key: ÿ', 1, 1],
  ],
  ['a table defined twice', b('[a]\n[a]\n'), '(2, 2): duplicated tables', ['toml: table a already exists']],
  [
    'an underscore after 0x',
    b('a = 0x_1\n'),
    '(1, 5): invalid use of _ in hex number',
    ['toml: number cannot start with underscore', 1, 7],
  ],
  [
    'a double underscore',
    b('a = 1__0\n'),
    '(1, 5): invalid use of _ in number',
    ['toml: number must have at least one digit between underscores', 1, 6],
  ],
];

for (const [name, bytes, one, two] of CASES) {
  test(`go-toml v1 and v2 on ${name}`, (t) => {
    t.deepEqual(v1(bytes), one, 'v1.9.4');
    t.deepEqual(v2(bytes), two, 'v2.0.6');
  });
}

test('integers beyond ±2^53 stay exact: decimal strings in plain data, bigint in the tree', (t) => {
  const bytes = b('a = 9007199254740993\nb = -9223372036854775808\nc = 5\n');
  const r = loadBytesV1(bytes, '1.9.5');
  t.true(r.ok);
  if (!r.ok) return;
  t.deepEqual({ ...(toPlain(r.tree) as object) }, { a: '9007199254740993', b: '-9223372036854775808', c: 5 });
  const tree2 = treeOfV2(parseV2(bytes));
  t.deepEqual({ ...(toPlain(tree2) as object) }, { a: '9007199254740993', b: '-9223372036854775808', c: 5 });
  const fromToml5 = parseToml('a = 9007199254740993\n');
  t.true(fromToml5.ok);
  if (fromToml5.ok) t.is(fromToml5.document.a, '9007199254740993', 'toml@5 with bigint: the value survives JSON');
});

test('go-toml v1.9.5 reads an integer above int64 as uint64 (containerd 1.6.16+ and 1.7)', (t) => {
  const r = loadBytesV1(b('a = 18446744073709551615\n'), '1.9.5');
  t.true(r.ok);
  if (r.ok) t.is(toPlain(r.tree) && (toPlain(r.tree) as Record<string, unknown>).a, '18446744073709551615');
});

test('200,000 nested arrays: both ports answer without the JavaScript stack', (t) => {
  const depth = 200_000;
  const text = `a = ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  t.true(loadBytesV1(b(text), '1.9.4').ok);
  t.true(decodeMapV2(parseV2(b(text)), '2.0.6').ok);
  const open = `a = ${'['.repeat(depth)}\n`;
  t.false(loadBytesV1(b(open), '1.9.4').ok);
  t.false(decodeMapV2(parseV2(b(open)), '2.0.6').ok);
  const result = parseToml(text);
  t.is(typeof result.ok, 'boolean', 'toml@5 answers too (an error, not a crash)');
});

test('keys that are JavaScript property names are plain keys, in null-prototype objects', (t) => {
  const bytes = b('__proto__ = 1\nconstructor = 2\n[toString]\nvalueOf = 3\n');
  const r = loadBytesV1(bytes, '1.9.4');
  t.true(r.ok);
  if (!r.ok) return;
  const plain = toPlain(r.tree) as Record<string, unknown>;
  t.is(Object.getPrototypeOf(plain), null);
  t.true(Object.hasOwn(plain, '__proto__'));
  t.is(plain.constructor as unknown, 2);
  t.is(({} as Record<string, unknown>).valueOf, Object.prototype.valueOf, 'Object.prototype untouched');
  const parsed = parseToml('__proto__ = 1\n');
  t.true(parsed.ok);
  if (parsed.ok) t.true(Object.hasOwn(parsed.document, '__proto__'));
});
