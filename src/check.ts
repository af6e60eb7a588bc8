/**
 * The check contract. A check is one file in checks/, named by its id, that exports
 * `defineCheck({ meta, messages, run })`. `run` is a pure function of NodeFacts.
 *
 * Messages are templates keyed by a message id (ESLint style): tests assert ids, not prose.
 */
import type { Fact, FactState, NodeFacts, Provenance } from './facts.js';

export const STATUSES = ['pass', 'warn', 'fail', 'skip', 'error'] as const;
export type Status = (typeof STATUSES)[number];

export const GROUPS = ['os', 'containerd', 'kubelet', 'accounts', 'context'] as const;
export type Group = (typeof GROUPS)[number];

export interface Fix {
  text: string;
  /** Commands to paste, one per entry, in order. PowerShell unless the text says otherwise. */
  commands: string[];
}

export interface Evidence {
  /** What the evidence is, e.g. "containerd.serviceAccount". */
  fact: string;
  state: FactState;
  /** The observed value as text, when there is one. */
  value?: string;
  reason?: string;
  source: Provenance;
}

export interface CheckMeta {
  id: string;
  title: string;
  group: Group;
  /** Error strings (as users see them) that this check diagnoses. */
  explains: string[];
  /** Information only: the result describes, it does not judge. */
  informational?: boolean;
}

/** What `run` returns. The runner adds id, group, title, docs and timing. */
export interface Outcome {
  status: Status;
  messageId: string;
  message: string;
  observed?: string;
  expected?: string;
  fix?: Fix;
  evidence: Evidence[];
}

export interface CheckResult extends Outcome {
  id: string;
  group: Group;
  title: string;
  docsUrl: string;
  durationMs: number;
  /** Set when --ignore turned a fail into a warn. */
  ignored?: boolean;
}

export type MessageData = Record<string, string | number>;

export interface OutcomeOptions {
  data?: MessageData;
  observed?: string | undefined;
  expected?: string | undefined;
  fix?: Fix | undefined;
  evidence?: Evidence[];
}

/** Builds outcomes from the check's own message ids, so a typo in an id is a type error. */
export interface Report<M extends string> {
  pass(messageId: M, options?: OutcomeOptions): Outcome;
  warn(messageId: M, options?: OutcomeOptions): Outcome;
  fail(messageId: M, options?: OutcomeOptions): Outcome;
  skip(messageId: M, options?: OutcomeOptions): Outcome;
  /** Skip because a needed fact was not collected or could not be read. */
  unavailable(what: string, fact: Fact<unknown> | undefined, hint?: string, evidence?: Evidence[]): Outcome;
}

export interface CheckDefinition<M extends string> {
  meta: CheckMeta;
  messages: Record<M, string>;
  run(facts: NodeFacts, report: Report<M>): Outcome | Promise<Outcome>;
}

export interface Check {
  meta: CheckMeta;
  docsUrl: string;
  messages: Readonly<Record<string, string>>;
  run(facts: NodeFacts): Outcome | Promise<Outcome>;
}

export const DOCS_BASE = 'docs/checks';

export function docsUrlFor(id: string): string {
  return `${DOCS_BASE}/${id}.md`;
}

/** Fills {{name}} placeholders. A placeholder without data is a bug in the check, so it throws. */
export function formatMessage(template: string, data: MessageData = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`message placeholder {{${name}}} has no data`);
    return String(value);
  });
}

/** A needed fact could not be read (denied, timed out, garbled). */
export const UNAVAILABLE_ID = 'factUnavailable';
/** A needed fact was not collected at all (what-if runs give only some facts). */
export const NOT_COLLECTED_ID = 'notCollected';

function describeUnavailable(what: string, fact: Fact<unknown> | undefined, hint?: string): string {
  if (!fact) return hint ? `${what} was not collected (${hint})` : `${what} was not collected`;
  const reason = fact.reason ? `: ${fact.reason}` : '';
  switch (fact.state) {
    case 'denied':
      return `${what} could not be read, access denied${reason}`;
    case 'timeout':
      return `${what} could not be read, the probe timed out${reason}`;
    case 'missing':
      return `${what} was not found${reason}`;
    default:
      return `${what} could not be read${reason}`;
  }
}

export function evidenceOf(factName: string, fact: Fact<unknown> | undefined, value?: string): Evidence[] {
  if (!fact) return [];
  const evidence: Evidence = { fact: factName, state: fact.state, source: fact.source };
  if (value !== undefined) evidence.value = value;
  if (fact.reason !== undefined) evidence.reason = fact.reason;
  return [evidence];
}

export function defineCheck<M extends string>(definition: CheckDefinition<M>): Check {
  const { meta, messages } = definition;
  for (const reserved of [UNAVAILABLE_ID, NOT_COLLECTED_ID]) {
    if (reserved in messages) throw new Error(`${meta.id}: message id ${reserved} is reserved`);
  }
  const outcome =
    (status: Status) =>
    (messageId: M, options: OutcomeOptions = {}): Outcome => {
      const template = messages[messageId];
      if (template === undefined) throw new Error(`${meta.id}: unknown message id ${String(messageId)}`);
      const result: Outcome = {
        status,
        messageId,
        message: formatMessage(template, options.data),
        evidence: options.evidence ?? [],
      };
      if (options.observed !== undefined) result.observed = options.observed;
      if (options.expected !== undefined) result.expected = options.expected;
      if (options.fix !== undefined) result.fix = options.fix;
      return result;
    };
  const report: Report<M> = {
    pass: outcome('pass'),
    warn: outcome('warn'),
    fail: outcome('fail'),
    skip: outcome('skip'),
    unavailable: (what, fact, hint, evidence) => ({
      status: 'skip',
      messageId: fact ? UNAVAILABLE_ID : NOT_COLLECTED_ID,
      message: describeUnavailable(what, fact, hint),
      evidence: evidence ?? evidenceOf(what, fact),
    }),
  };
  return {
    meta,
    docsUrl: docsUrlFor(meta.id),
    messages: {
      ...messages,
      [UNAVAILABLE_ID]: '{{what}} could not be read: {{reason}}',
      [NOT_COLLECTED_ID]: '{{what}} was not collected',
    },
    run: (facts) => definition.run(facts, report),
  };
}
