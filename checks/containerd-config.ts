import { defineCheck } from '../src/contract/check.js';
import { configFindings, type FindingId, unseenFiles } from '../src/rules/containerd/findings.js';
import { readContainerdConfig } from '../src/rules/containerd/reading.js';

const EXPECTED = 'valid TOML that containerd reads';

/** One template per finding id; each finding keeps its id, data and fix in the report. */
const FINDING_MESSAGES: Record<FindingId, string> = {
  explicitMissing:
    "{{path}} does not exist, but containerd's command line names it with --config: containerd refuses to start without it",
  importMissing:
    '{{where}} does not exist: containerd refuses to start (1.x says "failed to load TOML: {{path}}: …"; 2.x reports the file it cannot open)',
  importUnreadable: '{{where}} cannot be read as a file ({{reason}}): containerd refuses to start with it',
  template:
    '{{where}} is an unrendered template: it still contains {{marker}}. The provisioning step that fills in its placeholders did not run, or the template was copied instead of its output',
  syntax: '{{where}}: not valid TOML: {{error}}',
  utf16:
    '{{where}} is UTF-16 (what PowerShell 5.1\'s Out-File and ">" write); containerd reads UTF-8 only and cannot parse it',
  bom: "{{where}} starts with a UTF-8 BOM: containerd 1.x's TOML parser skips it, but containerd 2.x's (go-toml v2) does not and fails on the first key",
  badVersion:
    '{{where}}: version = {{value}} is not a schema version (1, 2, 3 or 4); containerd cannot decode it and refuses to start',
  unsupportedVersion1x:
    '{{where}}: config version {{version}} is for containerd 2.x; {{containerd}} rejects it (1.6.32+/1.7.17+) or, if older, ignores its CRI settings',
  unsupportedVersion:
    '{{where}}: config version {{version}} is newer than {{containerd}} reads (up to {{max}}); it refuses to start',
  deprecatedV1:
    '{{path}} has no "version" key, so it is a version 1 config: deprecated in containerd 1.x and migrated on every start by 2.x; write version = 2 (containerd 1.x) or 3 (2.x)',
  importVersionHigher:
    "{{path}}: version {{importVersion}} is higher than the root config's version {{rootVersion}}; {{consequence}}",
  unknownKey: '{{where}}: {{key}} is not a top-level key containerd knows; it is ignored',
  misspelledKey: '{{where}}: {{key}} is not a {{what}} containerd knows; did you mean {{suggestion}}?',
  unknownPlugin: '{{where}}: {{key}} is not a plugin containerd knows; its settings are ignored',
  shortPluginKey:
    '{{where}}: {{key}} uses a version 1 short name in a version {{version}} config: containerd 1.x refuses to start with "invalid plugin key URI \\"{{name}}\\" expect io.containerd.x.vx"{{suggestion}}',
  shortPluginKeyIgnored:
    '{{where}}: {{key}} uses a version 1 short name in a version {{version}} config: containerd 2.x never reads it{{suggestion}}',
  fullPluginKeyInV1:
    '{{where}}: {{key}} uses a full plugin ID in a version 1 config, where containerd 1.x looks plugins up by short ID ({{shortId}}) and ignores it; set version = 2 or rename it',
  relativeGlobImport:
    '{{where}}: imports entry "{{entry}}" is a relative glob: containerd 1.x resolves it against the service\'s working directory (C:\\Windows\\System32), not the config\'s folder (fixed in 2.0 by containerd#9746); use an absolute path',
  ignoredTable: '{{table}} is not read: {{why}}',
};

export default defineCheck({
  meta: {
    id: 'containerd-config',
    title: 'containerd config is valid and readable',
    group: 'containerd',
  },
  messages: {
    valid: '{{path}} is valid (config version {{version}}{{imports}})',
    builtInDefaults: 'no config file at {{path}}: containerd runs on its built-in defaults',
    mainUnreadable: '{{path}} could not be read ({{state}}): {{reason}}',
    mainRefused: '{{path}} cannot be read as a file ({{reason}}): containerd refuses to start with it',
    unseenImports:
      'the config could not be read completely ({{files}}), so whether containerd starts with it is not known',
    ...FINDING_MESSAGES,
  },
  run(facts, report) {
    const reading = readContainerdConfig(facts);
    const config = reading.config;
    if (!config) return report.unavailable("containerd's config", reading.fact, 'give it with --containerd-config');
    const evidence = [...reading.evidence];
    if (reading.builtInDefaultsOnly) {
      return report.pass('builtInDefaults', {
        data: { path: config.path },
        observed: 'no config file',
        expected: 'a valid config, or none',
        evidence,
      });
    }
    const unseen = unseenFiles(reading);
    const mainBlocker = reading.blockers.find((b) => b.id === 'mainUnreadable');
    if (mainBlocker?.file.refused) {
      const { file } = mainBlocker;
      return report.fail('mainRefused', {
        data: { path: file.path, reason: file.reason ?? file.refused ?? 'not a file' },
        observed: file.reason,
        expected: EXPECTED,
        evidence,
        fix: {
          text: 'Point --config at a regular TOML file (or restore config.toml), then restart containerd.',
          commands: ['Restart-Service containerd'],
        },
      });
    }
    if (mainBlocker) {
      const { file } = mainBlocker;
      const data = { path: file.path, state: file.state, reason: file.reason ?? 'no reason given' };
      return report.cannotJudge('mainUnreadable', unseen, { data, evidence });
    }
    const findings = configFindings(reading).map((f) =>
      report.finding(f.severity, f.id, { data: f.data, where: f.where, fix: f.fix }),
    );
    const options = { observed: findings[0]?.options.where ?? config.path, expected: EXPECTED, evidence };
    // What could not be read may hold the failure; without a failure in what was read, the check cannot judge.
    if (unseen.length > 0 && !findings.some((f) => f.status === 'fail')) {
      findings.unshift(
        report.finding('skip', 'unseenImports', {
          data: { files: unseen.map((u) => `${u.fact}: ${u.state}`).join('; ') },
        }),
      );
      return { ...report.of(findings, options), skipReason: 'unreadable', unseen };
    }
    if (findings.length === 0) {
      const imports = config.files.length - 1;
      const version = reading.merged?.version ?? 1;
      return report.pass('valid', {
        data: {
          path: config.path,
          version,
          imports: imports > 0 ? `, ${imports} import${imports === 1 ? '' : 's'} merged` : '',
        },
        observed: `${config.path}, version ${version}`,
        expected: EXPECTED,
        evidence,
      });
    }
    return report.of(findings, options);
  },
});
