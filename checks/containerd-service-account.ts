import { defineCheck, evidenceOf } from '../src/contract/check.js';
import { factValue } from '../src/contract/facts.js';
import { ACCOUNT_LABELS, judgeAccount } from '../src/rules/accounts.js';
import { shellName } from '../src/rules/powershell.js';

export const ACCESS_DENIED_ERROR = 'failed to create user process token: failed to logon user: Access is denied.';

/** The fix, for the service's real name (containerd.exe --register-service --service-name can change it). */
function toLocalSystem(service: string) {
  return {
    text: 'Run containerd as LocalSystem, its registration default. In PowerShell type sc.exe, not sc (sc is the alias of Set-Content), and keep the space after "obj=": sc.exe reads "obj=" and the account as two arguments.',
    commands: [`sc.exe config ${service} obj= LocalSystem`, `Restart-Service ${service}`],
  };
}

export default defineCheck({
  meta: {
    id: 'containerd-service-account',
    title: 'containerd runs as LocalSystem',
    group: 'containerd',
  },
  messages: {
    localSystem:
      'containerd runs as {{account}} (LocalSystem), which can create the logon tokens HostProcess containers need',
    localService:
      'containerd runs as {{account}} (LocalService). The Kubernetes docs allow it for HostProcess containers, but containerd itself usually needs LocalSystem for HCS and its storage',
    networkService:
      'containerd runs as {{account}} (NetworkService), which the Kubernetes docs do not name for containerd; HostProcess pods may fail with "{{error}}"',
    virtualAccount:
      'containerd runs as {{account}}, a virtual service account. Every HostProcess pod fails with "{{error}}": only LocalSystem (or LocalService, per the docs) can create logon tokens for the HostProcess accounts',
    userAccount:
      'containerd runs as {{account}}, {{kind}}. Every HostProcess pod fails with "{{error}}": user accounts, even Administrators, cannot create logon tokens for the HostProcess accounts',
  },
  run(facts, report) {
    const fact = facts.containerd?.serviceAccount;
    const account = factValue(fact);
    if (!account) return report.unavailable('the containerd service account', fact, 'give it with --service-account');
    const judgement = judgeAccount(account);
    const service = factValue(facts.containerd?.service)?.name ?? 'containerd';
    const fix = toLocalSystem(shellName(service));
    const shown = account.sid ? `${account.name} (${account.sid})` : account.name;
    const data = { account: account.name, kind: ACCOUNT_LABELS[judgement.kind], error: ACCESS_DENIED_ERROR };
    const base = {
      data,
      observed: shown,
      expected: 'LocalSystem (NT AUTHORITY\\SYSTEM, S-1-5-18)',
      evidence: evidenceOf('containerd.serviceAccount', fact, shown),
    };
    switch (judgement.kind) {
      case 'localSystem':
        return report.pass('localSystem', base);
      case 'localService':
        return report.warn('localService', { ...base, fix });
      case 'networkService':
        return report.warn('networkService', { ...base, fix });
      case 'virtualService':
        return report.fail('virtualAccount', { ...base, fix });
      default:
        return report.fail('userAccount', { ...base, fix });
    }
  },
});
