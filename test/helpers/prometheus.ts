/**
 * Reads Prometheus text back the way a scraper would: parse-prometheus-text-format for the syntax, plus
 * the rules windows_exporter's textfile collector adds (UTF-8 without a BOM, a final newline, no
 * duplicate series, no client-side timestamps).
 */
import parsePrometheusTextFormat, { type Family } from 'parse-prometheus-text-format';

export type { Family };

export function readBackProm(text: string): Family[] {
  if (text.charCodeAt(0) === 0xfeff) throw new Error('starts with a BOM');
  if (text.includes('\r')) throw new Error('has a carriage return');
  if (!text.endsWith('\n')) throw new Error('does not end with a newline');
  const families = parsePrometheusTextFormat(text);
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    // name{labels} value [timestamp]: a third field would be a client-side timestamp.
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{.*\})?) (\S+)( \S+)?$/.exec(line);
    if (!m) throw new Error(`unreadable sample line: ${line}`);
    if (m[3]) throw new Error(`client-side timestamp: ${line}`);
    if (seen.has(m[1] as string)) throw new Error(`duplicate series: ${m[1]}`);
    seen.add(m[1] as string);
  }
  return families;
}

export function family(families: Family[], name: string): Family {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no metric ${name}; have ${families.map((f) => f.name).join(', ')}`);
  return found;
}

/** The value of the one sample of `name` whose labels include `labels`, as a number. */
export function value(families: Family[], name: string, labels: Record<string, string> = {}): number {
  const matches = family(families, name).metrics.filter((m) =>
    Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
  );
  if (matches.length !== 1) throw new Error(`${matches.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return Number(matches[0]?.value);
}
