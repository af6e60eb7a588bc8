import { FORMAT_IDS, FORMAT_MESSAGES, type FormatId, validateRunAsUserName } from '../accounts.js';
import { readPath } from '../pod.js';
import { defineRule } from '../rule.js';
import { formatPath, goQuote, type Segment } from '../values.js';

const messages = Object.fromEntries(
  FORMAT_IDS.map((id) => [id, `{{path}}: Invalid value: {{value}}: ${FORMAT_MESSAGES[id]}`]),
) as Record<FormatId, string>;

/**
 * kubernetes v1.33.3 validation.go:7771-7820 (validateWindowsSecurityContextOptions), called for the pod's
 * securityContext (5142) and every container's (7705): the API server's nine runAsUserName checks, with its
 * limits (7724-7744) and its messages. The value checked is the decoded one, so YAML quoting mistakes
 * ('NT AUTHORITY\\SYSTEM' in single quotes keeps two backslashes) are caught.
 */
export default defineRule({
  meta: {
    id: 'run-as-user-name-format',
    title: 'runAsUserName must be a valid Windows user name',
    description:
      'The API server validates every runAsUserName (pod and containers): not empty, no control characters, at most one backslash, a NetBIOS or DNS domain under 256 bytes, a user part of 1 to 104 bytes that is not only dots or spaces and has none of "/\\:;|=,+*?<>@[].',
    group: 'api',
    severity: 'error',
    catches: ['run-as-user-name-invalid', 'invalid-user-string'],
  },
  messages,
  run(pod, report) {
    const places: Segment[][] = [pod.at('securityContext', 'windowsOptions', 'runAsUserName')];
    for (const c of pod.containers) places.push([...c.path, 'securityContext', 'windowsOptions', 'runAsUserName']);
    for (const path of places) {
      const read = readPath<string>(pod, path, 'string');
      if (read.state !== 'ok') continue;
      const value = read.value;
      for (const id of validateRunAsUserName(value)) {
        const doubled = value.includes('\\\\');
        report.finding(id, {
          path,
          data: { path: formatPath(path.slice(pod.object.base.length)), value: goQuote(value) },
          fix: {
            text:
              id === 'backslashes' && doubled
                ? "Write exactly one backslash. In YAML a double-quoted string needs it escaped (\"NT AUTHORITY\\\\SYSTEM\") and a single-quoted or plain one takes it as is ('NT AUTHORITY\\SYSTEM'); 'NT AUTHORITY\\\\SYSTEM' in single quotes keeps both."
                : `Use one of NT AUTHORITY\\SYSTEM, NT AUTHORITY\\Local service, NT AUTHORITY\\NetworkService, or the bare name of a local group. ${FORMAT_MESSAGES[id]}.`,
            commands: [],
          },
        });
      }
    }
  },
});
