/**
 * Every corpus config, through the CLI, gives the verdicts ../shared/corpus/PROVENANCE.md states:
 * analyze --containerd-config <file> --containerd-version 1.5.9|1.7.20 --json
 */
import path from 'node:path';
import test from 'ava';
import { CORPUS, type JsonReport, runCli, schemaErrors, statusOf } from './helpers/cli.js';

interface Verdict {
  config: string;
  configStatus: string;
  defaultRuntime: string;
  /** containerd-hostprocess-annotations with 1.5.9 and with 1.7.20. */
  annotations: { '1.5.9': string; '1.7.20': string };
  /** The containerd-config verdict where it differs on 1.5.9 (its CRI struct is 1.6's: fewer keys). */
  on159?: { config: string; configStatus: string };
  verify?: (report: JsonReport, version: string) => string | undefined;
}

const message = (r: JsonReport, id: string) => r.results.find((x) => x.id === id)?.message ?? '';

const VERDICTS: Record<string, Verdict> = {
  // TEMPLATE: placeholders make it invalid TOML; nothing about runtimes can be concluded until rendered.
  'agentbaker-windows-containerd2template-v3-TEMPLATE.toml': {
    config: 'template',
    configStatus: 'fail',
    defaultRuntime: 'skip',
    annotations: { '1.5.9': 'skip', '1.7.20': 'pass' },
  },
  'agentbaker-windows-containerdtemplate-2020-v1schema-TEMPLATE.toml': {
    config: 'template',
    configStatus: 'fail',
    defaultRuntime: 'skip',
    annotations: { '1.5.9': 'skip', '1.7.20': 'pass' },
  },
  'image-builder-windows-config-v2-v3-imports-JINJA-TEMPLATE.toml': {
    config: 'template',
    configStatus: 'fail',
    defaultRuntime: 'skip',
    annotations: { '1.5.9': 'skip', '1.7.20': 'pass' },
  },
  // runhcs-wcow-hypervisor is the default: Hyper-V isolated, so HostProcess pods fail; no annotations.
  'containerd-ci-hyperv-periodic-v2-default-runtime-hypervisor.toml': {
    config: 'valid',
    configStatus: 'pass',
    defaultRuntime: 'fail',
    annotations: { '1.5.9': 'fail', '1.7.20': 'pass' },
    verify: (r) =>
      message(r, 'containerd-default-runtime').includes('runhcs-wcow-hypervisor')
        ? undefined
        : 'names the hypervisor runtime',
  },
  // Wildcard microsoft.com/* on the default runtime satisfies even containerd 1.5.
  'hcsshim-ci-commented-v2-wildcard-annotations-wcow-process.toml': {
    // A key 1.7 added (ignore_blockio_not_enabled_errors, cdi_spec_dirs): 1.5/1.6 ignore it, with a warning.
    on159: { config: 'unknownKey', configStatus: 'warn' },
    config: 'valid',
    configStatus: 'pass',
    defaultRuntime: 'pass',
    annotations: { '1.5.9': 'pass', '1.7.20': 'pass' },
    verify: (r) =>
      message(r, 'containerd-default-runtime').includes('runhcs-wcow-process')
        ? undefined
        : 'default is runhcs-wcow-process',
  },
  // Schema v1 with the real typo plugins.cri.conatinerd: warn, not crash; legacy default_runtime is the default.
  'microsoft-sdn-containerd-config-2019-v1schema-typo-runtimes.toml': {
    config: 'misspelledKey',
    configStatus: 'warn',
    defaultRuntime: 'pass',
    annotations: { '1.5.9': 'fail', '1.7.20': 'pass' },
    verify: (r) => {
      const config = r.results.find((x) => x.id === 'containerd-config');
      if (!config?.message.includes('plugins.cri.conatinerd')) return 'reports plugins.cri.conatinerd';
      if (!message(r, 'containerd-default-runtime').startsWith('default runtime default '))
        return 'legacy default_runtime becomes runtime "default"';
      return undefined;
    },
  },
  // The empty legacy default_runtime table must not be taken as the default.
  'openshift-wmco-containerd_conf-v2-containerd1.7-default-runtime-name.toml': {
    // A key 1.7 added (ignore_blockio_not_enabled_errors, cdi_spec_dirs): 1.5/1.6 ignore it, with a warning.
    on159: { config: 'unknownKey', configStatus: 'warn' },
    config: 'valid',
    configStatus: 'pass',
    defaultRuntime: 'pass',
    annotations: { '1.5.9': 'fail', '1.7.20': 'pass' },
    verify: (r) =>
      message(r, 'containerd-default-runtime').startsWith('default runtime runhcs-wcow-process')
        ? undefined
        : 'default is runhcs-wcow-process',
  },
};

for (const [file, verdict] of Object.entries(VERDICTS)) {
  for (const version of ['1.5.9', '1.7.20'] as const) {
    test(`corpus ${file} with containerd ${version}`, async (t) => {
      const run = await runCli([
        'analyze',
        '--containerd-config',
        path.join(CORPUS, 'containerd-config', file),
        '--containerd-version',
        version,
        '--json',
      ]);
      t.is(run.stderr, '');
      const report = JSON.parse(run.stdout) as JsonReport;
      t.is(schemaErrors(report), '');
      const expected = version === '1.5.9' && verdict.on159 ? verdict.on159 : verdict;
      t.is(statusOf(report, 'containerd-config'), expected.configStatus);
      t.is(report.results.find((r) => r.id === 'containerd-config')?.messageId, expected.config);
      t.is(statusOf(report, 'containerd-default-runtime'), verdict.defaultRuntime);
      t.is(statusOf(report, 'containerd-hostprocess-annotations'), verdict.annotations[version]);
      t.is(run.exitCode, (report.summary.fail ?? 0) > 0 ? 1 : 0);
      const problem = verdict.verify?.(report, version);
      t.is(problem, undefined, problem);
    });
  }
}
