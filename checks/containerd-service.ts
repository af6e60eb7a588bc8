import { defineCheck, evidenceOf } from '../src/contract/check.js';
import { shellName } from '../src/rules/powershell.js';

const REGISTER = '& "$env:ProgramFiles\\containerd\\containerd.exe" --register-service';

export default defineCheck({
  meta: {
    id: 'containerd-service',
    title: 'containerd service is registered and running',
    group: 'containerd',
  },
  messages: {
    running: 'the {{name}} service is running (start mode {{startMode}})',
    runningNotAutomatic:
      'the {{name}} service is running, but its start mode is {{startMode}}: it will not start again after a reboot',
    notRunning: 'the {{name}} service is registered but {{state}}: no pod can start on this node',
    notRegistered: 'no containerd service is registered on this node',
  },
  run(facts, report) {
    const fact = facts.containerd?.service;
    if (fact?.state === 'missing') {
      return report.fail('notRegistered', {
        observed: 'not registered',
        expected: 'service containerd, Running, Automatic',
        evidence: evidenceOf('containerd.service', fact),
        fix: {
          text: 'Register containerd as a service (it runs as LocalSystem by default) and start it. Add --config "<path>" to the first command if your config is not at the default path.',
          commands: [REGISTER, 'Start-Service containerd'],
        },
      });
    }
    const service = fact?.state === 'ok' ? fact.value : undefined;
    if (!service) return report.unavailable('the containerd service', fact);
    const name = shellName(service.name);
    const state = service.state ?? 'unknown';
    const startMode = service.startMode ?? 'unknown';
    const data = { name: service.name, state, startMode };
    const observed = `${state} (${startMode})`;
    const evidence = evidenceOf('containerd.service', fact, observed);
    const expected = 'Running (Auto)';
    const automatic = /^auto/i.test(startMode);
    if (/^running$/i.test(state)) {
      if (automatic || startMode === 'unknown') return report.pass('running', { data, observed, expected, evidence });
      return report.warn('runningNotAutomatic', {
        data,
        observed,
        expected,
        evidence,
        fix: {
          text: 'Make containerd start with the node.',
          commands: [`Set-Service ${name} -StartupType Automatic`],
        },
      });
    }
    const commands = automatic ? [] : [`Set-Service ${name} -StartupType Automatic`];
    commands.push(`Start-Service ${name}`, `Get-Service ${name}`);
    return report.fail('notRunning', {
      data,
      observed,
      expected,
      evidence,
      fix: {
        text: 'Start containerd. If it stops again, read the log named by --log-file on its command line, or run containerd.exe in a console to see why it exits.',
        commands,
      },
    });
  },
});
