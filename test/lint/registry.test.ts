/**
 * The lint rules keep to their contract: one file per rule in src/lint/rules, named by its id and listed
 * in the registry; a docs page per rule with the sections and every message id; a table test per rule;
 * the docs index lists them all; and each rule's `catches` names real explain catalogue entries, so the
 * map the explain command reads is sound. No test counts the rules: they derive from the registry.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { CATALOGUE } from '../../src/catalogue/entries.js';
import { LINT_CATCHES, lintRulesFor, NOT_CAUGHT_BY_LINT } from '../../src/lint/catalogue.js';
import { RULE_GROUPS, SEVERITIES } from '../../src/lint/rule.js';
import { LINT_RULES, RULES_BY_ID } from '../../src/lint/rules/index.js';
import { ROOT } from '../helpers/cli.js';

const RULES_DIR = path.join(ROOT, 'src', 'lint', 'rules');
const DOCS = path.join(ROOT, 'docs', 'lint');
const SECTIONS = ['## What it checks', '## Why', '## How to fix', '## Messages', '## Sources'];

test('every file in src/lint/rules is a rule in the registry, named by its id, and every rule has a file', (t) => {
  const files = readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  t.deepEqual([...LINT_RULES.map((r) => r.meta.id)].sort(), files);
  t.is(RULES_BY_ID.size, LINT_RULES.length, 'ids are unique');
  for (const id of files) t.true(readFileSync(path.join(RULES_DIR, `${id}.ts`), 'utf8').includes(`id: '${id}'`), id);
});

test('every table in test/lint/rules is a rule in the registry', (t) => {
  const tables = readdirSync(path.join(ROOT, 'test', 'lint', 'rules')).filter((f) => f.endsWith('.ts'));
  t.deepEqual(tables.sort(), LINT_RULES.map((r) => `${r.meta.id}.cases.ts`).sort());
});

test('the registry is in rule-group order, then by id', (t) => {
  const keys = LINT_RULES.map((r) => `${RULE_GROUPS.indexOf(r.meta.group)}/${r.meta.id}`);
  t.deepEqual(
    keys,
    [...keys].sort((a, b) => Number(a.split('/')[0]) - Number(b.split('/')[0]) || (a < b ? -1 : 1)),
  );
});

for (const rule of LINT_RULES) {
  const { id } = rule.meta;
  test(`rule ${id}: meta, docs page and table test`, (t) => {
    t.true(SEVERITIES.includes(rule.meta.severity));
    t.true(rule.meta.title.length > 0 && rule.meta.title.length <= 1024, 'SARIF shortDescription');
    t.true(rule.meta.description.length > 0 && rule.meta.description.length <= 1024, 'SARIF fullDescription');
    t.true(Object.keys(rule.messages).length > 0, 'it has messages');
    t.is(rule.docsUrl, `docs/lint/${id}.md`);
    const page = path.join(DOCS, `${id}.md`);
    t.true(existsSync(page), `docs/lint/${id}.md exists`);
    const text = readFileSync(page, 'utf8');
    t.true(text.startsWith(`# ${id}\n`), 'starts with its id');
    for (const section of SECTIONS) t.true(text.includes(`\n${section}\n`), `${id}.md has ${section}`);
    for (const messageId of Object.keys(rule.messages))
      t.true(text.includes(`\`${messageId}\``), `${id}.md names ${messageId}`);
    t.true(text.includes(`**${rule.meta.severity}**`), `${id}.md states its severity`);
    for (const entry of rule.meta.catches)
      t.true(text.includes(`\`${entry}\``), `${id}.md names the catalogue entry ${entry}`);
  });
}

test('docs/lint/README.md links every rule page', (t) => {
  const index = readFileSync(path.join(DOCS, 'README.md'), 'utf8');
  for (const rule of LINT_RULES) t.true(index.includes(`](${rule.meta.id}.md)`), rule.meta.id);
  const pages = readdirSync(DOCS).filter((f) => f !== 'README.md');
  t.deepEqual(pages.sort(), LINT_RULES.map((r) => `${r.meta.id}.md`).sort(), 'no page without a rule');
});

test('every catalogue entry a rule catches exists, and lintRulesFor finds the rule again', (t) => {
  const entries = new Set(CATALOGUE.map((e) => e.id));
  for (const [rule, catches] of LINT_CATCHES) {
    for (const entry of catches) {
      t.true(entries.has(entry), `${rule} catches ${entry}, which the catalogue has`);
      t.true(lintRulesFor(entry).includes(rule));
    }
  }
  t.deepEqual(lintRulesFor('host-network-required'), ['host-network']);
  t.deepEqual(lintRulesFor('no-such-entry'), []);
});

test('every pod- or cluster-level HostProcess entry of the catalogue is caught by a rule, or says why not', (t) => {
  for (const entry of CATALOGUE) {
    if (!entry.hostProcess || entry.scope === 'node') continue;
    const caught = lintRulesFor(entry.id).length > 0;
    t.true(caught || entry.id in NOT_CAUGHT_BY_LINT, `${entry.id}: caught by a rule or in NOT_CAUGHT_BY_LINT`);
    t.false(caught && entry.id in NOT_CAUGHT_BY_LINT, `${entry.id} is caught, so it is not in NOT_CAUGHT_BY_LINT`);
  }
  const entries = new Set(CATALOGUE.map((e) => e.id));
  for (const id of Object.keys(NOT_CAUGHT_BY_LINT)) t.true(entries.has(id), `${id} is a catalogue entry`);
});
