import check from '../../checks/bind-filter.js';
import type { Fact, FileInfo, NodeFacts, OsInfo } from '../../src/contract/facts.js';
import { checkTester } from '../helpers/check-tester.js';
import { node, not, ok, version } from '../helpers/facts.js';

const DLL_PATH = 'C:\\Windows\\System32\\bindfltapi.dll';
const present = ok<FileInfo>({ path: DLL_PATH, size: 71680 });
const absent = not<FileInfo>('missing', 'no such file');

function facts(dll: Fact<FileInfo> | undefined, containerd?: string, build?: number, ubr?: number): NodeFacts {
  return node({
    ...(dll ? { bindFilterDll: dll } : {}),
    ...(containerd ? { containerd: { version: version(containerd) } } : {}),
    ...(build !== undefined ? { os: ok<OsInfo>({ build, ...(ubr !== undefined ? { ubr } : {}) }) } : {}),
  });
}

checkTester(check, [
  // containerd 1.7 and later use the bind filter.
  {
    name: '1.7.20 with the dll',
    facts: facts(present, 'containerd github.com/containerd/containerd v1.7.20 8fc6bcff'),
    status: 'pass',
    messageId: 'present',
  },
  { name: '1.7.0 with the dll', facts: facts(present, '1.7.0'), status: 'pass', messageId: 'present' },
  { name: '1.7.0-rc.1 counts as 1.7', facts: facts(absent, 'v1.7.0-rc.1'), status: 'warn', messageId: 'missing' },
  {
    name: '2.0.4+azure with the dll',
    facts: facts(present, 'containerd github.com/containerd/containerd/v2 v2.0.4+azure abc'),
    status: 'pass',
    messageId: 'present',
  },
  {
    name: '1.7.20 without the dll warns (symlink fallback)',
    facts: facts(absent, '1.7.20'),
    status: 'warn',
    messageId: 'missing',
    verify: (t, r) => t.truthy(r.fix, 'the warning says how to get the dll'),
  },
  { name: '2.0.4 without the dll warns', facts: facts(absent, 'v2.0.4'), status: 'warn', messageId: 'missing' },

  // containerd before 1.7 does not use it.
  {
    name: '1.6.35 with the dll',
    facts: facts(present, 'ctr github.com/containerd/containerd v1.6.35+azure'),
    status: 'pass',
    messageId: 'notUsed',
  },
  { name: '1.6.35 without the dll', facts: facts(absent, '1.6.35+azure'), status: 'pass', messageId: 'notUsed' },
  {
    name: '1.6.39 with the dll fact not collected',
    facts: facts(undefined, '1.6.39'),
    status: 'pass',
    messageId: 'notUsed',
  },
  // containerd before 1.6 cannot run HostProcess at all: never a pass here (it was notUsed).
  {
    name: '1.5.18 without the dll: not applicable, not a pass',
    facts: facts(absent, '1.5.18'),
    status: 'skip',
    messageId: 'cannotRunHostProcess',
    skipReason: 'notApplicable',
  },
  {
    name: '1.4.4 with the dll: not applicable, not a pass',
    facts: facts(present, '1.4.4', 20348),
    status: 'skip',
    messageId: 'cannotRunHostProcess',
  },
  {
    name: 'a vendor 1.5 build: not applicable',
    facts: facts(undefined, 'containerd://1.5.11+azure-2', 20348),
    status: 'skip',
    messageId: 'cannotRunHostProcess',
  },

  // Only the build given (what-if --os-build): 20H1 (19041) and later always have the API.
  {
    name: 'Windows Server 2022 build only, containerd 1.7: pass by the build',
    facts: facts(undefined, '1.7.20', 20348, 2849),
    status: 'pass',
    messageId: 'builtIn',
    data: { build: '20348' },
  },
  {
    name: 'Windows Server 2025 build only, containerd unknown: pass by the build',
    facts: facts(undefined, undefined, 26100),
    status: 'pass',
    messageId: 'builtInVersionUnknown',
  },
  {
    name: 'Windows Server 2019 build only: the update that ships it is UNCONFIRMED, so the dll must tell',
    facts: facts(undefined, '1.7.20', 17763, 6414),
    status: 'skip',
    messageId: 'ws2019NeedsDll',
    skipReason: 'notCollected',
  },
  {
    name: 'Windows Server 2019 with the dll passes',
    facts: facts(present, '1.7.20', 17763, 3046),
    status: 'pass',
    messageId: 'present',
  },
  {
    name: 'Windows Server 2019 without the dll warns with the update fix',
    facts: facts(absent, '1.7.20', 17763, 2989),
    status: 'warn',
    messageId: 'missing',
    commands: ['Get-HotFix | Sort-Object InstalledOn -Descending | Select-Object -First 3'],
  },
  {
    name: 'Windows Server 2022 without the dll warns: unexpected there, repair',
    facts: facts(absent, '1.7.20', 20348),
    status: 'warn',
    messageId: 'missing',
    commands: ['sfc.exe /scannow'],
  },
  {
    name: 'the dll probe denied on 2022: the doctor does not pass past a probe that failed',
    facts: facts(not('denied'), '1.7.20', 20348),
    status: 'skip',
    messageId: 'factUnavailable',
    skipReason: 'unreadable',
  },
  {
    name: 'an old build with no dll fact: not collected',
    facts: facts(undefined, '1.7.20', 14393),
    status: 'skip',
    messageId: 'notCollected',
  },

  // Unknown containerd version: the dll being there is fine whatever the version.
  {
    name: 'dll present, containerd version not collected',
    facts: facts(present),
    status: 'pass',
    messageId: 'presentVersionUnknown',
  },

  // The dll fact itself is absent or unreadable on containerd 1.7.
  {
    name: 'dll fact not collected on 1.7',
    facts: facts(undefined, '1.7.20'),
    status: 'skip',
    messageId: 'notCollected',
  },
  {
    name: 'dll probe denied on 1.7',
    facts: facts(not('denied'), '1.7.20'),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'dll probe timed out on 2.0',
    facts: facts(not('timeout'), '2.0.0'),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'dll probe error on 1.7',
    facts: facts(not('error'), '1.7.20'),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  { name: 'nothing collected', facts: node(), status: 'skip', messageId: 'notCollected' },
  {
    name: 'dll missing, containerd version not collected',
    facts: facts(absent),
    status: 'warn',
    messageId: 'missingVersionUnknown',
  },
]);
