/**
 * The runner guards every check: a throw, a rejected promise or an overrun is `error`, shown as a crash,
 * and never hides the other checks. --ignore downgrades, never hides.
 */
import test from 'ava';
import { type Check, defineCheck } from '../src/contract/check.js';

import { buildReport, exitCodeFor } from '../src/contract/report.js';
import { renderHuman } from '../src/reporters/human.js';
import { runChecks, SelectionError, validateSelectors } from '../src/runner.js';
import { node } from './helpers/facts.js';

const meta = (id: string) => ({ id, title: `${id} title`, group: 'os' as const, explains: [] });

const passing = defineCheck({ meta: meta('passing'), messages: { ok: 'fine' }, run: (_, r) => r.pass('ok') });
const failing = defineCheck({
  meta: meta('failing'),
  messages: { bad: 'broken' },
  run: (_, r) => r.fail('bad', { fix: { text: 'mend it', commands: ['Mend-It'] } }),
});
const throwing = defineCheck({
  meta: meta('throwing'),
  messages: { never: 'never' },
  run: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'value')");
  },
});
const rejecting = defineCheck({
  meta: meta('rejecting'),
  messages: { never: 'never' },
  run: async () => Promise.reject(new Error('async boom')),
});
const hanging = defineCheck({ meta: meta('hanging'), messages: { never: 'never' }, run: () => new Promise(() => {}) });
const busy = defineCheck({
  meta: meta('busy'),
  messages: { ok: 'done' },
  run: (_, r) => {
    const until = performance.now() + 120;
    while (performance.now() < until) {
      // a synchronous overrun cannot be pre-empted; it is still reported as error
    }
    return r.pass('ok');
  },
});
const badTemplate = defineCheck({
  meta: meta('bad-template'),
  messages: { x: 'needs {{data}}' },
  run: (_, r) => r.pass('x'),
});

const all: Check[] = [passing, throwing, failing, rejecting, hanging, busy, badTemplate];

test('a crashing, rejecting, hanging or overrunning check is error, and every other check still runs', async (t) => {
  const results = await runChecks(all, node(), { timeoutMs: 100 });
  const byId = Object.fromEntries(results.map((r) => [r.id, r]));
  t.deepEqual(
    results.map((r) => r.id),
    ['passing', 'throwing', 'failing', 'rejecting', 'hanging', 'busy', 'bad-template'],
  );
  t.is(byId.passing?.status, 'pass');
  t.is(byId.failing?.status, 'fail');
  t.is(byId.throwing?.status, 'error');
  t.is(byId.throwing?.messageId, 'checkCrashed');
  t.regex(byId.throwing?.message ?? '', /reading 'value'/);
  t.is(byId.rejecting?.status, 'error');
  t.is(byId.hanging?.status, 'error');
  t.is(byId.hanging?.messageId, 'checkTimedOut');
  t.is(byId.busy?.status, 'error');
  t.is(byId['bad-template']?.status, 'error', 'a message placeholder without data is a bug, not a pass');
});

test('the human report shows a crash as a crash, never as a pass', async (t) => {
  const results = await runChecks([passing, throwing], node());
  const text = renderHuman(buildReport(results, { source: 'what-if' }, new Date()), {});
  t.regex(text, /☠ crashed: The check did not complete/);
  t.regex(text, /\[☠\] Windows/);
  t.regex(text, /1 crashed check/);
  const ascii = renderHuman(buildReport(results, { source: 'what-if' }, new Date()), { asciiSymbols: true });
  t.regex(ascii, /\[E\] Windows/);
});

test('--ignore turns fail into warn and marks it; the exit code follows', async (t) => {
  const results = await runChecks([passing, failing], node(), { ignore: ['failing'] });
  const failed = results.find((r) => r.id === 'failing');
  t.is(failed?.status, 'warn');
  t.true(failed?.ignored);
  t.regex(failed?.message ?? '', /ignored with --ignore failing/);
  t.is(exitCodeFor(buildReport(results, { source: 'what-if' }, new Date())), 0);
  const strict = await runChecks([passing, failing], node());
  t.is(exitCodeFor(buildReport(strict, { source: 'what-if' }, new Date())), 1);
});

test('--ignore does not touch warnings, skips or crashes', async (t) => {
  const results = await runChecks([throwing], node(), { ignore: ['all'] });
  t.is(results[0]?.status, 'error');
  t.is(results[0]?.ignored, undefined);
});

test('--only and --skip select by id or group; unknown selectors are rejected', async (t) => {
  t.deepEqual(
    (await runChecks([passing, failing], node(), { only: ['failing'] })).map((r) => r.id),
    ['failing'],
  );
  t.deepEqual(
    (await runChecks([passing, failing], node(), { skip: ['os'] })).map((r) => r.id),
    [],
  );
  t.throws(() => validateSelectors([passing], '--only', ['nope']), {
    instanceOf: SelectionError,
    message: /--only: unknown check or group 'nope'/,
  });
  t.notThrows(() => validateSelectors([passing], '--ignore', ['all'], true));
});

test('a check may not claim a reserved message id', (t) => {
  t.throws(
    () => defineCheck({ meta: meta('x'), messages: { notCollected: 'mine' }, run: (_, r) => r.pass('notCollected') }),
    {
      message: /reserved/,
    },
  );
});

test('human output wraps prose at the terminal width but never a command', async (t) => {
  const long = defineCheck({
    meta: meta('long'),
    messages: { bad: 'this message is long enough that it has to wrap at sixty columns on a narrow terminal window' },
    run: (_, r) =>
      r.fail('bad', {
        fix: {
          text: 'a fix text that is also long enough to need wrapping when the terminal is only sixty columns wide',
          commands: ['Some-Command -With "a long argument that must stay on one line whatever the width" -Force'],
        },
      }),
  });
  const report = buildReport(await runChecks([long], node()), { source: 'what-if' }, new Date());
  const text = renderHuman(report, { width: 60 });
  const lines = text.split('\n');
  for (const line of lines.filter((l) => !l.includes('Some-Command') && !l.includes('hostprocess-doctor 0'))) {
    t.true(line.length <= 60, `${line.length}: ${line}`);
  }
  t.true(
    lines.some(
      (l) => l === '        Some-Command -With "a long argument that must stay on one line whatever the width" -Force',
    ),
  );
  t.false(
    renderHuman(report, {})
      .split('\n')
      .some((l) => l.startsWith('      this') || l.startsWith('      sixty')),
    'no wrapping without a width',
  );
});
