/**
 * No process is started through a shell string: the sources use execa with an argument array only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';

const root = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|js|mjs)$/.test(name) ? [full] : [];
  });
}

const FORBIDDEN: [RegExp, string][] = [
  [/\bshell\s*:\s*(true|['"`])/, 'a shell option'],
  [/\bexecaCommand(Sync)?\b/, 'execaCommand (parses a command string)'],
  [/\bexeca\s*`/, 'execa template string'],
  [/import\s*\{[^}]*(^|[\s,])\$([\s,]|$)[^}]*\}\s*from\s*['"]execa['"]/m, "execa's $ template API"],
  [/child_process['"]\)?\s*;?[^\n]*\bexec(Sync)?\b/, 'child_process exec'],
  [/\bexecSync\s*\(/, 'execSync'],
];

test('src, checks and bin start no process through a shell', (t) => {
  const files = ['src', 'checks', 'bin'].flatMap((d) => sources(path.join(root, d)));
  t.true(files.length > 20);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [pattern, what] of FORBIDDEN) t.false(pattern.test(text), `${path.relative(root, file)} uses ${what}`);
  }
});
