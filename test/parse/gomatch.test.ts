/**
 * goPathMatch against Go's path.Match, and goMatch (filepath.Match) with it. The first table is Go's own
 * src/path/match_test.go: goMatch throws BadPattern where Go returns ErrBadPattern, and goPathMatch reads
 * that as "matches nothing" (containerd discards the error).
 */
import test from 'ava';
import { BadPattern, goMatch, goPathMatch } from '../../src/parse/gomatch.js';

const BAD = 'bad pattern';

const GO_MATCH_TESTS: [string, string, boolean | typeof BAD][] = [
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['a[^a][^a][^a]b', 'a☺b', false],
  ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false],
  ['[]a]', ']', BAD],
  ['[-]', '-', BAD],
  ['[x-]', 'x', BAD],
  ['[x-]', '-', BAD],
  ['[x-]', 'z', BAD],
  ['[-x]', 'x', BAD],
  ['[-x]', '-', BAD],
  ['[-x]', 'a', BAD],
  ['\\', 'a', BAD],
  ['[a-b-c]', 'a', BAD],
  ['[', 'a', BAD],
  ['[^', 'a', BAD],
  ['[^bc', 'a', BAD],
  ['a[', 'a', BAD],
  ['a[', 'ab', BAD],
  ['a[', 'x', BAD],
  ['a/b[', 'x', BAD],
  ['*x', 'xxx', true],
];

for (const [pattern, name, expected] of GO_MATCH_TESTS) {
  test(`Go match_test: Match(${JSON.stringify(pattern)}, ${JSON.stringify(name)})`, (t) => {
    t.is(goPathMatch(pattern, name), expected === true);
    if (expected === BAD) t.throws(() => goMatch(pattern, name, { windows: false }), { instanceOf: BadPattern });
    else t.is(goMatch(pattern, name, { windows: false }), expected);
  });
}

const HPC = 'microsoft.com/hostprocess-container';

const ANNOTATIONS: [string, string, boolean][] = [
  [HPC, HPC, true],
  ['microsoft.com/*', HPC, true],
  ['microsoft.com/hostprocess-*', HPC, true],
  ['microsoft.com/*-container', HPC, true],
  ['*/*', HPC, true],
  ['*/hostprocess-container', HPC, true],
  ['microsoft.com/hostprocess?container', HPC, true],
  ['microsoft.com/hostprocess[\\-_]container', HPC, true],
  ['microsoft.com/hostprocess[-_]container', HPC, false],
  ['microsoft.com/hostprocess[_-]container', HPC, false],
  ['*', HPC, false],
  ['**', HPC, false],
  ['microsoft.*', HPC, false],
  ['microsoft.com*', HPC, false],
  ['microsoft.com?hostprocess-container', HPC, false],
  ['io.microsoft.*', HPC, false],
  ['io.microsoft.container.*', HPC, false],
  ['microsoft.com/*/*', HPC, false],
  ['Microsoft.com/*', HPC, false],
  ['microsoft.com/hostprocess-container*', HPC, true],
  ['microsoft.com/hostprocess-containers', HPC, false],
  ['microsoft.com/[hostprocess-container', HPC, false],
  ['microsoft.com/hostprocess-container\\', HPC, false],
  ['io.microsoft.container.*', 'io.microsoft.container.processdumplocation', true],
  ['io.microsoft.virtualmachine.*', 'io.microsoft.virtualmachine.computetopology.memory.allowovercommit', true],
  ['', '', true],
  ['', HPC, false],
];

for (const [pattern, name, expected] of ANNOTATIONS) {
  test(`annotation pattern ${JSON.stringify(pattern)} vs ${JSON.stringify(name)}`, (t) =>
    t.is(goPathMatch(pattern, name), expected));
}

// Go's character classes are not barred from matching '/': only '*' and '?' are (see path.Match's matchChunk).
test('a character class may match / as in Go', (t) => {
  t.true(goPathMatch('a[^b]c', 'a/c'), 'Go: path.Match("a[^b]c", "a/c") is true');
  t.true(goPathMatch('a[/]c', 'a/c'), 'Go: path.Match("a[/]c", "a/c") is true');
  t.true(goPathMatch('microsoft.com[^.]hostprocess-container', HPC));
});

// Go matches runes: '?' and a class consume one code point, even outside the Basic Multilingual Plane.
test('? matches one code point outside the BMP as in Go', (t) => {
  t.true(goPathMatch('a?b', 'a😀b'), 'Go: path.Match("a?b", "a😀b") is true');
  t.false(goPathMatch('a??b', 'a😀b'), 'Go: path.Match("a??b", "a😀b") is false');
});

test('an empty class is malformed; on Windows a backslash is the separator, not an escape', (t) => {
  for (const bad of ['[]', '[^]']) t.throws(() => goMatch(bad, 'a', { windows: false }), { instanceOf: BadPattern });
  t.false(goPathMatch('[]', ''));
  const windows = { windows: true };
  // filepath.Match on Windows: Separator is '\\', so '*' stops there but not at '/'.
  t.true(goMatch('*', 'a/b', windows));
  t.false(goMatch('*', 'a\\b', windows));
  t.true(goMatch('a\\*', 'a\\xyz', windows));
  t.false(goMatch('a\\*b', 'a*b', windows), 'no escape: a, a separator, then *b');
  t.true(goMatch('conf.d\\*.toml', 'conf.d\\10-hpc.toml', windows));
  t.true(goMatch('[\\]', '\\', windows), 'a backslash in a class is itself');
});
