import { below } from '../../parse/versions.js';
import { classifyAccount } from '../accounts.js';
import { defineRule } from '../rule.js';
import { describeContainers, usersOf } from '../users.js';
import { goQuote } from '../values.js';

/**
 * The task page (#local-accounts): "Running HostProcess containers as local user accounts requires
 * containerd v1.7+". A bare runAsUserName is a local group: hcsshim creates a temporary user in it and logs
 * that on (v0.14.1 internal/jobcontainers/logon.go:112-130, added by PR #1286, first in v0.10.0).
 * containerd 1.7.0 vendors hcsshim v0.10.0-rc.7; 1.6.x vendors v0.9.x, which logs the name on as a user.
 */
export default defineRule({
  meta: {
    id: 'local-group-needs-containerd-1-7',
    title: 'A local-group runAsUserName needs containerd 1.7 or later',
    description:
      "A runAsUserName without a backslash names a local group. hcsshim 0.10 (containerd 1.7) and later run the container as a temporary member of that group; containerd 1.6 logs the name on as a user, which fails. With node facts, the node's containerd version decides.",
    group: 'task-page',
    severity: 'warning',
    catches: ['logon-missing-local-group'],
  },
  messages: {
    needs17:
      '{{value}} is a local group: a local group works for {{containers}} only on containerd 1.7 or later; containerd 1.6 logs the name on as a user and fails ("failed to create user process token: failed to logon user: …"){{node}}',
    containerdTooOld:
      '{{value}} is a local group, and the node runs containerd {{version}} ({{source}}), which cannot use groups in runAsUserName: the logon fails for {{containers}} ("failed to create user process token: failed to logon user: …")',
  },
  run(pod, report) {
    const { containerd } = pod.node;
    for (const use of usersOf(pod)) {
      if (use.read.state !== 'ok' || classifyAccount(use.read.value).kind !== 'group') continue;
      const data = { value: goQuote(use.read.value), containers: describeContainers(use.containers) };
      if (containerd.state === 'known' && containerd.version) {
        if (!below(containerd.version, '1.7.0')) continue;
        report.finding('containerdTooOld', {
          path: use.path,
          severity: 'error',
          data: { ...data, version: containerd.shown ?? '', source: pod.node.described },
          fix: {
            text: 'Upgrade containerd on the node to 1.7 or later, or run as one of the NT AUTHORITY accounts.',
            commands: ['& "$env:ProgramFiles\\containerd\\containerd.exe" --version'],
          },
        });
        continue;
      }
      report.finding('needs17', {
        path: use.path,
        data: {
          ...data,
          node:
            containerd.state === 'unreadable'
              ? "; containerd's version on the node could not be read"
              : '; give --snapshot or --containerd-version to check the node',
        },
        fix: {
          text: 'Run these pods only on nodes with containerd 1.7 or later (check with containerd.exe --version), or use one of the NT AUTHORITY accounts.',
          commands: ['& "$env:ProgramFiles\\containerd\\containerd.exe" --version'],
        },
      });
    }
  },
});
