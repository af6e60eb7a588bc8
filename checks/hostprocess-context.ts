import { defineCheck, evidenceOf } from '../src/contract/check.js';
import { factValue } from '../src/contract/facts.js';

export default defineCheck({
  meta: {
    id: 'hostprocess-context',
    headline: true,
    title: 'Where the doctor runs',
    group: 'context',
    informational: true,
  },
  messages: {
    inHostProcess:
      "running in a HostProcess container as {{user}}; the container volume is at {{mountPoint}} and C:\\ is the host's disk",
    onHostElevated: 'running on the host as {{user}}, elevated',
    onHostNotElevated:
      'running on the host as {{user}}, not elevated: facts that need administrator rights (such as the containerd service account) may be unreadable',
    onHost: 'running on the host as {{user}}',
  },
  run(facts, report) {
    const fact = facts.context;
    const context = factValue(fact);
    if (!context) return report.unavailable("the doctor's own context", fact, 'known only on a live run');
    const user = context.user ?? 'an unknown account';
    const data = { user, mountPoint: context.sandboxMountPoint ?? 'unknown' };
    const observed = context.inHostProcess
      ? `HostProcess container, ${user}`
      : `host, ${user}${context.elevated === undefined ? '' : context.elevated ? ', elevated' : ', not elevated'}`;
    const base = { data, observed, evidence: evidenceOf('context', fact, observed) };
    if (context.inHostProcess) return report.pass('inHostProcess', base);
    if (context.elevated === true) return report.pass('onHostElevated', base);
    if (context.elevated === false) return report.pass('onHostNotElevated', base);
    return report.pass('onHost', base);
  },
});
