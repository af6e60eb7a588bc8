import check from '../../checks/runhcs-shim.js';
import type { Fact, FileInfo, NodeFacts, VersionOutput } from '../../src/contract/facts.js';
import { checkTester } from '../helpers/check-tester.js';
import { node, not, ok, version } from '../helpers/facts.js';

const BESIDE = 'C:\\Program Files\\containerd\\containerd-shim-runhcs-v1.exe';
const ON_PATH = 'C:\\k\\containerd-shim-runhcs-v1.exe';
const present = (path = BESIDE) =>
  ok<FileInfo>({ path, size: 12_000_000, fileVersion: '1.0.0.0', productVersion: 'v1.0.0.0' });

/** What the shim from containerd's release tarball prints: no version, only the OCI spec. */
const SPEC_ONLY = 'containerd-shim-runhcs-v1 version spec: 1.1.0\n';
const SPEC_ONLY_CRLF = 'containerd-shim-runhcs-v1 version \r\ncommit: \r\nspec: 1.0.2-dev\r\n';
const withVersion = (v: string) =>
  `containerd-shim-runhcs-v1 version ${v}\ncommit: 7c9ff7f481383ff47524bade75d1b25d631b49ce\nspec: 1.1.0\n`;

function facts(
  binary: Fact<FileInfo> | undefined,
  options: { containerd?: string; shim?: Fact<VersionOutput> } = {},
): NodeFacts {
  return node({
    ...(binary || options.shim
      ? { shim: { ...(binary ? { binary } : {}), ...(options.shim ? { version: options.shim } : {}) } }
      : {}),
    ...(options.containerd ? { containerd: { version: version(options.containerd) } } : {}),
  });
}

const says = (needle: string) => (t: import('ava').ExecutionContext, r: { message: string; observed?: string }) =>
  t.true(`${r.message} ${r.observed ?? ''}`.includes(needle), `${needle} in: ${r.message} / ${r.observed}`);

checkTester(check, [
  // Present, capability inferred from containerd's version.
  {
    name: '1.6.35 shim: hcsshim 0.9.x',
    facts: facts(present(), { containerd: '1.6.35+azure' }),
    status: 'pass',
    messageId: 'inferred',
    verify: says('0.9'),
  },
  {
    name: '1.7.20 shim: hcsshim 0.10/0.11',
    facts: facts(present(), { containerd: '1.7.20' }),
    status: 'pass',
    messageId: 'inferred',
    verify: says('0.10'),
  },
  {
    name: '2.0.4 shim: hcsshim 0.12+',
    facts: facts(present(), { containerd: 'containerd github.com/containerd/containerd/v2 v2.0.4+azure abc' }),
    status: 'pass',
    messageId: 'inferred',
    verify: says('0.12'),
  },
  {
    name: 'shim on PATH counts',
    facts: facts(present(ON_PATH), { containerd: '1.7.20' }),
    status: 'pass',
    messageId: 'inferred',
    verify: says(ON_PATH),
  },
  {
    name: '"spec: 1.1.0" is the OCI spec, not the shim version',
    facts: facts(present(), { containerd: '1.7.20', shim: version(SPEC_ONLY) }),
    status: 'pass',
    messageId: 'inferred',
    verify: (t, r) => {
      t.false(`${r.message} ${r.observed}`.includes('hcsshim 1.1.0'), r.message);
      t.true(`${r.message} ${r.observed}`.includes('0.10'), r.message);
    },
  },
  {
    name: 'spec-only output with CRLF and empty version',
    facts: facts(present(), { containerd: '1.6.35', shim: version(SPEC_ONLY_CRLF) }),
    status: 'pass',
    messageId: 'inferred',
    verify: says('0.9'),
  },
  {
    // A probe that fails or prints nothing is no evidence: skip, never pass (these passed before 0.2).
    name: 'no output at all',
    facts: facts(present(), { containerd: '1.7.20', shim: version('') }),
    status: 'skip',
    messageId: 'probeFailed',
    skipReason: 'unreadable',
  },
  {
    name: 'the --version probe failed',
    facts: facts(present(), { containerd: '1.7.20', shim: not('error') }),
    status: 'skip',
    messageId: 'probeFailed',
    skipReason: 'unreadable',
  },

  // Present and printing a version.
  {
    name: 'shim reports v0.10.0-rc.7',
    facts: facts(present(), { containerd: '1.7.0', shim: version(withVersion('v0.10.0-rc.7')) }),
    status: 'pass',
    messageId: 'reported',
    verify: says('0.10.0-rc.7'),
  },
  {
    name: 'shim reports 0.12.9',
    facts: facts(present(), { containerd: '2.0.4', shim: version(withVersion('0.12.9')) }),
    status: 'pass',
    messageId: 'reported',
    verify: says('0.12.9'),
  },
  {
    name: 'shim reports 0.9.0',
    facts: facts(present(), { containerd: '1.6.0', shim: version(withVersion('v0.9.0')) }),
    status: 'pass',
    messageId: 'reported',
  },
  {
    name: 'reported version wins over the containerd inference',
    facts: facts(present(), { containerd: '1.6.35', shim: version(withVersion('v0.11.7')) }),
    status: 'pass',
    messageId: 'reported',
    verify: says('0.11.7'),
  },
  {
    name: 'reported 0.8.25 fails',
    facts: facts(present(), { containerd: '1.6.35', shim: version(withVersion('v0.8.25')) }),
    status: 'fail',
    messageId: 'reportedTooOld',
  },
  {
    name: 'reported 0.8.18 fails',
    facts: facts(present(), { shim: version(withVersion('0.8.18')) }),
    status: 'fail',
    messageId: 'reportedTooOld',
  },

  {
    name: '1.4.4 with a shim that prints no version warns, never passes',
    facts: facts(present(), { containerd: '1.4.4' }),
    status: 'warn',
    messageId: 'customShimNeeded',
    verify: says('1.5.4 or later'),
  },
  // containerd 1.5.x ships hcsshim 0.8: a custom-built shim is needed.
  {
    name: '1.5.9 with a shim that prints no version warns',
    facts: facts(present(), { containerd: '1.5.9' }),
    status: 'warn',
    messageId: 'customShimNeeded',
  },
  {
    name: '1.5.18 with a spec-only shim warns',
    facts: facts(present(), { containerd: '1.5.18', shim: version(SPEC_ONLY) }),
    status: 'warn',
    messageId: 'customShimNeeded',
  },
  {
    name: '1.5.9 with a custom shim reporting 0.9.1',
    facts: facts(present(), { containerd: '1.5.9', shim: version(withVersion('v0.9.1')) }),
    status: 'pass',
    messageId: 'reported',
  },

  // Missing.
  {
    name: 'shim missing fails',
    facts: facts(not('missing', 'not beside containerd.exe or on PATH'), { containerd: '1.7.20' }),
    status: 'fail',
    messageId: 'missing',
    verify: (t, r) =>
      t.true(
        r.fix?.commands.some((c) => c.includes('containerd-shim-runhcs-v1.exe')) ?? false,
        JSON.stringify(r.fix?.commands),
      ),
  },
  {
    name: 'shim missing with containerd version unknown fails',
    facts: facts(not('missing')),
    status: 'fail',
    messageId: 'missing',
  },

  // Unknown capability, but the shim is there.
  // Neither the shim nor containerd says what it can do: skip, never pass (this was a pass before 0.2).
  {
    name: 'present, no version from shim or containerd',
    facts: facts(present()),
    status: 'skip',
    messageId: 'presentVersionUnknown',
    skipReason: 'notCollected',
  },

  // Facts absent or unreadable.
  {
    name: 'shim not collected',
    facts: facts(undefined, { containerd: '1.7.20' }),
    status: 'skip',
    messageId: 'notCollected',
  },
  {
    name: 'shim lookup denied',
    facts: facts(not('denied'), { containerd: '1.7.20' }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'shim lookup timed out',
    facts: facts(not('timeout'), { containerd: '1.7.20' }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'only the shim version was collected',
    facts: facts(undefined, { shim: version(withVersion('0.12.9')) }),
    status: 'skip',
    messageId: 'notCollected',
  },
  ...(['missing', 'denied', 'timeout'] as const).map((state) => ({
    name: `the --version probe ${state} is never a pass`,
    facts: facts(present(), { containerd: '1.7.20', shim: not<VersionOutput>(state) }),
    status: 'skip' as const,
    messageId: 'probeFailed',
    skipReason: 'unreadable' as const,
  })),
  {
    name: 'the --version probe printed garbage',
    facts: facts(present(), { containerd: '1.7.20', shim: version('\u0000\u0007garbage\n') }),
    status: 'skip',
    messageId: 'probeFailed',
  },
]);
