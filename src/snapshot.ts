/**
 * Reading a saved NodeFacts snapshot. Anything that is not a snapshot this version can read is a usage
 * error that names the file and says what to do; it never reaches the checks.
 */
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import snapshotSchema from '../schema/snapshot.schema.json' with { type: 'json' };
import { parseKubeletConfig } from './collect/kubelet-config.js';
import { usageError } from './errors.js';
import { FACTS_SCHEMA_VERSION, type NodeFacts } from './facts.js';
import { findTemplateMarker } from './rules/text.js';
import { parseToml } from './rules/toml.js';

let validator: ReturnType<Ajv2020['compile']> | undefined;

function validate(data: unknown) {
  validator ??= new Ajv2020({ allErrors: true, strict: false }).compile(snapshotSchema);
  const ok = validator(data);
  return ok ? [] : (validator.errors ?? []);
}

async function readSource(source: string): Promise<string> {
  try {
    if (source === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return await readFile(source, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why =
      e.code === 'ENOENT'
        ? 'no such file'
        : e.code === 'EACCES'
          ? 'access denied'
          : e.code === 'EISDIR'
            ? 'it is a directory'
            : e.message;
    throw usageError(
      `cannot read snapshot ${source}: ${why}. Give the path of a file written by 'hostprocess-doctor collect'.`,
    );
  }
}

/** Fills in what can be derived from text, so a hand-made snapshot with only config text still analyses. */
export function normaliseFacts(facts: NodeFacts): NodeFacts {
  for (const file of facts.containerd?.config?.value?.files ?? []) {
    if (file.text === undefined) continue;
    file.text = file.text.replace(/^\uFEFF/, '');
    file.parse ??= parseToml(file.text);
    if (!file.template) {
      const marker = findTemplateMarker(file.text);
      if (marker) file.template = marker;
    }
  }
  const kubeletConfig = facts.kubelet?.config?.value;
  if (kubeletConfig?.text !== undefined && !kubeletConfig.parse) {
    facts.kubelet = {
      ...facts.kubelet,
      config: {
        ...(facts.kubelet?.config ?? { state: 'ok', source: { kind: 'derived' } }),
        value: parseKubeletConfig(kubeletConfig.path, kubeletConfig.text),
      },
    };
  }
  return facts;
}

export function parseSnapshot(text: string, source: string): NodeFacts {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw usageError(
      `${source} is not valid JSON (${(error as Error).message}). A snapshot is the JSON file 'hostprocess-doctor collect' writes.`,
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw usageError(`${source} is not a hostprocess-doctor snapshot: expected a JSON object.`);
  }
  const record = data as Record<string, unknown>;
  if ('results' in record && 'summary' in record) {
    throw usageError(
      `${source} is a hostprocess-doctor report, not a snapshot. 'analyze' reads the facts written by 'hostprocess-doctor collect -o FILE'.`,
    );
  }
  const version = record.schemaVersion;
  if (version === undefined) {
    throw usageError(
      `${source} is not a hostprocess-doctor snapshot: it has no schemaVersion. Create one with 'hostprocess-doctor collect -o FILE'.`,
    );
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw usageError(`${source}: schemaVersion ${JSON.stringify(version)} is not a positive integer.`);
  }
  if (version > FACTS_SCHEMA_VERSION) {
    throw usageError(
      `${source} has snapshot schemaVersion ${version}, newer than this hostprocess-doctor reads (up to ${FACTS_SCHEMA_VERSION}). Upgrade hostprocess-doctor to analyse it.`,
    );
  }
  const errors = validate(data);
  if (errors.length > 0) {
    const listed = errors
      .slice(0, 5)
      .map((e) => `  ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
      .join('\n');
    throw usageError(`${source} is not a valid snapshot:\n${listed}\nFix the file or collect it again.`);
  }
  return normaliseFacts(data as NodeFacts);
}

export async function loadSnapshot(source: string): Promise<NodeFacts> {
  return parseSnapshot(await readSource(source), source === '-' ? 'stdin' : source);
}
