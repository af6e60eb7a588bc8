import type { DoctorReport } from '../contract/report.js';

/** The report as published in schema/report.schema.json: nothing else goes to stdout in JSON mode. */
export function renderJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
