/**
 * Names in fix commands are quoted for PowerShell. Proven on a real PowerShell engine where one is
 * installed: each quoted name, pasted as an argument, arrives exactly as written.
 */
import test from 'ava';
import { invalidGroupName, psQuote, shellName } from '../../src/rules/powershell.js';
import { suiteAvailable } from '../helpers/optional.js';
import { findPowerShell, runPowerShell, SUITE } from '../powershell/pwsh.js';

const TRICKY = [
  'hpc$readers',
  "O'Brien",
  'a&b',
  'hpc readers',
  '$(calc)',
  '`n',
  'x;y',
  'café ✓',
  '‘curly’',
  '@x',
  '-x',
];

test('psQuote single-quotes and doubles every kind of single quote', (t) => {
  t.is(psQuote('hpc$readers'), "'hpc$readers'");
  t.is(psQuote("O'Brien"), "'O''Brien'");
  t.is(psQuote('‘curly’'), "'‘‘curly’’'");
  t.is(shellName('containerd'), 'containerd');
  t.is(shellName('my service'), "'my service'");
});

test('names Windows forbids are refused with the reason, others accepted', (t) => {
  for (const bad of [
    'grp;calc',
    'x"y',
    'a/b',
    'a\\b',
    'a[1]',
    'a:b',
    'a|b',
    'a=b',
    'a,b',
    'a+b',
    'a*b',
    'a?b',
    'a<b',
    'a>b',
    '...',
    ' ',
    'tab\there',
  ])
    t.truthy(invalidGroupName(bad), bad);
  for (const good of ['hpc-readers', 'hpc readers', 'hpc$readers', "O'Brien", 'a&b', 'Leser-HPC', '管理者'])
    t.is(invalidGroupName(good), undefined, good);
  t.regex(invalidGroupName('x'.repeat(257)) ?? '', /longer than 256/);
});

if (suiteAvailable(SUITE)) {
  test('on a real PowerShell, each quoted name arrives as written', async (t) => {
    const ps = findPowerShell();
    if (!ps) return t.fail('no PowerShell');
    // One process for every name: print each argument as JSON, in the order given.
    const script = `$a = @(${TRICKY.map(psQuote).join(', ')}); [Console]::Out.Write((ConvertTo-Json -Compress -InputObject $a))`;
    const run = await runPowerShell(ps, ['-Command', script]);
    t.is(run.exitCode, 0, run.stderr);
    t.deepEqual(JSON.parse(run.stdout.toString('utf8')), TRICKY);
  });
}
