import { defineCheck } from '../src/check.js';
import { asEvidence, configFindings, FINDING } from '../src/rules/containerd/findings.js';
import { readContainerdConfig } from '../src/rules/containerd/reading.js';

export default defineCheck({
  meta: {
    id: 'containerd-config',
    title: 'containerd config is valid and readable',
    group: 'containerd',
    explains: [
      'failed to load TOML',
      'invalid plugin key URI',
      'expected containerd config version equal to or less than',
      'drop-in config version',
    ],
  },
  messages: {
    valid: '{{path}} is valid (config version {{version}}{{imports}})',
    builtInDefaults: 'no config file at {{path}}: containerd runs on its built-in defaults',
    mainUnreadable: '{{path}} could not be read ({{state}}): {{reason}}',
    explicitMissing: FINDING,
    importMissing: FINDING,
    importUnreadable: FINDING,
    template: FINDING,
    syntax: FINDING,
    utf16: FINDING,
    bom: FINDING,
    badVersion: FINDING,
    unsupportedVersion: FINDING,
    deprecatedV1: FINDING,
    importVersionHigher: FINDING,
    lint: FINDING,
    ignoredTables: FINDING,
  },
  run(facts, report) {
    const reading = readContainerdConfig(facts);
    const config = reading.config;
    if (!config) return report.unavailable("containerd's config", reading.fact, 'give it with --containerd-config');
    const evidence = [...reading.evidence];
    const main = config.files[0];
    if (reading.builtInDefaultsOnly) {
      return report.pass('builtInDefaults', {
        data: { path: config.path },
        observed: 'no config file',
        expected: 'a valid config, or none',
        evidence,
      });
    }
    const mainBlocker = reading.blockers.find((b) => b.id === 'mainUnreadable');
    if (mainBlocker) {
      return report.skip('mainUnreadable', {
        data: {
          path: mainBlocker.file.path,
          state: mainBlocker.file.state,
          reason: mainBlocker.file.reason ?? 'no reason given',
        },
        evidence,
      });
    }
    const findings = configFindings(reading);
    const worst = findings[0];
    if (!worst || !main) {
      const imports = config.files.length - 1;
      return report.pass('valid', {
        data: {
          path: config.path,
          version: reading.merged?.version ?? 1,
          imports: imports > 0 ? `, ${imports} import${imports === 1 ? '' : 's'} merged` : '',
        },
        observed: `${config.path}, version ${reading.merged?.version ?? 1}`,
        expected: 'valid TOML that containerd reads',
        evidence,
      });
    }
    const others = findings.length - 1;
    const options = {
      data: {
        text: worst.text,
        more: others > 0 ? ` (and ${others} more finding${others === 1 ? '' : 's'}; -v lists them)` : '',
      },
      observed: worst.where,
      expected: 'valid TOML that containerd reads',
      evidence: [...asEvidence(findings), ...evidence],
      fix: worst.fix,
    };
    return worst.severity === 'fail' ? report.fail(worst.id, options) : report.warn(worst.id, options);
  },
});
