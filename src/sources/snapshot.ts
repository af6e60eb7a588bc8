/**
 * Reading a saved NodeFacts snapshot. Anything that is not a snapshot this version can read is a usage
 * error that names the file and says what to do; it never reaches the checks.
 */
import { usageError } from '../contract/errors.js';
import { FACTS_SCHEMA_VERSION, type NodeFacts } from '../contract/facts.js';
import { inputPath, LIMITS, readInputText, type Stdin, shownName } from '../parse/input.js';
import { parseKubeletConfig } from '../parse/kubelet-config.js';
import { findTemplateMarker } from '../parse/text.js';
import { parseToml } from '../parse/toml.js';
import { validate as validateSnapshot } from './snapshot-validator.generated.js';

interface SchemaError {
  instancePath?: string;
  message?: string;
}

function validate(data: unknown): SchemaError[] {
  const ok = validateSnapshot(data) as boolean;
  return ok ? [] : ((validateSnapshot as unknown as { errors?: SchemaError[] }).errors ?? []);
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
    data = JSON.parse(text);
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

/** Reads a snapshot the user named (`-` for stdin), in any encoding Windows writes JSON in. */
export async function loadSnapshot(userPath: string, cwd = process.cwd(), stdin?: Stdin): Promise<NodeFacts> {
  const source = { name: shownName(userPath), what: 'snapshot', maxBytes: LIMITS.snapshot };
  const { text } = await readInputText(inputPath(cwd, userPath), source, stdin);
  return parseSnapshot(text, source.name);
}
