import test from 'ava';
import {
  lastFlag,
  parseFeatureGates,
  parseFlags,
  parseGoBool,
  programName,
  splitWindowsCommandLine,
  unwrapEnvFile,
} from '../../src/parse/commandline.js';
import { imageBuilderBinPath, kubeadmFlagsEnv } from '../helpers/corpus.js';

/**
 * Splitting rules of CommandLineToArgvW and the MSVC runtime. The first rows are Microsoft's own table
 * ("Parsing C++ command-line arguments", learn.microsoft.com), written here as raw strings.
 */
const SPLIT: [string, string, string[]][] = [
  ['quoted first argument', '"abc" d e', ['abc', 'd', 'e']],
  ['backslashes not before a quote are literal', String.raw`a\\b d"e f"g h`, [String.raw`a\\b`, 'de fg', 'h']],
  ['odd backslashes before a quote: literal quote', String.raw`a\\\"b c d`, [String.raw`a\"b`, 'c', 'd']],
  [
    'even backslashes before a quote: half of them, and the quote delimits',
    String.raw`a\\\\"b c" d e`,
    [String.raw`a\\b c`, 'd', 'e'],
  ],
  ['a doubled quote inside quotes is a literal quote', 'a"b"" c d', ['ab" c d']],
  [
    'quoted path with spaces',
    String.raw`"C:\Program Files\containerd\containerd.exe" --run-service --config "C:\path\config.toml"`,
    [
      String.raw`C:\Program Files\containerd\containerd.exe`,
      '--run-service',
      '--config',
      String.raw`C:\path\config.toml`,
    ],
  ],
  ['a single backslash before the closing quote escapes it', String.raw`"C:\dir\" next`, [String.raw`C:\dir" next`]],
  [
    'a doubled backslash before the closing quote ends the argument',
    String.raw`"C:\dir\\" next`,
    ['C:\\dir\\', 'next'],
  ],
  ['empty quoted argument', 'a "" b', ['a', '', 'b']],
  [
    'quotes in the middle of an argument',
    String.raw`--config="C:\Program Files\containerd\config.toml"`,
    [String.raw`--config=C:\Program Files\containerd\config.toml`],
  ],
  [
    'empty value after =',
    '--enforce-node-allocatable="" --resolv-conf=""',
    ['--enforce-node-allocatable=', '--resolv-conf='],
  ],
  ['tabs and repeated spaces separate', 'a\t\tb    c', ['a', 'b', 'c']],
  ['leading and trailing whitespace', '   a b  ', ['a', 'b']],
  ['trailing backslashes stay', String.raw`C:\k\ x\\`, ['C:\\k\\', 'x\\\\']],
  [
    'UNC pipe path is literal',
    String.raw`\\.\pipe\containerd-containerd`,
    [String.raw`\\.\pipe\containerd-containerd`],
  ],
  ['empty line', '', []],
];

for (const [name, line, expected] of SPLIT) {
  test(`splitWindowsCommandLine: ${name}`, (t) => t.deepEqual(splitWindowsCommandLine(line), expected));
}

test('programName: file name, lower case, either slash', (t) => {
  t.is(programName(String.raw`C:\k\Kubelet.EXE`), 'kubelet.exe');
  t.is(programName('C:/k/kube-log-runner.exe'), 'kube-log-runner.exe');
  t.is(programName('kubelet'), 'kubelet');
});

test('parseFlags: --name=value, -name=value, --name value, repeated flags and booleans', (t) => {
  const flags = parseFlags(
    [
      '--a=1',
      '--a',
      '2',
      '-b=x',
      '--windows-service',
      'positional',
      '--v=2',
      '--cgroup-driver=',
      '--feature-gates=A=true,B=false',
      '--last',
    ],
    new Set(['windows-service']),
  );
  t.deepEqual(flags.values.get('a'), ['1', '2']);
  t.deepEqual(flags.values.get('b'), ['x']);
  t.deepEqual(flags.values.get('windows-service'), ['true'], 'a known boolean takes no value');
  t.deepEqual(flags.positional, ['positional']);
  t.deepEqual(flags.values.get('cgroup-driver'), [''], 'an empty value is a value');
  t.deepEqual(flags.values.get('feature-gates'), ['A=true,B=false'], 'only the first = splits');
  t.deepEqual(flags.values.get('last'), ['true'], 'a bare flag at the end is a boolean');
});

test('parseFlags: a bare flag followed by another flag is a boolean', (t) => {
  const flags = parseFlags(['--register-node', '--v=2']);
  t.deepEqual(flags.values.get('register-node'), ['true']);
  t.deepEqual(flags.values.get('v'), ['2']);
});

test('parseFlags: -- ends the flags, as in pflag', (t) => {
  const flags = parseFlags(['--a=1', '--', '--b=2', 'c']);
  t.deepEqual(flags.values.get('a'), ['1']);
  t.is(flags.values.get('b'), undefined);
  t.deepEqual(flags.positional, ['--b=2', 'c']);
});

test('lastFlag: the last occurrence, across aliases in order', (t) => {
  const flags = parseFlags(['--config', 'a.toml', '-c', 'b.toml', '--config=c.toml']);
  t.is(lastFlag(flags, 'config'), 'c.toml');
  t.is(lastFlag(flags, 'c'), 'b.toml');
  t.is(lastFlag(flags, 'missing'), undefined);
});

test("parseGoBool follows Go's strconv.ParseBool", (t) => {
  for (const v of ['1', 't', 'T', 'TRUE', 'true', 'True']) t.true(parseGoBool(v), v);
  for (const v of ['0', 'f', 'F', 'FALSE', 'false', 'False']) t.false(parseGoBool(v), v);
  for (const v of ['yes', 'no', 'tRUE', 'on', '', ' true']) t.is(parseGoBool(v), undefined, v);
});

test('parseFeatureGates: entries, later flags win, invalid entries reported', (t) => {
  t.deepEqual(parseFeatureGates(['A=true,B=false']), { gates: { A: true, B: false }, invalid: [] });
  t.deepEqual(parseFeatureGates(['A=true', 'A=false']).gates, { A: false }, 'the later flag wins');
  t.deepEqual(parseFeatureGates(['A=false,A=true']).gates, { A: true }, 'the later entry wins');
  t.deepEqual(parseFeatureGates([' A = True , B=0 ']).gates, { A: true, B: false });
  t.deepEqual(parseFeatureGates(['A=true,,']).gates, { A: true }, 'empty entries are ignored');
  t.deepEqual(parseFeatureGates(['A', 'B=yes', '=true']).invalid, ['A', 'B=yes', '=true']);
  t.deepEqual(parseFeatureGates([]), { gates: {}, invalid: [] });
});

test('unwrapEnvFile: the real kubeadm-flags.env', (t) => {
  t.is(
    unwrapEnvFile(kubeadmFlagsEnv()),
    '--cgroup-driver= --network-plugin=cni --pod-infra-container-image=k8s.gcr.io/pause:3.1',
  );
});

test('unwrapEnvFile: the real kubeadm-flags.env with CRLF and a comment', (t) => {
  const text = `# written by kubeadm\r\n${kubeadmFlagsEnv().trim()}\r\n`;
  t.is(unwrapEnvFile(text), '--cgroup-driver= --network-plugin=cni --pod-infra-container-image=k8s.gcr.io/pause:3.1');
});

test('unwrapEnvFile: several assignments are joined; quotes of either kind are removed', (t) => {
  t.is(unwrapEnvFile(`KUBELET_KUBEADM_ARGS="--a=1 --b=2"\nKUBELET_EXTRA_ARGS='--c=3'\nEMPTY=\n`), '--a=1 --b=2 --c=3 ');
});

test('unwrapEnvFile: a command line or a flag list is returned unchanged', (t) => {
  const line = imageBuilderBinPath();
  t.is(unwrapEnvFile(line), line);
  t.is(
    unwrapEnvFile('--container-runtime-endpoint=npipe:////./pipe/containerd-containerd --v=2'),
    '--container-runtime-endpoint=npipe:////./pipe/containerd-containerd --v=2',
  );
});

test('splitting the real kubeadm-flags.env after unwrapping', (t) => {
  const args = splitWindowsCommandLine(unwrapEnvFile(kubeadmFlagsEnv()));
  t.deepEqual(args, ['--cgroup-driver=', '--network-plugin=cni', '--pod-infra-container-image=k8s.gcr.io/pause:3.1']);
  const flags = parseFlags(args);
  t.deepEqual(flags.values.get('cgroup-driver'), ['']);
  t.is(lastFlag(flags, 'network-plugin'), 'cni');
  t.is(lastFlag(flags, 'container-runtime-endpoint'), undefined);
});

test('splitting the real image-builder binPath', (t) => {
  const args = splitWindowsCommandLine(imageBuilderBinPath());
  t.is(args[0], String.raw`C:\k\kube-log-runner.exe`);
  t.true(args.includes(String.raw`C:\k\kubelet.exe`));
  t.true(args.includes('--container-runtime-endpoint=npipe:////./pipe/containerd-containerd'));
  t.true(args.includes('--enforce-node-allocatable='));
});

test('parseFlags is linear in repeats: 50,000 --v=2 and 100,000 arguments after -- (fuzz D13)', (t) => {
  const started = performance.now();
  const flags = parseFlags(Array.from({ length: 50_000 }, () => '--v=2'));
  t.is(flags.values.get('v')?.length, 50_000);
  t.is(lastFlag(flags, 'v'), '2');
  const rest = parseFlags(['--', ...Array.from({ length: 200_000 }, (_, i) => `a${i}`)]);
  t.is(rest.positional.length, 200_000);
  // Copying the value list on every repeat took more than 30 s for the first.
  t.true(performance.now() - started < 10_000, `${Math.round(performance.now() - started)} ms`);
});

test('splitWindowsCommandLine is linear: a 1 MB command line of backslashes and quotes', (t) => {
  const started = performance.now();
  const args = splitWindowsCommandLine(`a.exe ${'\\\\\\"x '.repeat(100_000)}`);
  t.is(args.length, 100_001);
  t.is(args[1], '\\"x');
  t.true(performance.now() - started < 10_000, `${Math.round(performance.now() - started)} ms`);
});
