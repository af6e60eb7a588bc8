/**
 * The real manifests (test/fixtures/manifests/real, 12 files from 9 projects) and their broken variants
 * (broken/) against the verdicts test/fixtures/manifests/PROVENANCE.md records. The table below says what
 * each file must give; a first set of tests reads PROVENANCE.md and fails when it and the table disagree
 * (a file added or removed, a rule id or a line changed), a second lints every file and holds the lint to
 * the table: the rule ids of all findings, the verdict, and the lines SARIF regions point at.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import type { Verdict } from '../../src/contract/report.js';
import { lintTexts } from '../../src/lint/engine.js';
import type { LintReport, ObjectStatus } from '../../src/lint/report.js';
import { RULES_BY_ID } from '../../src/lint/rules/index.js';
import { ROOT, runCli } from '../helpers/cli.js';

const DIR = path.join(ROOT, 'test', 'fixtures', 'manifests');
const PROVENANCE = readFileSync(path.join(DIR, 'PROVENANCE.md'), 'utf8');
const NOTE = 'prefer-local-service';

interface Expected {
  /** Every rule id the file's findings carry, notes included. */
  rules: string[];
  verdict: Verdict;
  /** For broken/: the rules the change is about, and the lines PROVENANCE names for them. */
  primary?: string[];
  lines?: number[];
  /** An object status that must appear (the website excerpt is not a Kubernetes object). */
  status?: ObjectStatus;
}

/** From PROVENANCE.md "real/": pass, or the warnings it names; a note wherever SYSTEM is used. */
const REAL: Record<string, Expected> = {
  'antrea-windows-containerd.yaml': { rules: [NOTE], verdict: 'healthy' },
  'azure-cns-windows.yaml': { rules: [NOTE, 'sandbox-mount-var-join'], verdict: 'healthy' },
  'calico-windows-vxlan.yaml': { rules: [NOTE], verdict: 'healthy' },
  'csi-proxy-ds.yaml': { rules: [NOTE], verdict: 'healthy' },
  'k2s-windows-login.yaml': { rules: [NOTE], verdict: 'healthy' },
  // No kind: not a Kubernetes object, so nothing is linted, and it sets hostProcess: inconclusive.
  'k8s-website-hostprocess-task-excerpt.yaml': { rules: [], verdict: 'inconclusive', status: 'notKubernetes' },
  'sigwindowstools-calico-hostprocess.yaml': { rules: [NOTE], verdict: 'healthy' },
  'sigwindowstools-containerd-logger.yaml': { rules: [NOTE], verdict: 'healthy' },
  'sigwindowstools-flannel-kube-proxy.yaml': { rules: [NOTE], verdict: 'healthy' },
  'sigwindowstools-flannel-overlay.yaml': { rules: [NOTE], verdict: 'healthy' },
  'tensorworks-directx-default-daemonsets.yaml': { rules: [NOTE], verdict: 'healthy' },
  'windows-exporter-daemonset-ws2022.yaml': { rules: [NOTE], verdict: 'healthy' },
};

/** From PROVENANCE.md "broken/": expected rule(s), line, kept from the parent. */
const BROKEN: Record<string, Expected> = {
  'antrea-windows-containerd-no-run-as-user-name.yaml': {
    primary: ['run-as-user-name-required'],
    rules: ['run-as-user-name-required'],
    lines: [214],
    verdict: 'unhealthy',
  },
  'antrea-windows-containerd-run-as-non-root.yaml': {
    primary: ['run-as-non-root'],
    rules: [NOTE, 'run-as-non-root'],
    lines: [214],
    verdict: 'healthy',
  },
  'azure-cns-windows-absolute-mount-path-in-args.yaml': {
    primary: ['mount-path-needs-sandbox-prefix'],
    rules: ['mount-path-needs-sandbox-prefix', NOTE],
    lines: [41],
    verdict: 'healthy',
  },
  'azure-cns-windows-sandbox-var-spelling.yaml': {
    primary: ['sandbox-mount-var-spelling'],
    rules: [NOTE, 'sandbox-mount-var-join', 'sandbox-mount-var-spelling'],
    lines: [29],
    verdict: 'unhealthy',
  },
  'calico-windows-vxlan-init-container-not-host-process.yaml': {
    primary: ['all-containers-host-process'],
    rules: ['all-containers-host-process', NOTE],
    lines: [64],
    verdict: 'unhealthy',
  },
  'calico-windows-vxlan-namespace-enforce-baseline.yaml': {
    primary: ['pod-security-enforce'],
    rules: ['pod-security-enforce', NOTE],
    lines: [9],
    verdict: 'unhealthy',
  },
  'csi-proxy-ds-double-backslash.yaml': {
    primary: ['run-as-user-name-format'],
    rules: ['run-as-user-name-format'],
    lines: [26],
    verdict: 'unhealthy',
  },
  'csi-proxy-ds-lowercase-nt-authority.yaml': {
    primary: ['run-as-user-name-account'],
    rules: [NOTE, 'run-as-user-name-account'],
    lines: [26],
    verdict: 'healthy',
  },
  'csi-proxy-ds-statefulset-replicaset-list-no-host-network.json': {
    primary: ['host-network'],
    rules: ['host-network', NOTE],
    lines: [28],
    verdict: 'unhealthy',
  },
  'k2s-windows-login-job-container-host-process-false.yaml': {
    primary: ['host-process-mismatch'],
    rules: ['host-process-mismatch'],
    lines: [32],
    verdict: 'unhealthy',
  },
  'k8s-website-hostprocess-task-excerpt-cronjob-domain-user-run-as-non-root.yaml': {
    primary: ['run-as-non-root', 'run-as-user-name-account'],
    rules: ['run-as-non-root', 'run-as-user-name-account'],
    lines: [18, 24],
    verdict: 'healthy',
  },
  'k8s-website-hostprocess-task-excerpt-pod-local-group.yaml': {
    primary: ['local-group-needs-containerd-1-7'],
    rules: ['local-group-needs-containerd-1-7'],
    lines: [12],
    verdict: 'healthy',
  },
  'k8s-website-hostprocess-task-excerpt-pod-no-run-as-user-name.yaml': {
    primary: ['run-as-user-name-required'],
    rules: ['run-as-user-name-required'],
    lines: [10],
    verdict: 'unhealthy',
  },
  'sigwindowstools-calico-hostprocess-init-host-process-false.yaml': {
    primary: ['all-containers-host-process', 'host-process-mismatch'],
    rules: ['all-containers-host-process', 'host-process-mismatch', NOTE],
    lines: [175],
    verdict: 'unhealthy',
  },
  'sigwindowstools-containerd-logger-named-pipe-mount.yaml': {
    primary: ['named-pipe-mount'],
    rules: ['named-pipe-mount', NOTE],
    lines: [35, 45],
    verdict: 'unhealthy',
  },
  'sigwindowstools-flannel-kube-proxy-no-windows-node-selector.yaml': {
    primary: ['windows-node-selector'],
    rules: [NOTE, 'windows-node-selector'],
    lines: [19],
    verdict: 'healthy',
  },
  'sigwindowstools-flannel-kube-proxy-os-linux.yaml': {
    primary: ['windows-options-on-linux-pod'],
    rules: [NOTE, 'windows-options-on-linux-pod'],
    lines: [21],
    verdict: 'unhealthy',
  },
  'sigwindowstools-flannel-overlay-no-host-network.yaml': {
    primary: ['host-network'],
    rules: ['host-network', NOTE],
    lines: [75],
    verdict: 'unhealthy',
  },
  'tensorworks-directx-default-daemonsets-list-no-host-network.yaml': {
    primary: ['host-network'],
    rules: ['host-network', NOTE],
    lines: [45],
    verdict: 'unhealthy',
  },
  'windows-exporter-daemonset-ws2022-host-port-mismatch.yaml': {
    primary: ['host-port-mismatch'],
    rules: ['host-port-mismatch', NOTE],
    lines: [38],
    verdict: 'unhealthy',
  },
  'windows-exporter-daemonset-ws2022-namespace-enforce-baseline.yaml': {
    primary: ['pod-security-enforce', 'pod-security-warn-audit'],
    rules: [NOTE, 'pod-security-enforce', 'pod-security-warn-audit'],
    lines: [9, 11],
    verdict: 'unhealthy',
  },
};

// ---------------------------------------------------------------------------------------------------
// PROVENANCE.md, read

const ruleIdsIn = (text: string) =>
  [
    ...new Set([...text.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1] as string).filter((id) => RULES_BY_ID.has(id))),
  ].sort();

function realSections(): Map<string, string> {
  const part = PROVENANCE.slice(PROVENANCE.indexOf('## real/'), PROVENANCE.indexOf('## broken/'));
  const sections = new Map<string, string>();
  for (const chunk of part.split('\n### ').slice(1)) {
    const name = chunk.split('\n')[0]?.trim() ?? '';
    sections.set(name, chunk);
  }
  return sections;
}

/** From a real/ section: the rule ids of its verdict (warnings in parentheses after the bold verdict), and the note. */
function realExpected(section: string): { rules: string[]; notKubernetes: boolean } {
  const verdict = /^- verdict: (.*)$/m.exec(section)?.[1] ?? '';
  const bold = /\*\*([^*]+)\*\*(\s*\(([^)]*)\))?/.exec(verdict);
  const notKubernetes = bold?.[1] === 'not a Kubernetes object';
  const warnings = bold && /warning/.test(bold[1] ?? '') ? ruleIdsIn(bold[3] ?? '') : [];
  const note = !notKubernetes && !/no note/.test(section) ? [NOTE] : [];
  return { rules: [...new Set([...warnings, ...note])].sort(), notKubernetes };
}

function brokenRows(): Map<string, { primary: string[]; kept: string[]; lines: number[] }> {
  const rows = new Map<string, { primary: string[]; kept: string[]; lines: number[] }>();
  const part = PROVENANCE.slice(PROVENANCE.indexOf('## broken/'));
  for (const line of part.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| file |')) continue;
    const cells = line.slice(2, -2).split(' | ');
    const [file, , expected, where, kept] = cells;
    if (!file || expected === undefined || where === undefined || kept === undefined) continue;
    const numbers = where.replace(/`[^`]*`/g, '').replace(/\[[^\]]*\]/g, '');
    rows.set(file.trim(), {
      primary: ruleIdsIn(expected),
      kept: ruleIdsIn(kept),
      lines: [...numbers.matchAll(/\b\d+\b/g)].map((m) => Number(m[0])).sort((a, b) => a - b),
    });
  }
  return rows;
}

const listed = (dir: string) => readdirSync(path.join(DIR, dir)).sort();

test('PROVENANCE.md describes exactly the files in real/ and broken/, and so does the table', (t) => {
  t.deepEqual([...realSections().keys()].sort(), listed('real'));
  t.deepEqual([...brokenRows().keys()].sort(), listed('broken'));
  t.deepEqual(Object.keys(REAL).sort(), listed('real'));
  t.deepEqual(Object.keys(BROKEN).sort(), listed('broken'));
});

for (const [name, section] of realSections()) {
  test(`PROVENANCE.md and the table agree: real/${name}`, (t) => {
    const expected = realExpected(section);
    t.deepEqual([...(REAL[name]?.rules ?? [])].sort(), expected.rules);
    t.is(REAL[name]?.status === 'notKubernetes', expected.notKubernetes);
  });
}

for (const [name, row] of brokenRows()) {
  test(`PROVENANCE.md and the table agree: broken/${name}`, (t) => {
    const entry = BROKEN[name];
    t.deepEqual([...(entry?.primary ?? [])].sort(), row.primary, 'expected rule(s)');
    t.deepEqual(
      [...(entry?.rules ?? [])].sort(),
      [...new Set([...row.primary, ...row.kept])].sort(),
      'with the kept ones',
    );
    t.deepEqual(
      [...(entry?.lines ?? [])].sort((a, b) => a - b),
      row.lines,
      'lines',
    );
  });
}

// ---------------------------------------------------------------------------------------------------
// The lint, held to the table

async function lintFile(dir: string, name: string): Promise<LintReport> {
  const file = `${dir}/${name}`;
  return lintTexts([{ name: file, text: readFileSync(path.join(DIR, dir, name), 'utf8') }]);
}

const rulesOf = (report: LintReport) =>
  [...new Set(report.results.flatMap((r) => r.findings.map((f) => f.ruleId)))].sort();

for (const [dir, table] of [
  ['real', REAL],
  ['broken', BROKEN],
] as const) {
  for (const [name, expected] of Object.entries(table)) {
    test(`lint ${dir}/${name}: ${expected.verdict}, ${expected.rules.join(', ') || 'no findings'}`, async (t) => {
      const report = await lintFile(dir, name);
      const findings = report.results.flatMap((r) => r.findings);
      t.deepEqual(
        rulesOf(report),
        [...expected.rules].sort(),
        findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'),
      );
      t.is(report.verdict, expected.verdict);
      if (expected.status) t.true(report.results.some((r) => r.status === expected.status));
      for (const f of findings) t.is(f.location.file, `${dir}/${name}`);
      if (expected.lines) {
        const primary = findings.filter((f) => expected.primary?.includes(f.ruleId));
        const lines = new Set(
          primary.flatMap((f) => [f.location.line, ...(f.related ?? []).map((r) => r.location.line)]),
        );
        for (const line of expected.lines) t.true(lines.has(line), `line ${line} in ${[...lines].join(', ')}`);
      }
    });
  }
}

test('the real manifests lint without an error through the CLI (the excerpt makes the run inconclusive)', async (t) => {
  const run = await runCli(['lint', 'test/fixtures/manifests/real', '--json']);
  const report = JSON.parse(run.stdout) as LintReport;
  t.is(run.exitCode, 4, run.stderr);
  t.is(report.summary.error, 0);
  t.is(report.summary.hostProcess, 12);
  t.deepEqual(
    report.notSeen.map((n) => n.kind),
    ['unknownKind'],
  );
});

test('the broken manifests fail through the CLI, every file read', async (t) => {
  const run = await runCli(['lint', 'test/fixtures/manifests/broken', '--json']);
  const report = JSON.parse(run.stdout) as LintReport;
  t.is(run.exitCode, 1, run.stderr);
  t.deepEqual(
    report.files,
    listed('broken').map((f) => `test/fixtures/manifests/broken/${f}`),
  );
  t.is(report.verdict, 'unhealthy');
});
