import { hintFor } from '../../contract/report.js';
import { psQuote } from '../../rules/powershell.js';
import { classifyAccount } from '../accounts.js';
import { groupExists } from '../node.js';
import { defineRule } from '../rule.js';
import { describeContainers, usersOf } from '../users.js';
import { goQuote } from '../values.js';

/**
 * hcsshim v0.14.1 internal/jobcontainers/logon.go:112-130: a runAsUserName is first looked up as a local
 * group on the node; when there is no such group, the name is logged on as a user with no password, and
 * the container fails with "failed to create user process token: failed to logon user: …". The node's
 * groups come from a snapshot (its localGroups) or from --group.
 */
export default defineRule({
  meta: {
    id: 'local-group-exists',
    title: 'The local group named in runAsUserName must exist on the node',
    description:
      'A local-group runAsUserName works only where the group exists. With a snapshot (its local groups) or --group (the groups known to exist), a group the node lacks is an error.',
    group: 'node',
    severity: 'error',
    catches: ['logon-missing-local-group'],
  },
  messages: {
    missing:
      'local group {{value}} does not exist on the node ({{from}}): hcsshim logs the name on as a user, and the logon fails for {{containers}} ("failed to create user process token: failed to logon user: …")',
  },
  run(pod, report) {
    for (const use of usersOf(pod)) {
      if (use.read.state !== 'ok' || classifyAccount(use.read.value).kind !== 'group') continue;
      const group = use.read.value;
      const exists = groupExists(pod.node, group);
      if (exists === 'yes') continue;
      if (exists === 'unknown') {
        const unreadable = pod.node.groups.unreadable;
        if (unreadable) {
          report.cannotJudge({
            kind: 'unreadable',
            what: "the node's local groups",
            state: unreadable.state,
            reason: unreadable.reason,
            hint: hintFor(unreadable.state),
          });
        } else {
          report.notChecked(
            `whether local group ${goQuote(group)} exists: no list of the node's groups (give --snapshot NODE.json or --group ${group})`,
          );
        }
        continue;
      }
      report.finding('missing', {
        path: use.path,
        data: { value: goQuote(group), from: pod.node.groups.from, containers: describeContainers(use.containers) },
        fix: {
          text: 'Create the group on every node that runs the pod and grant it what the containers need, or correct the name.',
          commands: [`New-LocalGroup -Name ${psQuote(group)}`, `Get-LocalGroup -Name ${psQuote(group)}`],
        },
      });
    }
  },
});
