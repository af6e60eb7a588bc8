/**
 * The check contract. A check is one file in checks/, named by its id, that exports
 * `defineCheck({ meta, messages, run })`. `run` is a pure function of NodeFacts.
 *
 * Messages are templates keyed by a message id (ESLint style): tests assert ids and data, not prose.
 * A check may report several findings, each with its own message id, status and fix; the check's status
 * is the worst of them (ESLint rules report several problems each).
 */
import type { Fact, FactState, NodeFacts, Provenance } from './facts.js';

export const STATUSES = ['pass', 'warn', 'fail', 'skip', 'error'] as const;
export type Status = (typeof STATUSES)[number];

export const GROUPS = ['os', 'containerd', 'kubelet', 'accounts', 'context'] as const;
export type Group = (typeof GROUPS)[number];

/** What a group is called in the human report. */
export const GROUP_TITLES: Record<Group, string> = {
  os: 'Windows',
  containerd: 'containerd',
  kubelet: 'kubelet',
  accounts: 'HostProcess accounts',
  context: 'Doctor context',
};

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
  /** Information only: the result describes, it does not judge. */
  informational?: boolean;
  /** The result's observed value heads its group in the human report (`[✓] Windows (build 20348)`). */
  headline?: boolean;
}

export type MessageData = Record<string, string | number>;

/**
 * Why a check was skipped:
 * - `notCollected`  a fact it needs was not given (a what-if run gives only some facts);
 * - `unreadable`    a fact it needs was collected but could not be read (denied, timeout, garbled);
 * - `notApplicable` nothing to judge on this node (the feature is not used by this containerd, say).
 * Only `unreadable` makes a run inconclusive.
 */
export const SKIP_REASONS = ['notCollected', 'unreadable', 'notApplicable'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** A fact a check needed and could not read. */
export interface Unseen {
  fact: string;
  state: FactState;
  reason?: string;
}

/** One problem or observation of a check. */
export interface Finding {
  status: Exclude<Status, 'error'>;
  messageId: string;
  message: string;
  data?: MessageData;
  /** Where it is: file:line:column, a field path. */
  where?: string;
  fix?: Fix;
}

/** What `run` returns. The runner adds id, group, title, docs and timing. */
export interface Outcome {
  status: Status;
  messageId: string;
  message: string;
  data?: MessageData;
  observed?: string;
  expected?: string;
  fix?: Fix;
  evidence: Evidence[];
  /** Every finding, worst first, when the check reports more than its headline one. */
  findings?: Finding[];
  /** Set on every skip. */
  skipReason?: SkipReason;
  /** The facts an `unreadable` skip needed, with their states. */
  unseen?: Unseen[];
}

export interface CheckResult extends Outcome {
  id: string;
  group: Group;
  title: string;
  docsUrl: string;
  durationMs: number;
  /** Set when --ignore turned a fail into a warn. */
  ignored?: boolean;
  /** Copied from the check's meta, so reporters need only the report. */
  informational?: boolean;
  headline?: boolean;
}

export interface OutcomeOptions {
  data?: MessageData;
  observed?: string | undefined;
  expected?: string | undefined;
  fix?: Fix | undefined;
  evidence?: Evidence[];
  /**
   * `of` only: facts the judgement needed and could not read. The outcome keeps them (the run is then
   * inconclusive unless a check failed), and a skip is an `unreadable` one.
   */
  unseen?: Unseen[];
}

export interface FindingOptions {
  data?: MessageData;
  where?: string | undefined;
  fix?: Fix | undefined;
}

/** A finding built from one of the check's message ids; `outcomes.of` turns several into one outcome. */
export interface PendingFinding<M extends string> {
  status: Finding['status'];
  messageId: M;
  options: FindingOptions;
}

/** Builds outcomes from the check's own message ids, so a typo in an id is a type error. */
export interface Outcomes<M extends string> {
  pass(messageId: M, options?: OutcomeOptions): Outcome;
  warn(messageId: M, options?: OutcomeOptions): Outcome;
  fail(messageId: M, options?: OutcomeOptions): Outcome;
  /** A skip with nothing to judge here (reason notApplicable). */
  notApplicable(messageId: M, options?: OutcomeOptions): Outcome;
  /**
   * A skip because the check could not see what it needs. With `unseen` facts (collected, unreadable) the
   * run is inconclusive; with none, they were simply not given (reason notCollected).
   */
  cannotJudge(messageId: M, unseen: Unseen[], options?: OutcomeOptions): Outcome;
  /** Skip because a needed fact was not collected or could not be read (the reserved ids). */
  unavailable(what: string, fact: Fact<unknown> | undefined, hint?: string, evidence?: Evidence[]): Outcome;
  /** One finding, for `of`. */
  finding(status: Finding['status'], messageId: M, options?: FindingOptions): PendingFinding<M>;
  /** One outcome from several findings: the worst sets the status, the message id, the message and the fix. */
  of(findings: PendingFinding<M>[], options?: OutcomeOptions): Outcome;
}

export interface CheckDefinition<M extends string> {
  meta: CheckMeta;
  messages: Record<M, string>;
  run(facts: NodeFacts, outcomes: Outcomes<M>): Outcome | Promise<Outcome>;
}

export interface Check {
  meta: CheckMeta;
  docsUrl: string;
  /** Every message id the check can report, its own and the reserved ones, with their templates. */
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
/** The runner's own outcomes. */
export const CRASHED_ID = 'checkCrashed';
export const TIMED_OUT_ID = 'checkTimedOut';
export const RESERVED_IDS = [UNAVAILABLE_ID, NOT_COLLECTED_ID, CRASHED_ID, TIMED_OUT_ID] as const;

const RESERVED_TEMPLATES: Record<(typeof RESERVED_IDS)[number], string> = {
  [UNAVAILABLE_ID]: '{{what}} could not be read: {{reason}}',
  [NOT_COLLECTED_ID]: '{{what}} was not collected',
  [CRASHED_ID]:
    'The check did not complete: {{detail}}. This is a bug in hostprocess-doctor, not a finding about the node.',
  [TIMED_OUT_ID]: 'The check did not finish within {{ms}} ms, so its result is unknown.',
};

const UNREADABLE: ReadonlySet<FactState> = new Set(['denied', 'timeout', 'error']);

/** Fact states that mean the doctor could not see (as opposed to `missing`, which is an observation). */
export function isUnreadable(state: FactState): boolean {
  return UNREADABLE.has(state);
}

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

/** Worst first: fail, warn, skip, pass. */
const RANK: Record<Finding['status'], number> = { fail: 0, warn: 1, skip: 2, pass: 3 };

export function worstFirst<T extends { status: Finding['status'] }>(findings: T[]): T[] {
  return [...findings].sort((a, b) => RANK[a.status] - RANK[b.status]);
}

/** Unseen facts as a message says them: `fact: reason; …`. */
export function describeUnseen(unseen: readonly Unseen[]): string {
  return unseen.map((u) => `${u.fact}: ${u.reason ?? u.state}`).join('; ');
}

/** The unseen facts an unavailable skip implies (none when the fact was simply not given, or is missing). */
export function unseenOf(what: string, fact: Fact<unknown> | undefined): Unseen[] {
  if (!fact || !isUnreadable(fact.state)) return [];
  return [{ fact: what, state: fact.state, ...(fact.reason === undefined ? {} : { reason: fact.reason }) }];
}

export function defineCheck<M extends string>(definition: CheckDefinition<M>): Check {
  const { meta, messages } = definition;
  for (const reserved of RESERVED_IDS) {
    if (reserved in messages) throw new Error(`${meta.id}: message id ${reserved} is reserved`);
  }
  const template = (messageId: M): string => {
    const text = messages[messageId];
    if (text === undefined) throw new Error(`${meta.id}: unknown message id ${String(messageId)}`);
    return text;
  };
  const build = (status: Status, messageId: M, options: OutcomeOptions = {}): Outcome => {
    const result: Outcome = {
      status,
      messageId,
      message: formatMessage(template(messageId), options.data),
      evidence: options.evidence ?? [],
    };
    if (options.data !== undefined) result.data = options.data;
    if (options.observed !== undefined) result.observed = options.observed;
    if (options.expected !== undefined) result.expected = options.expected;
    if (options.fix !== undefined) result.fix = options.fix;
    return result;
  };
  const skip = (messageId: M, reason: SkipReason, options?: OutcomeOptions): Outcome => ({
    ...build('skip', messageId, options),
    skipReason: reason,
  });
  const toFinding = (pending: PendingFinding<M>): Finding => {
    const finding: Finding = {
      status: pending.status,
      messageId: pending.messageId,
      message: formatMessage(template(pending.messageId), pending.options.data),
    };
    if (pending.options.data !== undefined) finding.data = pending.options.data;
    if (pending.options.where !== undefined) finding.where = pending.options.where;
    if (pending.options.fix !== undefined) finding.fix = pending.options.fix;
    return finding;
  };
  const outcomes: Outcomes<M> = {
    pass: (id, options) => build('pass', id, options),
    warn: (id, options) => build('warn', id, options),
    fail: (id, options) => build('fail', id, options),
    notApplicable: (id, options) => skip(id, 'notApplicable', options),
    cannotJudge: (id, unseen, options) =>
      unseen.length > 0 ? { ...skip(id, 'unreadable', options), unseen } : skip(id, 'notCollected', options),
    unavailable: (what, fact, hint, evidence) => {
      const unseen = unseenOf(what, fact);
      const outcome: Outcome = {
        status: 'skip',
        messageId: fact ? UNAVAILABLE_ID : NOT_COLLECTED_ID,
        message: describeUnavailable(what, fact, hint),
        data: { what, reason: fact?.reason ?? fact?.state ?? 'not collected' },
        evidence: evidence ?? evidenceOf(what, fact),
        // A fact looked for and not there is an observation the check could not use, not a blind spot.
        skipReason: !fact ? 'notCollected' : unseen.length > 0 ? 'unreadable' : 'notApplicable',
      };
      if (unseen.length > 0) outcome.unseen = unseen;
      return outcome;
    },
    finding: (status, messageId, options = {}) => ({ status, messageId, options }),
    of: (pending, options = {}) => {
      const findings = worstFirst(pending.map(toFinding));
      const worst = findings[0];
      if (!worst) throw new Error(`${meta.id}: an outcome needs at least one finding`);
      const outcome: Outcome = {
        status: worst.status,
        messageId: worst.messageId,
        message: worst.message,
        evidence: options.evidence ?? [],
      };
      if (worst.data !== undefined) outcome.data = worst.data;
      if (options.observed !== undefined) outcome.observed = options.observed;
      if (options.expected !== undefined) outcome.expected = options.expected;
      const fix = worst.fix ?? options.fix;
      if (fix !== undefined) outcome.fix = fix;
      const unseen = options.unseen ?? [];
      if (worst.status === 'skip') outcome.skipReason = unseen.length > 0 ? 'unreadable' : 'notApplicable';
      if (unseen.length > 0) outcome.unseen = unseen;
      if (findings.length > 1) outcome.findings = findings;
      return outcome;
    },
  };
  return {
    meta,
    docsUrl: docsUrlFor(meta.id),
    messages: { ...messages, ...RESERVED_TEMPLATES },
    run: (facts) => definition.run(facts, outcomes),
  };
}
