/**
 * test/fixtures/corpus is a copy of ../shared/corpus, so tests run on any checkout. When the shared corpus
 * is present, the copy must still match it byte for byte (a new or changed shared file shows up here).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';

const root = path.resolve(import.meta.dirname, '../..');
const copy = path.join(root, 'test', 'fixtures', 'corpus');
const shared = path.resolve(root, '..', 'shared', 'corpus');

function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

test('the corpus copy holds the files the tests read', (t) => {
  const have = files(copy);
  t.true(have.includes('PROVENANCE.md'));
  t.true(have.filter((f) => f.startsWith('containerd-config/')).length >= 7);
});

test('the corpus copy matches ../shared/corpus when it is there', (t) => {
  if (!existsSync(shared)) {
    t.pass('no shared corpus beside this checkout; the copy stands alone');
    return;
  }
  const sharedFiles = files(shared).sort();
  t.deepEqual(
    files(copy)
      .filter((f) => f !== 'README.md')
      .sort(),
    sharedFiles,
  );
  for (const file of sharedFiles)
    t.true(readFileSync(path.join(copy, file)).equals(readFileSync(path.join(shared, file))), file);
});
