import { defineCheck, describeUnseen } from '../src/contract/check.js';
import { configFindings, type FindingId, unseenFiles } from '../src/rules/containerd/findings.js';
import { readContainerdConfig, versionReason } from '../src/rules/containerd/reading.js';

const EXPECTED = 'a config this containerd loads';

/** One template per finding id; each finding keeps its id, data and fix in the report. */
const FINDING_MESSAGES: Record<FindingId, string> = {
  explicitMissing:
    '{{path}} does not exist, but containerd\'s command line names it with --config: containerd refuses to start ("{{error}}")',
  importMissing: '{{where}} does not exist: {{containerd}} refuses to start ("{{error}}")',
  importUnreadable: '{{where}} cannot be read as a file ({{reason}}): {{containerd}} refuses to start ("{{error}}")',
  mainRefused: '{{path}} cannot be read as a file ({{reason}}): containerd refuses to start ("{{error}}")',
  template:
    '{{where}} is an unrendered template: it still contains {{marker}}. The provisioning step that fills in its placeholders did not run, or the template was copied instead of its output',
  syntax: '{{where}}: {{containerd}} cannot parse the file and refuses to start: "{{error}}"',
  utf16:
    '{{where}} is UTF-16 (what PowerShell 5.1\'s Out-File and ">" write); containerd reads UTF-8 only and refuses to start: "{{error}}"',
  bom: '{{where}} starts with a UTF-8 BOM, which {{containerd}}\'s TOML parser (go-toml v2) refuses: "{{error}}"',
  invalidUtf8:
    '{{where}}: the bytes {{bytes}} are not UTF-8 (an "ANSI" code page such as Windows-1252); {{containerd}}\'s TOML parser (go-toml v2) refuses the file: "{{error}}"',
  bomBeforeUpgrade:
    "{{where}} starts with a UTF-8 BOM: {{containerd}}'s TOML parser (go-toml v1) skips it, but containerd 2.x's (go-toml v2) refuses the file",
  invalidUtf8BeforeUpgrade:
    "{{where}}: the bytes {{bytes}} are not UTF-8: {{containerd}}'s TOML parser (go-toml v1) reads them, but containerd 2.x's (go-toml v2) refuses the file",
  utf8Unknown:
    '{{where}} holds U+FFFD characters, and this snapshot predates the record of invalid UTF-8: if they stand for bytes in another encoding, containerd 2.x refuses the file',
  typeError:
    '{{where}}: {{key}} has the wrong type: {{containerd}} expects {{expected}} and refuses to start ({{stage}}): "{{error}}"',
  badPattern: '{{where}}: imports entry "{{entry}}" is not a valid glob: {{containerd}} refuses to start ("{{error}}")',
  unsupportedVersion:
    '{{where}}: config version {{version}} is newer than {{containerd}} reads (up to {{max}}); it refuses to start ("{{error}}")',
  unsupportedVersion1x:
    '{{where}}: config version {{version}} is for containerd 2.x; {{containerd}} refuses to start ("{{error}}")',
  invalidPluginUri:
    '{{where}}: "{{entry}}" in {{list}} is not a full plugin ID: {{containerd}} refuses to start ("{{error}}")',
  importVersionHigher:
    '{{path}}: version {{importVersion}} is higher than the root config\'s version {{rootVersion}}: {{containerd}} refuses to start ("{{error}}")',
  requiredPlugin: '{{where}}: {{entry}} is both required and disabled: {{containerd}} refuses to start ("{{error}}")',
  crash: '{{where}}: {{containerd}} crashes on this config instead of starting ("{{error}}")',
  criDisabled:
    '{{where}}: disabled_plugins turns off {{plugin}}, so {{containerd}} serves no CRI: the kubelet cannot run any pod on this node',
  criSettingsIgnored: '{{where}}: {{containerd}} ignores the CRI settings ({{tables}}) of this file: {{why}}',
  deprecatedV1:
    '{{path}} has no "version" key (or version = 1), so it is a version 1 config: deprecated in containerd 1.x; containerd 2.0–2.2 ignore its CRI settings. Write version = 2 (containerd 1.x) or 3 (2.x)',
  relativeGlobImport:
    '{{where}}: imports entry "{{entry}}" is a relative glob: {{containerd}} resolves it against its working directory (for a service, normally C:\\Windows\\System32), not the config\'s folder, so these files are not loaded: {{dropped}} (fixed in 1.6.29 and 1.7.16)',
  unmatchedImport:
    '{{where}}: imports entry "{{entry}}" matches no file (globs are case-sensitive), so nothing it was meant to add applies',
  otherLineRefuses:
    '{{where}}: read as {{assumed}} the config loads, but {{other}} refuses it ("{{error}}"); the containerd version decides',
  unseenImports:
    'the config could not be read completely ({{files}}), so whether containerd starts with it is not known',
  unknownKey: '{{where}}: containerd does not read {{key}} (it is no {{what}} of this containerd); it is ignored',
  misspelledKey: '{{where}}: {{key}} is not a {{what}} containerd knows; did you mean {{suggestion}}?',
  unknownPlugin: '{{where}}: {{key}} is not a plugin containerd knows; its settings are ignored',
  shortPluginKeyIgnored:
    '{{where}}: {{key}} uses a version 1 short name in a version {{version}} config: containerd 2.x never reads it{{suggestion}}',
  fullPluginKeyInV1:
    '{{where}}: {{key}} uses a full plugin ID in a version 1 config, where containerd 1.x looks plugins up by short ID ({{shortId}}) and ignores it; set version = 2 or rename it',
  moreLint: '{{count}} more keys containerd does not read, from {{where}} on (the first {{max}} are listed one by one)',
  ignoredTable: '{{where}}: {{table}} is not read: {{why}}',
};

export default defineCheck({
  meta: {
    id: 'containerd-config',
    title: 'containerd config is valid and readable',
    group: 'containerd',
  },
  messages: {
    valid: '{{path}} loads in {{containerd}} (config version {{version}}{{imports}})',
    builtInDefaults: 'no config file at {{path}}: containerd runs on its built-in defaults',
    mainUnreadable: '{{path}} could not be read ({{state}}): {{reason}}',
    versionUnreadable:
      "{{path}} loads when read as {{containerd}}, but containerd's version could not be read ({{reason}}), and how containerd reads a config (its TOML parser, migration, imports) depends on it",
    ...FINDING_MESSAGES,
  },
  run(facts, report) {
    const reading = readContainerdConfig(facts);
    const config = reading.config;
    const load = reading.load;
    if (!config || !load)
      return report.unavailable("containerd's config", reading.fact, 'give it with --containerd-config');
    const evidence = [...reading.evidence];
    if (load.builtInDefaultsOnly) {
      return report.pass('builtInDefaults', {
        data: { path: config.path },
        observed: 'no config file',
        expected: 'a valid config, or none',
        evidence,
      });
    }
    const unseen = unseenFiles(reading);
    const mainUnseen = load.unseen.find((f) => f.path === config.path && f.importedBy === undefined);
    if (mainUnseen && load.files.length === 0) {
      const data = { path: mainUnseen.path, state: mainUnseen.state, reason: mainUnseen.reason ?? 'no reason given' };
      return report.cannotJudge('mainUnreadable', unseen, { data, evidence });
    }
    const findings = configFindings(reading).map((f) =>
      report.finding(f.severity, f.id, { data: f.data, where: f.where, ...(f.fix ? { fix: f.fix } : {}) }),
    );
    const options = { observed: findings[0]?.options.where ?? config.path, expected: EXPECTED, evidence };
    // What could not be read may hold the failure; without a failure in what was read, the check cannot judge.
    if (unseen.length > 0 && !findings.some((f) => f.status === 'fail')) {
      findings.unshift(
        report.finding('skip', 'unseenImports', {
          data: { files: describeUnseen(unseen) },
        }),
      );
      return report.of(findings, { ...options, unseen });
    }
    if (findings.length === 0 && reading.versionUnseen.length > 0) {
      const data = { path: config.path, containerd: load.family.label, reason: versionReason(reading) };
      return report.cannotJudge('versionUnreadable', reading.versionUnseen, { data, evidence });
    }
    if (findings.length === 0) {
      const imports = load.files.length - 1;
      return report.pass('valid', {
        data: {
          path: config.path,
          containerd: load.family.label,
          version: load.version,
          imports: imports > 0 ? `, ${imports} import${imports === 1 ? '' : 's'} merged` : '',
        },
        observed: `${config.path}, version ${load.version}`,
        expected: EXPECTED,
        evidence,
      });
    }
    return report.of(findings, options);
  },
});
