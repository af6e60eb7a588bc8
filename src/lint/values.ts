/**
 * Reading values out of a parsed manifest the way the API server would decode them, without trusting
 * them: a field is absent, a value of the type the API expects, or unknown (a value of another type,
 * which the API server refuses to decode, or an unrendered template such as `{{ .Values.user }}` or
 * `${USER}`). Rules judge only values they know; an unknown value is reported once, by `field-type` or
 * `unrendered-template`, and no rule guesses at it.
 */

export type Json = Record<string, unknown>;
export type Segment = string | number;

export type Expected = 'boolean' | 'string' | 'integer' | 'array' | 'object';

export type Read<T> =
  | { state: 'absent' }
  | { state: 'ok'; value: T }
  | { state: 'template'; raw: string }
  | { state: 'type'; raw: unknown; expected: Expected };

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{{ … }}` (Helm, Go templates) and `${NAME}` (envsubst): text a renderer should have replaced. */
const TEMPLATE = /\{\{[\s\S]*?\}\}|\$\{[A-Za-z_][A-Za-z0-9_]*\}/;

export function templateIn(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return TEMPLATE.exec(value)?.[0];
}

function typeOk(value: unknown, expected: Expected): boolean {
  switch (expected) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
  }
}

/** A field of `parent`. A JSON/YAML null is absent, as the API server decodes it. */
export function read<T>(parent: unknown, key: string, expected: Expected): Read<T> {
  if (!isObject(parent) || !(key in parent)) return { state: 'absent' };
  return readValue<T>(parent[key], expected);
}

export function readValue<T>(value: unknown, expected: Expected): Read<T> {
  if (value === null || value === undefined) return { state: 'absent' };
  const template = templateIn(value);
  if (template !== undefined && expected !== 'string') return { state: 'template', raw: template };
  if (template !== undefined) return { state: 'template', raw: value as string };
  if (!typeOk(value, expected)) return { state: 'type', raw: value, expected };
  return { state: 'ok', value: value as T };
}

export const known = <T>(r: Read<T>): T | undefined => (r.state === 'ok' ? r.value : undefined);

/** An object field, or {} when absent or unknown (so a chain of reads never throws). */
export function objectAt(parent: unknown, ...keys: string[]): Json {
  let current: unknown = parent;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return isObject(current) ? current : {};
}

export function arrayAt(parent: unknown, key: string): unknown[] {
  const value = isObject(parent) ? parent[key] : undefined;
  return Array.isArray(value) ? value : [];
}

/** A field path as the API server prints it: spec.containers[0].ports[1].hostPort, labels[a/b]. */
/** Fields whose keys are map keys, printed `[key]` as field.Path.Key does. */
const MAP_FIELDS = new Set(['nodeSelector', 'labels', 'annotations', 'matchLabels']);

export function formatPath(path: readonly Segment[]): string {
  let out = '';
  let previous: Segment | undefined;
  for (const segment of path) {
    const key = typeof previous === 'string' && MAP_FIELDS.has(previous);
    previous = segment;
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (key) out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${segment}]`;
  }
  return out;
}

/**
 * Go's %q, as the API server's field errors print strings: "NT AUTHORITY\\\\SYSTEM" for a value with
 * two backslashes. (strconv.Quote: \a \b \f \n \r \t \v, \xNN for other control bytes, \uNNNN for
 * non-printable code points; printable Unicode is kept.)
 */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\u0007':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** How a bad value prints in `Invalid value: …` (apimachinery field.Error: %q for strings, %v else). */
export function goValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (value === null || value === undefined) return 'null';
  return String(value);
}

/** Length in bytes, as Go's len() of a string counts it. */
export const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/** Expands `$(VAR)` from `env`; unknown references stay as written, `$$(VAR)` becomes `$(VAR)`. */
export function expandRefs(text: string, env: ReadonlyMap<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name: string | undefined) => {
    if (whole === '$$') return '$';
    return name !== undefined && env.has(name) ? (env.get(name) as string) : whole;
  });
}
