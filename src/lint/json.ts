/** The lint report as JSON (schema/lint.schema.json): stdout carries only this document. */
import type { LintReport } from './report.js';

export function renderLintJson(report: LintReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
