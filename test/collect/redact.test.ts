/**
 * Redaction that is safe to share: no registry password, auth string or IP address survives, identities
 * become placeholders, product words stay intact, and the verdicts of a snapshot and of its redaction are
 * the same, on every example node and on one whose containerd account is `.\containerd`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { redactFacts } from '../../src/collect/redact.js';
import type { NodeFacts } from '../../src/contract/facts.js';
import { analyzeFacts } from '../../src/engine.js';
import { parseSnapshot } from '../../src/sources/snapshot.js';
import { EXAMPLES, runCli } from '../helpers/cli.js';

const load = (name: string): NodeFacts => parseSnapshot(readFileSync(path.join(EXAMPLES, name), 'utf8'), name);
/** Through JSON, as a shared snapshot travels: what analysis of the redacted file sees. */
const redacted = (facts: NodeFacts) => parseSnapshot(JSON.stringify(redactFacts(facts)), 'redacted');

async function verdicts(facts: NodeFacts) {
  const report = await analyzeFacts(facts, { source: 'snapshot' });
  return { verdict: report.verdict, results: report.results.map((r) => `${r.id} ${r.status} ${r.messageId}`) };
}

const CREDENTIALS = `
[plugins."io.containerd.grpc.v1.cri".registry.configs."contoso.azurecr.io".auth]
  username = "svc-pull"
  password = "S3cr3t-P@ss"
  auth = "c3ZjLXB1bGw6UzNjcjN0"
  identitytoken = 'eyJhbGciOiJIUzI1NiJ9'
[plugins."io.containerd.grpc.v1.cri".registry.mirrors."10.20.30.40:5000"]
  endpoint = ["http://10.20.30.40:5000", "http://[fd00:1:2::40]:5000"]
`;

/** The healthy node, with its containerd running as the local user `.\\containerd` and registry credentials. */
function containerdUser(): NodeFacts {
  const facts = load('healthy-1.7.json');
  const account = facts.containerd?.serviceAccount;
  if (account?.value) {
    account.value = { name: '.\\containerd' };
  }
  const main = facts.containerd?.config?.value?.files[0];
  if (main?.text) {
    main.text += CREDENTIALS;
    delete main.parse;
  }
  return parseSnapshot(JSON.stringify(facts), 'containerd-user');
}

const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

for (const name of examples) {
  test(`redaction keeps every verdict: ${name}`, async (t) => {
    const facts = load(name);
    t.deepEqual(await verdicts(redacted(facts)), await verdicts(facts));
  });
}

test('redaction keeps every verdict when containerd runs as a user named containerd', async (t) => {
  const facts = containerdUser();
  const before = await verdicts(facts);
  t.true(before.results.includes('containerd-service-account fail userAccount'), before.results.join('\n'));
  t.deepEqual(await verdicts(redacted(facts)), before);
});

test('no password, auth string, token or IP address survives; product words do', (t) => {
  const out = redactFacts(containerdUser());
  const text = JSON.stringify(out);
  const config = out.containerd?.config?.value?.files[0]?.text ?? '';
  for (const secret of [
    'S3cr3t-P@ss',
    'c3ZjLXB1bGw6UzNjcjN0',
    'eyJhbGciOiJIUzI1NiJ9',
    'svc-pull',
    '10.20.30.40',
    'fd00:1:2::40',
  ])
    t.false(text.includes(secret), secret);
  t.true(text.includes('io.containerd.runhcs.v1'), 'runtime_type intact');
  t.regex(config, /^ {2}password = "REDACTED"$/m);
  t.regex(config, /^ {2}identitytoken = "REDACTED"$/m);
  t.regex(config, /mirrors\."IP-1:5000"\]/);
});

test('identities become placeholders, consistently, and built-in accounts stay', (t) => {
  const facts = load('access-denied.json');
  const out = redactFacts(facts);
  const text = JSON.stringify(out);
  const hostname = facts.host?.value?.hostname ?? '';
  t.truthy(hostname);
  t.false(new RegExp(`\\b${hostname}\\b`, 'i').test(text), hostname);
  t.false(text.includes('azureuser'));
  t.regex(out.containerd?.serviceAccount?.value?.name ?? '', /^\.\\USER-\d+$/);
  t.notRegex(out.containerd?.serviceAccount?.value?.sid ?? '', /1004336348/);
  t.regex(out.containerd?.serviceAccount?.value?.sid ?? '', /^S-1-5-21-REDACTED-1001$/);
  const healthy = redactFacts(load('healthy-1.7.json'));
  t.is(healthy.containerd?.serviceAccount?.value?.name, 'LocalSystem');
  t.is(healthy.containerd?.serviceAccount?.value?.sid, 'S-1-5-18');
});

test('hostprocess-doctor redact SNAPSHOT -o OUT writes a redacted snapshot that analyses the same', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-redact-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const source = path.join(dir, 'node.json');
  await writeFile(source, JSON.stringify(containerdUser()));
  const out = path.join(dir, 'shared.json');
  const run = await runCli(['redact', source, '-o', out]);
  t.is(run.exitCode, 0, run.stderr);
  t.regex(run.stderr, /wrote .*shared\.json/);
  const before = await runCli(['analyze', source, '--json']);
  const after = await runCli(['analyze', out, '--json']);
  t.is(after.exitCode, before.exitCode);
  const ids = (json: string) =>
    (JSON.parse(json) as { results: { id: string; status: string; messageId: string }[] }).results.map(
      (r) => `${r.id} ${r.status} ${r.messageId}`,
    );
  t.deepEqual(ids(after.stdout), ids(before.stdout));
  t.false(readFileSync(out, 'utf8').includes('S3cr3t-P@ss'));
  const usage = await runCli(['redact']);
  t.is(usage.exitCode, 2);
  t.regex(usage.stderr, /redact takes one snapshot/);
});

/** The healthy node on containerd 2.2.7 (go-toml v2, which refuses a byte that is not UTF-8), with `text`. */
function withConfigText(text: string, invalidUtf8: { line: number; column: number; bytes: string }): NodeFacts {
  const facts = load('healthy-1.7.json');
  const version = facts.containerd?.version?.value;
  if (version) version.output = 'containerd github.com/containerd/containerd/v2 v2.2.7 0b3d2c6a\n';
  const main = facts.containerd?.config?.value?.files[0];
  if (main) {
    main.text = text;
    main.invalidUtf8 = invalidUtf8;
    delete main.parse;
  }
  return parseSnapshot(JSON.stringify(facts), 'invalid-utf8');
}

async function configFindings(facts: NodeFacts): Promise<string[]> {
  const report = await analyzeFacts(facts, { source: 'snapshot' });
  const result = report.results.find((r) => r.id === 'containerd-config');
  const findings = result?.findings ?? (result ? [result] : []);
  return findings.map((f) => `${f.messageId} ${f.status} ${f.message}`);
}

const RUNTIME = [
  '[plugins."io.containerd.cri.v1.runtime".containerd]',
  '  default_runtime_name = "runhcs-wcow-process"',
  '[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runhcs-wcow-process]',
  '  runtime_type = "io.containerd.runhcs.v1"',
].join('\n');

test('a byte that is not UTF-8 stays where go-toml v2 meets it: after a shorter IP on its line, and inside a password', async (t) => {
  // Line 2: "# mirror 10.20.30.40 caf\uFFFD": the U+FFFD is column 25; "IP-1" is 7 characters shorter.
  const comment = withConfigText(`version = 3\n# mirror 10.20.30.40 caf\uFFFD\n${RUNTIME}\n`, {
    line: 2,
    column: 25,
    bytes: 'e9',
  });
  const out = redacted(comment);
  t.like(out.containerd?.config?.value?.files[0]?.invalidUtf8, { line: 2, column: 18, bytes: 'e9' });
  const before = await configFindings(comment);
  t.true(
    before.some((f) => /^invalidUtf8 fail .*row 2 column 25/.test(f)),
    before.join('\n'),
  );
  const after = await configFindings(out);
  t.true(
    after.some((f) => /^invalidUtf8 fail .*row 2 column 18/.test(f)),
    after.join('\n'),
  );
  t.deepEqual(await verdicts(out), await verdicts(comment));

  // The first bad byte inside a credential: the password goes, the byte stays (the file is still refused).
  const secret = withConfigText(
    `version = 3\n[plugins."io.containerd.cri.v1.images".registry.configs."r.example".auth]\n  password = "p\uFFFDss"\n${RUNTIME}\n`,
    { line: 3, column: 16, bytes: 'e9' },
  );
  const hidden = redacted(secret);
  const file = hidden.containerd?.config?.value?.files[0];
  t.false(file?.text?.includes('p\uFFFDss'), 'the password is gone');
  t.regex(file?.text ?? '', /password = "REDACTED\uFFFD"/);
  t.like(file?.invalidUtf8, { line: 3, column: 23 });
  t.deepEqual(await verdicts(hidden), await verdicts(secret));
  t.true((await configFindings(hidden)).some((f) => f.startsWith('invalidUtf8 fail')));
});

test('credentials in every TOML string form go: multi-line, literal, quoted and dotted keys, inline tables', async (t) => {
  const forms = [
    '[plugins."io.containerd.grpc.v1.cri".registry.configs."r.example".auth]',
    '  password = """s3cret-ml"""',
    "  token = '''lit-",
    "eral-secret'''",
    '  "username" = "quoted-key-user"',
    "  'auth' = 'bGl0ZXJhbC1hdXRo'",
    '  identitytoken = """two',
    'lines in-secret"""',
    '[plugins."io.containerd.grpc.v1.cri".registry.configs."s.example"]',
    '  auth.password = "dotted-secret"',
    '  tls = { password = "inline-secret", insecure_skip_verify = false }',
    '',
  ].join('\n');
  const facts = load('healthy-1.7.json');
  const main = facts.containerd?.config?.value?.files[0];
  if (!main?.text) return t.fail('the example has no config text');
  main.text += forms;
  delete main.parse;
  const original = parseSnapshot(JSON.stringify(facts), 'forms');
  const out = redacted(original);
  const text = out.containerd?.config?.value?.files[0]?.text ?? '';
  for (const secret of [
    's3cret-ml',
    'eral-secret',
    'quoted-key-user',
    'bGl0ZXJhbC1hdXRo',
    'in-secret',
    'dotted-secret',
    'inline-secret',
  ])
    t.false(text.includes(secret), secret);
  t.is(text.split('\n').length, (main.text ?? '').split('\n').length, 'every line keeps its number');
  t.regex(text, /^ {2}"username" = "REDACTED"$/m);
  const before = await verdicts(original);
  t.deepEqual(await verdicts(out), before);
  const results = before.results;
  t.false(
    results.some((r) => r.startsWith('containerd-config fail')),
    `the config parses: ${results.join(', ')}`,
  );
});
