/**
 * The rules the Kubernetes API server, Pod Security Admission and the HostProcess docs set for a
 * HostProcess pod, as a checker over a parsed pod spec (from a DaemonSet, Job or Pod manifest):
 *   - every container, init containers included, is HostProcess (pod- or container-level setting);
 *   - hostNetwork is true;
 *   - runAsNonRoot is not true, at pod or container level;
 *   - runAsUserName is NT AUTHORITY\SYSTEM, NT AUTHORITY\Local service, NT AUTHORITY\NetworkService or
 *     a local group name. hcsshim compares the domain "NT AUTHORITY" case-sensitively, so it must be
 *     spelled so; the account part is passed to LogonUser, which does not mind its case.
 */
type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const windowsOptions = (securityContext: unknown) => obj(obj(securityContext).windowsOptions);

const SYSTEM_ACCOUNTS = ['system', 'local service', 'localservice', 'networkservice', 'network service'];
/** Characters a Windows local group name cannot hold. */
const BAD_GROUP_CHARS = /["/\\[\]:;|=,+*?<>@]/;

export function allowedRunAsUserName(name: string): boolean {
  const parts = name.split('\\');
  if (parts.length === 2)
    return parts[0] === 'NT AUTHORITY' && SYSTEM_ACCOUNTS.includes((parts[1] ?? '').toLowerCase());
  return parts.length === 1 && name.trim() !== '' && name.length <= 256 && !BAD_GROUP_CHARS.test(name);
}

export function hostProcessProblems(podSpec: unknown, where = 'pod'): string[] {
  const spec = obj(podSpec);
  const problems: string[] = [];
  const pod = windowsOptions(spec.securityContext);
  if (obj(spec.securityContext).runAsNonRoot === true) problems.push(`${where}: securityContext.runAsNonRoot is true`);
  const containers = [
    ...((spec.initContainers as unknown[]) ?? []).map((c) => ['initContainer', c] as const),
    ...((spec.containers as unknown[]) ?? []).map((c) => ['container', c] as const),
    ...((spec.ephemeralContainers as unknown[]) ?? []).map((c) => ['ephemeralContainer', c] as const),
  ];
  if (containers.length === 0) problems.push(`${where}: no containers`);
  for (const [kind, c] of containers) {
    const container = obj(c);
    const name = `${where}: ${kind} ${String(container.name)}`;
    const own = windowsOptions(container.securityContext);
    const hostProcess = own.hostProcess ?? pod.hostProcess;
    if (hostProcess !== true) problems.push(`${name} is not HostProcess`);
    const user = own.runAsUserName ?? pod.runAsUserName;
    if (typeof user !== 'string') problems.push(`${name} has no runAsUserName`);
    else if (!allowedRunAsUserName(user))
      problems.push(`${name}: runAsUserName ${JSON.stringify(user)} is not allowed`);
    if (obj(container.securityContext).runAsNonRoot === true) problems.push(`${name}: runAsNonRoot is true`);
  }
  if (spec.hostNetwork !== true) problems.push(`${where}: hostNetwork is not true`);
  return problems;
}
