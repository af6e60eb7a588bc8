/**
 * Runs the built CLI as a user would: `node bin/hostprocess-doctor.js ...`, as a separate process.
 */
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { execa } from 'execa';
import reportSchema from '../../schema/report.schema.json' with { type: 'json' };

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const BIN = path.join(ROOT, 'bin', 'hostprocess-doctor.js');
export const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
export const EXAMPLES = path.join(ROOT, 'examples', 'nodes');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const result = await execa(process.execPath, [BIN, ...args], {
    reject: false,
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...options.env },
    timeout: options.timeoutMs ?? 50_000,
    stripFinalNewline: false,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
export const validateReport = ajv.compile(reportSchema);

export function schemaErrors(data: unknown): string {
  return validateReport(data) ? '' : JSON.stringify(validateReport.errors, null, 2);
}

export interface JsonReport {
  schemaVersion: number;
  summary: Record<string, number>;
  node: Record<string, unknown>;
  results: {
    id: string;
    status: string;
    messageId: string;
    message: string;
    fix?: { text: string; commands: string[] };
  }[];
}

export function statusOf(report: JsonReport, id: string): string | undefined {
  return report.results.find((r) => r.id === id)?.status;
}
