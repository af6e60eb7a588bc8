import { classifyAccount } from '../accounts.js';
import { defineRule } from '../rule.js';
import { describeContainers, usersOf } from '../users.js';
import { goQuote, objectAt } from '../values.js';

/** Set on the workload or its pod template to say LocalSystem is needed (the value says why). */
export const NEEDS_SYSTEM_ANNOTATION = 'hostprocess-doctor/needs-system';

/**
 * The task page (#choosing-a-user-account): "The LocalSystem service account has the highest level of
 * privilege of the three and should be used only if absolutely necessary. Where possible, use the
 * LocalService service account as it is the least privileged of the three options."
 */
export default defineRule({
  meta: {
    id: 'prefer-local-service',
    title: 'Run as LocalService unless SYSTEM is needed',
    description:
      'The Kubernetes docs recommend NT AUTHORITY\\Local service, the least privileged HostProcess account, and LocalSystem only where it is needed (CNI, kube-proxy, CSI and device plugins usually need it). State the need with the hostprocess-doctor/needs-system annotation or --allow-system, and the advice goes away.',
    group: 'task-page',
    severity: 'note',
    catches: [],
  },
  messages: {
    localSystem:
      '{{value}} (LocalSystem) for {{containers}} is the most privileged account; the Kubernetes docs recommend NT AUTHORITY\\Local service where possible. If SYSTEM is needed, say so with the annotation {{annotation}}: "<why>" (or --allow-system)',
  },
  run(pod, report) {
    if (pod.options.allowSystem) return;
    const annotated = [objectAt(pod.object.value, 'metadata', 'annotations'), objectAt(pod.metadata, 'annotations')];
    if (annotated.some((a) => NEEDS_SYSTEM_ANNOTATION in a)) return;
    const system = usersOf(pod).filter((use) => {
      if (use.read.state !== 'ok') return false;
      const account = classifyAccount(use.read.value);
      return account.user.toLowerCase() === 'system' && account.domain.toLowerCase() === 'nt authority';
    });
    const [first, ...more] = system;
    if (first?.read.state !== 'ok') return;
    // One note per pod: where SYSTEM is first set, the other places as related locations.
    report.finding('localSystem', {
      path: first.path,
      data: {
        containers: describeContainers(system.flatMap((u) => u.containers)),
        value: goQuote(first.read.value),
        annotation: NEEDS_SYSTEM_ANNOTATION,
      },
      related: more.map((u) => ({ message: 'also runs as LocalSystem', at: u.path })),
      fix: {
        text: `If the containers need no administrator rights, run them as "NT AUTHORITY\\\\Local service" (or a local group with just the rights they need). If they do need SYSTEM, add metadata.annotations["${NEEDS_SYSTEM_ANNOTATION}"] with the reason to the workload.`,
        commands: [],
      },
    });
  },
});
