import check from '../../checks/os-build.js';
import type { OsInfo } from '../../src/contract/facts.js';
import { checkTester } from '../helpers/check-tester.js';
import { node, not, ok } from '../helpers/facts.js';

const os = (build: number, extra: Omit<OsInfo, 'build'> = {}) => node({ os: ok({ build, ...extra }) });

checkTester(check, [
  // Supported releases, named by build number.
  {
    name: '17763 is Windows Server 2019',
    facts: os(17763, { ubr: 8389, productName: 'Windows Server 2019 Datacenter', installationType: 'Server Core' }),
    status: 'pass',
    messageId: 'supported',
    verify: (t, r) => {
      t.regex(r.observed ?? '', /2019/);
      t.regex(r.observed ?? '', /17763\.8389/);
    },
  },
  { name: '17763 without UBR or ProductName', facts: os(17763), status: 'pass', messageId: 'supported' },
  {
    name: '20348 is Windows Server 2022',
    facts: os(20348, { ubr: 2849, productName: 'Windows Server 2022 Datacenter', installationType: 'Server Core' }),
    status: 'pass',
    messageId: 'supported',
    verify: (t, r) => t.regex(r.observed ?? '', /2022/),
  },
  {
    name: '25398 (23H2) still says Windows Server 2022 in ProductName',
    facts: os(25398, {
      ubr: 1009,
      productName: 'Windows Server 2022 Datacenter',
      displayVersion: '23H2',
      installationType: 'Server Core',
    }),
    status: 'pass',
    messageId: 'supportedRenamed',
    verify: (t, r) => {
      t.regex(r.observed ?? '', /23H2/, 'named by build number, not by ProductName');
      t.notRegex(r.observed ?? '', /2022/);
    },
  },
  { name: '25398 without ProductName', facts: os(25398), status: 'pass', messageId: 'supported' },
  {
    name: '26100 is Windows Server 2025',
    facts: os(26100, { ubr: 33296, productName: 'Windows Server 2025 Datacenter' }),
    status: 'pass',
    messageId: 'supported',
    verify: (t, r) => t.regex(r.observed ?? '', /2025/),
  },
  {
    name: '20348 named by build even if ProductName is wrong',
    facts: os(20348, { productName: 'Windows Server 2019 Datacenter' }),
    status: 'pass',
    messageId: 'supportedRenamed',
    verify: (t, r) => t.regex(r.observed ?? '', /Windows Server 2022/),
  },
  {
    name: 'a build newer than every known release is not failed',
    facts: os(30000),
    status: 'pass',
    messageId: 'newer',
  },

  // Too old.
  {
    name: '14393 (Windows Server 2016) fails',
    facts: os(14393, { ubr: 7259, productName: 'Windows Server 2016 Datacenter' }),
    status: 'fail',
    messageId: 'tooOld',
  },
  { name: '17134 (1803) fails', facts: os(17134), status: 'fail', messageId: 'tooOld' },
  { name: '17762, one below 2019, fails', facts: os(17762), status: 'fail', messageId: 'tooOld' },
  {
    name: 'old build fails even if ProductName claims 2019',
    facts: os(14393, { productName: 'Windows Server 2019 Datacenter' }),
    status: 'fail',
    messageId: 'tooOld',
  },

  // Facts that are absent or unreadable.
  { name: 'os not collected', facts: node(), status: 'skip', messageId: 'notCollected' },
  { name: 'os denied', facts: node({ os: not('denied') }), status: 'skip', messageId: 'factUnavailable' },
  { name: 'os timed out', facts: node({ os: not('timeout') }), status: 'skip', messageId: 'factUnavailable' },
  { name: 'os probe error', facts: node({ os: not('error') }), status: 'skip', messageId: 'factUnavailable' },
  {
    name: 'a Semi-Annual Channel build warns',
    facts: os(19042, { productName: 'Windows Server Datacenter', displayVersion: '20H2' }),
    status: 'warn',
    messageId: 'semiAnnual',
  },
  {
    name: 'a build between the known releases warns',
    facts: os(19500),
    status: 'warn',
    messageId: 'unknownBuild',
  },
  {
    name: 'client Windows warns',
    facts: os(19045, { installationType: 'Client', productName: 'Windows 10 Enterprise' }),
    status: 'warn',
    messageId: 'client',
  },
]);
