/**
 * Everything wrong with containerd's config files, as findings with a severity, a place and a fix.
 * The containerd-config check reports them; the checks that read the effective config skip when any
 * finding is a failure, because containerd would not run with that config.
 */
import type { Evidence, Fix } from '../../check.js';
import type { ConfigFile } from '../../facts.js';
import { formatPosition } from '../toml.js';
import { lintDocument } from './lint.js';
import { locate } from './locate.js';
import { versionOf } from './merge.js';
import { maxConfigVersion } from './model.js';
import { type ConfigReading, describeFile, describeLine, positionOf } from './reading.js';

export type Severity = 'fail' | 'warn';
export type FindingId =
  | 'explicitMissing'
  | 'importMissing'
  | 'importUnreadable'
  | 'template'
  | 'syntax'
  | 'utf16'
  | 'bom'
  | 'badVersion'
  | 'unsupportedVersion'
  | 'deprecatedV1'
  | 'importVersionHigher'
  | 'lint'
  | 'ignoredTables';

export interface Finding {
  severity: Severity;
  id: FindingId;
  text: string;
  where: string;
  fix?: Fix;
}

/** The containerd-config message for every finding: each is written out in full where it is found. */
export const FINDING = '{{text}}{{more}}';

const CONTAINERD_EXE = '& "$env:ProgramFiles\\containerd\\containerd.exe"';

function dumpCommand(path: string): string {
  return `${CONTAINERD_EXE} --config "${path}" config dump`;
}

function fileFindings(file: ConfigFile, reading: ConfigReading, mainPath: string): Finding[] {
  const findings: Finding[] = [];
  const where = describeFile(file);
  if (file.encoding === 'utf16le' || file.encoding === 'utf16be') {
    findings.push({
      severity: 'fail',
      id: 'utf16',
      where,
      text: `${where} is UTF-16 (what PowerShell 5.1's Out-File and ">" write); containerd reads UTF-8 only and cannot parse it`,
      fix: {
        text: 'Rewrite the file as UTF-8 without a BOM, then restart containerd.',
        commands: [
          `$text = Get-Content -Raw '${file.path}'`,
          `[IO.File]::WriteAllText('${file.path}', $text, (New-Object Text.UTF8Encoding $false))`,
          'Restart-Service containerd',
        ],
      },
    });
  } else if (file.encoding === 'utf8-bom') {
    const severity: Severity = reading.line === '2.x' && !reading.lineAssumed ? 'fail' : 'warn';
    findings.push({
      severity,
      id: 'bom',
      where,
      text: `${where} starts with a UTF-8 BOM: containerd 1.x's TOML parser skips it, but containerd 2.x's (go-toml v2) does not and fails on the first key`,
      fix: {
        text: 'Save the file as UTF-8 without a BOM (PowerShell 5.1: use [IO.File]::WriteAllText, not Set-Content -Encoding UTF8).',
        commands: [
          `$text = Get-Content -Raw '${file.path}'`,
          `[IO.File]::WriteAllText('${file.path}', $text, (New-Object Text.UTF8Encoding $false))`,
        ],
      },
    });
  }
  if (file.template) {
    const { marker } = file.template;
    findings.push({
      severity: 'fail',
      id: 'template',
      where: positionOf(file),
      text: `${positionOf(file)} is an unrendered template: it still contains ${marker}. The provisioning step that fills in its placeholders did not run, or the template was copied instead of its output`,
      fix: {
        text: 'Render the template with the tool that owns it (Ansible, the AKS CSE, image-builder), or replace each placeholder by hand, then check the result and restart containerd.',
        commands: [`Select-String -Path '${file.path}' -Pattern '\\{\\{|\\{%'`, dumpCommand(mainPath)],
      },
    });
  } else if (file.parse && !file.parse.ok) {
    findings.push({
      severity: 'fail',
      id: 'syntax',
      where: positionOf(file),
      text: `${positionOf(file)}: not valid TOML: ${file.parse.error.message}`,
      fix: {
        text: `Fix the TOML at ${positionOf(file)}. containerd refuses to start with an invalid config; "config dump" reads the same files and shows the error without restarting the service.`,
        commands: [dumpCommand(mainPath), 'Restart-Service containerd'],
      },
    });
  }
  return findings;
}

function accessFindings(reading: ConfigReading): Finding[] {
  const findings: Finding[] = [];
  for (const blocker of reading.blockers) {
    const where = describeFile(blocker.file);
    if (blocker.id === 'explicitMainMissing') {
      findings.push({
        severity: 'fail',
        id: 'explicitMissing',
        where,
        text: `${blocker.file.path} does not exist, but containerd's command line names it with --config: containerd refuses to start without it`,
        fix: {
          text: "Restore the file, or write containerd's defaults there (ASCII, because PowerShell 5.1's default encoding is UTF-16) and edit from there.",
          commands: [
            `${CONTAINERD_EXE} config default | Out-File -Encoding ascii '${blocker.file.path}'`,
            'Restart-Service containerd',
          ],
        },
      });
    } else if (blocker.id === 'importMissing') {
      findings.push({
        severity: 'fail',
        id: 'importMissing',
        where,
        text: `${where} does not exist: containerd refuses to start (1.x says "failed to load TOML: ${blocker.file.path}: …"; 2.x reports the file it cannot open)`,
        fix: {
          text: 'Create the file or remove it from imports (only entries with * are globs that may match nothing).',
          commands: [],
        },
      });
    } else if (blocker.id === 'importUnreadable') {
      findings.push({
        severity: 'warn',
        id: 'importUnreadable',
        where,
        text: `${where} could not be read (${blocker.file.state}${blocker.file.reason ? `: ${blocker.file.reason}` : ''}), so the effective config is not known`,
      });
    }
  }
  return findings;
}

function versionFindings(reading: ConfigReading): Finding[] {
  const findings: Finding[] = [];
  const main = reading.config?.files[0];
  const document = main?.parse?.ok ? main.parse.document : undefined;
  if (!document || !main) return findings;
  const where = formatPosition(main.path, locate(main.text ?? '', ['version']));
  if ('version' in document && versionOf(document) === undefined) {
    findings.push({
      severity: 'fail',
      id: 'badVersion',
      where,
      text: `${where}: version = ${JSON.stringify(document.version)} is not a schema version (1, 2, 3 or 4); containerd cannot decode it and refuses to start`,
      fix: {
        text: 'Write the version as a bare integer: version = 2 for containerd 1.x, version = 3 for 2.x.',
        commands: [dumpCommand(main.path)],
      },
    });
    return findings;
  }
  const version = reading.merged?.version ?? versionOf(document) ?? 1;
  const max = maxConfigVersion(reading.line, reading.containerd?.minor);
  const known = reading.containerd ? describeLine(reading) : `containerd ${reading.line}`;
  if (version > 4 || (version > max && !reading.lineAssumed)) {
    findings.push({
      severity: 'fail',
      id: 'unsupportedVersion',
      where,
      text:
        reading.line === '1.x'
          ? `config version ${version} is for containerd 2.x; ${known} rejects it (1.6.32+/1.7.17+) or, if older, ignores its CRI settings`
          : `config version ${version} is newer than ${known} reads (up to ${max}); it refuses to start`,
      fix: {
        text:
          reading.line === '1.x'
            ? 'Use a version = 2 config with containerd 1.x, or upgrade containerd to 2.x.'
            : `Write a version ${max} config, or upgrade containerd.`,
        commands: [`${CONTAINERD_EXE} config default`],
      },
    });
  } else if (version === 1) {
    findings.push({
      severity: 'warn',
      id: 'deprecatedV1',
      where,
      text: `${main.path} has no "version" key, so it is a version 1 config: deprecated in containerd 1.x and migrated on every start by 2.x; write version = 2 (containerd 1.x) or 3 (2.x)`,
      fix: {
        text: 'Generate a current config and move your settings into it.',
        commands: [`${CONTAINERD_EXE} config default`],
      },
    });
  }
  // With the containerd line only assumed, a drop-in newer than its root fails either way: 1.x rejects
  // version 3 (1.6.32+/1.7.17+), 2.x rejects a drop-in above the root's version.
  const rootVersion = versionOf(document) ?? 1;
  if (reading.lineAssumed) {
    for (const file of reading.config?.files.slice(1) ?? []) {
      const importVersion = file.parse?.ok ? versionOf(file.parse.document) : undefined;
      if (importVersion === undefined || importVersion <= rootVersion) continue;
      findings.push({
        severity: 'fail',
        id: 'importVersionHigher',
        where: file.path,
        text: `${file.path}: version ${importVersion} is newer than the root config's version ${rootVersion}; containerd 2.x refuses a drop-in newer than its root, and containerd 1.x does not read version ${importVersion}`,
        fix: {
          text: "Write every imported file at the root config's version, or raise the root (containerd 2.x: 'containerd config migrate').",
          commands: [`${CONTAINERD_EXE} --config "${main.path}" config migrate`],
        },
      });
    }
  }
  for (const problem of reading.merged?.problems ?? []) {
    findings.push({
      severity: 'fail',
      id: 'importVersionHigher',
      where: problem.path,
      text: `${problem.path}: ${problem.message}; containerd 2.x refuses to start`,
      fix: {
        text: `Raise the root config to the drop-in's version (containerd config migrate writes a current one), or write the drop-in at the root's version.`,
        commands: [`${CONTAINERD_EXE} --config "${main.path}" config migrate`],
      },
    });
  }
  return findings;
}

function lintFindings(reading: ConfigReading): Finding[] {
  const findings: Finding[] = [];
  for (const file of reading.config?.files ?? []) {
    if (!file.parse?.ok) continue;
    const version =
      reading.line === '1.x'
        ? (reading.merged?.version ?? versionOf(file.parse.document) ?? 1)
        : (versionOf(file.parse.document) ?? 1);
    for (const finding of lintDocument(file.parse.document, version, reading.lineAssumed ? undefined : reading.line)) {
      const where = formatPosition(file.path, locate(file.text ?? '', finding.segments));
      findings.push({
        severity: finding.severity,
        id: 'lint',
        where,
        text: `${where}: ${finding.message}`,
        fix: {
          text: `Correct or remove ${finding.key} in ${file.path}, check the result, then restart containerd.`,
          commands: [dumpCommand(reading.config?.path ?? file.path), 'Restart-Service containerd'],
        },
      });
    }
  }
  for (const note of reading.resolution?.notes ?? []) {
    findings.push({ severity: 'warn', id: 'ignoredTables', where: reading.config?.path ?? '', text: note });
  }
  return findings;
}

export function asEvidence(findings: Finding[]): Evidence[] {
  return findings.map((f) => ({
    fact: 'containerd.config.finding',
    state: 'ok',
    value: `${f.severity}: ${f.text}`,
    source: { kind: 'derived', path: f.where },
  }));
}

/** Fails first; among warnings, a deprecated schema is the least pressing. */
function bySeverity(a: Finding, b: Finding): number {
  const rank = (f: Finding) => (f.severity === 'fail' ? 0 : f.id === 'deprecatedV1' ? 2 : 1);
  return rank(a) - rank(b);
}

/** Every finding about the config, failures first. */
export function configFindings(reading: ConfigReading): Finding[] {
  const config = reading.config;
  if (!config) return [];
  return [
    ...accessFindings(reading),
    ...config.files.flatMap((file) => fileFindings(file, reading, config.path)),
    ...versionFindings(reading),
    ...lintFindings(reading),
  ].sort(bySeverity);
}

/** The config has a problem containerd would not start with. */
export const hasFatalFinding = (reading: ConfigReading) => configFindings(reading).some((f) => f.severity === 'fail');
