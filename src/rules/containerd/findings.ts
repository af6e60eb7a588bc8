/**
 * Everything wrong with containerd's config, as findings: an id, a severity, a place, the data its message
 * template needs (the templates are the containerd-config check's messages) and a fix. A refusal of the
 * load is a failure worded as containerd words it; the checks that read the effective config skip when a
 * finding is a failure, because containerd would not run with that config (or not run its CRI plugin).
 */
import type { Fix, MessageData, Unseen } from '../../contract/check.js';
import { isUnreadable } from '../../contract/check.js';
import type { ConfigFile } from '../../contract/facts.js';
import { formatPosition } from '../../parse/toml.js';
import { hasUnrecordedReplacement } from '../../parse/toml-read.js';
import { memoOn } from '../memo.js';
import { psQuote } from '../powershell.js';
import { type LintId, lintFile } from './lint.js';
import type { LoadResult, Refusal } from './load.js';
import { CRI_GRPC_KEY, CRI_IMAGES_KEY, CRI_RUNTIME_KEY, tablePath } from './model.js';
import { type ConfigReading, describeFile } from './reading.js';
import { at } from './tree.js';

export type Severity = 'fail' | 'warn' | 'skip';
export type FindingId =
  | 'explicitMissing'
  | 'importMissing'
  | 'importUnreadable'
  | 'mainRefused'
  | 'template'
  | 'syntax'
  | 'utf16'
  | 'bom'
  | 'invalidUtf8'
  | 'bomBeforeUpgrade'
  | 'invalidUtf8BeforeUpgrade'
  | 'utf8Unknown'
  | 'typeError'
  | 'badPattern'
  | 'unsupportedVersion'
  | 'unsupportedVersion1x'
  | 'invalidPluginUri'
  | 'importVersionHigher'
  | 'requiredPlugin'
  | 'crash'
  | 'criDisabled'
  | 'criSettingsIgnored'
  | 'deprecatedV1'
  | 'relativeGlobImport'
  | 'unmatchedImport'
  | 'otherLineRefuses'
  | 'unseenImports'
  | LintId
  | 'moreLint'
  | 'ignoredTable';

export interface Finding {
  severity: Severity;
  id: FindingId;
  data: MessageData;
  where: string;
  fix?: Fix;
}

const CONTAINERD_EXE = '& "$env:ProgramFiles\\containerd\\containerd.exe"';

export function dumpCommand(path: string): string {
  return `${CONTAINERD_EXE} --config ${psQuote(path)} config dump`;
}

function rewriteAsUtf8(path: string, from = ''): string[] {
  return [
    `$text = Get-Content -Raw ${from}${psQuote(path)}`,
    `[IO.File]::WriteAllText(${psQuote(path)}, $text, (New-Object Text.UTF8Encoding $false))`,
  ];
}

const restart = 'Restart-Service containerd';

/** The file a refusal names, with its position. */
function whereOf(refusal: Refusal, fallback: string): string {
  return formatPosition(refusal.file ?? fallback, refusal.line, refusal.column);
}

function fileNamed(reading: ConfigReading, path: string | undefined): ConfigFile | undefined {
  return reading.config?.files.find((f) => f.path === path);
}

/** The failure for containerd's refusal to start (or crash), worded as containerd words it. */
function refusalFinding(reading: ConfigReading, load: LoadResult, refusal: Refusal): Finding {
  const config = reading.config as NonNullable<ConfigReading['config']>;
  const main = config.path;
  const where = whereOf(refusal, main);
  const containerd = load.family.label;
  const base = { where, containerd, error: refusal.message };
  const file = fileNamed(reading, refusal.file);
  switch (refusal.id) {
    case 'explicitMissing':
      return {
        severity: 'fail',
        id: 'explicitMissing',
        where,
        data: { path: refusal.file ?? main, error: refusal.message },
        fix: {
          text: "Restore the file, or write containerd's defaults there (ASCII, because PowerShell 5.1's default encoding is UTF-16) and edit from there.",
          commands: [
            `${CONTAINERD_EXE} config default | Out-File -Encoding ascii ${psQuote(refusal.file ?? main)}`,
            restart,
          ],
        },
      };
    case 'importMissing':
      return {
        severity: 'fail',
        id: 'importMissing',
        where: file ? describeFile(file) : where,
        data: { ...base, where: file ? describeFile(file) : where, path: refusal.file ?? '' },
        fix: {
          text: 'Create the file or remove it from imports (only entries with * are globs, which may match nothing).',
          commands: [dumpCommand(main)],
        },
      };
    case 'unreadableFile':
      return file && file.importedBy === undefined
        ? {
            severity: 'fail',
            id: 'mainRefused',
            where,
            data: { path: file.path, reason: file.reason ?? file.refused ?? 'not a file', error: refusal.message },
            fix: {
              text: 'Point --config at a regular TOML file (or restore config.toml), then restart containerd.',
              commands: [restart],
            },
          }
        : {
            severity: 'fail',
            id: 'importUnreadable',
            where: file ? describeFile(file) : where,
            data: {
              ...base,
              where: file ? describeFile(file) : where,
              reason: file?.reason ?? file?.refused ?? 'not a file',
            },
            fix: {
              text: 'Point the imports entry at a regular TOML file, or remove it.',
              commands: [dumpCommand(main)],
            },
          };
    case 'syntax':
      return syntaxFinding(reading, load, refusal, file);
    case 'typeError':
    case 'pluginTypeError':
      return {
        severity: 'fail',
        id: 'typeError',
        where,
        data: {
          ...base,
          key: refusal.key ? tablePath(refusal.key) : 'a value',
          expected: refusal.expected ?? 'another type',
          stage:
            refusal.id === 'pluginTypeError'
              ? `when it loads the ${refusal.key?.[1] ?? 'CRI'} plugin`
              : 'when it reads the file',
        },
        fix: {
          text: `Write ${refusal.key ? tablePath(refusal.key) : 'the value'} as ${refusal.expected ? `a ${refusal.expected}` : 'the type containerd expects'} in ${where}, check the result, then restart containerd.`,
          commands: [dumpCommand(main), restart],
        },
      };
    case 'badPattern':
      return {
        severity: 'fail',
        id: 'badPattern',
        where,
        data: { ...base, entry: refusal.entry ?? '' },
        fix: {
          text: 'Fix the glob in imports (a `[` with no closing `]`, a stray `\\`), or list the files instead.',
          commands: [dumpCommand(main)],
        },
      };
    case 'unsupportedVersion': {
      const on1x = load.family.line === '1.x';
      return {
        severity: 'fail',
        id: on1x ? 'unsupportedVersion1x' : 'unsupportedVersion',
        where,
        data: { ...base, version: refusal.version ?? 0, max: refusal.max ?? 0 },
        fix: {
          text: on1x
            ? 'Use a version = 2 config with containerd 1.x, or upgrade containerd to 2.x.'
            : `Write a version ${refusal.max} config (containerd config migrate writes one), or upgrade containerd.`,
          commands: [`${CONTAINERD_EXE} config default`],
        },
      };
    }
    case 'invalidPluginUri':
      return {
        severity: 'fail',
        id: 'invalidPluginUri',
        where,
        data: { ...base, entry: refusal.entry ?? '', list: refusal.list ?? 'disabled_plugins' },
        fix: {
          text: `Write the full plugin ID (io.containerd.<type>.v<N>.<name>, e.g. ${CRI_GRPC_KEY}) in ${refusal.list ?? 'disabled_plugins'} of ${where}, or remove the entry.`,
          commands: [dumpCommand(main), restart],
        },
      };
    case 'dropInVersion':
      return {
        severity: 'fail',
        id: 'importVersionHigher',
        where,
        data: { ...base, path: refusal.file ?? '', importVersion: refusal.version ?? 0, rootVersion: refusal.max ?? 0 },
        fix: {
          text: "Raise the root config to the drop-in's version (containerd config migrate writes a current one), or write the drop-in at the root's version; containerd after 2.3.4 drops this check.",
          commands: [`${CONTAINERD_EXE} --config ${psQuote(main)} config migrate`],
        },
      };
    case 'requiredPlugin':
      return {
        severity: 'fail',
        id: 'requiredPlugin',
        where,
        data: { ...base, entry: refusal.entry ?? '' },
        fix: {
          text: 'Remove the plugin from disabled_plugins or from required_plugins.',
          commands: [dumpCommand(main), restart],
        },
      };
    default:
      return {
        severity: 'fail',
        id: 'crash',
        where,
        data: base,
        fix: {
          text: `Correct the value at ${where}; ${containerd} crashes on it instead of reporting an error.`,
          commands: [dumpCommand(main)],
        },
      };
  }
}

/** A file its parser refuses: the template, encoding and UTF-8 cases get their own explanation. */
function syntaxFinding(
  reading: ConfigReading,
  load: LoadResult,
  refusal: Refusal,
  file: ConfigFile | undefined,
): Finding {
  const main = (reading.config as NonNullable<ConfigReading['config']>).path;
  const where = whereOf(refusal, main);
  const data = { where, containerd: load.family.label, error: refusal.message };
  const fixSyntax: Fix = {
    text: `Fix the TOML at ${where}. containerd refuses to start with it; "config dump" reads the same files and shows the error without restarting the service.`,
    commands: [dumpCommand(main), restart],
  };
  if (file?.template) {
    return {
      severity: 'fail',
      id: 'template',
      where: formatPosition(file.path, file.template.line, file.template.column),
      data: {
        ...data,
        where: formatPosition(file.path, file.template.line, file.template.column),
        marker: file.template.marker,
      },
      fix: {
        text: 'Render the template with the tool that owns it (Ansible, the AKS CSE, image-builder), or replace each placeholder by hand, then check the result and restart containerd.',
        commands: [`Select-String -Path ${psQuote(file.path)} -Pattern '\\{\\{|\\{%'`, dumpCommand(main)],
      },
    };
  }
  if (file && (file.encoding === 'utf16le' || file.encoding === 'utf16be'))
    return {
      severity: 'fail',
      id: 'utf16',
      where: describeFile(file),
      data: { ...data, where: describeFile(file) },
      fix: {
        text: 'Rewrite the file as UTF-8 without a BOM, then restart containerd.',
        commands: [...rewriteAsUtf8(file.path), restart],
      },
    };
  if (file?.encoding === 'utf8-bom' && refusal.line === 1 && refusal.column === 1)
    return {
      severity: 'fail',
      id: 'bom',
      where: describeFile(file),
      data: { ...data, where: describeFile(file) },
      fix: {
        text: 'Save the file as UTF-8 without a BOM (PowerShell 5.1: use [IO.File]::WriteAllText, not Set-Content -Encoding UTF8), then restart containerd.',
        commands: [...rewriteAsUtf8(file.path), restart],
      },
    };
  if (file?.invalidUtf8 && refusal.line === file.invalidUtf8.line)
    return {
      severity: 'fail',
      id: 'invalidUtf8',
      where,
      data: { ...data, bytes: file.invalidUtf8.bytes.toUpperCase() },
      fix: {
        text: `The file is not UTF-8 at ${where} (bytes ${file.invalidUtf8.bytes.toUpperCase()}: Windows-1252 or another "ANSI" code page, what Notepad and PowerShell 5.1's Set-Content write). Convert it to UTF-8 without a BOM, then restart containerd.`,
        commands: [...rewriteAsUtf8(file.path, '-Encoding Default '), restart],
      },
    };
  return { severity: 'fail', id: 'syntax', where, data, fix: fixSyntax };
}

/** Config files that were collected and could not be read: the check cannot judge what it did not see. */
export function unseenFiles(reading: ConfigReading): Unseen[] {
  return (reading.load?.unseen ?? []).map((file) => ({
    fact: file.importedBy ? `containerd.config.import ${file.path}` : `containerd.config ${file.path}`,
    state: isUnreadable(file.state) ? file.state : 'error',
    ...(file.reason === undefined ? {} : { reason: file.reason }),
  }));
}

/** Warnings about what a file says that a 1.x containerd reads but 2.x would refuse (BOM, not UTF-8). */
function upgradeWarnings(reading: ConfigReading, load: LoadResult): Finding[] {
  if (load.family.line !== '1.x') return [];
  const out: Finding[] = [];
  for (const loaded of load.files) {
    const file = loaded.file;
    if (file.encoding === 'utf8-bom')
      out.push({
        severity: 'warn',
        id: 'bomBeforeUpgrade',
        where: describeFile(file),
        data: { where: describeFile(file), containerd: load.family.label },
        fix: {
          text: 'Save the file as UTF-8 without a BOM before upgrading to containerd 2.x, which refuses it.',
          commands: rewriteAsUtf8(file.path),
        },
      });
    if (file.invalidUtf8)
      out.push({
        severity: 'warn',
        id: 'invalidUtf8BeforeUpgrade',
        where: formatPosition(file.path, file.invalidUtf8.line, file.invalidUtf8.column),
        data: {
          where: formatPosition(file.path, file.invalidUtf8.line, file.invalidUtf8.column),
          containerd: load.family.label,
          bytes: file.invalidUtf8.bytes.toUpperCase(),
        },
        fix: {
          text: 'Convert the file to UTF-8 before upgrading to containerd 2.x, which refuses other encodings.',
          commands: rewriteAsUtf8(file.path, '-Encoding Default '),
        },
      });
  }
  void reading;
  return out;
}

/** A 2.x reading of a snapshot that predates invalid-UTF-8 recording: U+FFFD may have been another byte. */
function utf8Unknown(load: LoadResult): Finding[] {
  if (load.family.line !== '2.x') return [];
  return load.files
    .filter((f) => hasUnrecordedReplacement(f.file))
    .map((f) => ({
      severity: 'warn' as const,
      id: 'utf8Unknown' as const,
      where: describeFile(f.file),
      data: { where: describeFile(f.file) },
      fix: {
        text: 'Collect the node again with this doctor, which records the bytes containerd 2.x would refuse.',
        commands: [],
      },
    }));
}

/** Settings containerd reads from nowhere (2.0–2.2's version handling, 1.x reading a version 3 file). */
function ignoredSettings(reading: ConfigReading, load: LoadResult): Finding[] {
  const out: Finding[] = [];
  const family = load.family;
  const main = reading.config?.path ?? '';
  for (const loaded of load.files) {
    const plugins = at(loaded.tree, 'plugins');
    if (plugins?.kind !== 'table') continue;
    const cri = plugins.entries.get(CRI_GRPC_KEY) ?? plugins.entries.get('cri');
    const criTables =
      cri?.kind === 'table'
        ? ['containerd', 'cni', 'registry'].filter(
            (k) => cri.entries.get(k)?.kind === 'table' || (k === 'registry' && cri.entries.has('sandbox_image')),
          )
        : [];
    const where = formatPosition(loaded.file.path, cri?.pos.line);
    if (family.id === '2.0-2.2' && criTables.length > 0 && load.version >= 3) {
      // server.New migrates the CRI tables only when the merged version is below 3 (@v2.0.0 server.go:246-261).
      const why =
        loaded.version <= 1
          ? `its version ${loaded.version === 0 ? '1 (no version key)' : '1'} is migrated to the merged version ${load.version} at load, and at version ${load.version} the CRI plugin migration does not run`
          : `the merged version is ${load.version} (a file with version ${load.version} raised it), so the CRI plugin migration does not run`;
      if (loaded.version <= 2)
        out.push({
          severity: 'fail',
          id: 'criSettingsIgnored',
          where,
          data: { where, containerd: family.label, tables: criTables.join(', '), why },
          fix: {
            text: `containerd 2.0–2.2 read CRI settings from plugins."${CRI_RUNTIME_KEY}" and plugins."${CRI_IMAGES_KEY}" in a version 3 config. Write the file at version 3 (containerd config migrate prints it), or give every file version = 2, then restart containerd.`,
            commands: [`${CONTAINERD_EXE} --config ${psQuote(main)} config migrate`, restart],
          },
        });
    }
    if (
      family.line === '1.x' &&
      load.version > 2 &&
      (plugins.entries.has(CRI_RUNTIME_KEY) || plugins.entries.has(CRI_IMAGES_KEY))
    ) {
      const w = formatPosition(
        loaded.file.path,
        (plugins.entries.get(CRI_RUNTIME_KEY) ?? plugins.entries.get(CRI_IMAGES_KEY))?.pos.line,
      );
      out.push({
        severity: 'fail',
        id: 'criSettingsIgnored',
        where: w,
        data: {
          where: w,
          containerd: family.label,
          tables: [CRI_RUNTIME_KEY, CRI_IMAGES_KEY].filter((k) => plugins.entries.has(k)).join(', '),
          why: `${family.label} loads a version ${load.version} config but reads CRI settings only from plugins."${CRI_GRPC_KEY}"; 1.6.32+ and 1.7.17+ refuse it`,
        },
        fix: {
          text: 'Use a version = 2 config with containerd 1.x (CRI settings under plugins."io.containerd.grpc.v1.cri"), or upgrade containerd to 2.x.',
          commands: [`${CONTAINERD_EXE} config default`],
        },
      });
    }
  }
  return out;
}

function noteFindings(reading: ConfigReading, load: LoadResult): Finding[] {
  const out: Finding[] = [];
  const main = reading.config?.path ?? '';
  for (const note of load.notes) {
    const where = formatPosition(note.file, note.line || undefined);
    if (note.id === 'deprecatedVersion')
      out.push({
        severity: 'warn',
        id: 'deprecatedV1',
        where,
        data: { where, path: note.file },
        fix: {
          text: 'Generate a current config and move your settings into it (version = 2 for containerd 1.x).',
          commands: [`${CONTAINERD_EXE} config default`],
        },
      });
    else if (note.id === 'relativeGlobCwd')
      out.push({
        severity: 'warn',
        id: 'relativeGlobImport',
        where,
        data: {
          where,
          entry: note.entry ?? '',
          containerd: load.family.label,
          dropped: note.matches && note.matches.length > 0 ? note.matches.join(', ') : 'none',
        },
        fix: {
          text: 'Write the imports entry as an absolute path, or upgrade containerd (1.6.29+, 1.7.16+ resolve it next to the config).',
          commands: [dumpCommand(main)],
        },
      });
    else if (note.id === 'unmatchedGlob')
      out.push({
        severity: 'warn',
        id: 'unmatchedImport',
        where,
        data: { where, entry: note.entry ?? '' },
        fix: {
          text: 'Check the imports entry: it matches no file, so none of the settings meant for it apply. Globs are case-sensitive.',
          commands: [dumpCommand(main)],
        },
      });
  }
  return out;
}

/** Lint warnings reported one by one; past this many, one more finding counts the rest. */
export const MAX_LINT_FINDINGS = 50;

function lintFindings(reading: ConfigReading, load: LoadResult): Finding[] {
  const out: Finding[] = [];
  const main = reading.config?.path ?? '';
  let more = 0;
  let firstMore = '';
  for (const loaded of load.files) {
    const version = load.family.line === '1.x' ? load.version : loaded.version || 1;
    for (const finding of lintFile(loaded.tree, version, load.family)) {
      if (out.length >= MAX_LINT_FINDINGS) {
        if (more === 0) firstMore = formatPosition(loaded.file.path, finding.line || undefined);
        more++;
        continue;
      }
      const where = formatPosition(loaded.file.path, finding.line || undefined);
      out.push({
        severity: 'warn',
        id: finding.id,
        where,
        data: { ...finding.data, where },
        fix: {
          text: `Correct or remove ${finding.key} in ${loaded.file.path}, check the result, then restart containerd.`,
          commands: [dumpCommand(main), restart],
        },
      });
    }
  }
  if (more > 0)
    out.push({
      severity: 'warn',
      id: 'moreLint',
      where: firstMore,
      data: { count: more, where: firstMore, max: MAX_LINT_FINDINGS },
      fix: {
        text: `containerd ignores these keys too; ${dumpCommand(main)} shows what it reads.`,
        commands: [dumpCommand(main)],
      },
    });
  for (const note of reading.resolution?.notes ?? []) {
    const where = formatPosition(note.file ?? main, note.line);
    out.push({ severity: 'warn', id: 'ignoredTable', where, data: { table: note.table, why: note.why, where } });
  }
  return out;
}

/** A file that parses but still holds template placeholders: containerd runs with values like "{{x}}". */
function templateFindings(reading: ConfigReading, load: LoadResult): Finding[] {
  const main = reading.config?.path ?? '';
  return load.files
    .filter((f) => f.file.template)
    .map(({ file }) => {
      const marker = file.template as NonNullable<ConfigFile['template']>;
      const where = formatPosition(file.path, marker.line, marker.column);
      return {
        severity: 'fail' as const,
        id: 'template' as const,
        where,
        data: { where, marker: marker.marker, containerd: load.family.label, error: '' },
        fix: {
          text: 'Render the template with the tool that owns it (Ansible, the AKS CSE, image-builder), or replace each placeholder by hand, then check the result and restart containerd.',
          commands: [`Select-String -Path ${psQuote(file.path)} -Pattern '\\{\\{|\\{%'`, dumpCommand(main)],
        },
      };
    });
}

/** The CRI service is off: no pod can run on the node. */
function criDisabledFinding(reading: ConfigReading, load: LoadResult): Finding[] {
  const by = reading.resolution?.criDisabledBy;
  if (!by) return [];
  const holder = [...load.files].reverse().find((f) => at(f.view, 'disabled_plugins')?.kind === 'array');
  const where = formatPosition(
    holder?.file.path ?? reading.config?.path ?? '',
    at(holder?.tree, 'disabled_plugins')?.pos.line,
  );
  return [
    {
      severity: 'fail',
      id: 'criDisabled',
      where,
      data: { where, plugin: by, containerd: load.family.label },
      fix: {
        text: `Remove "${by}" from disabled_plugins in ${where}, then restart containerd. (Docker's packaged config disables CRI; Kubernetes needs it.)`,
        commands: [dumpCommand(reading.config?.path ?? ''), restart],
      },
    },
  ];
}

/** With the containerd version unknown: what the other release line would refuse. */
function otherLine(reading: ConfigReading): Finding[] {
  const other = reading.otherLine;
  const load = reading.load;
  if (!other?.refusal || !load || load.refusal) return [];
  const where = whereOf(other.refusal, reading.config?.path ?? '');
  return [
    {
      severity: 'warn',
      id: 'otherLineRefuses',
      where,
      data: {
        where,
        assumed: load.family.label,
        other: `containerd ${other.family.line}`,
        error: other.refusal.message,
      },
      fix: {
        text: 'Give the containerd version (--containerd-version) so the doctor judges the config as that containerd reads it.',
        commands: [],
      },
    },
  ];
}

/** Every finding about the config, failures first; memoised on the reading. */
export const configFindings = memoOn(findingsOf);

function findingsOf(reading: ConfigReading): Finding[] {
  const load = reading.load;
  if (!reading.config || !load || load.builtInDefaultsOnly) return [];
  const findings: Finding[] = [];
  if (load.refusal) {
    const refusal = refusalFinding(reading, load, load.refusal);
    // With the version unknown, a refusal only one release line makes is a warning, not a verdict.
    if (reading.lineAssumed && reading.otherLine && !reading.otherLine.refusal) refusal.severity = 'warn';
    findings.push(refusal);
  }
  findings.push(
    ...templateFindings(reading, load),
    ...criDisabledFinding(reading, load),
    ...ignoredSettings(reading, load),
    ...otherLine(reading),
    ...upgradeWarnings(reading, load),
    ...utf8Unknown(load),
    ...noteFindings(reading, load),
    ...lintFindings(reading, load),
  );
  return findings.sort(bySeverity);
}

/** Fails first; among warnings, a deprecated schema is the least pressing. */
function bySeverity(a: Finding, b: Finding): number {
  const rank = (f: Finding) => (f.severity === 'fail' ? 0 : f.id === 'deprecatedV1' ? 2 : 1);
  return rank(a) - rank(b);
}

/** containerd would not start with this config, or would start without CRI. */
export const hasFatalFinding = (reading: ConfigReading) => configFindings(reading).some((f) => f.severity === 'fail');
