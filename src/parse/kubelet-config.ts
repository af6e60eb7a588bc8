/**
 * kubelet's KubeletConfiguration file (YAML, or JSON which is YAML), reduced to what the checks read, and
 * read the way kubelet reads it, so that a file kubelet refuses is an error here too and a file kubelet
 * takes is not:
 *
 * - kubelet turns the YAML into JSON with sigs.k8s.io/yaml, whose parser is go-yaml v2: YAML 1.1 scalars
 *   (`yes`, `no`, `on`, `off`, `y`, `n` are booleans), `<<` merge keys, duplicate keys allowed (the strict
 *   pass fails, the lenient one takes the last value), only the first document of a stream;
 * - the JSON is decoded into KubeletConfiguration: `kind` and `apiVersion` must be there
 *   ("Object 'Kind' is missing"), keys are case-sensitive, and a value of the wrong type is an error
 *   ("cannot unmarshal string into Go struct field ... of type bool").
 *
 * Checked against sigs.k8s.io/yaml v1.4.0 (YAMLToJSONStrict, then YAMLToJSON) on every case in
 * test/parse/kubelet-config.test.ts; see docs/checks/kubelet-runtime-endpoint.md.
 *
 * Aliases are counted the way go-yaml v2 counts them, without expanding them: a file that expands beyond
 * go-yaml's bound ("billion laughs") is refused, as kubelet refuses it ("document contains excessive
 * aliasing"), and never crashes or hangs the doctor. A file with more than MAX_ALIASES aliases is not
 * read at all (a fact error, `doctorLimit`): the doctor's bound, not kubelet's.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { KubeletConfigInfo, ParseError } from '../contract/facts.js';

type Parsed = Extract<NonNullable<KubeletConfigInfo['parse']>, { ok: true }>;

const fail = (message: string, line?: number, column?: number): { ok: false; error: ParseError } => ({
  ok: false,
  error: { message, ...(line !== undefined && column !== undefined ? { line, column } : {}) },
});

/** Go's encoding/json type names, as its "cannot unmarshal X into ..." errors print them. */
function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

function typeError(field: string, value: unknown, goType: string): string {
  return `cannot unmarshal ${jsonKind(value)} into Go struct field KubeletConfiguration.${field} of type ${goType}`;
}

/**
 * go-yaml v2's alias bound (sigs.k8s.io/yaml@v1.4.0 goyaml.v2/decode.go:320-357): past 100 nodes decoded
 * through aliases and 1,000 nodes in all, the share decoded through aliases may be at most 99% up to
 * 400,000 nodes, falling to 10% at 4,000,000; beyond that kubelet's decoder stops with "document
 * contains excessive aliasing". Counted here the same way, node by node, without expanding anything.
 */
const ALIAS_RATIO_LOW = 400_000;
const ALIAS_RATIO_HIGH = 4_000_000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW));
}

/**
 * The doctor's own bound: a file with more alias nodes than this is not read (it is not a verdict on the
 * file: kubelet may take it). No real KubeletConfiguration comes close.
 */
export const MAX_ALIASES = 10_000;

class YamlRefused extends Error {}
class DoctorLimit extends Error {}

const define = (record: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });

/**
 * The document's value, converted the way sigs.k8s.io/yaml's go-yaml v2 decodes it, in one walk in document
 * order: an alias resolves to the last anchor of that name before it and is shared, not copied, so nothing
 * here grows with the expansion; go-yaml's alias accounting is kept alongside. Keys are set as own
 * properties (a `__proto__` key is data, not the prototype).
 */
function convert(document: Document.Parsed): unknown {
  const anchors = new Map<string, { node: unknown; value: unknown; size: number }>();
  const open = new Set<unknown>();
  let decoded = 1; // the document node
  let throughAliases = 0;
  let aliases = 0;
  const check = () => {
    if (throughAliases > 100 && decoded > 1000 && throughAliases / decoded > allowedAliasRatio(decoded))
      throw new YamlRefused('yaml: document contains excessive aliasing');
  };
  // The value, and the node's size when fully expanded (go-yaml's decode count for it).
  const walk = (node: unknown): { value: unknown; size: number } => {
    decoded += 1;
    check();
    if (isAlias(node)) {
      aliases += 1;
      if (aliases > MAX_ALIASES) throw new DoctorLimit(`more than ${MAX_ALIASES} YAML aliases`);
      const target = anchors.get(node.source);
      if (!target) throw new YamlRefused(`yaml: unknown anchor '${node.source}' referenced`);
      if (open.has(target.node)) throw new YamlRefused(`yaml: anchor '${node.source}' value contains itself`);
      // Every node of the expansion is decoded through the alias; the share only grows along it, so the
      // check at its end is the strictest one go-yaml makes inside it.
      decoded += target.size;
      throughAliases += target.size;
      check();
      return { value: target.value, size: 1 + target.size };
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) {
      // Registered as the node starts, as go-yaml's parser does, so an alias inside it finds it.
      open.add(node);
      anchors.set(anchor, { node, value: undefined, size: 0 });
    }
    let out: { value: unknown; size: number };
    if (isMap(node)) {
      const record: Record<string, unknown> = {};
      const merged: Record<string, unknown>[] = [];
      let size = 1;
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && typeof key.value === 'symbol') {
          // A merge key (<<): its mapping (or list of mappings) supplies the keys not set explicitly.
          const from = walk(pair.value);
          size += from.size;
          for (const m of Array.isArray(from.value) ? from.value : [from.value])
            if (m && typeof m === 'object' && !Array.isArray(m)) merged.push(m as Record<string, unknown>);
          continue;
        }
        const k = walk(key);
        const v = walk(pair.value);
        size += k.size + v.size;
        define(record, typeof k.value === 'object' && k.value !== null ? '[collection key]' : String(k.value), v.value);
      }
      for (const m of merged)
        for (const [k, v] of Object.entries(m)) if (!Object.hasOwn(record, k)) define(record, k, v);
      out = { value: record, size };
    } else if (isSeq(node)) {
      const list: unknown[] = [];
      let size = 1;
      for (const item of node.items) {
        const v = walk(item);
        size += v.size;
        list.push(v.value);
      }
      out = { value: list, size };
    } else if (isScalar(node)) {
      out = { value: node.value, size: 1 };
    } else {
      out = { value: null, size: 1 }; // an empty key or value
    }
    if (anchor) {
      open.delete(node);
      anchors.set(anchor, { node, value: out.value, size: out.size });
    }
    return out;
  };
  return walk(document.contents).value;
}

/** The YAML text as a JS value, read as go-yaml v2 reads it. */
function toValue(text: string): { ok: true; value: unknown } | { ok: false; error: ParseError; doctorLimit?: true } {
  const documents = parseAllDocuments(text.replace(/^\uFEFF/, ''), {
    version: '1.1',
    uniqueKeys: false,
    merge: true,
    prettyErrors: true,
  });
  // An empty stream: kubelet decodes `null`, which has no kind.
  if (!Array.isArray(documents) || documents.length === 0) return { ok: true, value: null };
  const document = documents[0];
  if (!document) return { ok: true, value: null };
  const error = document.errors[0];
  if (error) {
    const position = error.linePos?.[0];
    const first = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
    return fail(first, position?.line, position?.col);
  }
  try {
    return { ok: true, value: convert(document) };
  } catch (e) {
    if (e instanceof DoctorLimit) {
      return {
        ok: false,
        error: { message: `${e.message}: the doctor does not read a file like that (kubelet may)` },
        doctorLimit: true,
      };
    }
    if (e instanceof YamlRefused) return fail(`kubelet's YAML decoder refuses it: ${e.message}`);
    // Nested too deep for the walk (go-yaml itself stops at depth 10000, "exceeded max depth").
    if (e instanceof RangeError) return fail("kubelet's YAML decoder refuses it: it is nested too deep");
    throw e;
  }
}

export function parseKubeletConfig(filePath: string, text: string): KubeletConfigInfo {
  const info: KubeletConfigInfo = { path: filePath, text };
  const read = toValue(text);
  if (!read.ok) {
    info.parse = read.doctorLimit
      ? { ok: false, error: read.error, doctorLimit: true }
      : { ok: false, error: read.error };
    return info;
  }
  const data = read.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    info.parse = fail(
      `not a KubeletConfiguration: the document is ${data === null ? 'empty' : `a ${jsonKind(data)}`}, not a mapping`,
    );
    return info;
  }
  const record = data as Record<string, unknown>;
  // Own keys only: `__proto__` or `constructor` in the file must not be read through the prototype chain.
  const get = (key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);
  const errors: string[] = [];
  const kind = get('kind');
  const apiVersion = get('apiVersion');
  if (kind === undefined || kind === null || kind === '') errors.push("Object 'Kind' is missing: the file has no kind");
  else if (kind !== 'KubeletConfiguration') errors.push(`kind is ${JSON.stringify(kind)}, not KubeletConfiguration`);
  if (apiVersion === undefined || apiVersion === null || apiVersion === '')
    errors.push("Object 'apiVersion' is missing: the file has no apiVersion");
  else if (typeof apiVersion !== 'string' || !apiVersion.startsWith('kubelet.config.k8s.io/'))
    errors.push(`apiVersion is ${JSON.stringify(apiVersion)}, not kubelet.config.k8s.io/v1beta1`);

  const parsed: Parsed = { ok: true };
  const gates = get('featureGates');
  if (gates !== undefined && gates !== null) {
    if (typeof gates !== 'object' || Array.isArray(gates)) {
      errors.push(typeError('featureGates', gates, 'map[string]bool'));
    } else {
      // A null value decodes to false (encoding/json stores the map element's zero value).
      const entries = Object.entries(gates as Record<string, unknown>).map(([k, v]): [string, unknown] => [
        k,
        v === null ? false : v,
      ]);
      parsed.featureGates = Object.fromEntries(
        entries.filter((e): e is [string, boolean] => typeof e[1] === 'boolean'),
      );
      const invalid = entries
        .filter(([, v]) => typeof v !== 'boolean')
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? `(a ${jsonKind(v)})` : JSON.stringify(v)}`);
      if (invalid.length > 0) parsed.invalidFeatureGates = invalid;
    }
  }
  const endpoint = get('containerRuntimeEndpoint');
  if (typeof endpoint === 'string') {
    if (endpoint !== '') parsed.containerRuntimeEndpoint = endpoint;
  } else if (endpoint !== undefined && endpoint !== null) {
    errors.push(typeError('containerRuntimeEndpoint', endpoint, 'string'));
  }
  const qos = get('cgroupsPerQOS');
  if (typeof qos === 'boolean') parsed.cgroupsPerQOS = qos;
  else if (qos !== undefined && qos !== null) errors.push(typeError('cgroupsPerQOS', qos, 'bool'));
  const enforce = get('enforceNodeAllocatable');
  if (Array.isArray(enforce)) {
    const bad = enforce.find((v) => typeof v !== 'string');
    if (bad !== undefined) errors.push(typeError('enforceNodeAllocatable', bad, 'string'));
    else parsed.enforceNodeAllocatable = enforce as string[];
  } else if (enforce !== undefined && enforce !== null) {
    errors.push(typeError('enforceNodeAllocatable', enforce, '[]string'));
  }
  if (errors.length > 0) {
    info.parse = fail(`kubelet cannot decode it: ${errors.join('; ')}`);
    return info;
  }
  info.parse = parsed;
  return info;
}
