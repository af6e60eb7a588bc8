import { ACCOUNT_NAMES, classifyAccount } from '../accounts.js';
import { defineRule } from '../rule.js';
import { describeContainers, usersOf } from '../users.js';
import { goQuote } from '../values.js';

const ALLOWED = `Use ${ACCOUNT_NAMES} (written exactly so), or the bare name of a local group (containerd 1.7+).`;

/**
 * The task page's "Allowed Values" for runAsUserName: NT AUTHORITY\SYSTEM, NT AUTHORITY\Local service,
 * NT AUTHORITY\NetworkService, or a local group. hcsshim v0.14.1 internal/jobcontainers/logon.go:134-157
 * logs the account on with no password: LOGON32_LOGON_SERVICE only when the domain is exactly
 * "NT AUTHORITY" (:145), an interactive logon otherwise. A named user cannot log on that way: "there's no
 * cri field to pass a user password, and passwordless logon seems to be blocked on Windows by default"
 * (hcsshim PR #1286). ContainerUser and ContainerAdministrator exist only inside ordinary containers.
 */
export default defineRule({
  meta: {
    id: 'run-as-user-name-account',
    title: 'runAsUserName must name an account HostProcess containers can run as',
    description:
      'HostProcess containers run as NT AUTHORITY\\SYSTEM, NT AUTHORITY\\Local service, NT AUTHORITY\\NetworkService, or a temporary member of a local group. hcsshim logs the account on without a password, so named users fail, container accounts (ContainerUser) do not exist on the host, and the service logon is used only when the domain is written exactly "NT AUTHORITY".',
    group: 'task-page',
    severity: 'warning',
    catches: ['logon-failed'],
  },
  messages: {
    containerAccount:
      '{{value}} is {{account}}, an account of ordinary Windows containers that does not exist on the host: the logon fails for {{containers}} ("failed to create user process token: failed to logon user: …")',
    authorityCase:
      '{{value}}: hcsshim uses the service logon only when the domain is written exactly "NT AUTHORITY"; for "{{domain}}" it tries an interactive logon with no password, which is expected to fail for {{containers}}',
    otherAuthority:
      '{{value}} is not one of the HostProcess accounts ({{allowed}}); hcsshim logs it on with no password, which may fail for {{containers}}',
    namedUser:
      '{{value}} names a user account: HostProcess containers log on without a password (CRI has none to pass), so the logon is expected to fail for {{containers}} ("failed to create user process token: failed to logon user: …")',
  },
  run(pod, report) {
    for (const use of usersOf(pod)) {
      if (use.read.state !== 'ok') continue;
      const account = classifyAccount(use.read.value);
      const data = {
        value: goQuote(use.read.value),
        containers: describeContainers(use.containers),
        domain: account.domain,
        account: account.user,
        allowed: ACCOUNT_NAMES,
      };
      const fix = { text: ALLOWED, commands: [] };
      switch (account.kind) {
        case 'container':
          report.finding('containerAccount', { path: use.path, data, severity: 'error', fix });
          break;
        case 'authorityCase':
          report.finding('authorityCase', {
            path: use.path,
            data,
            fix: {
              text: `Write the domain exactly "NT AUTHORITY" (English, upper case), even on a localized node: ${ACCOUNT_NAMES}.`,
              commands: [],
            },
          });
          break;
        case 'otherAuthority':
          report.finding('otherAuthority', { path: use.path, data, fix });
          break;
        case 'user':
          report.finding('namedUser', {
            path: use.path,
            data,
            fix: {
              text: `${ALLOWED} To give the container a user's rights, create a local group with them and name the group.`,
              commands: [],
            },
          });
          break;
        default:
          break;
      }
    }
  },
});
