/**
 * The import graph has no cycle and no layer imports one above it (CONTRIBUTING.md, .dependency-cruiser.cjs),
 * checked with dependency-cruiser on the compiled sources. A planted upward import must be caught, so the
 * rules are known to bite.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import test from 'ava';
import { cruise } from 'dependency-cruiser';

const ROOT = path.resolve(import.meta.dirname, '../..');
const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')) as {
  forbidden: unknown[];
  options: Record<string, unknown>;
};

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

async function violations(extra: string[] = []): Promise<Violation[]> {
  const result = await cruise(['dist/src', 'dist/checks', ...extra], {
    ...config.options,
    baseDir: ROOT,
    ruleSet: { forbidden: config.forbidden },
    validate: true,
  } as never);
  const output = result.output as { summary: { violations: Violation[] } };
  return output.summary.violations;
}

test.serial('no cycle, and no layer imports one above it', async (t) => {
  const found = await violations();
  t.deepEqual(
    found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`),
    [],
  );
});

test.serial('the rules catch an upward import and a cycle', async (t) => {
  const dir = await mkdtemp(path.join(ROOT, 'dist', 'src', 'contract', 'tmp-'));
  try {
    await writeFile(path.join(dir, 'up.js'), "import '../../engine.js';\n");
    await writeFile(path.join(dir, 'a.js'), "import './b.js';\n");
    await writeFile(path.join(dir, 'b.js'), "import './a.js';\n");
    const names = new Set((await violations()).map((v) => v.rule.name));
    t.true(names.has('no-contract-to-engine'), [...names].join(', '));
    t.true(names.has('no-circular'), [...names].join(', '));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
