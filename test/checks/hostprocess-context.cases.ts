import check from '../../checks/hostprocess-context.js';
import type { DoctorContext } from '../../src/contract/facts.js';
import { checkTester } from '../helpers/check-tester.js';
import { node, not, ok } from '../helpers/facts.js';

const context = (value: DoctorContext) => node({ context: ok(value) });
const MOUNT = 'C:\\C\\3f9a8c1b2d7e4f60a1b2c3d4e5f60718293a4b5c6d7e8f9012345678901234';

checkTester(check, [
  {
    name: 'in a HostProcess container',
    facts: context({
      inHostProcess: true,
      user: 'NT AUTHORITY\\SYSTEM',
      sid: 'S-1-5-18',
      elevated: true,
      sandboxMountPoint: MOUNT,
      nodeName: 'winnode-07',
    }),
    status: 'pass',
    messageId: 'inHostProcess',
    verify: (t, r) => {
      t.true(r.message.includes(MOUNT), 'names the mount point');
      t.true(r.message.includes('NT AUTHORITY\\SYSTEM'), 'names the account');
      t.regex(r.observed ?? '', /HostProcess/);
    },
  },
  {
    name: 'in a HostProcess container as a local-group user, mount point C:\\hpc',
    facts: context({ inHostProcess: true, user: 'WINNODE-07\\3f9a8c1b2d7e4f60a1b2', sandboxMountPoint: 'C:\\hpc' }),
    status: 'pass',
    messageId: 'inHostProcess',
    verify: (t, r) => t.true(r.message.includes('C:\\hpc'), r.message),
  },
  {
    name: 'in a HostProcess container without a known mount point',
    facts: context({ inHostProcess: true, user: 'NT AUTHORITY\\Local service' }),
    status: 'pass',
    messageId: 'inHostProcess',
  },
  {
    name: 'on the host, elevated',
    facts: context({ inHostProcess: false, user: 'WINNODE-07\\Administrator', elevated: true }),
    status: 'pass',
    messageId: 'onHostElevated',
    verify: (t, r) => {
      t.true(r.message.includes('WINNODE-07\\Administrator'));
      t.notRegex(r.observed ?? '', /HostProcess/);
    },
  },
  {
    name: 'on the host, not elevated: still information only',
    facts: context({ inHostProcess: false, user: 'CORP\\alice', elevated: false }),
    status: 'pass',
    messageId: 'onHostNotElevated',
  },
  {
    name: 'on the host, elevation unknown',
    facts: context({ inHostProcess: false }),
    status: 'pass',
    messageId: 'onHost',
  },
  { name: 'not collected (what-if run)', facts: node(), status: 'skip', messageId: 'notCollected' },
  { name: 'context probe error', facts: node({ context: not('error') }), status: 'skip', messageId: 'factUnavailable' },
  {
    name: 'context probe denied',
    facts: node({ context: not('denied') }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
]);
