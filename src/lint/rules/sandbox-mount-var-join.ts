import { programTexts, SANDBOX_VARIABLES } from '../paths.js';
import { defineRule } from '../rule.js';

/** The default mount point without its trailing backslash, as hcsshim substitutes it. */
const MOUNT_POINT = 'C:\\hpc';

/**
 * hcsshim v0.14.1 internal/jobcontainers/jobcontainer.go:756-757 replaces the variable with
 * `mountPoint[:len(mountPoint)-1]`, the sandbox path without its trailing backslash (C:\hpc\ by default,
 * storage.go:26). A variable directly followed by a name character therefore joins into it:
 * %CONTAINER_SANDBOX_MOUNT_POINT%etc\x becomes C:\hpcetc\x. The kubelet's $(VAR) expansion comes first.
 */
export default defineRule({
  meta: {
    id: 'sandbox-mount-var-join',
    title: 'Put a separator after the sandbox variable',
    description:
      "hcsshim substitutes the sandbox mount point without its trailing backslash, so %CONTAINER_SANDBOX_MOUNT_POINT%etc\\x becomes C:\\hpcetc\\x, a path that does not exist. Write %CONTAINER_SANDBOX_MOUNT_POINT%\\etc\\x (after the kubelet's $(VAR) expansion, the character after the variable must be \\ or /).",
    group: 'volumes',
    severity: 'warning',
    catches: ['failed-to-find-executable'],
  },
  messages: {
    join: '{{field}} becomes "{{expanded}}" on containerd 1.7 (default mount point): hcsshim replaces {{variable}} with the mount point without its trailing backslash, so nothing separates it from "{{next}}"',
  },
  run(pod, report) {
    for (const c of pod.hostProcessContainers) {
      for (const text of programTexts(pod, c)) {
        for (const variable of SANDBOX_VARIABLES) {
          let at = -1;
          let next: string | undefined;
          let rest = '';
          for (let from = 0; next === undefined; from = at + 1) {
            at = text.expanded.indexOf(variable, from);
            if (at < 0) break;
            rest = text.expanded.slice(at + variable.length);
            next = /^[A-Za-z0-9_.-]+/.exec(rest)?.[0];
          }
          if (next === undefined || at < 0) continue;
          const expanded = text.expanded.split(variable).join(MOUNT_POINT);
          report.finding('join', {
            path: text.path,
            severity: text.executable && at === 0 ? 'error' : 'warning',
            data: { field: text.field, expanded, variable, next },
            fix: {
              text: `Put a backslash after the variable: ${variable}\\${rest}${text.raw !== text.expanded ? ' (after $(VAR) expansion; or start the referenced value with \\)' : ''}.`,
              commands: [],
            },
          });
          break;
        }
      }
    }
  },
});
