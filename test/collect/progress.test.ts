/**
 * Progress on a terminal while probes run: which probe is still running and for how long, on stderr,
 * cleared at the end; nothing in JSON mode or when stderr is not a terminal.
 */
import test from 'ava';
import { progressLine } from '../../src/cli/progress.js';
import { runCli } from '../helpers/cli.js';
import { createFakeHost } from '../helpers/fakehost.js';
import { healthyNode } from '../helpers/scenarios.js';

test('the progress line names the probes still running, longest first', (t) => {
  t.is(progressLine([]), 'collecting…');
  t.is(
    progressLine([
      { display: 'powershell.exe -NoProfile', ms: 2500 },
      { display: 'kubelet.exe --version', ms: 800 },
    ]),
    'waiting for powershell.exe -NoProfile (2.5 s), kubelet.exe --version (0.8 s)',
  );
  t.regex(progressLine(Array.from({ length: 5 }, (_, i) => ({ display: `p${i}`, ms: 1 }))), /, \+2 more$/);
});

test.serial('a slow PowerShell shows progress on a terminal, and none in JSON mode or a pipe', async (t) => {
  const host = await createFakeHost(healthyNode({ latency: { powershell: 2500 } }));
  t.teardown(() => host.cleanup());
  // The three runs share the slow host and wait on it together.
  const [tty, json, pipe] = await Promise.all([
    runCli(['doctor', '--timeout', '60s'], { env: host.env, stderrTTY: true }),
    runCli(['doctor', '--json', '--timeout', '60s'], { env: host.env, stderrTTY: true }),
    runCli(['doctor', '--timeout', '60s'], { env: host.env }),
  ]);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's escape sequence is the subject.
  t.regex(tty.stderr, /\r\u001b\[Khostprocess-doctor: waiting for powershell\.exe[^\n]*\(\d+\.\d s\)/);
  t.true(tty.stderr.endsWith('\r\u001b[K'), 'the line is cleared at the end');
  t.false(json.stderr.includes('waiting for'));
  t.false(pipe.stderr.includes('waiting for'));
});
