/**
 * collect.ps1 as it ships: embedded at build time (no PowerShell needed for these), within the Windows
 * command-line limit as -EncodedCommand, with the CIM timeout spliced in as a number only; and the
 * reader's side of lists that PowerShell unrolled.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import {
  asArray,
  COLLECTION_SCRIPT,
  collectionArgs,
  collectionScript,
  commandLineLength,
  encodeCommand,
  MAX_COMMAND_LINE,
  type PsService,
  parseSections,
} from '../../src/collect/powershell.js';
import { COLLECT_PS1, ROOT } from './pwsh.js';
import { shapeProblems } from './shape.js';

interface Embed {
  generatedModule(source: string): string;
  stripScript(source: string): string;
  sourceProblems(source: string): string[];
  sha256(text: string): string;
  TARGET: string;
}
const embed = (): Promise<Embed> => import(pathToFileURL(path.join(ROOT, 'scripts', 'embed-ps1.mjs')).href);
const POWERSHELL_EXE = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

test('the generated module is collect.ps1 as it is now (run node scripts/embed-ps1.mjs)', async (t) => {
  const { generatedModule, TARGET } = await embed();
  const source = readFileSync(COLLECT_PS1, 'utf8');
  t.is(readFileSync(TARGET, 'utf8'), generatedModule(source));
});

test('the embedded script is collect.ps1 without comment lines, indentation and blank lines', async (t) => {
  const { stripScript } = await embed();
  const source = readFileSync(COLLECT_PS1, 'utf8');
  t.is(COLLECTION_SCRIPT, stripScript(source));
  t.false(/^\s*#/m.test(COLLECTION_SCRIPT));
  t.false(/^\s/m.test(COLLECTION_SCRIPT));
  t.regex(COLLECTION_SCRIPT, /^param\(/);
  t.regex(COLLECTION_SCRIPT, /Win32_Service/);
  t.regex(COLLECTION_SCRIPT, /ConvertTo-Json/);
  t.true(COLLECTION_SCRIPT.length < source.length / 1.5, `${COLLECTION_SCRIPT.length} of ${source.length}`);
});

test('the embedder refuses what line-wise stripping would break, and keeps what it must', async (t) => {
  const { sourceProblems, stripScript } = await embed();
  t.deepEqual(sourceProblems("$a = 'Ümlaut'\n"), ['collect.ps1:1: non-ASCII character (write it as [char]0xNNNN)']);
  t.deepEqual(sourceProblems("$a = @'\nx\n'@\n"), ['collect.ps1:1: here-string']);
  t.deepEqual(sourceProblems('Get-Item `\n  -Force\n'), ['collect.ps1:1: backtick line continuation']);
  t.deepEqual(sourceProblems('\tfoo\n'), ['collect.ps1:1: tab (indent with spaces)']);
  t.throws(() => stripScript('<# open\nfoo\n'), { message: /not closed/ });
  t.is(
    stripScript('<#\nhelp\n#>\nparam([int]$A = 1)\n  # why\n\n  foo # stays\n<# one line #>\n  "#not a comment"\n'),
    'param([int]$A = 1)\nfoo # stays\n"#not a comment"',
  );
});

test('the CIM timeout is passed in as a whole number of seconds, never as text', (t) => {
  t.true(collectionScript(3).startsWith(`& {\n${COLLECTION_SCRIPT}\n}`));
  t.true(collectionScript(3).endsWith('\n} -CimTimeoutSec 3'));
  t.true(collectionScript(7.9).endsWith('} -CimTimeoutSec 7'));
  t.true(collectionScript(0).endsWith('} -CimTimeoutSec 1'));
  t.true(collectionScript(-4).endsWith('} -CimTimeoutSec 1'));
  t.true(collectionScript(Number.NaN).endsWith('} -CimTimeoutSec 5'));
  t.true(collectionScript(Number.POSITIVE_INFINITY).endsWith('} -CimTimeoutSec 5'));
});

test('-EncodedCommand is UTF-16LE base64 of the command and fits the 32,767-character command line', (t) => {
  const args = collectionArgs(59);
  t.deepEqual(args.slice(0, 6), [
    '-NoProfile',
    '-NoLogo',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
  ]);
  const encoded = args[6] ?? '';
  t.is(Buffer.from(encoded, 'base64').toString('utf16le'), collectionScript(59));
  t.is(encoded, encodeCommand(collectionScript(59)));
  t.regex(encoded, /^[A-Za-z0-9+/]+=*$/);
  const total = commandLineLength(POWERSHELL_EXE, args);
  // The worst case: powershell.exe under a SystemRoot as long as a path may be.
  const longest = commandLineLength(
    `${'D:\\'.padEnd(260 - 46, 'x')}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`,
    args,
  );
  t.log(
    `script ${COLLECTION_SCRIPT.length} chars, -EncodedCommand ${encoded.length} chars, command line ${total} of ${MAX_COMMAND_LINE} (${longest} with a 260-character path)`,
  );
  t.true(total <= MAX_COMMAND_LINE, `${total}`);
  t.true(longest <= MAX_COMMAND_LINE, `${longest}`);
  // Headroom for the script to grow: a quarter of the limit stays free.
  t.true(total <= MAX_COMMAND_LINE * 0.75, `${total} leaves less than a quarter of the limit`);
});

test('the command-line length counts quotes for arguments with spaces, and the NUL', (t) => {
  t.is(commandLineLength('a.exe', ['-x']), 'a.exe -x'.length + 1);
  t.is(commandLineLength('C:\\Program Files\\a.exe', ['b c']), '"C:\\Program Files\\a.exe" "b c"'.length + 1 + 2);
});

test('asArray: a list PowerShell unrolled (one element, or null for none) reads as the list', (t) => {
  // What a 5.1 script that lets lists pass through the pipeline prints for one service and no groups.
  const unrolled =
    '{"v":1,"services":{"ok":true,"value":{"name":"containerd","startName":"LocalSystem","processId":2412}},' +
    '"groups":{"ok":true,"value":null},"files":{"ok":true,"value":[]}}';
  const sections = parseSections(unrolled);
  t.truthy(sections);
  const services = sections?.services?.ok ? asArray<PsService>(sections.services.value) : undefined;
  t.deepEqual(services, [{ name: 'containerd', startName: 'LocalSystem', processId: 2412 }]);
  t.deepEqual(sections?.groups?.ok ? asArray(sections.groups.value) : undefined, []);
  t.deepEqual(sections?.files?.ok ? asArray(sections.files.value) : undefined, []);
  t.deepEqual(asArray([{ name: 'a' }]), [{ name: 'a' }]);
  t.deepEqual(asArray(undefined), []);
});

test('the shape check itself: it accepts a recorded document and names what is wrong in a broken one', (t) => {
  const file = path.join(ROOT, 'test', 'fixtures', 'powershell', 'synthetic-ws2022-containerd1.7-healthy.json');
  const good = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  t.deepEqual(shapeProblems(good), []);
  const broken = structuredClone(good);
  (broken.services as { value: unknown }).value = { name: 'containerd' };
  ((broken.os as { value: Record<string, unknown> }).value as Record<string, unknown>).ubr = '2849';
  (broken.groups as { value: unknown[] }).value.push({ name: 'x', sid: 'S-1', extra: 1 });
  delete broken.identity;
  t.deepEqual(shapeProblems(broken), [
    'services.value is {"name":"containerd"}, not an array',
    'os.ubr is "2849", not a number',
    'groups[5].extra is not read by anyone',
    'section identity is missing',
  ]);
});
