import check from '../../checks/kubelet-service.js';
import type { ServiceInfo } from '../../src/contract/facts.js';
import { checkTester } from '../helpers/check-tester.js';
import { imageBuilderBinPath } from '../helpers/corpus.js';
import { commandLine, node, not, ok, serviceInfo } from '../helpers/facts.js';

/** sig-windows-tools registers kubelet with nssm: the service's binary is nssm.exe itself. */
const NSSM = 'C:\\Program Files\\nssm\\nssm.exe';
const LOG_RUNNER = imageBuilderBinPath();
const service = (state: string, startMode: string, extra: Partial<ServiceInfo> = {}) =>
  node({ kubelet: { service: serviceInfo('kubelet', state, startMode, { pathName: NSSM, ...extra }) } });

checkTester(check, [
  { name: 'running, Auto', facts: service('Running', 'Auto'), status: 'pass', messageId: 'running' },
  {
    name: 'running, Automatic (Get-Service spelling)',
    facts: service('Running', 'Automatic'),
    status: 'pass',
    messageId: 'running',
  },
  {
    name: 'running but Manual warns: it will not come back after a reboot (sc.exe create defaults to demand)',
    facts: service('Running', 'Manual'),
    status: 'warn',
    messageId: 'runningNotAutomatic',
    commands: ['Set-Service kubelet -StartupType Automatic'],
  },
  {
    name: 'running but Disabled warns',
    facts: service('Running', 'Disabled'),
    status: 'warn',
    messageId: 'runningNotAutomatic',
  },

  // Paused: nssm throttles a kubelet that keeps exiting at start-up (kubernetes#110580, #123173).
  {
    name: 'Paused under nssm fails and says where the log is',
    facts: service('Paused', 'Auto'),
    status: 'fail',
    messageId: 'paused',
    commands: ['nssm.exe get kubelet AppStderr', "Get-Content 'C:\\var\\log\\kubelet\\kubelet.err.log' -Tail 50"],
    verify: (t, r) => t.regex(String(r.data?.log), /kubelet\.err\.log/),
  },
  {
    name: 'Pause Pending fails like Paused',
    facts: service('Pause Pending', 'Auto'),
    status: 'fail',
    messageId: 'paused',
  },
  {
    name: 'Paused behind kube-log-runner: the log is its --log-file',
    facts: service('Paused', 'Auto', { pathName: LOG_RUNNER }),
    status: 'fail',
    messageId: 'paused',
    data: { log: 'C:/var/log/kubelet/kubelet.log' },
    commands: ["Get-Content 'C:/var/log/kubelet/kubelet.log' -Tail 50"],
  },
  {
    name: 'Stopped, Auto fails with the start command',
    facts: service('Stopped', 'Auto'),
    status: 'fail',
    messageId: 'notRunning',
    commands: ['Start-Service kubelet'],
  },
  {
    name: 'Stopped and Manual fails and makes it automatic',
    facts: service('Stopped', 'Manual'),
    status: 'fail',
    messageId: 'notRunning',
    commands: ['Set-Service kubelet -StartupType Automatic', 'Start-Service kubelet'],
  },
  {
    name: 'Stopped, kubelet.exe run directly with --log-dir: the log is there',
    facts: service('Stopped', 'Auto', {
      pathName: 'C:\\k\\kubelet.exe --windows-service --log-dir=C:\\var\\log\\kubelet --logtostderr=false',
    }),
    status: 'fail',
    messageId: 'notRunning',
    data: { log: 'the kubelet.* files in C:\\var\\log\\kubelet' },
  },
  {
    name: 'Stopped, no log flags: says to run the command line by hand',
    facts: service('Stopped', 'Auto', { pathName: 'C:\\k\\kubelet.exe --windows-service' }),
    status: 'fail',
    messageId: 'notRunning',
    verify: (t, r) => t.regex(String(r.data?.log), /elevated console/),
  },
  { name: 'Stop Pending fails', facts: service('Stop Pending', 'Auto'), status: 'fail', messageId: 'notRunning' },
  { name: 'a state never seen fails', facts: service('Unknown', 'Auto'), status: 'fail', messageId: 'notRunning' },
  { name: 'Start Pending warns', facts: service('Start Pending', 'Auto'), status: 'warn', messageId: 'starting' },
  {
    name: 'a service name that needs quoting is quoted in the fix',
    facts: node({ kubelet: { service: serviceInfo("kube'let", 'Stopped', 'Auto', { pathName: NSSM }) } }),
    status: 'fail',
    messageId: 'notRunning',
    commands: ["Start-Service 'kube''let'"],
  },

  // Not registered, and the fact states containerd-service reads the same way.
  {
    name: 'not registered fails',
    facts: node({ kubelet: { service: not('missing', 'no Windows service named kubelet') } }),
    status: 'fail',
    messageId: 'notRegistered',
  },
  {
    name: 'not registered, but kubelet.exe runs: warns that it will not survive a reboot',
    facts: node({
      kubelet: {
        service: not('missing', 'no Windows service named kubelet'),
        commandLine: ok({ commandLine: 'C:\\k\\kubelet.exe --v=2', processId: 4242 }),
      },
    }),
    status: 'warn',
    messageId: 'notRegisteredButRunning',
    data: { pid: 4242 },
  },
  {
    name: 'not registered, flags given as a what-if (no process): fails',
    facts: node({
      kubelet: { service: not('missing', 'no Windows service named kubelet'), commandLine: commandLine('--v=2') },
    }),
    status: 'fail',
    messageId: 'notRegistered',
  },
  { name: 'service not collected: skip, never pass', facts: node(), status: 'skip', messageId: 'notCollected' },
  {
    name: 'kubelet facts without a service fact',
    facts: node({ kubelet: { version: ok({ output: 'Kubernetes v1.29.3' }) } }),
    status: 'skip',
    messageId: 'notCollected',
    skipReason: 'notCollected',
  },
  {
    name: 'service query denied',
    facts: node({ kubelet: { service: not('denied') } }),
    status: 'skip',
    messageId: 'factUnavailable',
    skipReason: 'unreadable',
  },
  {
    name: 'service query timed out',
    facts: node({ kubelet: { service: not('timeout') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'service query error',
    facts: node({ kubelet: { service: not('error') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
]);
