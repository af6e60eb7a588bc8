import check from '../../checks/containerd-service.js';
import type { ServiceInfo } from '../../src/contract/facts.js';
import { checkTester } from '../helpers/check-tester.js';
import { node, not, ok } from '../helpers/facts.js';

const PATH_NAME = '"C:\\Program Files\\containerd\\containerd.exe" --run-service';
const service = (state: string, startMode: string, extra: Partial<ServiceInfo> = {}) =>
  node({
    containerd: {
      service: ok<ServiceInfo>({
        name: 'containerd',
        displayName: 'Containerd',
        state,
        startMode,
        pathName: PATH_NAME,
        ...extra,
      }),
    },
  });

checkTester(check, [
  { name: 'running, Auto', facts: service('Running', 'Auto'), status: 'pass', messageId: 'running' },
  {
    name: 'running, Automatic (Get-Service spelling)',
    facts: service('Running', 'Automatic'),
    status: 'pass',
    messageId: 'running',
  },
  {
    name: 'running, Auto with a process id',
    facts: service('Running', 'Auto', { processId: 4242 }),
    status: 'pass',
    messageId: 'running',
  },
  {
    name: 'running but Manual warns: it will not come back after a reboot',
    facts: service('Running', 'Manual'),
    status: 'warn',
    messageId: 'runningNotAutomatic',
    verify: (t, r) =>
      t.true(r.fix?.commands.some((c) => /Set-Service containerd -StartupType Automatic/.test(c)) ?? false),
  },
  {
    name: 'stopped fails and says to start it',
    facts: service('Stopped', 'Auto'),
    status: 'fail',
    messageId: 'notRunning',
    commands: ['Start-Service containerd'],
  },
  {
    name: 'stopped and Manual fails',
    facts: service('Stopped', 'Manual'),
    status: 'fail',
    messageId: 'notRunning',
    commands: ['Start-Service containerd'],
  },
  {
    name: 'stopped and Disabled fails',
    facts: service('Stopped', 'Disabled'),
    status: 'fail',
    messageId: 'notRunning',
  },
  {
    name: 'not registered fails with the register command',
    facts: node({ containerd: { service: not('missing', 'no service named containerd') } }),
    status: 'fail',
    messageId: 'notRegistered',
    verify: (t, r) => {
      const commands = r.fix?.commands ?? [];
      t.true(
        commands.some((c) => /containerd\.exe"?\s+--register-service/.test(c)),
        JSON.stringify(commands),
      );
      t.true(commands.includes('Start-Service containerd'));
    },
  },
  { name: 'service not collected', facts: node(), status: 'skip', messageId: 'notCollected' },
  {
    name: 'containerd facts without a service fact',
    facts: node({ containerd: {} }),
    status: 'skip',
    messageId: 'notCollected',
  },
  {
    name: 'service query denied',
    facts: node({ containerd: { service: not('denied') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'service query timed out',
    facts: node({ containerd: { service: not('timeout') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'service query error',
    facts: node({ containerd: { service: not('error') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
]);
