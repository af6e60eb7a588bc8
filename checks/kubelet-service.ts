import { defineCheck, evidenceOf, type Fix } from '../src/contract/check.js';
import { factValue, type ServiceInfo } from '../src/contract/facts.js';
import { lastFlag, programName, splitWindowsCommandLine } from '../src/parse/commandline.js';
import { readKubeletCommandLine } from '../src/parse/kubelet-flags.js';
import { psQuote, shellName } from '../src/rules/powershell.js';

/** sig-windows-tools hostprocess/PrepareNode.ps1 (HEAD 401ee6fc:115-116): nssm set kubelet AppStderr. */
const NSSM_DEFAULT_STDERR = 'C:\\var\\log\\kubelet\\kubelet.err.log';

interface LogHint {
  /** Where kubelet's start-up errors are, in words. */
  where: string;
  commands: string[];
}

/**
 * Where a kubelet that exits at start-up leaves its reason, read from the service's command line:
 * nssm's AppStderr file, kube-log-runner's --log-file, kubelet's own --log-file or --log-dir.
 */
function logHint(service: ServiceInfo): LogHint {
  const line = service.pathName ?? '';
  const args = splitWindowsCommandLine(line);
  const name = shellName(service.name);
  // nssm registers itself as the service's binary, possibly unquoted in a path with spaces.
  if (/^\s*"?(?:[^"]*[\\/])?nssm\.exe"?(?:\s|$)/i.test(line)) {
    return {
      where: `the file nssm writes kubelet's stderr to (nssm.exe get ${service.name} AppStderr; sig-windows-tools uses ${NSSM_DEFAULT_STDERR})`,
      commands: [`nssm.exe get ${name} AppStderr`, `Get-Content ${psQuote(NSSM_DEFAULT_STDERR)} -Tail 50`],
    };
  }
  // kube-log-runner.exe --log-file=X kubelet.exe ...: the wrapper's own flags come before kubelet.exe.
  const kubeletAt = args.findIndex((a) => programName(a) === 'kubelet.exe');
  const wrapperArgs = kubeletAt > 0 ? args.slice(1, kubeletAt) : [];
  const wrapperLog = /^--?log-file=(.+)$/.exec(wrapperArgs.find((a) => /^--?log-file=/.test(a)) ?? '')?.[1];
  const invocation = readKubeletCommandLine(line);
  const logFile = wrapperLog ?? lastFlag(invocation.flags, 'log-file');
  if (logFile) {
    return { where: logFile, commands: [`Get-Content ${psQuote(logFile)} -Tail 50`] };
  }
  const logDir = lastFlag(invocation.flags, 'log-dir');
  if (logDir) {
    return {
      where: `the kubelet.* files in ${logDir}`,
      commands: [
        `Get-ChildItem ${psQuote(logDir)} -Filter 'kubelet*' | Sort-Object LastWriteTime | Select-Object -Last 1 | Get-Content -Tail 50`,
      ],
    };
  }
  return {
    where:
      "kubelet's stderr, which the service manager does not keep: run the service's command line in an elevated console to see it",
    commands: [`(Get-CimInstance Win32_Service -Filter "Name='${service.name.replace(/'/g, "''")}'").PathName`],
  };
}

export default defineCheck({
  meta: {
    id: 'kubelet-service',
    title: 'kubelet service is registered, running and starts with the node',
    group: 'kubelet',
  },
  messages: {
    running: 'the {{name}} service is running (start mode {{startMode}})',
    runningNotAutomatic:
      'the {{name}} service is running, but its start mode is {{startMode}}: it will not start again after a reboot',
    starting: 'the {{name}} service is {{state}}; run the doctor again in a minute to see whether it stays up',
    paused:
      "the {{name}} service is {{state}}: nssm shows Paused when kubelet.exe keeps exiting at start-up and it throttles the restarts, so no pod starts on this node. kubelet's reason is in {{log}}",
    notRunning:
      "the {{name}} service is registered but {{state}}: no pod can start on this node. If it stops again after a start, kubelet's reason is in {{log}}",
    notRegistered: 'no kubelet service is registered on this node, so kubelet does not start with it',
    notRegisteredButRunning:
      'kubelet.exe runs (process {{pid}}) but no service named kubelet is registered: whatever started it, it will not come back after a reboot unless that starts it again',
  },
  run(facts, report) {
    const fact = facts.kubelet?.service;
    if (fact?.state === 'missing') {
      const evidence = evidenceOf('kubelet.service', fact);
      const process = factValue(facts.kubelet?.commandLine)?.processId;
      const commands = [
        'Get-Service kubelet, containerd -ErrorAction SilentlyContinue | Format-Table Name, Status, StartType',
        'Get-CimInstance Win32_Process -Filter "Name=\'kubelet.exe\'" | Select-Object ProcessId, CommandLine',
      ];
      const fix: Fix = {
        text: 'Register kubelet as a service that starts automatically and depends on containerd, as your node set-up does it: sig-windows-tools PrepareNode.ps1 (nssm install kubelet … ; nssm set kubelet DependOnService containerd), or sc.exe create kubelet binPath= "<kubelet.exe> --windows-service <flags>" start= auto depend= containerd. sc.exe create makes a service Manual unless start= auto is given.',
        commands,
      };
      if (process !== undefined) {
        return report.warn('notRegisteredButRunning', {
          data: { pid: process },
          observed: `not registered, kubelet.exe process ${process}`,
          expected: 'service kubelet, Running, Automatic',
          evidence: [...evidence, ...evidenceOf('kubelet.commandLine', facts.kubelet?.commandLine)],
          fix,
        });
      }
      return report.fail('notRegistered', {
        observed: 'not registered',
        expected: 'service kubelet, Running, Automatic',
        evidence,
        fix,
      });
    }
    const service = fact?.state === 'ok' ? fact.value : undefined;
    if (!service) return report.unavailable('the kubelet service', fact);
    const state = service.state ?? 'unknown';
    const startMode = service.startMode ?? 'unknown';
    const hint = logHint(service);
    const data = { name: service.name, state, startMode, log: hint.where };
    const observed = `${state} (${startMode})`;
    const evidence = evidenceOf('kubelet.service', fact, observed);
    const expected = 'Running (Auto)';
    const automatic = /^auto/i.test(startMode);
    const name = shellName(service.name);
    const makeAutomatic = `Set-Service ${name} -StartupType Automatic`;
    if (/^running$/i.test(state)) {
      if (automatic || startMode === 'unknown') return report.pass('running', { data, observed, expected, evidence });
      return report.warn('runningNotAutomatic', {
        data,
        observed,
        expected,
        evidence,
        fix: { text: 'Make kubelet start with the node.', commands: [makeAutomatic] },
      });
    }
    if (/^(start|continue) pending$/i.test(state)) {
      return report.warn('starting', {
        data,
        observed,
        expected,
        evidence,
        fix: {
          text: `If it does not reach Running, kubelet is exiting at start-up; its reason is in ${hint.where}.`,
          commands: [`Get-Service ${name}`, ...hint.commands],
        },
      });
    }
    if (/^pause/i.test(state)) {
      return report.fail('paused', {
        data,
        observed,
        expected,
        evidence,
        fix: {
          text: `Read why kubelet exits (the last lines of ${hint.where}), fix that (often a flag this kubelet version refuses: see kubelet-version and kubelet-runtime-endpoint), then restart the service.`,
          commands: [...hint.commands, `Restart-Service ${name}`, `Get-Service ${name}`],
        },
      });
    }
    const commands = automatic ? [] : [makeAutomatic];
    commands.push(`Start-Service ${name}`, `Get-Service ${name}`, ...hint.commands);
    return report.fail('notRunning', {
      data,
      observed,
      expected,
      evidence,
      fix: {
        text: `Start kubelet (and make it start with the node). If it stops again, its reason is in ${hint.where}.`,
        commands,
      },
    });
  },
});
