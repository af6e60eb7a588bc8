/**
 * Readings shared by several checks: the containerd and kubelet versions and kubelet's invocation.
 * Each reading keeps the fact it came from, so checks can cite it as evidence.
 */
import type { Evidence, OutcomeOptions, Unseen } from '../contract/check.js';
import { evidenceOf, unseenOf } from '../contract/check.js';
import type { Fact, KubeletConfigInfo, NodeFacts, VersionOutput } from '../contract/facts.js';
import { factValue } from '../contract/facts.js';
import { parseKubeletConfig } from '../parse/kubelet-config.js';
import { type KubeletInvocation, kubeletConfigPath, readKubeletCommandLine } from '../parse/kubelet-flags.js';
import { findVersion, type ParsedVersion, versionProblem } from '../parse/versions.js';
import { memoOn } from './memo.js';
import { psQuote } from './powershell.js';

export interface VersionReading {
  fact: Fact<VersionOutput> | undefined;
  version?: ParsedVersion;
  /** The output was there but held no version. */
  unreadable: boolean;
  /** Why the output holds no version, when there is more to say (a leading zero). */
  problem?: string;
  evidence: Evidence[];
}

function readVersion(name: string, fact: Fact<VersionOutput> | undefined): VersionReading {
  const output = factValue(fact)?.output;
  const version = output === undefined ? undefined : findVersion(output);
  const reading: VersionReading = {
    fact,
    unreadable: output !== undefined && version === undefined,
    evidence: evidenceOf(name, fact, output?.trim()),
  };
  if (version) reading.version = version;
  const problem = reading.unreadable && output !== undefined ? versionProblem(output) : undefined;
  if (problem) reading.problem = problem;
  return reading;
}

export const containerdVersion = memoOn((facts: NodeFacts) =>
  readVersion('containerd.version', facts.containerd?.version),
);
export const kubeletVersion = memoOn((facts: NodeFacts) => readVersion('kubelet.version', facts.kubelet?.version));

export interface KubeletSettings {
  invocation?: KubeletInvocation;
  /** The config file, read afresh from its text when the snapshot has it. */
  config?: KubeletConfigInfo;
  /**
   * Why kubelet would refuse the config file (not YAML, no kind, a wrong type): kubelet then does not
   * start at all. An observation, not a gap.
   */
  configError?: { path: string; message: string; line?: number; column?: number };
  /** The config file named by --config could not be read or was not collected. */
  configUnread: boolean;
  /** Why kubelet's settings could not be read completely (a config file named by --config that is unreadable). */
  gaps: string[];
  /** The gaps that are facts collected and unreadable (denied, timeout, garbled), for an inconclusive skip. */
  unseen: Unseen[];
  evidence: Evidence[];
}

/** Arguments for report.unavailable when kubeletSettings() has nothing to read. */
export function kubeletUnavailable(
  facts: NodeFacts,
): [string, Fact<unknown> | undefined, string | undefined, Evidence[]] {
  const fact = facts.kubelet?.commandLine ?? facts.kubelet?.config;
  const hint = fact ? undefined : 'give them with --kubelet-flags and --kubelet-config';
  return ["kubelet's command line and config", fact, hint, evidenceOf('kubelet.commandLine', fact)];
}

/**
 * The `configInvalid` failure of every kubelet check: kubelet does not start on a config file it cannot
 * decode, so no check that reads kubelet's settings may pass or skip on one.
 */
export function kubeletConfigInvalid(
  error: NonNullable<KubeletSettings['configError']>,
  evidence: Evidence[],
): OutcomeOptions {
  const { path, message, line, column } = error;
  const at = line !== undefined ? ` (line ${line}, column ${column})` : '';
  return {
    data: { path, error: `${message}${at}` },
    observed: `${path}: ${message}`,
    expected: 'a KubeletConfiguration kubelet can decode',
    evidence,
    fix: {
      text: `Fix ${path} so that kubelet can read it (it is YAML with apiVersion: kubelet.config.k8s.io/v1beta1 and kind: KubeletConfiguration), then restart kubelet.`,
      commands: [`Get-Content ${psQuote(path)}`, 'Restart-Service kubelet'],
    },
  };
}

/**
 * kubelet's command line and config file, as far as they could be read. `undefined` when neither could be
 * read (or was collected at all); see kubeletUnavailable.
 */
export const kubeletSettings = memoOn(readKubeletSettings);

function readKubeletSettings(facts: NodeFacts): KubeletSettings | undefined {
  const commandLineFact = facts.kubelet?.commandLine;
  const configFact = facts.kubelet?.config;
  if (!commandLineFact && !configFact) return undefined;
  const settings: KubeletSettings = { gaps: [], unseen: [], evidence: [], configUnread: false };
  const commandLine = factValue(commandLineFact)?.commandLine;
  if (commandLine !== undefined) {
    settings.invocation = readKubeletCommandLine(commandLine);
    settings.evidence.push(...evidenceOf('kubelet.commandLine', commandLineFact, commandLine));
  } else if (commandLineFact) {
    settings.gaps.push(
      `kubelet's command line (${commandLineFact.state}${commandLineFact.reason ? `: ${commandLineFact.reason}` : ''})`,
    );
    settings.unseen.push(...unseenOf('kubelet.commandLine', commandLineFact));
  }
  const collected = factValue(configFact);
  // The snapshot's parse is the collector's reading; the text is read again with today's rules.
  const config =
    collected?.text !== undefined && typeof collected.path === 'string'
      ? parseKubeletConfig(collected.path, collected.text)
      : collected;
  if (config) {
    settings.config = config;
    settings.evidence.push(...evidenceOf('kubelet.config', configFact, config.path));
    if (config.parse && !config.parse.ok && config.parse.doctorLimit) {
      // Not read, by the doctor's own bound: a blind spot, not a finding about the file.
      settings.configUnread = true;
      settings.gaps.push(`${config.path} (${config.parse.error.message})`);
      settings.unseen.push({ fact: 'kubelet.config', state: 'error', reason: config.parse.error.message });
    } else if (config.parse && !config.parse.ok) {
      const { message, line, column } = config.parse.error;
      settings.configError = {
        path: config.path,
        message,
        ...(line !== undefined && column !== undefined ? { line, column } : {}),
      };
    }
  } else if (configFact) {
    settings.configUnread = true;
    settings.gaps.push(
      `kubelet's config file (${configFact.state}${configFact.reason ? `: ${configFact.reason}` : ''})`,
    );
    settings.unseen.push(...unseenOf('kubelet.config', configFact));
  } else {
    const named = settings.invocation ? kubeletConfigPath(settings.invocation) : undefined;
    if (named) {
      settings.configUnread = true;
      settings.gaps.push(`${named} (named by --config, not collected; give it with --kubelet-config)`);
    }
  }
  return settings.invocation || settings.config ? settings : undefined;
}
