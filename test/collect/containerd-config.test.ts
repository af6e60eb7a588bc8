/**
 * loadContainerdConfig on real temporary directories: imports, globs, relative paths, breadth-first
 * order, missing files, unmatched globs and cycles.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {
  DEFAULT_CONTAINERD_CONFIG,
  loadContainerdConfig,
  MAX_FILES,
  resolveImportPath,
} from '../../src/collect/containerd-config.js';

const roots: string[] = [];
test.after.always(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

/** Writes files (relative path → text or bytes) into a fresh temporary folder and returns its path. */
async function tree(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'hpd-ctrd-'));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(root, name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return root;
}

const imports = (...entries: string[]) => `version = 2\nimports = [${entries.map((e) => `'${e}'`).join(', ')}]\n`;

test('a single file without imports', async (t) => {
  const root = await tree({ 'config.toml': 'version = 2\n' });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'command-line');
  t.is(config.path, path.join(root, 'config.toml'));
  t.is(config.pathSource, 'command-line');
  t.is(config.files.length, 1);
  t.like(config.files[0], {
    path: path.join(root, 'config.toml'),
    state: 'ok',
    encoding: 'utf8',
    lineEndings: 'lf',
    text: 'version = 2\n',
  });
  t.deepEqual(config.files[0]?.parse, { ok: true, document: { version: 2 } });
  t.is(config.files[0]?.importedBy, undefined);
  t.is(config.unmatchedImports, undefined);
});

test('the main config missing is recorded, not thrown', async (t) => {
  const root = await tree({});
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.is(config.files.length, 1);
  t.is(config.files[0]?.state, 'missing');
  t.is(config.files[0]?.text, undefined);
});

test('relative imports resolve against the importing file, nested imports against their own folder', async (t) => {
  const root = await tree({
    'etc/config.toml': imports('conf.d/runtime.toml'),
    'etc/conf.d/runtime.toml': imports('nested.toml', '../shared/common.toml'),
    'etc/conf.d/nested.toml': 'version = 2\n',
    'etc/shared/common.toml': 'version = 2\n',
    'nested.toml': 'version = 2\n# a decoy at the working-directory-like root\n',
  });
  const config = await loadContainerdConfig(path.join(root, 'etc', 'config.toml'), 'command-line');
  t.deepEqual(
    config.files.map((f) => [path.relative(root, f.path), f.state, f.importedBy && path.relative(root, f.importedBy)]),
    [
      ['etc/config.toml', 'ok', undefined],
      ['etc/conf.d/runtime.toml', 'ok', 'etc/config.toml'],
      ['etc/conf.d/nested.toml', 'ok', 'etc/conf.d/runtime.toml'],
      ['etc/shared/common.toml', 'ok', 'etc/conf.d/runtime.toml'],
    ].map(([p, s, i]) => [p?.split('/').join(path.sep), s, i?.split('/').join(path.sep)]),
  );
  t.is(config.files[1]?.pattern, 'conf.d/runtime.toml');
});

test('globs expand in sorted order, relative to the importing file; each match records its pattern', async (t) => {
  const root = await tree({
    'config.toml': imports('conf.d/*.toml'),
    'conf.d/20-b.toml': 'version = 2\n',
    'conf.d/10-a.toml': 'version = 2\n',
    'conf.d/readme.txt': 'not toml',
  });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.deepEqual(
    config.files.map((f) => path.basename(f.path)),
    ['config.toml', '10-a.toml', '20-b.toml'],
  );
  for (const file of config.files.slice(1)) {
    t.is(file.pattern, 'conf.d/*.toml');
    t.is(file.importedBy, path.join(root, 'config.toml'));
  }
  t.is(config.unmatchedImports, undefined);
});

test('an absolute glob', async (t) => {
  const root = await tree({ 'drop/x.toml': 'version = 2\n' });
  const main = await tree({ 'config.toml': imports(path.join(root, 'drop', '*.toml')) });
  const config = await loadContainerdConfig(path.join(main, 'config.toml'), 'default');
  t.deepEqual(
    config.files.map((f) => f.path),
    [path.join(main, 'config.toml'), path.join(root, 'drop', 'x.toml')],
  );
});

test('a glob matching nothing is recorded in unmatchedImports', async (t) => {
  const root = await tree({ 'config.toml': imports('conf.d/*.toml', 'none/*.toml'), 'conf.d/.keep': '' });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.is(config.files.length, 1);
  t.deepEqual(config.unmatchedImports, [
    { pattern: 'conf.d/*.toml', importedBy: path.join(root, 'config.toml') },
    { pattern: 'none/*.toml', importedBy: path.join(root, 'config.toml') },
  ]);
});

test('a missing non-glob import becomes a file with state missing', async (t) => {
  const root = await tree({ 'config.toml': imports('gone.toml', 'here.toml'), 'here.toml': 'version = 2\n' });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'command-line');
  t.deepEqual(
    config.files.map((f) => [path.basename(f.path), f.state]),
    [
      ['config.toml', 'ok'],
      ['gone.toml', 'missing'],
      ['here.toml', 'ok'],
    ],
  );
  t.like(config.files[1], { importedBy: path.join(root, 'config.toml'), pattern: 'gone.toml' });
  t.is(config.unmatchedImports, undefined, 'a missing literal path is not an unmatched glob');
});

test('only * makes a glob: an entry with ? is a literal path', async (t) => {
  const root = await tree({ 'config.toml': imports('a?.toml'), 'a1.toml': 'version = 2\n' });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.deepEqual(
    config.files.map((f) => [path.basename(f.path), f.state]),
    [
      ['config.toml', 'ok'],
      ['a?.toml', 'missing'],
    ],
  );
});

test('imports load breadth first: main, its imports in order, then theirs', async (t) => {
  const root = await tree({
    'config.toml': imports('a.toml', 'b.toml'),
    'a.toml': imports('a1.toml'),
    'b.toml': imports('b1.toml'),
    'a1.toml': 'version = 2\n',
    'b1.toml': 'version = 2\n',
  });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.deepEqual(
    config.files.map((f) => path.basename(f.path)),
    ['config.toml', 'a.toml', 'b.toml', 'a1.toml', 'b1.toml'],
  );
});

test('cycles and repeated imports are not followed twice', async (t) => {
  const root = await tree({
    'config.toml': imports('a.toml', 'b.toml', 'a.toml', '*.toml'),
    'a.toml': imports('config.toml', 'a.toml', 'b.toml'),
    'b.toml': imports('a.toml', 'config.toml'),
  });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  const names = config.files.map((f) => path.basename(f.path));
  t.deepEqual(names, ['config.toml', 'a.toml', 'b.toml']);
  t.is(new Set(config.files.map((f) => f.path)).size, config.files.length);
});

test('a file that does not parse keeps its error, and its imports cannot be followed', async (t) => {
  const root = await tree({ 'config.toml': imports('bad.toml'), 'bad.toml': "version = 2\nimports = ['never.toml'\n" });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.is(config.files.length, 2);
  const bad = config.files[1];
  t.is(bad?.state, 'ok');
  t.false(bad?.parse?.ok);
  if (bad?.parse && !bad.parse.ok) t.is(bad.parse.error.line, 3);
});

test('encodings, line endings and templates are recorded per file', async (t) => {
  const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('version = 2\r\n', 'utf16le')]);
  const bomCrlf = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('version = 2\r\n[grpc]\r\n  address = "x"\r\n')]);
  const root = await tree({
    'config.toml': imports('utf16.toml', 'bom.toml', 'template.toml'),
    'utf16.toml': utf16,
    'bom.toml': bomCrlf,
    'template.toml': 'version = 2\n[plugins."io.containerd.grpc.v1.cri"]\n  sandbox_image = "{{pauseImage}}"\n',
  });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  const [, u16, bom, template] = config.files;
  t.like(u16, { encoding: 'utf16le', lineEndings: 'crlf' });
  t.like(bom, { encoding: 'utf8-bom', lineEndings: 'crlf' });
  t.true(bom?.parse?.ok, 'a BOM and CRLF do not stop the parse');
  t.deepEqual(template?.template, { marker: '{{pauseImage}}', line: 3, column: 20 });
});

test('an import that is a directory is an error, not a crash', async (t) => {
  const root = await tree({ 'config.toml': imports('conf.d'), 'conf.d/x.toml': 'version = 2\n' });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.is(config.files[1]?.state, 'error');
});

test('resolveImportPath: Windows paths resolve against the importing file folder', (t) => {
  t.is(DEFAULT_CONTAINERD_CONFIG, 'C:\\Program Files\\containerd\\config.toml');
  t.is(
    resolveImportPath('conf.d\\10-a.toml', DEFAULT_CONTAINERD_CONFIG),
    'C:\\Program Files\\containerd\\conf.d\\10-a.toml',
  );
  t.is(
    resolveImportPath('conf.d/10-a.toml', DEFAULT_CONTAINERD_CONFIG),
    'C:\\Program Files\\containerd\\conf.d\\10-a.toml',
  );
  t.is(resolveImportPath('conf.d\\*.toml', DEFAULT_CONTAINERD_CONFIG), 'C:\\Program Files\\containerd\\conf.d\\*.toml');
  t.is(
    resolveImportPath('..\\shared\\common.toml', DEFAULT_CONTAINERD_CONFIG),
    'C:\\Program Files\\shared\\common.toml',
  );
  t.is(resolveImportPath('D:\\etc\\containerd\\x.toml', DEFAULT_CONTAINERD_CONFIG), 'D:\\etc\\containerd\\x.toml');
  t.is(resolveImportPath('C:/etc/containerd/x.toml', DEFAULT_CONTAINERD_CONFIG), 'C:\\etc\\containerd\\x.toml');
  t.is(
    resolveImportPath('nested.toml', 'C:\\Program Files\\containerd\\conf.d\\10-a.toml'),
    'C:\\Program Files\\containerd\\conf.d\\nested.toml',
  );
});

test('resolveImportPath: POSIX paths for what-if files', (t) => {
  t.is(resolveImportPath('conf.d/a.toml', '/tmp/x/config.toml'), '/tmp/x/conf.d/a.toml');
  t.is(resolveImportPath('/etc/containerd/a.toml', '/tmp/x/config.toml'), '/etc/containerd/a.toml');
  t.is(resolveImportPath('./a//b/../c.toml', '/tmp/x/config.toml'), '/tmp/x/a/c.toml');
});

test("globs are case-sensitive and sorted by bytes, as Go's filepath.Glob", async (t) => {
  const root = await tree({
    'config.toml': imports('conf.d/*.toml'),
    'conf.d/a.toml': 'version = 2\n',
    'conf.d/Z.toml': 'version = 2\n',
    'conf.d/UPPER.TOML': 'version = 2\n',
  });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.deepEqual(
    config.files.map((f) => path.basename(f.path)),
    ['config.toml', 'Z.toml', 'a.toml'],
  );
  t.deepEqual(
    config.imports?.map((i) => i.matches?.map((m) => path.basename(m))),
    [['Z.toml', 'a.toml']],
  );
});

test('every import is read: 150 matches of one glob, none dropped', async (t) => {
  const files: Record<string, string> = { 'config.toml': imports('conf.d/*.toml') };
  for (let i = 0; i < 150; i++) files[`conf.d/${String(i).padStart(3, '0')}.toml`] = `version = 2\noom_score = ${i}\n`;
  const root = await tree(files);
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.is(config.files.length, 151);
  t.true(config.files.every((f) => f.state === 'ok' && !f.notRead));
  t.is(config.imports?.[0]?.matches?.length, 150);
});

test('a malformed glob is recorded as Go refuses it, with no matches', async (t) => {
  const root = await tree({ 'config.toml': imports('conf.d/[*.toml'), 'conf.d/a.toml': 'version = 2\n' });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.is(config.files.length, 1);
  t.like(config.imports?.[0], { entry: 'conf.d/[*.toml', glob: true, badPattern: true, matches: [] });
  t.is(config.unmatchedImports, undefined, 'not "unmatched": containerd stops on it');
});

test('each imports entry records how it resolved: relative globs are marked', async (t) => {
  const root = await tree({
    'config.toml': imports('conf.d/*.toml', path.join('x', '..', 'lit.toml')),
    'lit.toml': 'version = 2\n',
  });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.like(config.imports?.[0], { entry: 'conf.d/*.toml', glob: true, relativeGlob: true, matches: [] });
  t.like(config.imports?.[1], {
    glob: false,
    resolved: path.join(root, 'lit.toml'),
    matches: [path.join(root, 'lit.toml')],
  });
});

test('the first invalid UTF-8 sequence is recorded at collection, so 2.x can be judged later', async (t) => {
  const bytes = new Uint8Array([...Buffer.from('version = 2\n# caf'), 0xe9, ...Buffer.from('\n')]);
  const root = await tree({ 'config.toml': bytes });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.deepEqual(config.files[0]?.invalidUtf8, { line: 2, column: 6, bytes: 'e9' });
  t.is(config.files[0]?.text, 'version = 2\n# caf\uFFFD\n');
});

test("a Windows import read off the node is not read and says why, never 'valid'", async (t) => {
  const root = await tree({ 'config.toml': imports('C:\\conf.d\\*.toml', 'C:\\conf.d\\a.toml') });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'what-if', { platform: 'linux' });
  t.like(config.imports?.[0], { glob: true, offNode: true, matches: [] });
  t.is(config.unmatchedImports, undefined, 'unknown, not unmatched');
  const literal = config.files.find((f) => f.path === 'C:\\conf.d\\a.toml');
  t.like(literal, { state: 'error', notRead: true });
  t.regex(literal?.reason ?? '', /Windows path/);
});

test('an import that is a directory is refused as containerd refuses it', async (t) => {
  const root = await tree({ 'config.toml': imports('conf.d'), 'conf.d/x.toml': 'version = 2\n' });
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.is(config.files[1]?.refused, 'directory');
});

test('past the doctor’s cap, each further import is listed as not read, not dropped', async (t) => {
  t.timeout(120_000);
  const files: Record<string, string> = { 'config.toml': imports('conf.d/*.toml') };
  for (let i = 0; i < MAX_FILES + 2; i++) files[`conf.d/${String(i).padStart(5, '0')}.toml`] = 'version = 2\n';
  const root = await tree(files);
  const config = await loadContainerdConfig(path.join(root, 'config.toml'), 'default');
  t.is(config.files.length, MAX_FILES + 3, 'every match is in the fact');
  const notRead = config.files.filter((f) => f.notRead);
  t.deepEqual(
    notRead.map((f) => path.basename(f.path)),
    [
      `${String(MAX_FILES - 1).padStart(5, '0')}.toml`,
      `${String(MAX_FILES).padStart(5, '0')}.toml`,
      `${String(MAX_FILES + 1).padStart(5, '0')}.toml`,
    ],
  );
  t.regex(notRead[0]?.reason ?? '', /containerd reads them all/);
});
