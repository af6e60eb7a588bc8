/**
 * The check catalogue's own rules (ESLint's checkRuleFiles): every file in checks/ is registered (the
 * registry is generated from the files), is named by its id, has a docs page with the required sections
 * that documents every message id, and has a test table. Nothing here lists the checks by hand.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { CHECKS } from '../checks/index.js';
import { GROUPS, RESERVED_IDS } from '../src/contract/check.js';

const root = path.resolve(import.meta.dirname, '../..');
const checkFiles = readdirSync(path.join(root, 'checks'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''));

test('every file in checks/ is registered and named by its id', (t) => {
  t.deepEqual([...checkFiles].sort(), CHECKS.map((c) => c.meta.id).sort());
});

test('every check has a group, a title and a docs page with the required sections', (t) => {
  for (const check of CHECKS) {
    t.true(GROUPS.includes(check.meta.group), `${check.meta.id} group`);
    t.true(check.meta.title.length > 5, `${check.meta.id} title`);
    const page = path.join(root, check.docsUrl);
    t.true(existsSync(page), `${check.meta.id} has ${check.docsUrl}`);
    if (!existsSync(page)) continue;
    const text = readFileSync(page, 'utf8');
    t.true(text.startsWith(`# ${check.meta.id}`), `${check.docsUrl} starts with its id`);
    for (const section of ['## What it checks', '## Why', '## How to fix', '## Sources']) {
      t.true(text.includes(section), `${check.docsUrl} has "${section}"`);
    }
  }
});

test('every check has its table, test/checks/<id>.cases.ts, and no table is without a check', (t) => {
  const testDir = path.join(root, 'test', 'checks');
  const tables = readdirSync(testDir).filter((f) => f.endsWith('.ts'));
  t.deepEqual(tables.sort(), CHECKS.map((c) => `${c.meta.id}.cases.ts`).sort());
});

test('every check id is kebab-case, and no message id is declared by two checks with different meanings', (t) => {
  const ids = CHECKS.map((c) => c.meta.id);
  t.is(new Set(ids).size, ids.length, 'check ids are unique');
  for (const { meta, messages } of CHECKS) {
    t.regex(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, meta.id);
    t.true(Object.keys(messages).length > 2, `${meta.id} declares its own messages`);
    for (const [id, template] of Object.entries(messages)) {
      t.regex(id, /^[a-z][A-Za-z0-9]*$/, `${meta.id}: message id ${id} is camelCase`);
      t.true(template.trim().length > 10, `${meta.id}: ${id} has a message`);
    }
  }
});

// The reserved ids mean the same in every check, so docs/checks/README.md documents them once.
test('every docs page documents every message id of its check; the README, the reserved ones', (t) => {
  const reserved: readonly string[] = RESERVED_IDS;
  for (const check of CHECKS) {
    const page = path.join(root, check.docsUrl);
    if (!existsSync(page)) continue;
    const text = readFileSync(page, 'utf8');
    for (const id of Object.keys(check.messages).filter((m) => !reserved.includes(m))) {
      t.true(text.includes(`\`${id}\``), `${check.docsUrl} documents \`${id}\``);
    }
  }
  const readme = readFileSync(path.join(root, 'docs', 'checks', 'README.md'), 'utf8');
  for (const id of RESERVED_IDS) t.true(readme.includes(`\`${id}\``), `docs/checks/README.md documents \`${id}\``);
});

test('docs/checks/README.md has one row per check, with its group and title, and no row without a check', (t) => {
  const text = readFileSync(path.join(root, 'docs', 'checks', 'README.md'), 'utf8');
  const rows = [...text.matchAll(/^\| \[([a-z0-9-]+)\]\(\1\.md\) \| ([a-z]+) \| ([^|]+) \|/gm)];
  t.deepEqual(rows.map((r) => r[1]).sort(), CHECKS.map((c) => c.meta.id).sort());
  for (const [, id, group, title] of rows) {
    const check = CHECKS.find((c) => c.meta.id === id);
    t.is(group, check?.meta.group, `${id} group`);
    t.is(title?.trim(), check?.meta.title, `${id} title`);
  }
});
