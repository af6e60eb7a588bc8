/**
 * explain names the lint rule that would have caught an API or Pod Security error before apply, in text
 * and JSON; node-side errors name none.
 */
import test from 'ava';
import { runCli } from '../helpers/cli.js';

const API =
  'The DaemonSet "x" is invalid: spec.template.spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers';
const PSA =
  'Error creating: pods "x" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true), hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)';

test('an API or Pod Security error names the lint rule that catches it', async (t) => {
  for (const text of [API, PSA]) {
    const json = await runCli(['explain', text, '--json']);
    t.is(json.exitCode, 0, json.stderr);
    const doc = JSON.parse(json.stdout) as { matches: { id: string; lintRules: string[] }[] };
    t.true(
      doc.matches.some((m) => m.lintRules.length > 0),
      JSON.stringify(doc.matches.map((m) => [m.id, m.lintRules])),
    );
    const human = await runCli(['explain', text]);
    t.regex(human.stdout, /Before apply: 'hostprocess-doctor lint MANIFEST' catches this \(rule [a-z-]+/);
  }
});

test('a node-side error names only the rule that judges a manifest against a node snapshot', async (t) => {
  const text = 'failed to create user process token: failed to logon user: Access is denied.';
  const doc = JSON.parse((await runCli(['explain', text, '--json'])).stdout) as { matches: { lintRules: string[] }[] };
  t.deepEqual(
    doc.matches.map((m) => m.lintRules),
    [['node-check']],
  );
  const human = await runCli(['explain', text]);
  t.regex(human.stdout, /lint MANIFEST --snapshot NODE\.json' catches this \(rule node-check/);
});
