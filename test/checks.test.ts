/**
 * Every check's table, test/checks/<id>.cases.ts (checkTester, test/helpers/check-tester.ts), for every
 * check in the registry, in one ava worker: a worker costs about a quarter of a CPU-second to start, and
 * the tables are pure. ava wants every test declared synchronously, so the tables are loaded with
 * require (Node 20.19+ loads an ES module that way). A check without its table fails here at the load.
 * One check's cases: `npx ava dist/test/checks.test.js --match '<id>: *'`.
 */
import { createRequire } from 'node:module';
import { CHECKS } from '../checks/index.js';

const require = createRequire(import.meta.url);
for (const { meta } of CHECKS) require(`./checks/${meta.id}.cases.js`);
