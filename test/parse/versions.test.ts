import test from 'ava';
import {
  atLeast,
  below,
  cmp,
  customBuildMarks,
  describeVersion,
  findShimVersion,
  findVersion,
  minorOf,
  parseVersionToken,
  versionProblem,
} from '../../src/parse/versions.js';
import { corpusText } from '../helpers/corpus.js';

const TOKENS: [string, string | undefined, { prerelease?: string; build?: string; dirty?: boolean }?][] = [
  ['v1.7.20', '1.7.20'],
  ['1.7.20', '1.7.20'],
  ['1.6.35+azure', '1.6.35', { build: 'azure' }],
  ['v2.0.4+azure', '2.0.4', { build: 'azure' }],
  ['v1.7.0-rc.1', '1.7.0', { prerelease: 'rc.1' }],
  ['v1.30.0-rc.1', '1.30.0', { prerelease: 'rc.1' }],
  ['v1.27.9-eks-5e0fdde', '1.27.9', { prerelease: 'eks-5e0fdde' }],
  ['1.7.19+unknown', '1.7.19', { build: 'unknown' }],
  ['containerd://1.4.1', '1.4.1'],
  ['docker://19.3.13', '19.3.13'],
  ['1.7.20,', '1.7.20'],
  // containerd's Makefile: git describe --match 'v[0-9]*' --dirty='.m' (audit 3.2).
  ['v1.7.20.m', '1.7.20', { dirty: true }],
  ['v1.7.20-12-gabcdef12', '1.7.20', { prerelease: '12-gabcdef12' }],
  ['v1.7.20-12-gabcdef12.m', '1.7.20', { prerelease: '12-gabcdef12', dirty: true }],
  ['v2.0.0-rc.1.m', '2.0.0', { prerelease: 'rc.1', dirty: true }],
  ['1.5.11+azure-2', '1.5.11', { build: 'azure-2' }],
  ['containerd://1.5.11+azure-2', '1.5.11', { build: 'azure-2' }],
  // A leading zero is not a version (semver; no tool prints one): rejected, the same way everywhere.
  ['01.7.20', undefined],
  ['1.07.20', undefined],
  ['v1.29.03', undefined],
  ['0.9.5', '0.9.5'],
  ['1.7', undefined],
  ['v2', undefined],
  ['github.com/containerd/containerd/v2', undefined],
  ['8fc6bcff51318944179630522a095cc9dbf9f353', undefined],
  ['go1.21.12', undefined],
  ['', undefined],
];

for (const [token, core, extra] of TOKENS) {
  test(`parseVersionToken(${JSON.stringify(token)})`, (t) => {
    const parsed = parseVersionToken(token);
    t.is(parsed?.core, core);
    if (core) {
      t.is(
        parsed?.token,
        token.replace(/^\w+:\/\//, '').replace(/[,;)]+$/, ''),
        'a kubectl runtime prefix (containerd://) and trailing punctuation are not part of the version',
      );
      t.is(parsed?.prerelease, extra?.prerelease);
      t.is(parsed?.build, extra?.build);
      t.is(parsed?.dirty, extra?.dirty);
      const [major, minor, patch] = core.split('.').map(Number);
      t.deepEqual([parsed?.major, parsed?.minor, parsed?.patch], [major, minor, patch]);
    }
  });
}

const LINES: [string, string, string | undefined][] = [
  [
    'upstream 1.x --version',
    'containerd github.com/containerd/containerd v1.7.20 8fc6bcff51318944179630522a095cc9dbf9f353\r\n',
    '1.7.20',
  ],
  [
    'upstream 2.x --version with /v2 module path',
    'containerd github.com/containerd/containerd/v2 v2.0.4+azure 1a43cb6a1035441f9aca8f5666a9b3ef9e70ab20',
    '2.0.4',
  ],
  [
    'distro package name instead of module path',
    'containerd containerd.io 1.7.19 2bf793ef6dc9a18e00cb12efb64355c2c9d5eb41',
    '1.7.19',
  ],
  ['ctr line from AKS release notes', 'ctr github.com/containerd/containerd v1.6.35+azure', '1.6.35'],
  ['kubelet --version', 'Kubernetes v1.29.3', '1.29.3'],
  ['kubelet --version with CRLF', 'Kubernetes v1.22.17\r\n', '1.22.17'],
  ['kubectl runtime column', 'containerd://1.4.1', '1.4.1'],
  [
    'multi-line containerd-shim -v',
    'containerd-shim\n  Version:  1.7.19\n  Revision: 2bf793ef\n  Go version: go1.21.12\n',
    '1.7.19',
  ],
  ['garbage', '\u0000\u0000garbage', undefined],
  ['empty', '', undefined],
];

for (const [name, text, core] of LINES) {
  test(`findVersion: ${name}`, (t) => t.is(findVersion(text)?.core, core));
}

test('findVersion: every line of the docker-ce-packaging corpus output reads 1.7.19', (t) => {
  const text = corpusText(
    'command-output',
    'containerd-version-ctr-version-shim-v-linux-containerd.io-1.7.19-docker-ce-packaging-1044.txt',
  );
  const outputs = text
    .split(/^\+ .*$/m)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  t.is(outputs.length, 3);
  for (const output of outputs) t.is(findVersion(output)?.core, '1.7.19', output);
});

test('findVersion: the Version lines of the AKS release notes', (t) => {
  const expected: Record<string, string> = {
    'aks-vhd-ws2019-17763.8389-containerd1.6.35-sysinfo-excerpt.txt': '1.6.35',
    'aks-vhd-ws2022-20348.887-containerd1.6.6-sysinfo-excerpt.txt': '1.6.6',
    'aks-vhd-ws2025-26100.33296-containerd2.0.4-sysinfo-excerpt.txt': '2.0.4',
  };
  for (const [file, core] of Object.entries(expected)) {
    const line = corpusText('windows-build', file)
      .split(/\r?\n/)
      .find((l) => l.startsWith('Version: '));
    t.truthy(line, file);
    t.is(findVersion(line?.slice('Version: '.length) ?? '')?.core, core, file);
  }
});

const SHIM: [string, string, string | undefined][] = [
  ['spec only: the OCI spec is not the shim version', 'containerd-shim-runhcs-v1 version spec: 1.1.0\n', undefined],
  [
    'empty version, commit and spec lines',
    'containerd-shim-runhcs-v1 version \ncommit: \nspec: 1.0.2-dev\n',
    undefined,
  ],
  ['empty version with CRLF', 'containerd-shim-runhcs-v1 version \r\ncommit: \r\nspec: 1.1.0\r\n', undefined],
  ['spec line alone', 'spec: 1.1.0', undefined],
  [
    'commit line that looks like a version',
    'containerd-shim-runhcs-v1 version \ncommit: 1.2.3\nspec: 1.1.0',
    undefined,
  ],
  ['built with ldflags', 'containerd-shim-runhcs-v1 version v0.10.0-rc.7\ncommit: 7c9ff7f4\nspec: 1.1.0\n', '0.10.0'],
  ['built with ldflags, no v', 'containerd-shim-runhcs-v1 version 0.12.9\r\ncommit: abc\r\nspec: 1.2.0\r\n', '0.12.9'],
  ['old 0.8', 'containerd-shim-runhcs-v1 version v0.8.25\ncommit: abc\nspec: 1.0.2', '0.8.25'],
  ['Version: form', 'containerd-shim-runhcs-v1\n  Version: 0.11.7\n', '0.11.7'],
  ['nothing', '', undefined],
];

for (const [name, output, core] of SHIM) {
  test(`findShimVersion: ${name}`, (t) => t.is(findShimVersion(output)?.core, core));
}

test('comparisons use major.minor.patch, ignoring prerelease and build', (t) => {
  const rc = parseVersionToken('v1.7.0-rc.1');
  const azure = parseVersionToken('1.6.35+azure');
  if (!rc || !azure) return t.fail('parse');
  t.true(atLeast(rc, '1.7.0'));
  t.false(below(rc, '1.7.0'));
  t.true(below(azure, '1.7.0'));
  t.true(atLeast(azure, '1.6.35'));
  t.is(cmp(azure, '1.6.35'), 0);
  t.is(cmp('1.10.0', '1.9.0'), 1, 'numeric, not lexical');
  t.is(cmp('1.9.0', '1.10.0'), -1);
  t.is(minorOf(azure), '1.6');
  t.is(describeVersion(azure), '1.6.35+azure');
  const v2 = parseVersionToken('v2.0.4+azure');
  t.is(v2 && describeVersion(v2), '2.0.4+azure');
});

test('a dirty build inside a whole --version line', (t) => {
  const v = findVersion(
    'containerd github.com/containerd/containerd v1.7.20.m 8fc6bcff51318944179630522a095cc9dbf9f353.m',
  );
  t.is(v?.core, '1.7.20');
  t.true(v?.dirty);
  t.is(v && describeVersion(v), '1.7.20.m');
});

test('versionProblem names a leading zero, and nothing else', (t) => {
  t.regex(versionProblem('01.7.20') ?? '', /leading zero.*1\.7\.20/);
  t.regex(versionProblem('containerd github.com/containerd/containerd v1.07.20 abc') ?? '', /leading zero.*1\.7\.20/);
  t.regex(versionProblem('Kubernetes v1.29.03') ?? '', /1\.29\.3/);
  t.is(versionProblem('1.7.20'), undefined, 'a version has no problem');
  t.is(versionProblem('garbage'), undefined, 'nothing that looks like a version');
  t.is(versionProblem(''), undefined);
});

const MARKS: [string, string[]][] = [
  ['1.7.20', []],
  ['v1.7.0-rc.1', []],
  ['v1.30.0-beta.0', []],
  ['v1.22.0-alpha.3', []],
  ['1.5.11+azure-2', ['+azure-2']],
  ['1.7.20+unknown', ['+unknown']],
  ['v1.7.20.m', ['.m (built from a tree with uncommitted changes)']],
  ['v1.5.9-12-gabcdef12', ['-12-gabcdef12 (built from a commit after the tag)']],
  ['v1.27.9-eks-5e0fdde', ['-eks-5e0fdde']],
  ['v1.6.35-azure', ['-azure']],
];

for (const [token, marks] of MARKS) {
  test(`customBuildMarks(${token})`, (t) => {
    const v = parseVersionToken(token);
    if (!v) return t.fail('parse');
    t.deepEqual(customBuildMarks(v), marks);
  });
}
