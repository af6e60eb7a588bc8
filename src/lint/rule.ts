/**
 * The lint rule contract, the manifest counterpart of the check contract (src/contract/check.ts). A rule
 * is one file in src/lint/rules/, named by its id, that exports `defineRule({ meta, messages, run })`.
 * `run` is a pure function of one pod template (and the node facts and namespaces of the run).
 *
 * Messages are templates keyed by a message id (ESLint style): tests assert ids and data, not prose. A
 * rule reports any number of findings, each with its message id, its severity (the rule's, unless the
 * finding says otherwise), the field path it is about and, for errors, a fix.
 *
 * A rule that cannot judge says so: `cannotJudge` (something it needs was there and could not be read:
 * the run becomes inconclusive) or `notChecked` (something it needs was not given, e.g. node facts: it
 * is listed, and the run is not inconclusive for it).
 */
import type { Fix, MessageData } from '../contract/check.js';
import { formatMessage } from '../contract/check.js';
import type { FactState } from '../contract/facts.js';
import type { PodContext } from './pod.js';
import type { Segment } from './values.js';
import type { Span } from './yaml.js';

/** error: the API server, Pod Security admission or the node refuses it; warning: wrong or fragile; note: advice. */
export const SEVERITIES = ['error', 'warning', 'note'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_GROUPS = ['api', 'task-page', 'pod-security', 'volumes', 'scheduling', 'node', 'input'] as const;
export type RuleGroup = (typeof RULE_GROUPS)[number];

export const RULE_GROUP_TITLES: Record<RuleGroup, string> = {
  api: 'API validation',
  'task-page': 'HostProcess requirements (task page, containerd, hcsshim)',
  'pod-security': 'Pod Security admission',
  volumes: 'Volumes and paths',
  scheduling: 'Scheduling',
  node: 'Node facts',
  input: 'Reading the manifest',
};

export interface RuleMeta {
  /** kebab-case, stable; the file name. */
  id: string;
  /** One line (SARIF shortDescription). */
  title: string;
  /** A paragraph (SARIF fullDescription). */
  description: string;
  group: RuleGroup;
  /** The severity of its findings unless a finding says otherwise. */
  severity: Severity;
  /** Explain catalogue entry ids (src/catalogue/entries.ts) whose error this rule catches before apply. */
  catches: string[];
}

/** A place in an input: a file other than the object's (a Namespace's label), or a field of the object. */
export interface Place {
  file: string;
  span: Span;
}

export interface FindingOptions {
  /** The field the finding is about, from the document root (the API's field path is derived from it). */
  path: readonly Segment[];
  /** Where to point instead, when that is more useful than the field (a field of the object, or a place elsewhere). */
  at?: readonly Segment[] | Place;
  data?: MessageData;
  severity?: Severity;
  fix?: Fix;
  /** Other places the finding involves (SARIF relatedLocations). */
  related?: { message: string; at: readonly Segment[] | Place }[];
}

export interface RawFinding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  data?: MessageData;
  path: readonly Segment[];
  at?: readonly Segment[] | Place;
  fix?: Fix;
  related?: { message: string; at: readonly Segment[] | Place }[];
}

/** Something the rule needed and could not see (the run becomes inconclusive). */
export interface RuleUnseen {
  kind: 'unreadable' | 'template' | 'crashed';
  what: string;
  state?: FactState;
  reason: string;
  hint: string;
}

export interface RuleOutcome {
  findings: RawFinding[];
  unseen: RuleUnseen[];
  /** Why a part of the rule did not run (facts not given). */
  notChecked: string[];
}

export interface Reporter<M extends string> {
  finding(messageId: M, options: FindingOptions): void;
  cannotJudge(unseen: RuleUnseen): void;
  notChecked(reason: string): void;
}

export interface RuleDefinition<M extends string> {
  meta: RuleMeta;
  messages: Record<M, string>;
  run(pod: PodContext, report: Reporter<M>): void;
}

export interface Rule {
  meta: RuleMeta;
  docsUrl: string;
  messages: Readonly<Record<string, string>>;
  run(pod: PodContext): RuleOutcome;
}

export const LINT_DOCS_BASE = 'docs/lint';
export const lintDocsUrl = (id: string) => `${LINT_DOCS_BASE}/${id}.md`;

export function defineRule<M extends string>(definition: RuleDefinition<M>): Rule {
  const { meta, messages } = definition;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(meta.id)) throw new Error(`lint rule id ${meta.id} is not kebab-case`);
  return {
    meta,
    docsUrl: lintDocsUrl(meta.id),
    messages,
    run(pod) {
      const outcome: RuleOutcome = { findings: [], unseen: [], notChecked: [] };
      const reporter: Reporter<M> = {
        finding(messageId, options) {
          const template = messages[messageId];
          if (template === undefined) throw new Error(`${meta.id}: unknown message id ${String(messageId)}`);
          const finding: RawFinding = {
            ruleId: meta.id,
            messageId,
            severity: options.severity ?? meta.severity,
            message: formatMessage(template, options.data),
            path: options.path,
          };
          if (options.data !== undefined) finding.data = options.data;
          if (options.at !== undefined) finding.at = options.at;
          if (options.fix !== undefined) finding.fix = options.fix;
          if (options.related !== undefined && options.related.length > 0) finding.related = options.related;
          outcome.findings.push(finding);
        },
        cannotJudge(unseen) {
          outcome.unseen.push(unseen);
        },
        notChecked(reason) {
          if (!outcome.notChecked.includes(reason)) outcome.notChecked.push(reason);
        },
      };
      definition.run(pod, reporter);
      return outcome;
    },
  };
}
