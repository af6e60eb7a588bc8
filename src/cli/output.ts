/**
 * Where output goes. In JSON mode stdout carries only the JSON document; logs go to stderr.
 */

import { informationalIds } from '../engine.js';
import type { DoctorReport } from '../report.js';
import { type HumanOptions, renderHuman } from '../reporters/human.js';
import { renderJson } from '../reporters/json.js';
import { bool, type Values } from './args.js';

export function colorEnabled(values: Values, stream: NodeJS.WriteStream = process.stdout, env = process.env): boolean {
  if (bool(values, 'no-color') || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** conhost's default fonts lack ✓ and ✗; Windows Terminal and VS Code have them. */
export function asciiSymbols(env = process.env, platform = process.platform): boolean {
  return platform === 'win32' && !env.WT_SESSION && env.TERM_PROGRAM !== 'vscode';
}

export function humanOptions(values: Values, stream: NodeJS.WriteStream = process.stdout): HumanOptions {
  const options: HumanOptions = {
    verbose: bool(values, 'verbose'),
    color: colorEnabled(values),
    asciiSymbols: asciiSymbols(),
  };
  // Wrap only on a terminal; a file or a pipe keeps each finding on one line for grep.
  if (stream.isTTY && stream.columns) options.width = stream.columns - 1;
  return options;
}

export function renderReport(report: DoctorReport, values: Values): string {
  return bool(values, 'json') ? renderJson(report) : renderHuman(report, informationalIds(), humanOptions(values));
}

export { writeStderr, writeStdout } from './stdio.js';
