/**
 * Everything wrong with containerd's config files, as findings: an id, a severity, a place, the data
 * its message template needs (the templates are the containerd-config check's messages) and a fix.
 * The checks that read the effective config skip when any finding is a failure, because containerd
 * would not run with that config.
 */
import type { Fix, MessageData, Unseen } from '../../contract/check.js';
import { isUnreadable } from '../../contract/check.js';
import type { ConfigFile } from '../../contract/facts.js';
import { formatPosition } from '../../parse/toml.js';
import { locate } from '../../parse/toml-locate.js';
import { memoOn } from '../memo.js';
import { type LintId, lintDocument } from './lint.js';
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
  | 'unsupportedVersion1x'
  | 'deprecatedV1'
  | 'importVersionHigher'
  | LintId
  | 'ignoredTable';

export interface Finding {
  severity: Severity;
  id: FindingId;
  data: MessageData;
  where: string;
  fix?: Fix;
}

const CONTAINERD_EXE = '& "$env:ProgramFiles\\containerd\\containerd.exe"';

function dumpCommand(path: string): string {
  return `${CONTAINERD_EXE} --config "${path}" config dump`;
}

function rewriteAsUtf8(path: string): string[] {
  return [
    `$text = Get-Content -Raw '${path}'`,
    `[IO.File]::WriteAllText('${path}', $text, (New-Object Text.UTF8Encoding $false))`,
  ];
}

function encodingFindings(file: ConfigFile, reading: ConfigReading): Finding[] {
  const where = describeFile(file);
  if (file.encoding === 'utf16le' || file.encoding === 'utf16be') {
    return [
      {
        severity: 'fail',
        id: 'utf16',
        where,
        data: { where },
        fix: {
          text: 'Rewrite the file as UTF-8 without a BOM, then restart containerd.',
          commands: [...rewriteAsUtf8(file.path), 'Restart-Service containerd'],
        },
      },
    ];
  }
  if (file.encoding === 'utf8-bom') {
    return [
      {
        severity: reading.line === '2.x' && !reading.lineAssumed ? 'fail' : 'warn',
        id: 'bom',
        where,
        data: { where },
        fix: {
          text: 'Save the file as UTF-8 without a BOM (PowerShell 5.1: use [IO.File]::WriteAllText, not Set-Content -Encoding UTF8).',
          commands: rewriteAsUtf8(file.path),
        },
      },
    ];
  }
  return [];
}

function contentFindings(file: ConfigFile, mainPath: string): Finding[] {
  const where = positionOf(file);
  if (file.template) {
    return [
      {
        severity: 'fail',
        id: 'template',
        where,
        data: { where, marker: file.template.marker },
        fix: {
          text: 'Render the template with the tool that owns it (Ansible, the AKS CSE, image-builder), or replace each placeholder by hand, then check the result and restart containerd.',
          commands: [`Select-String -Path '${file.path}' -Pattern '\\{\\{|\\{%'`, dumpCommand(mainPath)],
        },
      },
    ];
  }
  if (file.parse && !file.parse.ok) {
    return [
      {
        severity: 'fail',
        id: 'syntax',
        where,
        data: { where, error: file.parse.error.message },
        fix: {
          text: `Fix the TOML at ${where}. containerd refuses to start with an invalid config; "config dump" reads the same files and shows the error without restarting the service.`,
          commands: [dumpCommand(mainPath), 'Restart-Service containerd'],
        },
      },
    ];
  }
  return [];
}

function accessFindings(reading: ConfigReading): Finding[] {
  const findings: Finding[] = [];
  for (const blocker of reading.blockers) {
    const file = blocker.file;
    const where = describeFile(file);
    if (blocker.id === 'explicitMainMissing') {
      findings.push({
        severity: 'fail',
        id: 'explicitMissing',
        where,
        data: { path: file.path },
        fix: {
          text: "Restore the file, or write containerd's defaults there (ASCII, because PowerShell 5.1's default encoding is UTF-16) and edit from there.",
          commands: [
            `${CONTAINERD_EXE} config default | Out-File -Encoding ascii '${file.path}'`,
            'Restart-Service containerd',
          ],
        },
      });
    } else if (blocker.id === 'importMissing') {
      findings.push({
        severity: 'fail',
        id: 'importMissing',
        where,
        data: { where, path: file.path },
        fix: {
          text: 'Create the file or remove it from imports (only entries with * are globs that may match nothing).',
          commands: [],
        },
      });
    } else if (blocker.id === 'importUnreadable' && file.refused) {
      findings.push({
        severity: 'fail',
        id: 'importUnreadable',
        where,
        data: { where, reason: file.reason ?? file.refused },
        fix: {
          text: 'Point the imports entry at a regular TOML file, or remove it.',
          commands: [dumpCommand(file.importedBy ?? file.path)],
        },
      });
    }
  }
  return findings;
}

/** Config files that were collected and could not be read: the check cannot judge what it did not see. */
export function unseenFiles(reading: ConfigReading): Unseen[] {
  return reading.blockers
    .filter(
      (b) =>
        (b.id === 'importUnreadable' || b.id === 'mainUnreadable') && isUnreadable(b.file.state) && !b.file.refused,
    )
    .map((b) => ({
      fact: b.file.importedBy ? `containerd.config.import ${b.file.path}` : `containerd.config ${b.file.path}`,
      state: b.file.state,
      ...(b.file.reason === undefined ? {} : { reason: b.file.reason }),
    }));
}

function schemaFindings(reading: ConfigReading, main: ConfigFile, document: Record<string, unknown>): Finding[] {
  const where = formatPosition(main.path, locate(main.text ?? '', ['version']));
  if ('version' in document && versionOf(document) === undefined) {
    return [
      {
        severity: 'fail',
        id: 'badVersion',
        where,
        data: { where, value: JSON.stringify(document.version) },
        fix: {
          text: 'Write the version as a bare integer: version = 2 for containerd 1.x, version = 3 for 2.x.',
          commands: [dumpCommand(main.path)],
        },
      },
    ];
  }
  const version = reading.merged?.version ?? versionOf(document) ?? 1;
  const max = maxConfigVersion(reading.line, reading.containerd?.minor);
  const containerd = reading.containerd ? describeLine(reading) : `containerd ${reading.line}`;
  if (version > 4 || (version > max && !reading.lineAssumed)) {
    const on1x = reading.line === '1.x';
    return [
      {
        severity: 'fail',
        id: on1x ? 'unsupportedVersion1x' : 'unsupportedVersion',
        where,
        data: { where, version, max, containerd },
        fix: {
          text: on1x
            ? 'Use a version = 2 config with containerd 1.x, or upgrade containerd to 2.x.'
            : `Write a version ${max} config, or upgrade containerd.`,
          commands: [`${CONTAINERD_EXE} config default`],
        },
      },
    ];
  }
  if (version === 1) {
    return [
      {
        severity: 'warn',
        id: 'deprecatedV1',
        where,
        data: { where, path: main.path },
        fix: {
          text: 'Generate a current config and move your settings into it.',
          commands: [`${CONTAINERD_EXE} config default`],
        },
      },
    ];
  }
  return [];
}

function importVersionFindings(reading: ConfigReading, main: ConfigFile, document: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const migrate = [`${CONTAINERD_EXE} --config "${main.path}" config migrate`];
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
        data: {
          path: file.path,
          importVersion,
          rootVersion,
          consequence: `containerd 2.x refuses a drop-in newer than its root, and containerd 1.x does not read version ${importVersion}`,
        },
        fix: {
          text: "Write every imported file at the root config's version, or raise the root (containerd 2.x: 'containerd config migrate').",
          commands: migrate,
        },
      });
    }
  }
  for (const problem of reading.merged?.problems ?? []) {
    findings.push({
      severity: 'fail',
      id: 'importVersionHigher',
      where: problem.path,
      data: {
        path: problem.path,
        importVersion: problem.importVersion,
        rootVersion: problem.rootVersion,
        consequence: 'containerd 2.x refuses to start ("drop-in config version … higher than root config version …")',
      },
      fix: {
        text: "Raise the root config to the drop-in's version (containerd config migrate writes a current one), or write the drop-in at the root's version.",
        commands: migrate,
      },
    });
  }
  return findings;
}

function versionFindings(reading: ConfigReading): Finding[] {
  const main = reading.config?.files[0];
  const document = main?.parse?.ok ? main.parse.document : undefined;
  if (!document || !main) return [];
  const schema = schemaFindings(reading, main, document);
  if (schema.some((f) => f.id === 'badVersion')) return schema;
  return [...schema, ...importVersionFindings(reading, main, document)];
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
        id: finding.id,
        where,
        data: { ...finding.data, where },
        fix: {
          text: `Correct or remove ${finding.key} in ${file.path}, check the result, then restart containerd.`,
          commands: [dumpCommand(reading.config?.path ?? file.path), 'Restart-Service containerd'],
        },
      });
    }
  }
  for (const note of reading.resolution?.notes ?? []) {
    findings.push({
      severity: 'warn',
      id: 'ignoredTable',
      where: reading.config?.path ?? '',
      data: { table: note.table, why: note.why },
    });
  }
  return findings;
}

/** Fails first; among warnings, a deprecated schema is the least pressing. */
function bySeverity(a: Finding, b: Finding): number {
  const rank = (f: Finding) => (f.severity === 'fail' ? 0 : f.id === 'deprecatedV1' ? 2 : 1);
  return rank(a) - rank(b);
}

/** Every finding about the config, failures first; memoised on the reading. */
export const configFindings = memoOn(findingsOf);

function findingsOf(reading: ConfigReading): Finding[] {
  const config = reading.config;
  if (!config) return [];
  return [
    ...accessFindings(reading),
    ...config.files.flatMap((file) => [...encodingFindings(file, reading), ...contentFindings(file, config.path)]),
    ...versionFindings(reading),
    ...lintFindings(reading),
  ].sort(bySeverity);
}

/** The config has a problem containerd would not start with. */
export const hasFatalFinding = (reading: ConfigReading) => configFindings(reading).some((f) => f.severity === 'fail');
