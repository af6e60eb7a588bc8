/**
 * kubelet's KubeletConfiguration file (YAML, or JSON which is YAML), reduced to what the checks read.
 */
import { parseDocument } from 'yaml';
import type { KubeletConfigInfo } from '../contract/facts.js';

export function parseKubeletConfig(filePath: string, text: string): KubeletConfigInfo {
  const info: KubeletConfigInfo = { path: filePath, text };
  const document = parseDocument(text);
  const error = document.errors[0];
  if (error) {
    const position = error.linePos?.[0];
    info.parse = {
      ok: false,
      error: {
        message: error.message.split('\n')[0] ?? error.message,
        ...(position ? { line: position.line, column: position.col } : {}),
      },
    };
    return info;
  }
  const data: unknown = document.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    info.parse = { ok: false, error: { message: 'not a KubeletConfiguration: the document is not a mapping' } };
    return info;
  }
  const record = data as Record<string, unknown>;
  const parsed: {
    ok: true;
    featureGates?: Record<string, boolean>;
    invalidFeatureGates?: string[];
    containerRuntimeEndpoint?: string;
  } = { ok: true };
  const gates = record.featureGates;
  if (gates && typeof gates === 'object' && !Array.isArray(gates)) {
    const entries = Object.entries(gates as Record<string, unknown>);
    parsed.featureGates = Object.fromEntries(entries.filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
    const invalid = entries.filter(([, v]) => typeof v !== 'boolean').map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
    if (invalid.length > 0) parsed.invalidFeatureGates = invalid;
  }
  if (typeof record.containerRuntimeEndpoint === 'string')
    parsed.containerRuntimeEndpoint = record.containerRuntimeEndpoint;
  info.parse = parsed;
  return info;
}
