/**
 * The bounded, strict reader of every user input (src/parse/input.ts): regular files only, a size limit
 * for files and stdin alike, strict UTF-8 / UTF-16-with-BOM decoding, and clear refusals that name the
 * input. Also the streaming forms explain and fleet read with (inputText, inputLines).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import test from 'ava';
import { isUserError } from '../../src/contract/errors.js';
import { decodeInput, type InputSource, inputLines, inputText, LIMITS, readInputText } from '../../src/parse/input.js';
import { random } from '../fuzz/regex-sample.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'hpd-input-'));
const source = (name: string, maxBytes = 1024 * 1024, what = 'snapshot'): InputSource => ({ name, what, maxBytes });
const file = (name: string, content: string | Uint8Array) => {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
};
const stdin = (chunks: (string | Uint8Array)[]) => ({ stream: Readable.from(chunks) });

async function refusal(t: { true: (v: boolean, m?: string) => void }, run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    t.true(isUserError(error), `a usage error, not ${String(error)}`);
    return (error as Error).message;
  }
  t.true(false, 'no refusal');
  return '';
}

async function collect(gen: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const piece of gen) out.push(piece);
  return out;
}

const utf16 = (s: string, endian: 'le' | 'be') => {
  const le = Buffer.from(s, 'utf16le');
  return Buffer.concat([
    Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]),
    endian === 'le' ? le : Buffer.from(le).swap16(),
  ]);
};

test('the limits are stated and stdin has one too', (t) => {
  t.true(LIMITS.snapshot > 0 && LIMITS.stream >= LIMITS.snapshot);
  for (const value of Object.values(LIMITS)) t.true(Number.isInteger(value) && value > 0);
});

test('UTF-8, UTF-8 with a BOM and UTF-16 with a BOM decode; CRLF is kept and reported', async (t) => {
  const text = 'a: ä\r\nb: €\r\n';
  for (const [name, bytes, encoding] of [
    ['plain.txt', Buffer.from(text), 'utf8'],
    ['bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf8-bom'],
    ['le.txt', utf16(text, 'le'), 'utf16le'],
    ['be.txt', utf16(text, 'be'), 'utf16be'],
  ] as const) {
    const read = await readInputText(file(name, bytes), source(name));
    t.is(read.text, text, name);
    t.is(read.encoding, encoding);
    t.is(read.lineEndings, 'crlf');
    t.deepEqual(await collect(inputText(file(name, bytes), source(name))), [text], name);
  }
});

test('undecodable input is refused, naming the file and what it looks like', async (t) => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['utf16-nobom.json', Buffer.from('{"a": 1}', 'utf16le'), /looks like UTF-16 without a BOM/],
    ['cp1252.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), /not UTF-8 \(perhaps a Windows code page/],
    [
      'binary.bin',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]),
      /binary data|UTF-16/,
    ],
  ];
  for (const [name, bytes, why] of cases) {
    const p = file(name, bytes);
    const whole = await refusal(t, () => readInputText(p, source(name)));
    t.regex(whole, new RegExp(`snapshot ${name.replace('.', '\\.')}: cannot decode it`));
    t.regex(whole, why);
    t.regex(whole, /Set-Content -Encoding utf8/);
    const streamed = await refusal(t, () => collect(inputText(p, source(name))));
    t.regex(streamed, why);
  }
});

test('a FIFO, a device and a directory are refused at once, never opened (fuzz D9, D14)', async (t) => {
  const fifo = path.join(tmp, 'pipe');
  execFileSync('mkfifo', [fifo]);
  for (const [p, kind] of [
    [fifo, /a named pipe \(FIFO\)/],
    ['/dev/zero', /a device/],
    [tmp, /a directory/],
  ] as const) {
    const started = Date.now();
    const message = await refusal(t, () => readInputText(p, source(p)));
    t.regex(message, kind);
    t.regex(message, /reads regular files only; for a stream, pipe it to stdin and give '-'/);
    t.regex(await refusal(t, () => collect(inputLines(p, source(p)))), kind);
    t.true(Date.now() - started < 10_000);
  }
  t.regex(
    await refusal(t, () => readInputText(path.join(tmp, 'nope'), source('nope'))),
    /nope: cannot read it \(no such file\)/,
  );
});

test('a file over its limit is refused, naming the file and the limit', async (t) => {
  const p = file('big.json', 'x'.repeat(2048));
  t.regex(
    await refusal(t, () => readInputText(p, source('big.json', 1024))),
    /snapshot big\.json: larger than 1024 bytes, the limit for this input/,
  );
  t.regex(await refusal(t, () => collect(inputText(p, source('big.json', 1024)))), /larger than 1024 bytes/);
  const log = file('big.log', 'x'.repeat(3 * 1024 * 1024));
  t.regex(
    await refusal(t, () => collect(inputText(log, source('big.log', 2 * 1024 * 1024, 'explain --file')))),
    /explain --file big\.log: larger than 2 MB, the limit for this input\. Give a smaller file or the part of the log around the error/,
  );
});

test('stdin has the same limit: an endless stdin ends in a clear error, not a hang or a full memory', async (t) => {
  const endless = Readable.from(
    (function* () {
      const chunk = Buffer.alloc(64 * 1024, 'y');
      for (;;) yield chunk;
    })(),
  );
  const message = await refusal(t, () =>
    collect(inputText(undefined, source('stdin', 4 * 1024 * 1024, 'explain'), { stream: endless })),
  );
  t.regex(message, /explain stdin: larger than 4 MB, the limit for this input/);
});

test('an unreadable stdin is a usage error: EBADF (opened for writing only), EISDIR, or none at all (fuzz D16)', async (t) => {
  const failing = (code: string) =>
    new Readable({
      read() {
        this.destroy(Object.assign(new Error(`${code}: read`), { code }));
      },
    });
  t.regex(
    await refusal(t, () =>
      collect(inputText(undefined, source('stdin', 1024, 'explain'), { stream: failing('EBADF') })),
    ),
    /explain: cannot read stdin \(it is not open for reading \(EBADF\): closed, or opened for writing only\)\. Pipe the input in, or give a file\./,
  );
  t.regex(
    await refusal(t, () =>
      collect(inputLines(undefined, source('stdin', 1024, 'fleet'), { stream: failing('EISDIR') })),
    ),
    /fleet: cannot read stdin \(it is a directory\)/,
  );
  t.regex(await refusal(t, () => readInputText(undefined, source('stdin'))), /stdin is not available here/);
});

test('streamed decoding: characters, BOMs and CRLF cut across chunks come out whole', async (t) => {
  const text = 'é€😀 line one\r\nline two\r\n\r\nthree';
  const rnd = random(5);
  for (const bytes of [
    Buffer.from(text),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    utf16(text, 'le'),
    utf16(text, 'be'),
  ]) {
    for (let round = 0; round < 20; round++) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; ) {
        const n = 1 + Math.floor(rnd() * 5);
        chunks.push(bytes.subarray(i, i + n));
        i += n;
      }
      t.is((await collect(inputText(undefined, source('stdin'), stdin(chunks)))).join(''), text);
      t.deepEqual(await collect(inputLines(undefined, source('stdin'), stdin(chunks))), [
        'é€😀 line one',
        'line two',
        '',
        'three',
      ]);
    }
  }
});

test('streamed decoding is as strict as the whole-file decoder', async (t) => {
  // Invalid UTF-8 late in the input, and a NUL in UTF-8 text.
  for (const bytes of [
    Buffer.concat([Buffer.from('ok\n'.repeat(1000)), Buffer.from([0xc3, 0x28])]),
    Buffer.from('a\u0000b'),
  ]) {
    await refusal(t, async () => decodeInput(bytes, source('x')));
    t.regex(
      await refusal(t, () =>
        collect(inputText(undefined, source('stdin'), stdin([bytes.subarray(0, 7), bytes.subarray(7)]))),
      ),
      /cannot decode it/,
    );
  }
});

test('inputLines is linear: one 20 MB line and 200,000 short ones (fuzz D13, fleet long-line carry)', async (t) => {
  const started = Date.now();
  const long = 'z'.repeat(20 * 1024 * 1024);
  const chunks: string[] = [];
  for (let i = 0; i < long.length; i += 64 * 1024) chunks.push(long.slice(i, i + 64 * 1024));
  const lines = await collect(inputLines(undefined, source('stdin', 64 * 1024 * 1024), stdin([...chunks, '\nend'])));
  t.deepEqual(
    lines.map((l) => l.length),
    [long.length, 3],
  );
  const many = await collect(
    inputLines(undefined, source('stdin', 64 * 1024 * 1024), stdin(['a\r\n'.repeat(200_000)])),
  );
  t.is(many.length, 200_000);
  t.true(many.every((l) => l === 'a'));
  t.true(Date.now() - started < 30_000, `${Date.now() - started} ms`);
});

test('docs/input.md states every limit the readers use', async (t) => {
  const { readFileSync } = await import('node:fs');
  const doc = readFileSync(path.join(import.meta.dirname, '../../../docs/input.md'), 'utf8');
  const MB = 1024 * 1024;
  for (const key of ['snapshot', 'kubeletConfig', 'flags', 'manifest', 'stream'] as const) {
    t.true(doc.includes(`\`LIMITS.${key}\``), key);
    t.true(doc.includes(`${LIMITS[key] / MB} MB`), `${key}: ${LIMITS[key] / MB} MB`);
  }
});
