/**
 * collect.ps1 must run on Windows PowerShell 5.1, the engine of every Windows node, while the engine
 * here is PowerShell 7. PowerShell's own parser ([Parser]::ParseInput, via test/powershell/check-ps51.ps1)
 * reads the script, and the AST is walked for what 5.1 lacks. Each rule has a negative control: a snippet
 * that must be caught, and one of 5.1-only-safe constructs that must not be. One PowerShell process runs
 * all of it. It also checks that the embedded (stripped) text has the same tokens as collect.ps1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { COLLECTION_SCRIPT, collectionScript } from '../../src/collect/powershell.js';
import { suiteAvailable } from '../helpers/optional.js';
import { asciiJson, COLLECT_PS1, findPowerShell, nonAsciiBytes, runPowerShell, SOURCE_DIR, SUITE } from './pwsh.js';

interface Finding {
  rule: string;
  line: number;
  text: string;
}
interface CheckOutput {
  results: { name: string; findings: Finding[] }[];
  same: { name: string; same: boolean; tokens: number; difference: string | null }[];
}

/** One snippet per rule: what PowerShell 7 accepts and Windows PowerShell 5.1 does not. */
const PS7_ONLY: Record<string, { rule: string; code: string }> = {
  'ternary ?:': { rule: 'ternary', code: '$a = $ok ? 1 : 2' },
  'null-coalescing ??': { rule: 'null-coalescing', code: '$a = $b ?? 3' },
  'null-coalescing assignment ??=': { rule: 'null-coalescing', code: '$a ??= 4' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: PowerShell's ${name} variable syntax
  'null-conditional member ?.': { rule: 'null-conditional', code: '${a}?.Name' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: PowerShell's ${name} variable syntax
  'null-conditional index ?[]': { rule: 'null-conditional', code: '${a}?[0]' },
  'pipeline chain &&': { rule: 'pipeline-chain', code: 'Get-Item x && Get-Item y' },
  'pipeline chain ||': { rule: 'pipeline-chain', code: 'Get-Item x || Get-Item y' },
  'ForEach-Object -Parallel': { rule: 'parameter-7', code: '1..3 | ForEach-Object -Parallel { $_ }' },
  '% -Parallel (alias, abbreviated)': { rule: 'parameter-7', code: '1..3 | % -Para { $_ } -ThrottleLimit 2' },
  'clean block': { rule: 'clean-block', code: 'function f { process { $_ } clean { "done" } }' },
  'ConvertFrom-Json -AsHashtable': { rule: 'parameter-7', code: '$h = $text | ConvertFrom-Json -AsHashtable' },
  'ConvertFrom-Json -Depth': { rule: 'parameter-7', code: '$h = ConvertFrom-Json $text -Depth 5' },
  'ConvertTo-Json -AsArray': { rule: 'parameter-7', code: 'ConvertTo-Json @(1) -AsArray' },
  'ConvertTo-Json -EnumsAsStrings': { rule: 'parameter-7', code: 'ConvertTo-Json $x -EnumsAsStrings' },
  'Get-Error': { rule: 'command-7', code: 'Get-Error -Newest 1' },
  'Test-Json': { rule: 'command-7', code: 'Test-Json -Json $text' },
  'Join-String': { rule: 'command-7', code: '$names | Join-String -Separator ","' },
  $PSStyle: { rule: 'variable-7', code: '$PSStyle.OutputRendering = "PlainText"' },
  $IsWindows: { rule: 'variable-7', code: 'if ($IsWindows) { 1 }' },
  '-replace with a script block': { rule: 'replace-scriptblock', code: "$s = $t -replace '[^a]', { '?' }" },
  'background operator &': { rule: 'background-operator', code: 'Start-Sleep 1 &' },
  'generic method call': { rule: 'generic-method-call', code: '$e = [Array]::Empty[string]()' },
  '`u{} and `e escapes': { rule: 'escape-7', code: '$s = "`u{1F600} `e[0m"' },
  'number suffixes and 0b': { rule: 'number-literal-7', code: '$n = 0b101 + 2u' },
  'Join-Path with three paths': { rule: 'parameter-7', code: 'Join-Path C:\\ a b' },
  '-Encoding utf8NoBOM': { rule: 'encoding-7', code: 'Set-Content x.txt "a" -Encoding utf8NoBOM' },
  '[semver]': { rule: 'type-7', code: "$v = [semver]'1.2.3'" },
  '-ErrorAction Break': { rule: 'erroraction-break', code: 'Get-Item x -ErrorAction Break' },
  'Where-Object -Not': { rule: 'parameter-7', code: '$a | Where-Object -Not Enabled' },
  'Select-Object -SkipIndex': { rule: 'parameter-7', code: '$a | Select-Object -SkipIndex 1' },
  'Get-Content -AsByteStream': { rule: 'parameter-7', code: 'Get-Content x -AsByteStream' },
  'parse error': { rule: 'parse-error', code: 'function f { if ($a) { }' },
};

/** Constructs that look new but 5.1 has: none of them may be reported. */
const FINE_ON_51 = [
  '$o = [ordered]@{ a = 1 }',
  "$j = [regex]::Replace('a', '[^b]', { param($m) '\\u{0:x4}' -f [int][char]$m.Value })",
  "$r = 'abc' -replace 'b', 'x'",
  '1..3 | ForEach-Object -Process { $_ } | Select-Object -First 1',
  '1..3 | % { $_ } | Where-Object { $_ -gt 1 } | Where-Object -NotMatch x -Property y',
  '$t = ConvertTo-Json -InputObject $o -Depth 6 -Compress',
  "$p = '{}' | ConvertFrom-Json",
  '$n = 0x10 + 5kb + 1d + 2l',
  '$s = "``e is a backtick and an e, `$e a dollar"',
  '$b = [System.Text.StringBuilder]::new()',
  '$w = (1, 2).Where({ $_ -gt 1 })',
  'class K { [int]$P }',
  'Set-Content x.txt "a" -Encoding UTF8',
  '$a?b = 1',
  'Join-Path C:\\ a',
  'Get-Item x -ErrorAction SilentlyContinue',
  'try { Remove-TypeData -TypeName System.Array -ErrorAction Stop } catch { }',
].join('\n');

if (suiteAvailable(SUITE)) {
  const ps = findPowerShell();
  let ran: Promise<{ output: CheckOutput; raw: Buffer }> | undefined;
  const check = () => {
    ran ??= (async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hpd-ps51-'));
      try {
        const source = readFileSync(COLLECT_PS1, 'utf8');
        const plan = {
          files: [
            { name: 'collect.ps1', path: COLLECT_PS1 },
            { name: 'harness.ps1', path: path.join(SOURCE_DIR, 'harness.ps1') },
            { name: 'check-ps51.ps1', path: path.join(SOURCE_DIR, 'check-ps51.ps1') },
          ],
          texts: [
            { name: 'the command -EncodedCommand carries', text: collectionScript(5) },
            { name: 'fine on 5.1', text: FINE_ON_51 },
            ...Object.entries(PS7_ONLY).map(([name, { code }]) => ({ name, text: code })),
          ],
          same: [{ name: 'collect.ps1 and its embedded text', a: source, b: COLLECTION_SCRIPT }],
        };
        const planPath = path.join(dir, 'plan.json');
        writeFileSync(planPath, asciiJson(plan));
        const run = await runPowerShell(ps as NonNullable<typeof ps>, [
          '-File',
          path.join(SOURCE_DIR, 'check-ps51.ps1'),
          '-PlanPath',
          planPath,
        ]);
        if (run.exitCode !== 0) throw new Error(`check-ps51.ps1 exited ${run.exitCode}: ${run.stderr}`);
        return { output: JSON.parse(run.stdout.toString('utf8')) as CheckOutput, raw: run.stdout };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    })();
    return ran;
  };
  const findings = async (name: string) => {
    const { output } = await check();
    const result = output.results.find((r) => r.name === name);
    if (!result) throw new Error(`no result for ${name}`);
    return result.findings;
  };
  const shown = (list: Finding[]) => list.map((f) => `${f.rule} line ${f.line}: ${f.text}`).join('\n');

  test.serial('the checker runs once, on a real PowerShell, and answers in ASCII', async (t) => {
    t.timeout(180_000);
    const { raw } = await check();
    t.log(`${ps?.exe} (${ps?.kind})`);
    t.deepEqual(nonAsciiBytes(raw), []);
  });

  test('collect.ps1 parses and uses nothing that Windows PowerShell 5.1 lacks', async (t) => {
    const list = await findings('collect.ps1');
    t.deepEqual(list, [], shown(list));
  });

  test('the exact command -EncodedCommand carries parses, with nothing 5.1 lacks', async (t) => {
    const list = await findings('the command -EncodedCommand carries');
    t.deepEqual(list, [], shown(list));
  });

  test('the embedded text has exactly the tokens of collect.ps1, comments aside', async (t) => {
    const { output } = await check();
    const same = output.same[0];
    t.truthy(same);
    t.true(same?.same, same?.difference ?? '');
    t.true((same?.tokens ?? 0) > 500, `${same?.tokens} tokens`);
  });

  test('the test harness and the checker itself are 5.1 compatible (they run on powershell.exe too)', async (t) => {
    for (const name of ['harness.ps1', 'check-ps51.ps1']) {
      const list = await findings(name);
      t.deepEqual(list, [], `${name}:\n${shown(list)}`);
    }
  });

  // 5.1's parser rejects the new syntax outright, so there a parse error is the catch.
  const onWindowsPowerShell = ps?.kind === 'windows-powershell';
  for (const [name, { rule }] of Object.entries(PS7_ONLY)) {
    test(`negative control: ${name} is caught (${rule})`, async (t) => {
      const rules = (await findings(name)).map((f) => f.rule);
      const caught = rules.includes(rule) || (onWindowsPowerShell && rules.includes('parse-error'));
      t.true(caught, `expected ${rule}, got ${JSON.stringify(rules)}`);
      // On PowerShell 7 every snippet but the parse-error one parses: the rule, not the parser, caught it.
      if (rule !== 'parse-error' && !onWindowsPowerShell) t.false(rules.includes('parse-error'), 'does not parse');
    });
  }

  test('positive control: constructs that 5.1 does have are not reported', async (t) => {
    const list = await findings('fine on 5.1');
    t.deepEqual(list, [], shown(list));
  });
}
