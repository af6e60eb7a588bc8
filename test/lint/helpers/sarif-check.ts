/**
 * A SARIF 2.1.0 checker for what GitHub code scanning requires (github/docs "SARIF support for code
 * scanning" @058fa63b, "Supported SARIF output file properties"; no network, no schema download): the
 * required properties with non-empty values, the levels, and the SARIF spec's own constraints on what we
 * emit (1-based regions, ruleIndex pointing at the rule with that id, an absolute helpUri, at most 10
 * locations). Returns the problems found; an empty list means valid.
 */
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;
const LEVELS = ['none', 'note', 'warning', 'error'];

export function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  if (!isObject(log)) return ['the log is not an object'];
  need(nonEmpty(log.$schema), '$schema is required');
  need(log.version === '2.1.0', 'version must be "2.1.0"');
  need(Array.isArray(log.runs) && log.runs.length > 0, 'runs[] is required');
  for (const [r, run] of ((log.runs as unknown[]) ?? []).entries()) {
    const at = `runs[${r}]`;
    if (!isObject(run)) {
      problems.push(`${at} is not an object`);
      continue;
    }
    const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : undefined;
    need(driver !== undefined, `${at}.tool.driver is required`);
    need(nonEmpty(driver?.name), `${at}.tool.driver.name is required`);
    const rules = Array.isArray(driver?.rules) ? (driver?.rules as unknown[]) : undefined;
    need(rules !== undefined, `${at}.tool.driver.rules[] is required`);
    const ids: string[] = [];
    for (const [i, rule] of (rules ?? []).entries()) {
      const where = `${at}.tool.driver.rules[${i}]`;
      if (!isObject(rule)) {
        problems.push(`${where} is not an object`);
        continue;
      }
      need(nonEmpty(rule.id), `${where}.id is required`);
      ids.push(String(rule.id));
      for (const field of ['shortDescription', 'fullDescription', 'help']) {
        const text = isObject(rule[field]) ? (rule[field] as Json).text : undefined;
        need(nonEmpty(text), `${where}.${field}.text is required`);
        if (field !== 'help')
          need(typeof text === 'string' && text.length <= 1024, `${where}.${field}.text is at most 1024 characters`);
      }
      if (rule.name !== undefined)
        need(typeof rule.name === 'string' && rule.name.length <= 255, `${where}.name is at most 255 characters`);
      const level = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
      if (level !== undefined)
        need(LEVELS.includes(String(level)), `${where}.defaultConfiguration.level is a SARIF level`);
      if (rule.helpUri !== undefined) {
        let absolute = false;
        try {
          absolute = new URL(String(rule.helpUri)).protocol.length > 0;
        } catch {
          absolute = false;
        }
        need(absolute, `${where}.helpUri must be an absolute URI`);
      }
    }
    need(new Set(ids).size === ids.length, `${at}: rule ids are unique`);
    need(Array.isArray(run.results), `${at}.results[] is required`);
    for (const [i, result] of ((run.results as unknown[]) ?? []).entries()) {
      const where = `${at}.results[${i}]`;
      if (!isObject(result)) {
        problems.push(`${where} is not an object`);
        continue;
      }
      need(isObject(result.message) && nonEmpty(result.message.text), `${where}.message.text is required`);
      if (result.level !== undefined) need(LEVELS.includes(String(result.level)), `${where}.level is a SARIF level`);
      if (result.ruleIndex !== undefined)
        need(
          ids[Number(result.ruleIndex)] === result.ruleId,
          `${where}.ruleIndex points at rule ${String(result.ruleId)}`,
        );
      need(
        isObject(result.partialFingerprints) && Object.values(result.partialFingerprints).every(nonEmpty),
        `${where}.partialFingerprints is required`,
      );
      const locations = Array.isArray(result.locations) ? result.locations : [];
      need(locations.length >= 1 && locations.length <= 10, `${where}.locations has 1 to 10 entries`);
      for (const [l, location] of locations.entries()) checkLocation(location, `${where}.locations[${l}]`, need, true);
      for (const [l, location] of ((result.relatedLocations as unknown[]) ?? []).entries())
        checkLocation(location, `${where}.relatedLocations[${l}]`, need, true);
    }
  }
  return problems;
}

function checkLocation(
  location: unknown,
  where: string,
  need: (ok: boolean, what: string) => void,
  region: boolean,
): void {
  const physical = isObject(location) && isObject(location.physicalLocation) ? location.physicalLocation : undefined;
  need(physical !== undefined, `${where}.physicalLocation is required`);
  const artifact = isObject(physical?.artifactLocation) ? (physical?.artifactLocation as Json) : undefined;
  need(nonEmpty(artifact?.uri), `${where}.physicalLocation.artifactLocation.uri is required`);
  if (!region) return;
  const r = isObject(physical?.region) ? (physical?.region as Json) : undefined;
  for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
    need(Number.isInteger(r?.[key]) && Number(r?.[key]) >= 1, `${where}.region.${key} is a 1-based integer`);
  }
  if (r) {
    const before =
      Number(r.endLine) > Number(r.startLine) ||
      (Number(r.endLine) === Number(r.startLine) && Number(r.endColumn) >= Number(r.startColumn));
    need(before, `${where}.region ends after it starts`);
  }
}
