/**
 * The catalogue's own rules (ESLint's checkRuleFiles): every file in checks/ is registered, is named by
 * its id, has a docs page with the required sections, and is named in a test. The ids are a public
 * contract, so their list is pinned here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { CHECKS } from '../checks/index.js';
import { GROUPS } from '../src/check.js';

const root = path.resolve(import.meta.dirname, '../..');
const checkFiles = readdirSync(path.join(root, 'checks'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''));

const PUBLIC_IDS = [
  'os-build',
  'bind-filter',
  'containerd-service',
  'containerd-version',
  'containerd-service-account',
  'containerd-config',
  'containerd-default-runtime',
  'containerd-hostprocess-annotations',
  'runhcs-shim',
  'kubelet-version',
  'kubelet-feature-gate',
  'kubelet-runtime-endpoint',
  'local-groups',
  'hostprocess-context',
];

test('the public check ids are exactly the contract', (t) => {
  t.deepEqual(CHECKS.map((c) => c.meta.id).sort(), [...PUBLIC_IDS].sort());
});

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

test('every check is named in a test file under test/checks', (t) => {
  const testDir = path.join(root, 'test', 'checks');
  for (const id of PUBLIC_IDS)
    t.true(existsSync(path.join(testDir, `${id}.test.ts`)), `test/checks/${id}.test.ts exists`);
});

test('message ids are unique per check and the explained error strings are non-empty', (t) => {
  for (const check of CHECKS) {
    for (const explained of check.meta.explains) t.true(explained.trim().length > 0, check.meta.id);
    t.true(Object.keys(check.messages).length > 0, check.meta.id);
  }
});
