import { hintFor } from '../../contract/report.js';
import { NODE_CHECKS } from '../node.js';
import type { PodContext } from '../pod.js';
import { defineRule } from '../rule.js';
import { objectAt } from '../values.js';

/** Why the workload would not be scheduled on the node the facts describe, if its nodeSelector says so. */
function notForThisNode(pod: PodContext): string | undefined {
  const selector = objectAt(pod.spec, 'nodeSelector');
  const build = selector['node.kubernetes.io/windows-build'];
  if (typeof build === 'string' && pod.node.osBuild !== undefined) {
    const wanted = /^10\.0\.(\d+)$/.exec(build)?.[1];
    if (wanted !== undefined && Number(wanted) !== pod.node.osBuild)
      return `its nodeSelector node.kubernetes.io/windows-build: ${build} does not match the node's build ${pod.node.osBuild}`;
  }
  const host = selector['kubernetes.io/hostname'];
  if (
    typeof host === 'string' &&
    pod.node.nodeName !== undefined &&
    host.toLowerCase() !== pod.node.nodeName.toLowerCase()
  )
    return `its nodeSelector kubernetes.io/hostname: ${host} is not the node ${pod.node.nodeName}`;
  return undefined;
}

/**
 * The doctor's own node checks that stop every HostProcess pod on a node (checks/os-build.ts,
 * containerd-version.ts, containerd-service-account.ts, containerd-default-runtime.ts), run through the
 * engine on the facts given (--snapshot, what-if flags) and reported against each HostProcess workload
 * that would run on that node. Their sources are in docs/checks/.
 */
export default defineRule({
  meta: {
    id: 'node-check',
    title: "The node's own checks for HostProcess pods",
    description:
      "With node facts (--snapshot NODE.json or what-if flags such as --containerd-version), the doctor's node checks that block every HostProcess pod (os-build, containerd-version, containerd-service-account, containerd-default-runtime) run on them; a failed one is an error against each workload that would run on that node, a warning a warning.",
    group: 'node',
    severity: 'error',
    catches: [
      'logon-access-denied',
      'logon-failed',
      'local-account-creation-failed',
      'not-running-as-hostprocess',
      'uvm-hostprocess',
      'containerd-default-runtime-name',
    ],
  },
  messages: {
    fail: 'the node ({{node}}) fails the doctor check {{check}}: {{message}}',
    warn: 'the node ({{node}}) warns in the doctor check {{check}}: {{message}}',
  },
  run(pod, report) {
    if (!pod.node.given) {
      report.notChecked(
        `the node: no node facts (give --snapshot NODE.json, or what-if flags such as --containerd-version; checks: ${NODE_CHECKS.join(', ')})`,
      );
      return;
    }
    const elsewhere = notForThisNode(pod);
    if (elsewhere !== undefined) {
      report.notChecked(`the node: the workload would not run there (${elsewhere})`);
      return;
    }
    const node = pod.node.nodeName ?? pod.node.described;
    for (const result of pod.node.checks) {
      const data = { node, check: result.id, message: result.message };
      const at = pod.specPath;
      if (result.status === 'fail' || result.status === 'warn') {
        report.finding(result.status, {
          path: at,
          severity: result.status === 'fail' ? 'error' : 'warning',
          data,
          ...(result.fix ? { fix: result.fix } : {}),
        });
      } else if (result.status === 'error') {
        report.cannotJudge({
          kind: 'crashed',
          what: `node check ${result.id}`,
          reason: result.message,
          hint: 'rerun; if it happens again, report it with the snapshot',
        });
      } else if (result.status === 'skip' && result.skipReason === 'unreadable') {
        for (const unseen of result.unseen ?? []) {
          report.cannotJudge({
            kind: 'unreadable',
            what: `${unseen.fact} (node check ${result.id})`,
            state: unseen.state,
            reason: unseen.reason ?? unseen.state,
            hint: hintFor(unseen.state),
          });
        }
      } else if (result.status === 'skip' && result.skipReason === 'notCollected') {
        report.notChecked(`node check ${result.id}: ${result.message}`);
      }
    }
  },
});
