import { programTexts, SANDBOX_VARIABLES } from '../paths.js';
import { defineRule } from '../rule.js';

/** Anything that looks like the sandbox variable: %…%, $…, ${…}, $(…), $env:…, with typos in its underscores. */
const CANDIDATE = /(?:%|\$\{?(?:env:)?|\$\()\s*CONTAINER_?SANDBOX_?MOUNT_?POINTS?\b\s*(?:%|\}|\))?/gi;

/**
 * hcsshim v0.14.1 internal/jobcontainers/jobcontainer.go:754-758 rewrites only
 * `%CONTAINER_SANDBOX_MOUNT_POINT%` and `$env:CONTAINER_SANDBOX_MOUNT_POINT`, case-sensitively (v0.9.10
 * :616-618 the same). Any other spelling reaches the process as written; as the program itself (command[0])
 * the lookup fails with `failed to find executable "…"` (path.go:151).
 */
export default defineRule({
  meta: {
    id: 'sandbox-mount-var-spelling',
    title: 'Spell the sandbox variable as hcsshim expands it',
    description:
      'hcsshim replaces exactly %CONTAINER_SANDBOX_MOUNT_POINT% and $env:CONTAINER_SANDBOX_MOUNT_POINT (case-sensitive) in the command line, working directory and env values. $CONTAINER_SANDBOX_MOUNT_POINT, $\u007bCONTAINER_SANDBOX_MOUNT_POINT}, $(CONTAINER_SANDBOX_MOUNT_POINT) or a typo reach the process as written: only a shell that reads the environment variable would expand them, and as the program to run they make the container fail to start.',
    group: 'volumes',
    severity: 'warning',
    catches: ['failed-to-find-executable'],
  },
  messages: {
    executable:
      '{{field}} starts the program with {{found}}, which hcsshim does not expand (only %CONTAINER_SANDBOX_MOUNT_POINT% and $env:CONTAINER_SANDBOX_MOUNT_POINT): the container fails to start with "failed to find executable …"',
    value:
      '{{field}} uses {{found}}, which hcsshim does not expand (only %CONTAINER_SANDBOX_MOUNT_POINT% and $env:CONTAINER_SANDBOX_MOUNT_POINT): the process gets it as written, so it works only if a shell that reads the environment variable expands it',
  },
  run(pod, report) {
    for (const c of pod.hostProcessContainers) {
      for (const text of programTexts(pod, c)) {
        const found = [...text.raw.matchAll(CANDIDATE)]
          .map((m) => m[0].trim())
          .filter((m) => !(SANDBOX_VARIABLES as readonly string[]).includes(m))
          // `$env:CONTAINER_SANDBOX_MOUNT_POINT` followed by `%` or `)` is still the accepted form.
          .filter((m) => !SANDBOX_VARIABLES.some((v) => m.startsWith(v) && v.startsWith('$env:')));
        const [first] = found;
        if (first === undefined) continue;
        const fix = {
          text: `Write %CONTAINER_SANDBOX_MOUNT_POINT% (or $env:CONTAINER_SANDBOX_MOUNT_POINT), exactly so: e.g. ${text.raw.replace(first, '%CONTAINER_SANDBOX_MOUNT_POINT%')}`,
          commands: [],
        };
        const executable = text.executable && text.raw.trimStart().startsWith(first);
        report.finding(executable ? 'executable' : 'value', {
          path: text.path,
          severity: executable ? 'error' : 'warning',
          data: { field: text.field, found: first },
          fix,
        });
      }
    }
  },
});
