import test from 'ava';
import {
  decodeText,
  detectEncoding,
  excerpt,
  findTemplateMarker,
  lineEndingsOf,
  normaliseText,
} from '../../src/parse/text.js';
import { corpusBytes } from '../helpers/corpus.js';

const SAMPLE = 'version = 2\n[plugins."io.containerd.grpc.v1.cri"]\n  sandbox_image = "registry.k8s.io/pause:3.9"\n';
const utf8 = (s: string) => new TextEncoder().encode(s);
const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const BOM8 = [0xef, 0xbb, 0xbf];

function utf16(s: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(s, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le).swap16();
  const mark = endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return new Uint8Array([...(bom ? mark : []), ...body]);
}

const WINDOWS_BUILD = [
  ['aks-vhd-ws2019-17763.8389-containerd1.6.35-sysinfo-excerpt.txt', '17763.8389'],
  ['aks-vhd-ws2022-20348.887-containerd1.6.6-sysinfo-excerpt.txt', '20348.887'],
  ['aks-vhd-ws2025-26100.33296-containerd2.0.4-sysinfo-excerpt.txt', '26100.33296'],
] as const;

for (const [file, build] of WINDOWS_BUILD) {
  test(`decodeText: real UTF-8 BOM + CRLF file ${file}`, (t) => {
    const bytes = corpusBytes('windows-build', file);
    t.deepEqual([...bytes.subarray(0, 3)], BOM8, 'the corpus file really starts with a BOM');
    const decoded = decodeText(bytes);
    t.is(decoded.encoding, 'utf8-bom');
    t.is(decoded.lineEndings, 'crlf');
    t.not(decoded.text.charCodeAt(0), 0xfeff, 'the BOM is not content');
    t.true(decoded.text.startsWith('Build Number:'));
    t.regex(decoded.text, new RegExp(`OS Version\\s+:\\s+${build.replace('.', '\\.')}\\r\\n`));
    const normalised = normaliseText(decoded.text);
    t.false(normalised.includes('\r'));
  });
}

const DECODE: [string, Uint8Array, string, 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be', 'lf' | 'crlf' | 'mixed'][] = [
  ['UTF-8, LF', utf8(SAMPLE), SAMPLE, 'utf8', 'lf'],
  ['UTF-8, CRLF', utf8(crlf(SAMPLE)), crlf(SAMPLE), 'utf8', 'crlf'],
  ['UTF-8 BOM, LF', new Uint8Array([...BOM8, ...utf8(SAMPLE)]), SAMPLE, 'utf8-bom', 'lf'],
  ['UTF-8 BOM, CRLF', new Uint8Array([...BOM8, ...utf8(crlf(SAMPLE))]), crlf(SAMPLE), 'utf8-bom', 'crlf'],
  ['UTF-16LE with BOM (PowerShell 5.1 Out-File)', utf16(crlf(SAMPLE), 'le', true), crlf(SAMPLE), 'utf16le', 'crlf'],
  ['UTF-16LE without BOM', utf16(SAMPLE, 'le', false), SAMPLE, 'utf16le', 'lf'],
  ['UTF-16BE with BOM', utf16(SAMPLE, 'be', true), SAMPLE, 'utf16be', 'lf'],
  ['UTF-16BE without BOM', utf16(SAMPLE, 'be', false), SAMPLE, 'utf16be', 'lf'],
  [
    'UTF-8 with non-ASCII',
    utf8('name = "Lokaler Dienst – NT-AUTORITÄT"\n'),
    'name = "Lokaler Dienst – NT-AUTORITÄT"\n',
    'utf8',
    'lf',
  ],
  ['mixed line endings', utf8('a = 1\r\nb = 2\nc = 3\r\n'), 'a = 1\r\nb = 2\nc = 3\r\n', 'utf8', 'mixed'],
  ['empty', new Uint8Array([]), '', 'utf8', 'lf'],
];

for (const [name, bytes, text, encoding, lineEndings] of DECODE) {
  test(`decodeText: ${name}`, (t) => {
    t.deepEqual(decodeText(bytes), { text, encoding, lineEndings });
  });
}

test('detectEncoding: BOM lengths', (t) => {
  t.deepEqual(detectEncoding(new Uint8Array([...BOM8, 0x61])), { encoding: 'utf8-bom', bomLength: 3 });
  t.deepEqual(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0])), { encoding: 'utf16le', bomLength: 2 });
  t.deepEqual(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61])), { encoding: 'utf16be', bomLength: 2 });
  t.deepEqual(detectEncoding(utf8('abc')), { encoding: 'utf8', bomLength: 0 });
});

test('lineEndingsOf', (t) => {
  t.is(lineEndingsOf('a\nb\n'), 'lf');
  t.is(lineEndingsOf('a\r\nb\r\n'), 'crlf');
  t.is(lineEndingsOf('a\r\nb\n'), 'mixed');
  t.is(lineEndingsOf('no newline'), 'lf');
});

test('normaliseText: strips a BOM that survived decoding and normalises CRLF and CR', (t) => {
  t.is(normaliseText('\ufeffa\r\nb\rc\n'), 'a\nb\nc\n');
  t.is(normaliseText('plain'), 'plain');
});

test('findTemplateMarker: Go template, Jinja, positions, comments', (t) => {
  t.deepEqual(findTemplateMarker('version = 2\n  sandbox = "{{pauseImage}}"\n'), {
    marker: '{{pauseImage}}',
    line: 2,
    column: 14,
  });
  t.deepEqual(findTemplateMarker('{% if x %}\nversion = 3\n{% endif %}\n'), {
    marker: '{% if x %}',
    line: 1,
    column: 1,
  });
  t.deepEqual(findTemplateMarker('a = 1\r\nb = "{{ x | trim }}"\r\n'), {
    marker: '{{ x | trim }}',
    line: 2,
    column: 6,
  });
  t.is(
    findTemplateMarker('# rendered from {{ template }}\nversion = 2\n'),
    undefined,
    'a comment line is not a template',
  );
  t.is(findTemplateMarker('  # {% raw %}\nversion = 2\n'), undefined);
  t.is(findTemplateMarker('version = 2\nname = "{ not a template }"\n'), undefined);
  t.is(findTemplateMarker(''), undefined);
});

test('excerpt: trimmed and bounded', (t) => {
  t.is(excerpt('  short  '), 'short');
  t.is(excerpt('x'.repeat(500), 10), `${'x'.repeat(10)}…`);
});

// The regex findTemplateMarker replaced (fuzz report D12): the linear scan must find what it found.
const TEMPLATE_MARKER_REGEX = /\{\{.*?\}\}|\{%.*?%\}/;

function regexMarker(text: string) {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*#/.test(line)) continue;
    const m = TEMPLATE_MARKER_REGEX.exec(line);
    if (m) return { marker: m[0], line: i + 1, column: m.index + 1 };
  }
  return undefined;
}

test('findTemplateMarker finds exactly what the template regex finds (random text of braces and percents)', (t) => {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const alphabet = ['{', '{', '}', '}', '%', 'a', ' ', '\n', '\r\n', '\r', '#', '\u2028', '{{', '}}', '{%', '%}'];
  let found = 0;
  for (let i = 0; i < 5000; i++) {
    const length = Math.floor(rnd() * 30);
    const text = Array.from({ length }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    const expected = regexMarker(text);
    if (expected) found += 1;
    t.deepEqual(findTemplateMarker(text), expected, JSON.stringify(text));
  }
  t.true(found > 1000, `${found} texts held a marker`);
});

test('findTemplateMarker is linear: a 1 MB line of unclosed {{ (fuzz D12)', (t) => {
  const started = performance.now();
  t.is(findTemplateMarker(`version = 2\nx = "${'{{ '.repeat(350_000)}"\n`), undefined);
  t.is(findTemplateMarker(`${'{%{{'.repeat(250_000)}`), undefined);
  t.deepEqual(findTemplateMarker(`${'{{ '.repeat(300_000)}}}`), {
    marker: `${'{{ '.repeat(300_000)}}}`,
    line: 1,
    column: 1,
  });
  // The regex took about 2 s for 80 KB of this and grew with the square of the length.
  t.true(performance.now() - started < 10_000, `${Math.round(performance.now() - started)} ms`);
});

test('lineEndingsOf counts without building match arrays', (t) => {
  t.is(lineEndingsOf('a\r\n'.repeat(100_000)), 'crlf');
  t.is(lineEndingsOf(`${'a\r\n'.repeat(1000)}b\n`), 'mixed');
  t.is(lineEndingsOf('\n'), 'lf');
});
