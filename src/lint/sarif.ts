/**
 * The lint report as SARIF 2.1.0, for GitHub code scanning (github/docs "SARIF support for code
 * scanning", @058fa63b): every rule with id, name, shortDescription, fullDescription, help and its default
 * level; every finding as a result with ruleId, ruleIndex, level, message, one location (artifact URI
 * relative to the working directory, 1-based region) and partialFingerprints, so GitHub shows it on the
 * manifest line and tracks it across commits. A pure function of the report.
 *
 * helpUri must be an absolute URI (the SARIF schema's "format": "uri"), so it is written only when the
 * docs' base URL is known (--docs-base); help.text and help.markdown always name docs/lint/<id>.md.
 * Objects are SARIF logical locations; what the run could not see becomes tool execution notifications.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeRef } from './objects.js';
import type { LintFinding, LintLocation, LintReport, ObjectResult } from './report.js';
import type { Rule } from './rule.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
/** The partialFingerprints key: stable across line moves (it does not hash the line). */
export const FINGERPRINT_KEY = 'hostprocessDoctorFinding/v1';

export interface SarifOptions {
  rules: readonly Rule[];
  /** An absolute URL the docs/ tree is published under, e.g. https://example.org/hostprocess-doctor/. */
  docsBase?: string;
}

/** A relative path as a URI reference (each segment percent-encoded); an absolute one as a file: URI. */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split('/').map(encodeURIComponent).join('/');
}

function region(l: LintLocation) {
  return { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn };
}

function physical(l: LintLocation) {
  return { physicalLocation: { artifactLocation: { uri: artifactUri(l.file) }, region: region(l) } };
}

function fingerprint(result: ObjectResult, f: LintFinding): string {
  const o = result.object;
  const parts = [f.ruleId, f.messageId, result.file, o.kind, o.namespace, o.name, result.item, f.path];
  return createHash('sha256')
    .update(parts.map((p) => String(p ?? '')).join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

function objectName(result: ObjectResult): string {
  const o = result.object;
  return [o.kind ?? 'object', o.namespace, o.name ?? '(no name)'].filter((x) => x !== undefined).join('/');
}

export function renderSarif(report: LintReport, options: SarifOptions): string {
  const index = new Map(options.rules.map((r, i) => [r.meta.id, i]));
  const helpUri = (rule: Rule) => (options.docsBase ? new URL(rule.docsUrl, options.docsBase).href : undefined);
  const rules = options.rules.map((rule) => {
    const descriptor: Record<string, unknown> = {
      id: rule.meta.id,
      name: rule.meta.id,
      shortDescription: { text: rule.meta.title },
      fullDescription: { text: rule.meta.description },
      help: {
        text: `${rule.meta.description}\n\nWhat it checks, why, how to fix, the exact messages and sources: ${rule.docsUrl} in hostprocess-doctor.`,
        markdown: `${rule.meta.description}\n\nWhat it checks, why, how to fix, the exact messages and sources: \`${rule.docsUrl}\` in hostprocess-doctor.`,
      },
      defaultConfiguration: { level: rule.meta.severity },
      properties: { tags: ['kubernetes', 'windows', 'hostprocess', rule.meta.group], precision: 'very-high' },
    };
    const uri = helpUri(rule);
    if (uri) descriptor.helpUri = uri;
    return descriptor;
  });
  const results = report.results.flatMap((result) =>
    result.findings.map((f) => {
      const sarif: Record<string, unknown> = {
        ruleId: f.ruleId,
        level: f.severity,
        message: { text: `${describeRef(result.object)}: ${f.message}` },
        locations: [
          {
            ...physical(f.location),
            logicalLocations: [{ fullyQualifiedName: `${objectName(result)}/${f.path}`, kind: 'object' }],
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(result, f) },
        properties: { messageId: f.messageId, path: f.path, ...(f.ignored ? { ignored: true } : {}) },
      };
      const ruleIndex = index.get(f.ruleId);
      if (ruleIndex !== undefined) sarif.ruleIndex = ruleIndex;
      if (f.related && f.related.length > 0) {
        sarif.relatedLocations = f.related.map((r, i) => ({
          id: i + 1,
          ...physical(r.location),
          message: { text: r.message },
        }));
      }
      return sarif;
    }),
  );
  const notifications = report.notSeen.map((n) => ({
    level: 'warning',
    message: { text: `${n.object ? `${describeRef(n.object)}: ` : ''}${n.reason} (${n.hint})` },
    ...(n.file ? { locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(n.file) } } }] } : {}),
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            ...(options.docsBase ? { informationUri: new URL('docs/lint/README.md', options.docsBase).href } : {}),
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
        properties: { verdict: report.verdict, summary: report.summary },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
