/**
 * Linear in the input (fuzz report D13: 100,000 tables took over 30 s when each finding re-split the
 * file). The bounds are generous, for a loaded two-core box: these catch quadratic work, not slowness.
 * Deep nesting must not depend on the JavaScript stack either.
 */
import test from 'ava';
import configCheck from '../../../checks/containerd-config.js';
import defaultRuntime from '../../../checks/containerd-default-runtime.js';
import annotations from '../../../checks/containerd-hostprocess-annotations.js';
import type { NodeFacts } from '../../../src/contract/facts.js';
import { runChecks } from '../../../src/runner.js';
import { config, node, version } from '../../helpers/facts.js';

const facts = (text: string, containerd: string): NodeFacts =>
  node({ containerd: { config: config([{ text }]), version: version(containerd) } });

async function timed(text: string, containerd: string) {
  const started = performance.now();
  const results = await runChecks([configCheck, defaultRuntime, annotations], facts(text, containerd), {
    timeoutMs: 120_000,
  });
  return { results, ms: performance.now() - started };
}

test.serial('100,000 tables (1.4 MB): the three containerd checks finish in seconds, on 1.x and 2.x', async (t) => {
  t.timeout(180_000);
  const text = `version = 2\n${Array.from({ length: 100_000 }, (_, i) => `[t${i}]\nx = 1\n`).join('')}`;
  t.true(text.length > 1_300_000 && text.length < 1_600_000, `${text.length} bytes`);
  for (const v of ['1.7.20', '2.1.0']) {
    const { results, ms } = await timed(text, v);
    t.log(`${v}: ${Math.round(ms)} ms`);
    t.true(ms < 20_000, `${v}: ${Math.round(ms)} ms`);
    const cfg = results.find((r) => r.id === 'containerd-config');
    t.is(cfg?.status, 'warn', `${v}: unknown tables warn`);
    t.true((cfg?.findings?.length ?? 0) <= 60, 'findings are capped: 50 one by one, then one that counts the rest');
    t.true(cfg?.findings?.some((f) => f.messageId === 'moreLint'));
  }
});

test.serial('20,000 runtimes in the CRI table (2 MB): resolved and linted in seconds', async (t) => {
  t.timeout(180_000);
  const cri = 'plugins."io.containerd.grpc.v1.cri".containerd';
  const text = `version = 2\n[${cri}]\n  default_runtime_name = "r19999"\n${Array.from({ length: 20_000 }, (_, i) => `[${cri}.runtimes.r${i}]\nruntime_type = "io.containerd.runhcs.v1"\n`).join('')}`;
  const { results, ms } = await timed(text, '1.7.20');
  t.log(`${Math.round(ms)} ms for ${text.length} bytes`);
  t.true(ms < 30_000, `${Math.round(ms)} ms`);
  t.not(results.find((r) => r.id === 'containerd-default-runtime')?.status, 'error');
});

test.serial('arrays and inline tables nested 100,000 deep: judged, not a stack overflow', async (t) => {
  t.timeout(180_000);
  const depth = 100_000;
  for (const text of [
    `version = 2\nx = ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
    `version = 2\nx = ${'{ a = '.repeat(depth)}1${' }'.repeat(depth)}\n`,
    `version = 2\nx = ${'['.repeat(depth)}\n`,
  ])
    for (const v of ['1.7.20', '2.1.0']) {
      const { results, ms } = await timed(text, v);
      for (const r of results) t.not(r.status, 'error', `${v} ${r.id}: ${r.messageId}`);
      t.true(ms < 30_000, `${v}: ${Math.round(ms)} ms`);
    }
});
