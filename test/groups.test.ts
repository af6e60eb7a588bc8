/**
 * The groups of test/groups.json cannot drop a test file: each has its loader, test/<group>.test.ts; each
 * `except` exists (groupFiles refuses one that does not); and ava.config.js leaves out exactly the
 * grouped directories and runs the excepted files on their own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { ROOT } from './helpers/cli.js';
import { groupFiles, groups } from './helpers/group.js';

test('every group has its loader, and every except is a file of the group', (t) => {
  for (const name of Object.keys(groups())) {
    const loader = readFileSync(path.join(ROOT, 'test', `${name}.test.ts`), 'utf8');
    t.true(loader.includes(`loadGroup('${name}')`), `test/${name}.test.ts loads the ${name} group`);
    t.true(groupFiles(name).length > 1, `${name} groups more than one file`);
  }
});

test("ava's files are every test file but the grouped ones", async (t) => {
  const config = (await import(pathToFileURL(path.join(ROOT, 'ava.config.js')).href)) as {
    default: { files: string[] };
  };
  const expected = ['dist/test/**/*.test.js'];
  for (const { dirs, except } of Object.values(groups())) {
    expected.push(...dirs.map((dir) => `!dist/test/${dir}/*.test.js`), ...except.map((f) => `dist/test/${f}`));
  }
  t.deepEqual(config.default.files, expected);
});
