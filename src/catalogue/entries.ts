/**
 * The catalogue of known failures: error messages as users see them (kubectl describe, DaemonSet events,
 * containerd's and kubelet's logs), each with its cause, the checks that prove it on a node, and the fix.
 *
 * Confidence is about the cause, not the message:
 * - high:   the text has one known cause. It is specific to HostProcess containers (hcsshim's job-container
 *           code, the API server's HostProcess validation), or it is a configuration error that names itself.
 * - medium: a likely cause that is inferred, or whose exact text is UNCONFIRMED (see `notes`).
 * - low:    several causes are possible; the entry says what to look at. Generic Windows-container errors
 *           that ordinary pods hit too are low and are never blamed on a HostProcess check.
 *
 * Patterns are matched against normalised text (see match.ts): whitespace collapsed, console-wrapped lines
 * joined with a space and without one, and logfmt escapes (\" and \\) undone in a second pass. They must be
 * tolerant of container ids, pod names, quoting and a trailing ": unknown", and must not span much text
 * (bounded gaps only), so that one pattern never joins two messages of a long log.
 */
import type { Fix } from '../contract/check.js';

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Where the cause lives: on the node (a check can prove it), in the pod spec, or in the cluster. */
export type Scope = 'node' | 'pod' | 'cluster';

export interface Pattern {
  re: RegExp;
  /** Overrides the entry's confidence for this pattern (a shorter, less specific form of the message). */
  confidence?: Confidence;
}

export interface CatalogueEntry {
  /** kebab-case, stable: tests and --json consumers use it. */
  id: string;
  title: string;
  patterns: Pattern[];
  /** The cause, in plain words. */
  cause: string;
  /** Related check ids: the checks that show whether a node has this cause. */
  checks: string[];
  /**
   * Per related check, the message ids that mean "this node shows the cause". Without an entry for a
   * check: fail means it does, warn that it may, pass that it does not.
   */
  causeWhen?: Record<string, string[]>;
  /** Per related check, the message ids that mean "this node may show the cause" (with causeWhen semantics). */
  possibleWhen?: Record<string, string[]>;
  fix: Fix;
  confidence: Confidence;
  scope: Scope;
  /**
   * True when the message is specific to HostProcess containers. False for messages that ordinary pods
   * get too: node-wide configuration errors, and look-alikes such as hcs::CreateComputeSystem failures.
   */
  hostProcess: boolean;
  /** URLs or source-tree references. UNCONFIRMED items say so. */
  sources: string[];
  /** Caveats, such as text that is derived rather than seen in a real log (marked UNCONFIRMED). */
  notes?: string[];
  /**
   * A catch-all for a family of messages: dropped where an entry that is not a fallback matches the same
   * lines, so the specific explanation is the only one shown for them.
   */
  fallback?: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Pattern helpers. `phrase` turns literal text into a tolerant pattern: a space may be missing (a line
// wrapped there and was joined without one) and a double quote may be escaped (\") or single.

const SPECIALS = /[.*+?^${}()|[\]\\/]/g;

function phrase(text: string): string {
  return text.replace(SPECIALS, '\\$&').replace(/ /g, ' ?').replace(/"/g, `\\\\?["'\`]?`);
}

/** Literal phrases and raw RegExp sources, concatenated; case-insensitive. */
function rx(...parts: (string | RegExp)[]): RegExp {
  return new RegExp(parts.map((p) => (typeof p === 'string' ? phrase(p) : p.source)).join(''), 'i');
}

/** A bounded, lazy gap: enough for ids, names and quoted paths, never a whole log. */
const GAP = /.{0,240}?/;
/** One backslash, or two when the text is a Go %q or logfmt value. */
const BS = '\\\\{1,4}';
const CONTAINERD_EXE = '& "$env:ProgramFiles\\containerd\\containerd.exe"';
const KUBELET_COMMAND_LINE = '(Get-CimInstance Win32_Service -Filter "Name=\'kubelet\'").PathName';
const CONTAINERD_CONFIG = '"$env:ProgramFiles\\containerd\\config.toml"';

const HPC_DOCS = 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/';
const KEP =
  'https://github.com/kubernetes/enhancements/tree/master/keps/sig-windows/1981-windows-privileged-container-support';
const HCS_LOGON =
  'microsoft/hcsshim internal/jobcontainers/logon.go (processToken), jobcontainer.go ("failed to create user process token")';

const RUN_AS_LOCAL_SYSTEM: Fix = {
  text: 'Run containerd as LocalSystem, its registration default, then restart it. In PowerShell type sc.exe, not sc (sc is the alias of Set-Content), and keep the space after "obj=".',
  commands: [
    'Get-CimInstance Win32_Service -Filter "Name=\'containerd\'" | Select-Object Name, StartName',
    'sc.exe config containerd obj= LocalSystem',
    'Restart-Service containerd',
  ],
};

export const CATALOGUE: readonly CatalogueEntry[] = [
  // ------------------------------------------------------------------ accounts and logon (hcsshim)
  {
    id: 'logon-access-denied',
    title: 'containerd runs as a user account, so HostProcess logons fail',
    patterns: [
      { re: rx('failed to create user process token: ', /.{0,40}?/, 'failed to logon user: Access is denied') },
      { re: rx('failed to logon user: Access is denied') },
    ],
    cause:
      "hcsshim, running with the containerd service's identity, logs on the pod's runAsUserName without a password to create its process token. A service running as a user account, even an Administrator, is not allowed to create those tokens, so every HostProcess pod fails. The Kubernetes docs name this exact error.",
    checks: ['containerd-service-account'],
    fix: RUN_AS_LOCAL_SYSTEM,
    confidence: 'high',
    scope: 'node',
    hostProcess: true,
    sources: [
      `${HPC_DOCS}#troubleshooting-hostprocess-containers`,
      KEP,
      'https://github.com/kubernetes/website/pull/33838',
      HCS_LOGON,
    ],
  },
  {
    id: 'logon-missing-local-group',
    title: 'runAsUserName names a local group that does not exist on the node',
    patterns: [
      { re: rx('failed to logon user: The user name or password is incorrect') },
      { re: rx('failed to logon user: Logon failure: unknown user name or bad password') },
    ],
    cause:
      'hcsshim first looks the runAsUserName up as a local group on the node. When no such group exists (or containerd is older than 1.7, whose hcsshim has no group support) it logs the name on as a user with no password, which Windows refuses with ERROR_LOGON_FAILURE.',
    checks: ['local-groups'],
    fix: {
      text: 'Create the group on every node that runs the pod and grant it what the pod needs (or correct the name in runAsUserName). Group names in runAsUserName need containerd 1.7 or later.',
      commands: ['Get-LocalGroup -Name <group>', 'net localgroup <group> /add', `${CONTAINERD_EXE} --version`],
    },
    confidence: 'medium',
    scope: 'node',
    hostProcess: true,
    sources: [HCS_LOGON, 'https://github.com/microsoft/hcsshim/pull/1286', `${HPC_DOCS}#choosing-a-user-account`],
    notes: [
      "UNCONFIRMED: the Windows error text is derived from hcsshim's logon code (ERROR_LOGON_FAILURE, 1326); no public report quoting it for a missing group was found.",
      'Run explain with --group NAME and a snapshot (or --containerd-version) to see whether this node has the group.',
    ],
  },
  {
    id: 'logon-failed',
    title: 'hcsshim could not log on the HostProcess account',
    patterns: [
      { re: rx('failed to create user process token: ', /.{0,40}?/, 'failed to logon user') },
      { re: rx('failed to create user process token') },
    ],
    cause:
      'hcsshim could not create the process token for the pod\'s runAsUserName. The Windows error after "failed to logon user:" says why: "Access is denied" points at containerd\'s service account, "The user name or password is incorrect" at a missing local group; anything else usually means runAsUserName names an account this node does not have.',
    checks: ['containerd-service-account', 'local-groups'],
    fix: {
      text: 'Check the account containerd runs as (it must be LocalSystem) and the runAsUserName the pod asks for (NT AUTHORITY\\SYSTEM, NT AUTHORITY\\Local service, NT AUTHORITY\\NetworkService, or an existing local group).',
      commands: [
        'Get-CimInstance Win32_Service -Filter "Name=\'containerd\'" | Select-Object Name, StartName',
        "kubectl get pod <pod> -n <ns> -o jsonpath='{.spec.securityContext.windowsOptions.runAsUserName}'",
      ],
    },
    confidence: 'low',
    scope: 'node',
    hostProcess: true,
    fallback: true,
    sources: [HCS_LOGON, `${HPC_DOCS}#choosing-a-user-account`],
  },
  {
    id: 'local-account-creation-failed',
    title: 'hcsshim could not create the temporary user for a local-group runAsUserName',
    patterns: [
      { re: rx('failed to create local account for container') },
      { re: rx('failed to add user ', GAP, ' group') },
      { re: rx('failed to lookup SID for user') },
    ],
    cause:
      'runAsUserName names a local group, so hcsshim creates a temporary local user (named after the container id), adds it to the group and logs it on. Creating or adding that user failed: the text after the colon is the Windows reason.',
    checks: ['local-groups', 'containerd-service-account'],
    fix: {
      text: 'Make sure containerd runs as LocalSystem (only it can create local users) and that the group exists and is a local group, not a domain group. Then look at the Windows reason in the message.',
      commands: [
        'Get-CimInstance Win32_Service -Filter "Name=\'containerd\'" | Select-Object Name, StartName',
        'Get-LocalGroup -Name <group>',
      ],
    },
    confidence: 'medium',
    scope: 'node',
    hostProcess: true,
    sources: [HCS_LOGON, 'https://github.com/microsoft/hcsshim/pull/1286'],
    notes: ["The reasons named in the fix are inferred from hcsshim's code, not from a public report."],
  },
  {
    id: 'invalid-user-string',
    title: 'runAsUserName has more than one backslash',
    patterns: [{ re: rx('invalid user string') }],
    cause:
      'hcsshim splits a runAsUserName that is not a local group at its backslash into domain and user; more than one backslash is rejected. In YAML, a double-quoted "NT AUTHORITY\\\\SYSTEM" is one backslash, but a single-quoted one keeps both.',
    checks: ['local-groups'],
    fix: {
      text: 'Write the account with exactly one backslash: runAsUserName: "NT AUTHORITY\\\\SYSTEM" (double quotes, escaped) or \'NT AUTHORITY\\SYSTEM\' (single quotes). Local groups are written bare, without a prefix.',
      commands: ["kubectl get pod <pod> -n <ns> -o jsonpath='{.spec.securityContext.windowsOptions.runAsUserName}'"],
    },
    confidence: 'high',
    scope: 'pod',
    hostProcess: true,
    sources: [HCS_LOGON],
  },

  // ------------------------------------------------------------------ volumes and file layout
  {
    id: 'service-account-token-path',
    title: 'The service-account token is not at /var/run/secrets (containerd 1.6 symlink mounts)',
    patterns: [
      {
        re: rx(
          'open ',
          new RegExp(
            `(?:[a-z]:)?(?:[\\\\/]|${BS})var(?:[\\\\/]|${BS})run(?:[\\\\/]|${BS})secrets(?:[\\\\/]|${BS})kubernetes\\.io(?:[\\\\/]|${BS})serviceaccount(?:[\\\\/]|${BS})(?:token|ca\\.crt|namespace)`,
          ),
          /:? ?The system cannot find the (?:path|file) specified/,
        ),
      },
      {
        re: rx(
          /could not find (?:a part of )?the path ?\\?['"]?/,
          new RegExp(
            `[a-z]:(?:[\\\\/]|${BS})var(?:[\\\\/]|${BS})run(?:[\\\\/]|${BS})secrets(?:[\\\\/]|${BS})kubernetes\\.io(?:[\\\\/]|${BS})serviceaccount`,
          ),
        ),
      },
    ],
    cause:
      "On containerd 1.6 (and on 1.7 or later without the bind filter) a HostProcess container's volumes, the service-account token among them, are not at their mountPath but under $env:CONTAINER_SANDBOX_MOUNT_POINT. client-go's InClusterConfig reads the fixed path /var/run/secrets/kubernetes.io/serviceaccount/token and fails. The same text appears when a program that expects to run in a pod runs outside one.",
    checks: ['containerd-version', 'bind-filter'],
    causeWhen: {
      'containerd-version': [
        'supported',
        'metricsRegression',
        'alphaKubelet122',
        'alphaKubeletUnknown',
        'brokenWithKubelet',
      ],
      'bind-filter': ['notUsed', 'missing', 'missingVersionUnknown'],
    },
    fix: {
      text: 'Upgrade containerd to 1.7 or later on a node with the bind filter (Windows Server 2022, or 2019 with the July 2022 update), where volumes appear at their mountPath. On containerd 1.6, build the client config from $env:CONTAINER_SANDBOX_MOUNT_POINT\\var\\run\\secrets\\kubernetes.io\\serviceaccount\\ instead.',
      commands: [
        `${CONTAINERD_EXE} --version`,
        'Test-Path "$env:SystemRoot\\System32\\bindfltapi.dll"',
        "kubectl exec -n <ns> <pod> -- powershell -Command 'Get-ChildItem $env:CONTAINER_SANDBOX_MOUNT_POINT\\var\\run\\secrets\\kubernetes.io\\serviceaccount'",
      ],
    },
    confidence: 'medium',
    scope: 'node',
    hostProcess: true,
    sources: [
      'https://github.com/kubernetes/kubernetes/issues/104562',
      'https://github.com/kubernetes/client-go/issues/1302',
      'https://github.com/kubernetes-sigs/sig-windows-tools/issues/343',
      `${HPC_DOCS}#volume-mounts`,
    ],
  },
  {
    id: 'hpc-path-layout',
    title: 'A script uses the containerd 1.6 file layout on containerd 1.7 or later (C:\\hpc)',
    patterns: [
      {
        re: new RegExp(
          `(?:cannot find path|could not find (?:a part of )?the path|access to the path|PermissionDenied|UnauthorizedAccessException|cannot find the path specified)\\W{0,8}[a-z]:${BS}hpc(?:${BS}|\\b)`,
          'i',
        ),
      },
    ],
    cause:
      'containerd 1.7 and later run a HostProcess container in a silo: its files are bound at C:\\hpc and each volume appears at its mountPath (containerd 1.6 used C:\\C\\<id> and symlinks under $env:CONTAINER_SANDBOX_MOUNT_POINT). Scripts written for the 1.6 layout, such as the early flannel and kube-proxy HostProcess images, look for or write files that are no longer where they expect.',
    checks: ['containerd-version', 'bind-filter'],
    causeWhen: {
      'containerd-version': ['recommended'],
      'bind-filter': ['present', 'presentVersionUnknown'],
    },
    fix: {
      text: 'Build paths from $env:CONTAINER_SANDBOX_MOUNT_POINT, which work with containerd 1.6 and 1.7, or update the manifests and scripts for containerd 1.7 (as sig-windows-tools PR #297 did for flannel and kube-proxy). Pin containerd 1.6 only until they are updated.',
      commands: [
        `${CONTAINERD_EXE} --version`,
        "kubectl exec -n <ns> <pod> -- powershell -Command 'echo $env:CONTAINER_SANDBOX_MOUNT_POINT; Get-ChildItem C:\\hpc'",
      ],
    },
    confidence: 'medium',
    scope: 'node',
    hostProcess: true,
    sources: [
      'https://github.com/kubernetes-sigs/sig-windows-tools/issues/289',
      'https://github.com/kubernetes-sigs/sig-windows-tools/pull/297',
      'https://github.com/kubernetes-sigs/sig-windows-tools/issues/337',
      'https://github.com/kubernetes-sigs/sig-windows-tools/issues/316',
      `${HPC_DOCS}#containerd-v1-7-and-greater`,
    ],
  },
  {
    id: 'bind-filter-attach',
    title: 'containerd 1.7 cannot bind a HostProcess volume on this file system',
    patterns: [
      { re: rx('failed to bind target', GAP, 'for job object') },
      { re: rx('for job object', /.{0,40}?/, 'Do not attach the filter to the volume at this time') },
    ],
    cause:
      'containerd 1.7 and later (hcsshim 0.10+) run HostProcess containers in a silo and bind every volume at its mountPath with the Windows bind filter. A host path on a file system the filter cannot attach to (WinFsp and other file-system drivers, some SAN file systems) then fails. containerd 1.6 used symlinks and did not hit this.',
    checks: ['bind-filter', 'containerd-version'],
    causeWhen: {
      'bind-filter': ['present', 'presentVersionUnknown'],
      'containerd-version': ['recommended'],
    },
    fix: {
      text: 'No setting turns the bind filter off for HostProcess containers (hcsshim#1699). Move the host path onto an ordinary NTFS volume, or keep the nodes that need such mounts on containerd 1.6.',
      commands: ['fltmc.exe instances', `${CONTAINERD_EXE} --version`],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: true,
    sources: [
      'https://github.com/microsoft/hcsshim/issues/1699',
      'https://github.com/microsoft/hcsshim/pull/1344',
      'https://github.com/microsoft/Windows-Containers/issues/335',
    ],
  },
  {
    id: 'volume-filter-attach',
    title: 'Windows would not attach a file-system filter to a mounted volume',
    patterns: [{ re: rx('Do not attach the filter to the volume at this time') }],
    cause:
      'Windows refused to attach a file-system filter to the volume behind a container mount. Ordinary containers hit this too when a host path is on a file system that is not a normal block device (WinFsp, some SAN drivers). Only when the message says "for job object" is it the HostProcess bind-filter problem.',
    checks: ['bind-filter'],
    possibleWhen: { 'bind-filter': ['present', 'presentVersionUnknown'] },
    fix: {
      text: 'Mount a host path on an ordinary NTFS volume. If this pod is a HostProcess pod on containerd 1.7 or later, see the bind-filter-attach entry.',
      commands: ['fltmc.exe instances'],
    },
    confidence: 'low',
    scope: 'node',
    hostProcess: false,
    fallback: true,
    sources: ['https://github.com/microsoft/hcsshim/issues/802', 'https://github.com/winfsp/winfsp/issues/498'],
  },
  {
    id: 'mount-shadows-host-dir',
    title: 'A HostProcess volume hides a host directory at its mountPath',
    patterns: [{ re: rx('job container mount destination exists and will be shadowed') }],
    cause:
      "containerd 1.7 and later bind each HostProcess volume at its mountPath on the host's own file system view. The host already has a directory there, so inside the container the host's files at that path are hidden by the volume. This is a warning; scripts that expect the host's files there break.",
    checks: ['bind-filter'],
    causeWhen: { 'bind-filter': ['present', 'presentVersionUnknown'] },
    fix: {
      text: "Mount the volume at a path that does not exist on the host (sig-windows-tools moved its mounts under /mounts/...), or read the host path directly: a HostProcess container sees the host's disk.",
      commands: ['Test-Path <mountPath>'],
    },
    confidence: 'medium',
    scope: 'pod',
    hostProcess: true,
    sources: [
      `${HPC_DOCS}#containerd-v1-7-and-greater`,
      'microsoft/hcsshim internal/jobcontainers/mounts.go',
      'https://github.com/kubernetes-sigs/sig-windows-tools/pull/297',
    ],
  },
  {
    id: 'named-pipe-mount',
    title: 'HostProcess containers cannot mount named pipes',
    patterns: [{ re: rx('named pipe mounts not supported for job containers') }],
    cause:
      'The pod mounts a named pipe (a hostPath such as \\\\.\\pipe\\docker_engine) into a HostProcess container. hcsshim refuses: a HostProcess container runs on the host and can open the pipe by its host path directly.',
    checks: [],
    fix: {
      text: 'Remove the named-pipe volume and its volumeMount, and open the pipe by its host path (\\\\.\\pipe\\<name>) from the process.',
      commands: ["kubectl get pod <pod> -n <ns> -o jsonpath='{.spec.volumes}'"],
    },
    confidence: 'high',
    scope: 'pod',
    hostProcess: true,
    sources: ['microsoft/hcsshim internal/jobcontainers/mounts.go', KEP],
  },
  {
    id: 'bindfilter-inside-hostprocess',
    title: 'A tool inside a HostProcess container cannot use the bind filter',
    patterns: [{ re: rx(/bindfilter\.?ApplyFileBinding/, GAP, 'Access is denied') }],
    cause:
      "On containerd 1.7 and later a HostProcess container is a server silo, and the bind filter's communication port cannot be reached from inside it. Tools that create bind-filter mappings themselves (buildkitd, ctr image mount) fail with Access is denied when run as a HostProcess pod.",
    checks: [],
    fix: {
      text: 'Run the tool on the host (for example as a Windows service) instead of in a HostProcess pod, or use a build of it that falls back to directory junctions.',
      commands: ['fltmc.exe filters'],
    },
    confidence: 'medium',
    scope: 'pod',
    hostProcess: true,
    sources: [
      'https://github.com/moby/buildkit/issues/6590',
      'https://github.com/microsoft/Windows-Containers/issues/621',
    ],
  },

  // ------------------------------------------------------------------ pod spec and admission
  {
    id: 'host-network-required',
    title: 'A HostProcess pod must set hostNetwork: true',
    patterns: [{ re: rx('hostNetwork must be true if pod contains any hostProcess containers') }],
    cause:
      "The API server rejects the pod: HostProcess containers always use the host's network, so the pod spec must say hostNetwork: true.",
    checks: [],
    fix: {
      text: "Set spec.hostNetwork: true in the pod (or in the DaemonSet's pod template).",
      commands: [
        "kubectl get daemonset <name> -n <ns> -o jsonpath='{.spec.template.spec.hostNetwork}'",
        'kubectl edit daemonset <name> -n <ns>',
      ],
    },
    confidence: 'high',
    scope: 'pod',
    hostProcess: true,
    sources: [
      'kubernetes/kubernetes pkg/apis/core/validation/validation.go (validateWindowsHostProcessPod)',
      `${HPC_DOCS}#hostnetwork`,
    ],
  },
  {
    id: 'all-containers-hostprocess',
    title: 'Every container of a HostProcess pod must be HostProcess',
    patterns: [
      { re: rx('If pod contains any hostProcess containers then all containers must be HostProcess containers') },
      { re: rx('pod spec and all containers inside must have the HostProcess field set to be valid') },
      { re: rx('cannot create a normal process isolated container if the pod sandbox is a job container') },
    ],
    cause:
      "The pod mixes HostProcess and ordinary containers (init and ephemeral containers count). Windows cannot put an isolated container in a HostProcess pod's sandbox, so the API server, containerd and the shim all reject it.",
    checks: [],
    fix: {
      text: 'Set hostProcess: true once at pod level (spec.securityContext.windowsOptions.hostProcess), which covers every container, and remove any container-level hostProcess: false. Split ordinary containers into another pod.',
      commands: [
        'kubectl get pod <pod> -n <ns> -o jsonpath=\'{.spec.securityContext.windowsOptions}{"\\n"}{range .spec.initContainers[*]}{.name}: {.securityContext.windowsOptions}{"\\n"}{end}{range .spec.containers[*]}{.name}: {.securityContext.windowsOptions}{"\\n"}{end}\'',
      ],
    },
    confidence: 'high',
    scope: 'pod',
    hostProcess: true,
    sources: [
      'kubernetes/kubernetes pkg/apis/core/validation/validation.go (validateWindowsHostProcessPod)',
      'containerd/containerd internal/cri/server/container_create.go',
      'microsoft/hcsshim cmd/containerd-shim-runhcs-v1/pod.go',
    ],
  },
  {
    id: 'hostprocess-value-mismatch',
    title: 'Pod and container disagree on hostProcess',
    patterns: [{ re: rx('pod hostProcess value must be identical if both are specified') }],
    cause:
      'The pod-level securityContext.windowsOptions.hostProcess and a container-level one are both set, to different values.',
    checks: [],
    fix: {
      text: 'Set hostProcess only at pod level, or set it to the same value everywhere.',
      commands: ["kubectl get pod <pod> -n <ns> -o jsonpath='{.spec.securityContext.windowsOptions}'"],
    },
    confidence: 'high',
    scope: 'pod',
    hostProcess: true,
    sources: ['kubernetes/kubernetes pkg/apis/core/validation/validation.go (validateWindowsHostProcessPod)'],
  },
  {
    id: 'disallowed-by-cluster-policy',
    title: 'The API server does not allow privileged pods',
    patterns: [{ re: rx('hostProcess containers are disallowed by cluster policy') }],
    cause:
      'kube-apiserver runs with --allow-privileged=false, which forbids HostProcess containers in every namespace.',
    checks: [],
    fix: {
      text: "Start every kube-apiserver with --allow-privileged=true (kubeadm: /etc/kubernetes/manifests/kube-apiserver.yaml on each control-plane node; managed clusters: the provider's setting).",
      commands: [
        "kubectl -n kube-system get pods -l component=kube-apiserver -o jsonpath='{.items[*].spec.containers[*].command}'",
      ],
    },
    confidence: 'high',
    scope: 'cluster',
    hostProcess: true,
    sources: ['kubernetes/kubernetes pkg/apis/core/validation/validation.go (validateWindowsHostProcessPod)', KEP],
  },
  {
    id: 'pod-security-baseline',
    title: 'The namespace enforces the baseline or restricted Pod Security Standard',
    patterns: [
      { re: rx(/violates? PodSecurity ?\\?"(?:baseline|restricted):[^"\\]{0,20}\\?":/, /.{0,400}?/, 'hostProcess') },
      {
        re: rx(
          /violates? PodSecurity ?\\?"(?:baseline|restricted):[^"\\]{0,20}\\?":/,
          /.{0,200}?/,
          'host namespaces (hostNetwork=true)',
        ),
        confidence: 'medium',
      },
    ],
    cause:
      'Pod Security Admission rejects the pod: the baseline and restricted levels forbid HostProcess containers and the hostNetwork they need. HostProcess pods must run in a namespace whose enforce level is privileged.',
    checks: [],
    fix: {
      text: 'Run HostProcess pods in a namespace labelled for the privileged level (ideally one that holds only them), then recreate the pod or let its DaemonSet retry.',
      commands: [
        'kubectl label namespace <ns> pod-security.kubernetes.io/enforce=privileged --overwrite',
        'kubectl get namespace <ns> --show-labels',
      ],
    },
    confidence: 'high',
    scope: 'cluster',
    hostProcess: true,
    sources: [
      'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_hostProcess.go',
      `${HPC_DOCS}#before-you-begin`,
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    notes: [
      'A message that names only "host namespaces (hostNetwork=true)" is matched with medium confidence: it may come from a pod that is not HostProcess.',
    ],
  },
  {
    id: 'conflicting-hostprocess-annotations',
    title: 'The pod both enables and disables HostProcess through annotations',
    patterns: [
      { re: rx('host process container annotations ', GAP, 'disable-hostprocess-container') },
      { re: rx('specified annotations conflict', GAP, 'hostprocess-container') },
    ],
    cause:
      'Both microsoft.com/disable-hostprocess-container and microsoft.com/hostprocess-container are true on the container, and hcsshim refuses a contradiction.',
    checks: [],
    fix: {
      text: 'Remove the microsoft.com/disable-hostprocess-container annotation (or stop asking for HostProcess).',
      commands: ["kubectl get pod <pod> -n <ns> -o jsonpath='{.metadata.annotations}'"],
    },
    confidence: 'high',
    scope: 'pod',
    hostProcess: true,
    sources: [
      'microsoft/hcsshim internal/oci/annotations.go (ProcessAnnotations)',
      'microsoft/hcsshim pkg/annotations/annotations.go',
    ],
  },
  {
    id: 'failed-to-find-executable',
    title: "The HostProcess container's command is looked up on the host",
    patterns: [
      { re: rx('failed to get application name from commandline') },
      { re: rx('failed to find executable'), confidence: 'medium' },
    ],
    cause:
      "A HostProcess container runs on the host, and hcsshim resolves its command there: relative to the container's volume ($env:CONTAINER_SANDBOX_MOUNT_POINT or the working directory) and the host's PATH. An absolute or Linux-style path such as /usr/local/bin/app.exe points at the host's drive, where the file is not. The node is fine; the same image works as an ordinary pod.",
    checks: [],
    fix: {
      text: 'Give the command relative to the container volume, e.g. command: ["%CONTAINER_SANDBOX_MOUNT_POINT%\\\\usr\\\\local\\\\bin\\\\app.exe"] (hcsshim replaces %CONTAINER_SANDBOX_MOUNT_POINT% and $env:CONTAINER_SANDBOX_MOUNT_POINT), or a path relative to the working directory, such as usr\\local\\bin\\app.exe.',
      commands: ["kubectl get pod <pod> -n <ns> -o jsonpath='{.spec.containers[*].command}'"],
    },
    confidence: 'high',
    scope: 'pod',
    hostProcess: true,
    sources: [
      'https://github.com/kubernetes/website/issues/29924',
      'microsoft/hcsshim internal/jobcontainers/jobcontainer.go (CreateProcess, getApplicationName)',
      `${HPC_DOCS}#volume-mounts`,
    ],
  },
  {
    id: 'not-running-as-hostprocess',
    title: 'The pod runs as an ordinary container, not as HostProcess',
    patterns: [{ re: new RegExp(`user manager${BS}container(?:administrator|user)\\b`, 'i') }],
    cause:
      'The container runs as ContainerAdministrator or ContainerUser, the accounts of ordinary Windows containers, so the HostProcess flag did not reach hcsshim: containerd is older than 1.6, or 1.5 without the annotation pass-through, or kubelet 1.23+ with containerd 1.5, or a kubelet with bug #110140 and hostProcess set only on containers.',
    checks: ['containerd-version', 'containerd-hostprocess-annotations', 'kubelet-version'],
    fix: {
      text: 'Use containerd 1.6 or later (1.7 recommended), and set hostProcess: true at pod level. whoami in a HostProcess container prints a host account such as nt authority\\system.',
      commands: [`${CONTAINERD_EXE} --version`, 'kubectl exec -n <ns> <pod> -- whoami'],
    },
    confidence: 'low',
    scope: 'node',
    hostProcess: true,
    sources: [
      KEP,
      'https://github.com/kubernetes/kubernetes/pull/110140',
      'https://github.com/kubernetes/kubernetes/pull/105465',
    ],
  },

  // ------------------------------------------------------------------ runtime and node configuration
  {
    id: 'uvm-hostprocess',
    title: 'A Hyper-V isolated pod cannot run HostProcess containers',
    patterns: [{ re: rx(/UVM does not support (?:HostProcess|host ?process|job) containers/) }],
    cause:
      "The pod's sandbox is a Hyper-V utility VM, and HostProcess containers need process isolation (HostProcess in Hyper-V isolated pods exists only in very new hcsshim on Windows Server 2025). HostProcess pods use containerd's default runtime, so that runtime is Hyper-V isolated, or the pod's runtimeClassName picks one that is.",
    checks: ['containerd-default-runtime'],
    causeWhen: { 'containerd-default-runtime': ['hyperV'] },
    fix: {
      text: 'Make containerd\'s default runtime the process-isolated runhcs-wcow-process (default_runtime_name = "runhcs-wcow-process", no SandboxIsolation = 1 on it) and restart containerd; drop any runtimeClassName that selects Hyper-V isolation from the HostProcess pod.',
      commands: [
        `Select-String -Path ${CONTAINERD_CONFIG} -Pattern 'default_runtime|SandboxIsolation'`,
        "kubectl get pod <pod> -n <ns> -o jsonpath='{.spec.runtimeClassName}'",
        'Restart-Service containerd',
      ],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: true,
    sources: [
      'microsoft/hcsshim cmd/containerd-shim-runhcs-v1/pod.go',
      'https://github.com/microsoft/hcsshim/pull/2531',
    ],
    notes: [
      "The message text is from the project research (domain.md §8 #14), read from hcsshim's pod.go; it was not found in a public issue.",
    ],
  },
  {
    id: 'runhcs-shim-missing',
    title: 'containerd cannot find containerd-shim-runhcs-v1.exe',
    patterns: [
      {
        re: rx(
          /containerd-shim-runhcs-v1(?:\.exe)?\\?["']?:? ?/,
          /(?:executable file not found|file does not exist|The system cannot find the file specified|no such file)/,
        ),
      },
    ],
    cause: 'The runhcs shim is not beside containerd.exe or on PATH, so containerd cannot start any Windows container.',
    checks: ['runhcs-shim'],
    fix: {
      text: 'Copy containerd-shim-runhcs-v1.exe from the containerd release tarball that matches your containerd into the folder of containerd.exe.',
      commands: ['Get-ChildItem "$env:ProgramFiles\\containerd"', `${CONTAINERD_EXE} --version`],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: false,
    sources: [
      'containerd/containerd Makefile.windows (WINDOWS_SHIM)',
      'containerd/containerd script/setup/install-runhcs-shim',
    ],
  },
  {
    id: 'containerd-config-invalid',
    title: 'containerd cannot load its config',
    patterns: [
      { re: rx('failed to load TOML') },
      { re: rx(/invalid (?:disabled )?plugin (?:key )?URI/) },
      { re: rx('expected containerd config version equal to or less than') },
      { re: rx(/drop-in config version(?: \d+ higher than root config version)?/) },
    ],
    cause:
      "containerd's config.toml (or a file it imports) is missing, is not valid TOML, or has a schema version this containerd does not read, so containerd does not start or runs without its CRI settings.",
    checks: ['containerd-config'],
    fix: {
      text: 'Check the config the way containerd reads it, fix what it reports, then restart containerd.',
      commands: [`${CONTAINERD_EXE} --config ${CONTAINERD_CONFIG} config dump`, 'Restart-Service containerd'],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: false,
    sources: [
      'containerd/containerd services/server/config/config.go (LoadConfig)',
      'https://github.com/containerd/containerd/issues/9198',
    ],
  },
  {
    id: 'containerd-default-runtime-name',
    title: "containerd's default_runtime_name names no runtime",
    patterns: [
      { re: rx(/`?default_runtime_name`? is empty/) },
      { re: rx(/no corresponding runtime configured in `?(?:containerd\.)?runtimes`?/) },
    ],
    cause:
      "default_runtime_name is empty or names no [..containerd.runtimes.<name>] table, so containerd's CRI plugin does not load and the kubelet cannot start any pod.",
    checks: ['containerd-default-runtime'],
    causeWhen: { 'containerd-default-runtime': ['emptyName', 'unknownName'] },
    fix: {
      text: 'Set default_runtime_name = "runhcs-wcow-process" (or the name of a runtime table you define) in config.toml, then restart containerd.',
      commands: [
        `Select-String -Path ${CONTAINERD_CONFIG} -Pattern 'default_runtime_name|runtimes\\.'`,
        'Restart-Service containerd',
      ],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: false,
    sources: ['containerd/containerd pkg/cri/config/config.go (ValidatePluginConfig)'],
  },
  {
    id: 'feature-gate-removed',
    title: 'kubelet 1.28+ no longer knows the WindowsHostProcessContainers gate',
    patterns: [{ re: rx('unrecognized feature gate: WindowsHostProcessContainers') }],
    cause:
      'The WindowsHostProcessContainers feature gate was removed in Kubernetes 1.28 (HostProcess is always on). A kubelet that still sets it refuses to start.',
    checks: ['kubelet-feature-gate'],
    causeWhen: { 'kubelet-feature-gate': ['removedSet'] },
    fix: {
      text: 'Remove WindowsHostProcessContainers from --feature-gates on the kubelet command line and from featureGates in its config file, then restart kubelet.',
      commands: [
        KUBELET_COMMAND_LINE,
        "Select-String -Path 'C:\\var\\lib\\kubelet\\config.yaml' -Pattern WindowsHostProcessContainers",
        'Restart-Service kubelet',
      ],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: true,
    sources: [
      'https://github.com/kubernetes/kubernetes/pull/117570',
      'k8s.io/component-base featuregate/feature_gate.go (SetFromMap)',
    ],
  },
  {
    id: 'feature-gate-locked',
    title: 'WindowsHostProcessContainers=false on kubelet 1.26 or 1.27',
    patterns: [{ re: rx('cannot set feature gate WindowsHostProcessContainers to false, feature is locked to true') }],
    cause:
      'HostProcess containers are GA and locked on in Kubernetes 1.26 and 1.27, so setting the gate to false stops kubelet from starting.',
    checks: ['kubelet-feature-gate'],
    causeWhen: { 'kubelet-feature-gate': ['lockedFalse'] },
    fix: {
      text: "Remove WindowsHostProcessContainers=false from kubelet's --feature-gates or featureGates, then restart kubelet.",
      commands: [KUBELET_COMMAND_LINE, 'Restart-Service kubelet'],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: true,
    sources: [
      'https://github.com/kubernetes/kubernetes/pull/113476',
      'k8s.io/component-base featuregate/feature_gate.go (SetFromMap)',
    ],
  },
  {
    id: 'kubelet-no-containerd-endpoint',
    title: 'kubelet is not pointed at containerd',
    patterns: [
      { re: rx('the container runtime endpoint address was not specified or empty') },
      {
        re: rx(
          /unix:\/\/\/run\/containerd\/containerd\.sock/,
          GAP,
          /(?:no such file|cannot find|connectex|dial unix|not supported|Unavailable)/,
        ),
        confidence: 'medium',
      },
      // The Linux default endpoint named anywhere in a Windows node's kubelet log is a hint, no more.
      { re: rx(/unix:\/\/\/run\/containerd\/containerd\.sock/), confidence: 'low' },
    ],
    cause:
      'kubelet has no --container-runtime-endpoint (or containerRuntimeEndpoint). Kubelet 1.24–1.26 then refuses to start; 1.27 and later default to the Linux socket unix:///run/containerd/containerd.sock, which does not exist on Windows.',
    checks: ['kubelet-runtime-endpoint'],
    fix: {
      text: 'Give kubelet --container-runtime-endpoint="npipe:////./pipe/containerd-containerd" (or containerRuntimeEndpoint in its config on 1.27+), then restart kubelet.',
      commands: [KUBELET_COMMAND_LINE, 'Restart-Service kubelet'],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: false,
    sources: [
      'kubernetes/kubernetes cmd/kubelet/app/options/options.go (ValidateKubeletFlags)',
      'kubernetes/kubernetes pkg/kubelet/apis/config/v1beta1/defaults.go',
    ],
    notes: [
      'The unix-socket forms are matched with medium (an error connecting to it) or low (the path alone) confidence: on a Linux node that path is normal.',
    ],
  },
  {
    id: 'kubelet-cgroups-per-qos',
    title: 'kubelet on Windows needs --cgroups-per-qos=false and --enforce-node-allocatable=""',
    patterns: [
      { re: rx('CgroupsPerQOS (--cgroups-per-qos) true is not supported on Windows') },
      { re: rx(/EnforceNodeAllocatable \(--enforce-node-allocatable\) \[[^\]]{0,40}\] is not supported on ?Windows/) },
    ],
    cause:
      "kubelet's defaults are for Linux: per-QoS cgroups and node-allocatable enforcement do not exist on Windows, so kubelet exits at start-up. No pod, HostProcess or not, can run until it starts.",
    checks: [],
    fix: {
      text: 'Start kubelet with --cgroups-per-qos=false --enforce-node-allocatable="" (or cgroupsPerQOS: false and enforceNodeAllocatable: [] in its KubeletConfiguration), then restart it.',
      commands: [KUBELET_COMMAND_LINE, 'Restart-Service kubelet'],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: false,
    sources: [
      'https://github.com/kubernetes/kubernetes/issues/78925',
      'corpus: error-logs/k8s-78925-kubelet-windows-cgroups-per-qos-fatal-excerpt.txt',
    ],
    notes: ['No hostprocess-doctor check reads these kubelet flags yet.'],
  },

  // ------------------------------------------------------------------ look-alikes (negative controls)
  {
    id: 'hcs-create-compute-system',
    title: 'HCS could not create the container (a generic Windows container error)',
    patterns: [{ re: rx(/hcs(?:shim)?::CreateComputeSystem/) }],
    cause:
      'The Host Compute Service refused to create the container. Ordinary process-isolated pods hit this too, with reasons such as "Access is denied" (an antivirus or other filter driver, a volume mapping, intermittent failures) or "The directory name is invalid". It is not the HostProcess logon failure (that one says "failed to logon user"), so containerd\'s service account is not the suspect.',
    checks: [],
    fix: {
      text: "Read the Windows container event logs and containerd's log around the same container id; retry the pod, and pull the image again if the error persists.",
      commands: [
        'Get-WinEvent -LogName Microsoft-Windows-Hyper-V-Compute-Admin -MaxEvents 20 | Format-List TimeCreated, Message',
        'crictl.exe ps -a',
      ],
    },
    confidence: 'low',
    scope: 'node',
    hostProcess: false,
    fallback: true,
    sources: [
      'https://github.com/microsoft/hcsshim/issues/2017',
      'https://github.com/antrea-io/antrea/issues/2774',
      'https://github.com/moby/moby/issues/43436',
    ],
    notes: ['The reasons named are examples from public reports, not a diagnosis.'],
  },
];

export function entryById(id: string, catalogue: readonly CatalogueEntry[] = CATALOGUE): CatalogueEntry | undefined {
  return catalogue.find((e) => e.id === id);
}
