/**
 * The lint rules: one file per rule in this directory, named by its id. Kept in rule-group order, then
 * by id (the SARIF rules array and the docs index use this order). test/lint/registry.test.ts fails
 * when a file here is missing from the list, or a listed rule has no docs page or test table.
 */
import { RULE_GROUPS, type Rule } from '../rule.js';
import allContainersHostProcess from './all-containers-host-process.js';
import fieldType from './field-type.js';
import hostNetwork from './host-network.js';
import hostPortMismatch from './host-port-mismatch.js';
import hostProcessMismatch from './host-process-mismatch.js';
import localGroupExists from './local-group-exists.js';
import localGroupNeedsContainerd17 from './local-group-needs-containerd-1-7.js';
import mountPathNeedsSandboxPrefix from './mount-path-needs-sandbox-prefix.js';
import namedPipeMount from './named-pipe-mount.js';
import nodeCheck from './node-check.js';
import podSecurityEnforce from './pod-security-enforce.js';
import podSecurityWarnAudit from './pod-security-warn-audit.js';
import preferLocalService from './prefer-local-service.js';
import runAsNonRoot from './run-as-non-root.js';
import runAsUserNameAccount from './run-as-user-name-account.js';
import runAsUserNameFormat from './run-as-user-name-format.js';
import runAsUserNameRequired from './run-as-user-name-required.js';
import sandboxMountVarJoin from './sandbox-mount-var-join.js';
import sandboxMountVarSpelling from './sandbox-mount-var-spelling.js';
import unrenderedTemplate from './unrendered-template.js';
import windowsNodeSelector from './windows-node-selector.js';
import windowsOptionsOnLinuxPod from './windows-options-on-linux-pod.js';

const ALL: Rule[] = [
  allContainersHostProcess,
  fieldType,
  hostNetwork,
  hostPortMismatch,
  hostProcessMismatch,
  localGroupExists,
  localGroupNeedsContainerd17,
  mountPathNeedsSandboxPrefix,
  namedPipeMount,
  nodeCheck,
  podSecurityEnforce,
  podSecurityWarnAudit,
  preferLocalService,
  runAsNonRoot,
  runAsUserNameAccount,
  runAsUserNameFormat,
  runAsUserNameRequired,
  sandboxMountVarJoin,
  sandboxMountVarSpelling,
  unrenderedTemplate,
  windowsNodeSelector,
  windowsOptionsOnLinuxPod,
];

export const LINT_RULES: readonly Rule[] = [...ALL].sort(
  (a, b) => RULE_GROUPS.indexOf(a.meta.group) - RULE_GROUPS.indexOf(b.meta.group) || (a.meta.id < b.meta.id ? -1 : 1),
);

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(LINT_RULES.map((r) => [r.meta.id, r]));
