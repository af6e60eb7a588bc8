/** A deep copy of a JSON value without the given keys anywhere (timings, for comparing two runs). */
export function withoutKeys(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutKeys(v, keys));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !keys.has(k))
        .map(([k, v]) => [k, withoutKeys(v, keys)]),
    );
  return value;
}
