import test from 'ava';
import { formatPosition, parseToml } from '../../src/parse/toml.js';

test('parseToml: a valid document', (t) => {
  const result = parseToml(
    'version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd]\n  default_runtime_name = "runhcs-wcow-process"\n',
  );
  t.deepEqual(result, {
    ok: true,
    document: {
      version: 2,
      plugins: { 'io.containerd.grpc.v1.cri': { containerd: { default_runtime_name: 'runhcs-wcow-process' } } },
    },
  });
});

test('parseToml: CRLF, single-quoted literal strings and dotted keys', (t) => {
  const result = parseToml("version = 3\r\nimports = ['C:\\Program Files\\containerd\\conf.d\\*.toml']\r\na.b = 1\r\n");
  t.true(result.ok);
  if (!result.ok) return;
  t.deepEqual(result.document.imports, ['C:\\Program Files\\containerd\\conf.d\\*.toml']);
  t.deepEqual(result.document.a, { b: 1 });
});

test('parseToml: dates become ISO strings, so the document survives JSON', (t) => {
  const result = parseToml('when = 1979-05-27T07:32:00Z\n');
  t.true(result.ok);
  if (!result.ok) return;
  t.is(result.document.when, '1979-05-27T07:32:00.000Z');
  t.deepEqual(JSON.parse(JSON.stringify(result.document)), result.document);
});

const ERRORS: [string, string, number, number][] = [
  ['a value is missing', 'version = 2\nfoo = = 1\n', 2, 7],
  ['an unclosed table header', 'version = 2\n[plugins\n', 2, 9],
  ['an unterminated string', 'x = "unterminated\n', 1, 18],
  ['a key defined twice', 'a = 1\na = 2\n', 2, 1],
  ['a table defined twice', '[a]\nb = 1\n[a]\nc = 2\n', 3, 1],
  ['an error after CRLF lines', 'a = 1\r\nb = 2\r\nc = = 3\r\n', 3, 5],
  [
    'an unrendered template value (the second brace is the unexpected one)',
    'version = 2\n  SandboxIsolation = {{sandboxIsolation}}\n',
    2,
    23,
  ],
];

for (const [name, text, line, column] of ERRORS) {
  test(`parseToml error position: ${name}`, (t) => {
    const result = parseToml(text);
    t.false(result.ok);
    if (result.ok) return;
    t.truthy(result.error.message);
    t.is(result.error.line, line);
    t.is(result.error.column, column);
  });
}

test('formatPosition', (t) => {
  t.is(formatPosition('C:\\config.toml', 3, 7), 'C:\\config.toml:3:7');
  t.is(formatPosition('C:\\config.toml', 3), 'C:\\config.toml:3');
  t.is(formatPosition('C:\\config.toml'), 'C:\\config.toml');
});
