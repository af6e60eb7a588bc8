/**
 * Every lint rule's table, test/lint/rules/<id>.cases.ts (ruleTester, test/lint/helpers/rule-tester.ts),
 * for every rule in the registry, in one ava worker, loaded with require as test/checks.test.ts loads the
 * checks' tables. A rule without its table fails here at the load. One rule's cases:
 * `npx ava dist/test/lint/rules.test.js --match 'lint rule <id>: *'`.
 */
import { createRequire } from 'node:module';
import { LINT_RULES } from '../../src/lint/rules/index.js';

const require = createRequire(import.meta.url);
for (const { meta } of LINT_RULES) require(`./rules/${meta.id}.cases.js`);
