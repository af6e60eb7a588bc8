/**
 * The node the workloads would run on, when the run is given one: a snapshot (`--snapshot NODE.json`,
 * as `hostprocess-doctor collect` writes it) and/or what-if flags. From it the lint reads:
 * - the doctor's own checks that block every HostProcess pod on the node (os-build, containerd-version,
 *   containerd-service-account, containerd-default-runtime), run through the engine exactly as
 *   `analyze` runs them, and reported against each workload;
 * - containerd's version and the bind filter, which decide how volumes appear (mount-path rules) and
 *   whether a local group works in runAsUserName;
 * - the node's local groups (the snapshot's, plus `--group NAME` for groups known to exist).
 * No node given: those rules say what they did not check, and the run is not inconclusive for it.
 */
import type { CheckResult } from '../contract/check.js';
import { isUnreadable } from '../contract/check.js';
import { emptyFacts, type FactState, factValue, type NodeFacts } from '../contract/facts.js';
import type { NodeSummary } from '../contract/report.js';
import { analyzeFacts, describeNode } from '../engine.js';
import { below, describeVersion, type ParsedVersion } from '../parse/versions.js';
import { containerdVersion } from '../rules/readers.js';

/** The doctor checks whose failure stops every HostProcess pod on the node. */
export const NODE_CHECKS = [
  'os-build',
  'containerd-version',
  'containerd-service-account',
  'containerd-default-runtime',
];

export interface NodeInput {
  facts: NodeFacts;
  source: 'snapshot' | 'what-if';
  /** The snapshot's name as given. */
  snapshot?: string;
  /** What-if flags applied. */
  whatIf: string[];
  /** --group: local groups known to exist on the node. */
  groups: string[];
}

export type Tri = 'yes' | 'no' | 'unknown';

export interface NodeContext {
  given: boolean;
  source: 'none' | 'snapshot' | 'what-if';
  /** How the facts were given, for messages: `snapshot node.json`, `--containerd-version`. */
  described: string;
  facts: NodeFacts;
  summary?: NodeSummary;
  containerd: {
    version?: ParsedVersion;
    /** Shown, e.g. 1.7.20. */
    shown?: string;
    state: 'known' | 'notGiven' | 'unreadable';
    reason?: string;
    factState?: FactState;
  };
  /** Whether containerd binds volumes at their mountPath (1.7+ with bindfltapi.dll). */
  bindFilter: { state: Tri; why: string; unreadable?: { state: FactState; reason: string } };
  /** Local groups. */
  groups: {
    known: string[];
    /** The snapshot's list is complete (a group not in it does not exist). */
    complete: boolean;
    unreadable?: { state: FactState; reason: string };
    from: string;
  };
  osBuild?: number;
  nodeName?: string;
  checks: CheckResult[];
}

const NOT_GIVEN: NodeContext = {
  given: false,
  source: 'none',
  described: 'no node facts',
  facts: emptyFacts(),
  containerd: { state: 'notGiven' },
  bindFilter: { state: 'unknown', why: 'no node facts were given' },
  groups: { known: [], complete: false, from: 'no node facts' },
  checks: [],
};

/** Builds on 19041 (20H1) and later ship the bind filter API (hcsshim annotations.go:166-170). */
const BINDFLT_BUILD = 19041;

function bindFilterOf(facts: NodeFacts, version: ParsedVersion | undefined): NodeContext['bindFilter'] {
  if (version && below(version, '1.7.0'))
    return { state: 'no', why: `containerd ${describeVersion(version)} mounts volumes with symlinks` };
  const dll = facts.bindFilterDll;
  if (dll?.state === 'ok') return { state: 'yes', why: 'bindfltapi.dll is present' };
  if (dll?.state === 'missing') return { state: 'no', why: 'bindfltapi.dll is missing' };
  const build = factValue(facts.os)?.build;
  if (build !== undefined && build >= BINDFLT_BUILD)
    return { state: 'yes', why: `build ${build} ships the bind filter (bindfltapi.dll)` };
  if (dll && isUnreadable(dll.state))
    return {
      state: 'unknown',
      why: `bindfltapi.dll could not be read (${dll.state})`,
      unreadable: { state: dll.state, reason: dll.reason ?? dll.state },
    };
  if (build !== undefined)
    return {
      state: 'unknown',
      why: `build ${build} has the bind filter only with the July 2022 or later updates (give a snapshot to know)`,
    };
  return { state: 'unknown', why: 'the bind filter is unknown (no snapshot, no --os-build)' };
}

export async function nodeContext(input: NodeInput | undefined): Promise<NodeContext> {
  if (!input) return NOT_GIVEN;
  const { facts } = input;
  const described =
    input.source === 'snapshot'
      ? `snapshot ${input.snapshot ?? ''}${input.whatIf.length > 0 ? ` with ${input.whatIf.join(' ')}` : ''}`.trim()
      : input.whatIf.join(' ');
  const report = await analyzeFacts(facts, {
    source: input.source,
    ...(input.snapshot === undefined ? {} : { snapshot: input.snapshot }),
    whatIf: input.whatIf,
    only: NODE_CHECKS,
  });
  const reading = containerdVersion(facts);
  const containerd: NodeContext['containerd'] = reading.version
    ? { version: reading.version, shown: describeVersion(reading.version), state: 'known' }
    : reading.fact && (isUnreadable(reading.fact.state) || reading.unreadable)
      ? {
          state: 'unreadable',
          reason: reading.fact.reason ?? (reading.unreadable ? 'no version in its output' : reading.fact.state),
          factState: reading.unreadable ? 'error' : reading.fact.state,
        }
      : { state: 'notGiven' };
  const groupsFact = facts.localGroups;
  const listed = factValue(groupsFact)?.map((g) => g.name) ?? [];
  const groups: NodeContext['groups'] = {
    known: [...listed, ...input.groups],
    complete: groupsFact?.state === 'ok',
    from:
      groupsFact?.state === 'ok'
        ? `the node's local groups (${input.snapshot ?? 'snapshot'})`
        : input.groups.length > 0
          ? 'the groups given with --group'
          : 'no list of local groups',
  };
  if (groupsFact && isUnreadable(groupsFact.state))
    groups.unreadable = { state: groupsFact.state, reason: groupsFact.reason ?? groupsFact.state };
  const context: NodeContext = {
    given: true,
    source: input.source,
    described,
    facts,
    summary: report.node,
    containerd,
    bindFilter: bindFilterOf(facts, reading.version),
    groups,
    checks: report.results,
  };
  const os = factValue(facts.os);
  if (os) context.osBuild = os.build;
  const name = describeNode(facts, input.source).name;
  if (name) context.nodeName = name;
  return context;
}

/** Whether `group` exists on the node: yes, no (the list is complete, or --group lists the node's groups), or unknown. */
export function groupExists(node: NodeContext, group: string): Tri {
  const lower = group.toLowerCase();
  if (node.groups.known.some((g) => g.toLowerCase() === lower)) return 'yes';
  if (node.groups.complete) return 'no';
  if (node.groups.known.length > 0 && !node.groups.unreadable) return 'no';
  return 'unknown';
}
