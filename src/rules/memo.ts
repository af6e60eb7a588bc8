/**
 * Readings that several checks share (the containerd config model, kubelet's settings, versions) are
 * derived once per snapshot: each reader is memoised on the NodeFacts object it reads, which checks never
 * change. A new snapshot (a new object) is read afresh.
 */
export function memoOn<K extends object, T>(read: (key: K) => T): (key: K) => T {
  const cache = new WeakMap<K, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = read(key);
    cache.set(key, value);
    return value;
  };
}
