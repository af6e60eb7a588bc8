/**
 * docs/deploy.md and docs/json.md keep up with what ships: every metric, every file in deploy/, every
 * field of a fleet row.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { analyzeFacts } from '../../src/engine.js';
import { FleetCollector } from '../../src/fleet/collect.js';
import { renderPrometheus } from '../../src/reporters/prometheus.js';
import { loadSnapshot } from '../../src/sources/snapshot.js';
import { EXAMPLES, ROOT } from '../helpers/cli.js';
import { readBackProm } from '../helpers/prometheus.js';

const doc = (name: string) => readFileSync(path.join(ROOT, 'docs', name), 'utf8');

test('docs/deploy.md names every metric and every file in deploy/', async (t) => {
  const deploy = doc('deploy.md');
  const report = await analyzeFacts(await loadSnapshot(path.join(EXAMPLES, 'healthy-1.7.json')), {
    source: 'snapshot',
  });
  for (const family of readBackProm(await renderPrometheus({ report })))
    t.true(deploy.includes(`\`${family.name}\``), family.name);
  const files = readdirSync(path.join(ROOT, 'deploy'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
  for (const file of files) t.true(deploy.includes(`\`${file}\``), file);
});

test('docs/json.md describes every field of a fleet row', async (t) => {
  const json = doc('json.md');
  const report = await analyzeFacts(await loadSnapshot(path.join(EXAMPLES, 'healthy-1.7.json')), {
    source: 'snapshot',
  });
  const collector = new FleetCollector();
  collector.line(JSON.stringify(report), 'x', 1);
  const [row] = collector.result();
  for (const key of Object.keys(row ?? {})) t.true(json.includes(`"${key}"`), key);
});
