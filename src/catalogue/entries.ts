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

// ---------------------------------------------------------------------------------------------------
// Windows system messages (FormatMessage) as Go prints them after hcsshim's and go-winio's wrappers. Go asks
// for US English first and falls back to the user's language only where English resources are missing
// (golang/go src/syscall/syscall_windows.go, Errno.Error), so a localized text means a localized-only
// install. Go keeps the final period and Python (real-machine evidence below) drops it, so patterns never
// require it. `confirmed`: printed on a real machine; otherwise the text comes from one source only
// (often a machine-translated Microsoft Learn page) and is UNCONFIRMED, which lowers the confidence.
// docs/research/kubelet-windows-messages.md §7 has the table and its caveats.

export interface LocalizedMessage {
  /** BCP 47 language tag. */
  lang: string;
  text: string;
  confirmed: boolean;
  source: string;
}

/** ERROR_ACCESS_DENIED (5). */
export const ACCESS_DENIED: readonly LocalizedMessage[] = [
  {
    lang: 'en',
    text: 'Access is denied',
    confirmed: true,
    source:
      'en ERROR_ACCESS_DENIED "Access is denied.": MicrosoftDocs/win32 desktop-src/Debug/system-error-codes--0-499-.md',
  },
  {
    lang: 'de',
    text: 'Zugriff verweigert',
    confirmed: true,
    source:
      'de ERROR_ACCESS_DENIED "Zugriff verweigert" (no period), printed by Go on a real host: https://github.com/moby/buildkit/issues/4826; also https://github.com/vinc3PO/ebayKleinanzeigenAlert/issues/44',
  },
  {
    lang: 'fr',
    text: 'Accès refusé',
    confirmed: true,
    source:
      'fr ERROR_ACCESS_DENIED "Accès refusé." ("[WinError 5] Accès refusé" on a real machine): https://github.com/fannya76/EasySAV/issues/54 (the fr-fr docs page says "L’accès est refusé.", a machine translation)',
  },
  {
    lang: 'es',
    text: 'Acceso denegado',
    confirmed: false,
    source:
      'es ERROR_ACCESS_DENIED "Acceso denegado.": es-es system error codes page (isabella232/win32-pr.es-es fork) only, UNCONFIRMED on a real machine',
  },
  {
    lang: 'ja',
    text: 'アクセスが拒否されました',
    confirmed: false,
    source:
      'ja ERROR_ACCESS_DENIED "アクセスが拒否されました。": one reproduced pip output ("[WinError 5] アクセスが拒否されました。"), an indirect single source, UNCONFIRMED',
  },
  {
    lang: 'zh-CN',
    text: '拒绝访问',
    confirmed: true,
    source:
      'zh-CN ERROR_ACCESS_DENIED "拒绝访问。" ("[WinError 5] 拒绝访问。" on real machines): https://github.com/bilibili/ailab/issues/130, https://github.com/xinntao/ESRGAN/issues/45',
  },
  {
    lang: 'zh-TW',
    text: '存取被拒',
    confirmed: true,
    source: 'zh-TW ERROR_ACCESS_DENIED "存取被拒。" (real machine): https://github.com/TISUnion/QuickBackupM/issues/34',
  },
  {
    lang: 'ko',
    text: '액세스가 거부되었습니다',
    confirmed: true,
    source: 'ko ERROR_ACCESS_DENIED "액세스가 거부되었습니다" (real machine): https://github.com/pypa/pip/issues/9152',
  },
];

/** ERROR_LOGON_FAILURE (1326), with the older Windows wording where there is one. */
export const LOGON_FAILURE: readonly LocalizedMessage[] = [
  {
    lang: 'en',
    text: 'The user name or password is incorrect',
    confirmed: true,
    source:
      'en ERROR_LOGON_FAILURE "The user name or password is incorrect.": MicrosoftDocs/win32 desktop-src/Debug/system-error-codes--1300-1699-.md',
  },
  {
    lang: 'en',
    text: 'Logon failure: unknown user name or bad password',
    confirmed: true,
    source:
      'en ERROR_LOGON_FAILURE, older Windows: "Logon failure: unknown user name or bad password." (gist freeeve/1281539, "52e ERROR_LOGON_FAILURE")',
  },
  {
    lang: 'de',
    text: 'Der Benutzername oder das Kennwort ist falsch',
    confirmed: true,
    source:
      'de ERROR_LOGON_FAILURE "Der Benutzername oder das Kennwort ist falsch.": de-de system error codes page, and public C# code comparing e.Message with exactly that text (docs/research/kubelet-windows-messages.md §7)',
  },
  {
    lang: 'de',
    text: 'Anmeldung fehlgeschlagen: unbekannter Benutzername oder falsches Kennwort',
    confirmed: true,
    source:
      'de ERROR_LOGON_FAILURE, older Windows: "Anmeldung fehlgeschlagen: unbekannter Benutzername oder falsches Kennwort" (public Java code matching net.exe output; docs/research/kubelet-windows-messages.md §7)',
  },
  {
    lang: 'es',
    text: 'El nombre de usuario o la contraseña no son correctos',
    confirmed: true,
    source:
      'es ERROR_LOGON_FAILURE "El nombre de usuario o la contraseña no son correctos.": real pywin32 output quoted in public code, (1326, \'LogonUser\', …) (the es-es docs page says "…son incorrectos.", a machine translation)',
  },
  {
    lang: 'fr',
    text: "Le nom d'utilisateur ou le mot de passe est incorrect",
    confirmed: false,
    source:
      'fr ERROR_LOGON_FAILURE "Le nom d\'utilisateur ou le mot de passe est incorrect.": fr-fr system error codes page only, UNCONFIRMED on a real machine (the apostrophe may be ’)',
  },
  {
    lang: 'ja',
    text: 'ユーザー名またはパスワードが正しくありません',
    confirmed: false,
    source:
      'ja ERROR_LOGON_FAILURE: no Windows-sourced text found; "ユーザー名またはパスワードが正しくありません。" is a candidate, UNCONFIRMED',
  },
  {
    lang: 'zh-CN',
    text: '用户名或密码不正确',
    confirmed: false,
    source:
      'zh-CN ERROR_LOGON_FAILURE: no Windows-sourced text found; "用户名或密码不正确。" is a candidate, UNCONFIRMED',
  },
];

/** One of the texts, as a tolerant pattern (a space may be lost in wrapping; either apostrophe). */
function anyOf(messages: readonly LocalizedMessage[]): RegExp {
  return new RegExp(`(?:${messages.map((m) => phrase(m.text).replace(/'/g, "['’]")).join('|')})`);
}

const confirmed = (messages: readonly LocalizedMessage[]) => messages.filter((m) => m.confirmed);
const unconfirmed = (messages: readonly LocalizedMessage[]) => messages.filter((m) => !m.confirmed);
const sourcesOf = (messages: readonly LocalizedMessage[]) => messages.map((m) => m.source);

/** A Go %q path, as printed or escaped once more by logfmt. */
const QUOTED = /\\?"[^"]{0,400}?\\?"/;

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
      {
        re: rx(
          'failed to create user process token: ',
          /.{0,40}?/,
          'failed to logon user: ',
          anyOf(confirmed(ACCESS_DENIED)),
        ),
      },
      { re: rx('failed to logon user: ', anyOf(confirmed(ACCESS_DENIED))) },
      // Single-source translations: the cause is the same, the text is not proven.
      { re: rx('failed to logon user: ', anyOf(unconfirmed(ACCESS_DENIED))), confidence: 'medium' },
    ],
    cause:
      "hcsshim, running with the containerd service's identity, logs on the pod's runAsUserName without a password to create its process token. A service running as a user account, even an Administrator, is not allowed to create those tokens, so every HostProcess pod fails. The Kubernetes docs name this exact error; on a Windows installed without English resources the last part is in the system's language (Zugriff verweigert, Accès refusé, 拒绝访问, …).",
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
      'golang/go src/syscall/syscall_windows.go (Errno.Error: English first, the user language only as a fallback)',
      ...sourcesOf(ACCESS_DENIED),
    ],
    notes: [
      'The Spanish and Japanese texts of ERROR_ACCESS_DENIED come from one source each (UNCONFIRMED on a real machine), so they match with medium confidence.',
    ],
  },
  {
    id: 'logon-missing-local-group',
    title: 'runAsUserName names a local group that does not exist on the node',
    patterns: [
      { re: rx('failed to logon user: ', anyOf(confirmed(LOGON_FAILURE))) },
      { re: rx('failed to logon user: ', anyOf(unconfirmed(LOGON_FAILURE))), confidence: 'low' },
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
    sources: [
      HCS_LOGON,
      'https://github.com/microsoft/hcsshim/pull/1286',
      `${HPC_DOCS}#choosing-a-user-account`,
      ...sourcesOf(LOGON_FAILURE),
    ],
    notes: [
      "UNCONFIRMED: the Windows error text is derived from hcsshim's logon code (ERROR_LOGON_FAILURE, 1326); no public report quoting it for a missing group was found.",
      'The French, Japanese and Simplified Chinese texts of ERROR_LOGON_FAILURE are UNCONFIRMED (one machine-translated page, or a candidate with no Windows source), so they match with low confidence only.',
      'Run explain with --group NAME and a snapshot (or --containerd-version) to see whether this node has the group.',
    ],
  },
  {
    id: 'logon-type-not-granted',
    title: 'Windows refuses the logon type hcsshim asks for (a user-rights policy)',
    patterns: [
      {
        re: rx(
          'failed to logon user: ',
          /(?:Logon failure: ?)?the ?user ?has ?not ?been ?granted ?the ?requested ?logon ?type/,
        ),
      },
      { re: rx('failed to logon user: Der Benutzer besitzt nicht den benötigten Anmeldetyp'), confidence: 'low' },
      {
        re: rx('failed to logon user: ', /(?:Anmeldefehler: ?)?Dem ?Benutzer ?wurde ?der ?angeforderte ?Anmeldetyp/),
        confidence: 'low',
      },
      // The Win32 text alone: LogonUser fails like this for any program on a hardened host.
      { re: rx('Logon failure: the user has not been granted the requested logon type'), confidence: 'low' },
    ],
    cause:
      'hcsshim logs the pod\'s account on with LogonUser: NT AUTHORITY accounts as a service logon, the temporary user it makes for a local-group runAsUserName as an interactive logon, which needs the "Allow log on locally" right. A hardened node (a security baseline that grants that right to Administrators only, or a "Deny log on …" entry) refuses with ERROR_LOGON_TYPE_NOT_GRANTED (1385).',
    checks: [],
    fix: {
      text: 'Look at the user rights the node\'s policy sets: the group in runAsUserName (or Users) needs "Allow log on locally" (SeInteractiveLogonRight) and must not be in a "Deny log on" right. Change the policy (a GPO wins over a local change), then start the pod again.',
      commands: [
        'secedit.exe /export /cfg "$env:TEMP\\secpol.inf" /areas USER_RIGHTS',
        'Select-String -Path "$env:TEMP\\secpol.inf" -Pattern "SeInteractiveLogonRight|SeDenyInteractiveLogonRight|SeServiceLogonRight|SeDenyServiceLogonRight"',
        'gpresult.exe /scope computer /r',
      ],
    },
    confidence: 'medium',
    scope: 'node',
    hostProcess: true,
    sources: [
      HCS_LOGON,
      'MicrosoftDocs/win32@1f10963a desktop-src/Debug/system-error-codes--1300-1699-.md (ERROR_LOGON_TYPE_NOT_GRANTED 1385, ERROR_LOGON_NOT_GRANTED 1380)',
      'https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-logonuserw (LOGON32_LOGON_INTERACTIVE needs SE_INTERACTIVE_LOGON_NAME)',
      'https://pastebin.com/a204TQJt (the Win32 text from a real LogonUser failure)',
      'de "Der Benutzer besitzt nicht den benötigten Anmeldetyp": one public doc table (docs/research/kubelet-windows-messages.md §6.5), UNCONFIRMED; the de-de docs page has "Anmeldefehler: Dem Benutzer wurde der angeforderte Anmeldetyp auf diesem Computer nicht gewährt." (a machine translation)',
    ],
    notes: [
      'UNCONFIRMED: assembled from hcsshim\'s wrappers ("failed to create user process token: failed to logon user: …") and the Win32 text; not seen in a HostProcess log. The German texts come from single sources and match with low confidence.',
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
    title: 'runAsUserName has more than one backslash (hcsshim, outside Kubernetes)',
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
    sources: [HCS_LOGON, 'microsoft/hcsshim@v0.11.7 internal/jobcontainers/logon.go:140 ("invalid user string `%s`")'],
    notes: [
      'This hcsshim text is reachable only outside Kubernetes (a container started with crictl or ctr): the API server rejects such a pod first, with "runAsUserName cannot contain more than one backslash" (see run-as-user-name-invalid).',
    ],
  },
  {
    id: 'run-as-user-name-invalid',
    title: 'The API server rejects the pod: runAsUserName is not a valid Windows account name',
    patterns: [
      { re: rx('runAsUserName cannot contain more than one backslash') },
      {
        re: rx(
          /runAsUserName(?:['’]s (?:Domain|User))? ?(?:cannot ?be ?an ?empty ?string|cannot ?contain ?control ?characters|length ?must ?be ?under ?\d{1,9} ?characters|doesn['’]t ?match ?the ?NetBios ?nor ?the ?DNS ?format|cannot ?be ?empty|length ?must ?not ?be ?longer ?than ?\d{1,9} ?characters|cannot ?contain ?only ?periods ?or ?spaces|cannot ?contain ?the ?following ?characters)/,
        ),
      },
    ],
    cause:
      'kube-apiserver validates windowsOptions.runAsUserName as DOMAIN\\USER with at most one backslash, a NetBIOS or DNS domain (under 256 characters) and a user part of at most 104 characters without "/\\:;|=,+*?<>@[] or control characters. A YAML string that keeps both backslashes of NT AUTHORITY\\\\SYSTEM (single quotes, or a block scalar) has two.',
    checks: [],
    fix: {
      text: 'Write the account with exactly one backslash: runAsUserName: "NT AUTHORITY\\\\SYSTEM" (double-quoted YAML, escaped) or \'NT AUTHORITY\\SYSTEM\' (single-quoted), or a bare local group name; then apply the manifest again.',
      commands: ['kubectl apply -f <manifest> --dry-run=server'],
    },
    confidence: 'high',
    scope: 'pod',
    hostProcess: false,
    sources: [
      'kubernetes/kubernetes pkg/apis/core/validation/validation.go (validateWindowsSecurityContextOptions; maxRunAsUserNameDomainLength = 256, maxRunAsUserNameUserLength = 104)',
      `${HPC_DOCS}#choosing-a-user-account`,
    ],
    notes: [
      'The user sees them as field errors: spec.…securityContext.windowsOptions.runAsUserName: Invalid value: "…": <text> (derived from field.Invalid).',
    ],
  },

  // ------------------------------------------------------------------ volumes and file layout
  {
    id: 'service-account-token-path',
    title: 'The service-account token is not at /var/run/secrets (symlink volume mounts)',
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
        'vendorBuildUnconfirmed',
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
      'bind-filter': ['present', 'presentVersionUnknown', 'builtIn', 'builtInVersionUnknown'],
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
      'bind-filter': ['present', 'presentVersionUnknown', 'builtIn', 'builtInVersionUnknown'],
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
    possibleWhen: { 'bind-filter': ['present', 'presentVersionUnknown', 'builtIn', 'builtInVersionUnknown'] },
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
    causeWhen: { 'bind-filter': ['present', 'presentVersionUnknown', 'builtIn', 'builtInVersionUnknown'] },
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
    title: 'The bind filter refused a mapping (bindfilter.ApplyFileBinding: Access is denied)',
    patterns: [
      { re: rx(/bindfilter\.?ApplyFileBinding/, GAP, anyOf(ACCESS_DENIED)) },
      // go-winio's own wording (pkg/bindfilter, v0.6.1+), without hcsshim's "for job object".
      { re: rx('failed to bind target ', QUOTED, ' to root ', QUOTED, ': ', anyOf(ACCESS_DENIED)) },
    ],
    cause:
      "A program set up a bind-filter mapping itself with go-winio's bindfilter.ApplyFileBinding (containerd's Windows mount code, buildkitd, ctr image mount) and Windows refused it. On containerd 1.7 and later a HostProcess container is a server silo, and the bind filter's communication port cannot be reached from inside it, so such tools fail with Access is denied when run as a HostProcess pod. Outside a container the process lacks the rights the bind filter needs (run it elevated, as a service).",
    checks: [],
    fix: {
      text: 'Run the tool on the host (for example as a Windows service, elevated) instead of in a HostProcess pod, or use a build of it that falls back to directory junctions.',
      commands: ['fltmc.exe filters', 'whoami.exe /groups | Select-String S-1-16-12288'],
    },
    confidence: 'medium',
    scope: 'pod',
    hostProcess: true,
    sources: [
      'https://github.com/moby/buildkit/issues/6590',
      'https://github.com/microsoft/Windows-Containers/issues/621',
      'microsoft/go-winio@v0.6.2 pkg/bindfilter/bind_filter.go:77 (ApplyFileBinding: "failed to bind target %q to root %q: %w")',
      'containerd/containerd@v1.7.20 mount/mount_windows.go:94-95 ("failed to set volume mount path for layer %s: %w")',
      'https://github.com/moby/buildkit/issues/4826 (the same message on a German host: "…: Zugriff verweigert")',
      ...sourcesOf(ACCESS_DENIED),
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
      "The pod's sandbox is a Hyper-V utility VM whose guest does not offer HostProcess containers. This text exists only in hcsshim v0.15.0-rc.2 and later (cmd/containerd-shim-runhcs-v1/pod.go:504; containerd ships that shim from 2.3.3): such a shim runs HostProcess containers inside Hyper-V isolated pods on Windows Server 2025 (build 26100) and later, when the UVM reports the capability (hcsshim#2531), as privileged processes in the UVM, without network access, not on the host. On any other node, HostProcess pods need process isolation: containerd's default runtime (or the pod's runtimeClassName) is Hyper-V isolated.",
    checks: ['containerd-default-runtime'],
    causeWhen: { 'containerd-default-runtime': ['hyperV', 'hyperVUvm'] },
    fix: {
      text: 'For HostProcess containers on the host, make containerd\'s default runtime the process-isolated runhcs-wcow-process (default_runtime_name = "runhcs-wcow-process", no SandboxIsolation = 1 on it) and restart containerd, and drop any runtimeClassName that selects Hyper-V isolation from the pod. HostProcess in a Hyper-V pod needs Windows Server 2025 with a UVM image that supports it.',
      commands: [
        `Select-String -Path ${CONTAINERD_CONFIG} -Pattern 'default_runtime|SandboxIsolation'`,
        "kubectl get pod <pod> -n <ns> -o jsonpath='{.spec.runtimeClassName}'",
        '& "$env:ProgramFiles\\containerd\\containerd-shim-runhcs-v1.exe" --version',
        'Restart-Service containerd',
      ],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: true,
    sources: [
      'microsoft/hcsshim@v0.15.0-rc.2 cmd/containerd-shim-runhcs-v1/pod.go:504 (absent in v0.14.1 and v0.15.0-rc.1)',
      'microsoft/hcsshim internal/uvm/capabilities.go:26 (HostProcessContainerSupported)',
      'https://github.com/microsoft/hcsshim/pull/2531 ("This feature will be applicable for WS2025 and later")',
      'containerd/containerd@v2.3.3 script/setup/runhcs-version (v0.15.0-rc.3)',
    ],
    notes: [
      'Only hcsshim v0.15.0-rc.2 and later print this text; older shims fail a Hyper-V HostProcess pod differently.',
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
      // containerd 2.x (go-toml v2) for syntax and type errors, 1.x for type errors.
      { re: rx('failed to unmarshal TOML', /(?: at row \d{1,9} column \d{1,9})?/) },
      // go-toml v1's own position prefix, as containerd 1.5-1.7 print it after the path.
      {
        re: rx(
          /\(\d{1,9}, ?\d{1,9}\): ?/,
          /(?:trailing comma at the end of inline table|unexpected token|Can't convert|cannot decode|keys cannot contain|invalid)/,
        ),
      },
      // containerd 1.4 and older (BurntSushi/toml).
      { re: rx(/Near line \d{1,9} \(last key parsed '[^']{0,200}'\):/) },
      { re: rx('unsupported config version') },
      { re: rx(/invalid (?:disabled |required )?plugin (?:key )?URI/) },
      { re: rx('expected containerd config version equal to or less than') },
      { re: rx(/drop-in config version(?: \d{1,9} higher than root config version)?/) },
    ],
    cause:
      "containerd's config.toml (or a file it imports) is missing, is not valid TOML, has a value of the wrong type, or has a schema version this containerd does not read, so containerd does not start or runs without its CRI settings. containerd 1.5-1.7 say failed to load TOML: <file>: (line, column): …, 2.x failed to unmarshal TOML at row N column M: toml: …, 1.4 and older Near line N (last key parsed '…'): ….",
    checks: ['containerd-config'],
    fix: {
      text: 'Check the config the way containerd reads it, fix what it reports, then restart containerd.',
      commands: [`${CONTAINERD_EXE} --config ${CONTAINERD_CONFIG} config dump`, 'Restart-Service containerd'],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: false,
    sources: [
      'containerd/containerd@v1.7.20 services/server/config/config.go:240,251,255 ("failed to load TOML: %s: %w", "failed to unmarshal TOML: %w")',
      'containerd/containerd@v2.0.0 cmd/containerd/server/config/config.go:383,385 ("failed to unmarshal TOML at row %d column %d: %w")',
      'pelletier/go-toml@v1.9.5 parser.go:26-27,441 and position.go:22 ("(%d, %d)", "trailing comma at the end of inline table")',
      'BurntSushi/toml@v0.3.1 parse.go:69 ("Near line %d (last key parsed \'%s\'): %s"), vendored by containerd v1.2-v1.4',
      'https://github.com/containerd/containerd/issues/9198',
    ],
  },
  {
    id: 'containerd-config-encoding',
    title: "containerd's config is not plain UTF-8 (a BOM, or UTF-16)",
    patterns: [
      // containerd 2.x (go-toml v2) reads the first byte of a UTF-8 BOM as the character ï.
      {
        re: rx(
          /(?:failed to unmarshal TOML at row 1 column 1: )?/,
          'toml: invalid character at start of key: ',
          /(?:ï|\\u00ef|\\ufeff)/,
        ),
      },
      // containerd 1.4 and older (BurntSushi/toml): a BOM is the rune U+FEFF, UTF-16 an invalid byte (U+FFFD).
      {
        re: rx(
          /Near line \d{1,9} \(last key parsed '[^']{0,200}'\): ?/,
          'bare keys cannot contain ',
          /'(?:\\ufeff|\\ufffd|\uFFFD)'/,
        ),
      },
      { re: rx('bare keys cannot contain ', /'(?:\\ufeff|\\ufffd|\uFFFD)'/) },
      {
        re: rx(/Near line \d{1,9} \(last key parsed ''\): bare keys cannot contain/),
        confidence: 'medium',
      },
    ],
    cause:
      'The file was saved with a byte-order mark or as UTF-16 (PowerShell 5.1\'s Out-File, ">" and Set-Content -Encoding UTF8 do this). containerd 2.x (go-toml v2) fails on the BOM at row 1 column 1; every containerd fails on UTF-16; containerd 1.4 and older (BurntSushi/toml) stop at the first character with "bare keys cannot contain". containerd 1.5-1.7 skip a UTF-8 BOM.',
    checks: ['containerd-config'],
    causeWhen: { 'containerd-config': ['bom', 'utf16'] },
    fix: {
      text: 'Rewrite the file as UTF-8 without a BOM (Get-Content -Raw reads any of these encodings), then restart containerd.',
      commands: [
        `$text = Get-Content -Raw ${CONTAINERD_CONFIG}`,
        `[IO.File]::WriteAllText(${CONTAINERD_CONFIG}, $text, (New-Object Text.UTF8Encoding $false))`,
        'Restart-Service containerd',
      ],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: false,
    sources: [
      'containerd/containerd@v2.0.0 cmd/containerd/server/config/config.go:383 with go-toml v2.2.3 unstable/parser.go:867 ("invalid character at start of key: %c"), run on a BOM file by the project\'s audit harness',
      'pelletier/go-toml@v1.9.5 toml.go:478-484 (go-toml v1 strips a BOM: containerd 1.5-1.7 read such a file)',
      'BurntSushi/toml@v0.3.1 lex.go:392 ("bare keys cannot contain %q"), parse.go:69',
    ],
    notes: [
      "UNCONFIRMED: the containerd 1.4 forms are derived from BurntSushi/toml's code (a BOM gives '\\ufeff', UTF-16 an invalid byte, printed '\\ufffd' or '�'), not seen in a log; \"Near line 0 (last key parsed '')\" with another character means the file's first character is not a key, most often an encoding problem, so it matches with medium confidence.",
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
    id: 'kubelet-container-runtime-flag',
    title: 'kubelet 1.27+ no longer has --container-runtime',
    patterns: [
      { re: rx(/(?:failed to parse kubelet flag: ?)?/, 'unknown flag: --container-runtime', /(?![\w-])/) },
      // The 1.24-1.26 deprecation warning: harmless there, fatal after an upgrade.
      {
        re: rx('Flag --container-runtime has been deprecated, will be removed in 1.27'),
        confidence: 'low',
      },
    ],
    cause:
      'The --container-runtime flag was removed in Kubernetes 1.27 (its only valid value was remote). kubelet 1.27 and later do not know it and stop before doing anything else with "failed to parse kubelet flag: unknown flag: --container-runtime"; 1.24-1.26 only warn that it is deprecated. Node scripts written for older kubelets (AKS\'s Windows CSE until AgentBaker#3181, sig-windows-tools) still pass it.',
    checks: ['kubelet-runtime-endpoint'],
    causeWhen: { 'kubelet-runtime-endpoint': ['containerRuntimeRemoved'] },
    possibleWhen: { 'kubelet-runtime-endpoint': ['containerRuntimeVersionUnknown'] },
    fix: {
      text: 'Remove --container-runtime from the kubelet command line (keep --container-runtime-endpoint="npipe:////./pipe/containerd-containerd"), then restart kubelet.',
      commands: [KUBELET_COMMAND_LINE, 'Restart-Service kubelet'],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: false,
    sources: [
      'https://github.com/kubernetes/kubernetes/pull/114017',
      'kubernetes/kubernetes cmd/kubelet/app/server.go (NewKubeletCommand: "failed to parse kubelet flag: %w")',
      'https://github.com/replicatedhq/kURL/pull/4451',
      'https://github.com/canonical/microk8s/issues/3861',
      'https://github.com/Azure/AgentBaker/pull/3181',
      'https://github.com/openshift/machine-config-operator/issues/3374 (the 1.24-1.26 deprecation warning)',
    ],
  },
  {
    id: 'kubelet-unknown-flag',
    title: 'kubelet does not know a flag on its command line (removed in this version, or misspelled)',
    patterns: [
      { re: rx('failed to parse kubelet flag: unknown flag: ', /--(?!container-runtime(?![\w-]))[\w-]{1,80}/) },
    ],
    cause:
      'kubelet stops at the first flag it does not know. Flags removed with dockershim in 1.24 (--network-plugin, --cni-bin-dir, --cni-conf-dir, --cni-cache-dir, --network-plugin-mtu, --docker-endpoint, --image-pull-progress-deadline, --experimental-dockershim-root-directory) are the usual ones on Windows nodes set up for an older kubelet; otherwise the flag is misspelled.',
    checks: ['kubelet-version'],
    causeWhen: { 'kubelet-version': ['removedFlag'] },
    fix: {
      text: "Remove the flag the message names from the kubelet command line (dockershim flags have no containerd equivalent in kubelet: CNI settings live in containerd's config), then restart kubelet.",
      commands: [KUBELET_COMMAND_LINE, 'Restart-Service kubelet'],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: false,
    sources: [
      'CHANGELOG-1.24 (kubernetes#106907), quoted in https://github.com/kubernetes-sigs/sig-windows-tools/issues/230',
      'https://github.com/kubernetes-sigs/kubespray/issues/8924',
      'https://github.com/cilium/cilium/issues/21311',
      'kubernetes-sigs/sig-windows-tools hostprocess/PrepareNode.ps1 (adds --network-plugin=cni only below 1.24)',
    ],
  },
  {
    id: 'kubelet-endpoint-no-scheme',
    title: 'kubelet on Windows refuses a runtime endpoint without npipe://',
    patterns: [
      {
        re: rx(
          'Using ',
          QUOTED,
          ' as endpoint is deprecated, please consider using full url format',
          // Not a message that goes on with a URL (the Linux form): a scheme is a few letters. Bounded, so no
          // quantifier in the catalogue is unbounded (test/catalogue/match.test.ts).
          /(?! ?\\?"[a-z]{1,20}:)/,
        ),
      },
    ],
    cause:
      'kubelet was given the pipe as a bare path (\\\\.\\pipe\\containerd-containerd or //./pipe/…). On Windows kubelet\'s parseEndpoint has no fallback protocol: a value without a scheme is an error, and kubelet exits with "failed to run Kubelet: Using \\"…\\" as endpoint is deprecated, please consider using full url format" despite the word "deprecated". It prints the value with backslashes turned into slashes.',
    checks: ['kubelet-runtime-endpoint'],
    causeWhen: { 'kubelet-runtime-endpoint': ['noScheme'] },
    fix: {
      text: 'Write the endpoint with its scheme: --container-runtime-endpoint="npipe:////./pipe/containerd-containerd" (or containerRuntimeEndpoint in the KubeletConfiguration on 1.27+), then restart kubelet.',
      commands: [KUBELET_COMMAND_LINE, 'Restart-Service kubelet'],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: false,
    sources: [
      'kubernetes/cri-client@kubernetes-1.31.0 pkg/util/util_windows.go:82-108 (parseEndpoint); the same in kubernetes/kubernetes pkg/kubelet/util/util_windows.go',
      'kubernetes/cri-client@kubernetes-1.31.0 pkg/remote_runtime.go:85 (GetAddressAndDialer)',
    ],
    notes: [
      'UNCONFIRMED in a real Windows log: the text is derived from the code. kubeadm\'s warning "Usage of CRI endpoints without URL scheme is deprecated … Automatically prepending scheme" is harmless (kubeadm rewrites the value) and is not this.',
    ],
  },
  {
    id: 'kubelet-no-containerd-endpoint',
    title: 'kubelet is not pointed at containerd',
    patterns: [
      { re: rx('the container runtime endpoint address was not specified or empty') },
      { re: rx('the containerRuntimeEndpoint was not specified or empty') },
      // The 1.27+ default on Windows (kubernetes#129952): kubelet dials only npipe and tcp there.
      { re: rx(/protocol \\?"unix\\?" not supported/) },
      { re: rx(/failed to run Kubelet: protocol \\?"[a-z][\w+.-]{0,30}\\?" not supported/), confidence: 'medium' },
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
      'kubelet has no usable --container-runtime-endpoint (or containerRuntimeEndpoint, read from 1.27 on). kubelet 1.24-1.26 then refuses to start; 1.27 and later default to the Linux socket unix:///run/containerd/containerd.sock and exit on Windows with protocol "unix" not supported, as for any scheme other than npipe or tcp (a drive letter reads as one: protocol "c").',
    checks: ['kubelet-runtime-endpoint'],
    causeWhen: {
      'kubelet-runtime-endpoint': [
        'notSetDockershim',
        'notSetNoDefault',
        'notSetUnixDefault',
        'notSetVersionUnknown',
        'unixSocket',
        'unsupportedProtocol',
        'configFieldTooOld',
        'emptyEndpoint',
      ],
    },
    possibleWhen: { 'kubelet-runtime-endpoint': ['configFieldVersionUnknown', 'gapsUnknown'] },
    fix: {
      text: 'Give kubelet --container-runtime-endpoint="npipe:////./pipe/containerd-containerd" (or containerRuntimeEndpoint in its config on 1.27+), then restart kubelet.',
      commands: [KUBELET_COMMAND_LINE, 'Restart-Service kubelet'],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: false,
    sources: [
      'kubernetes/kubernetes cmd/kubelet/app/options/options.go (ValidateKubeletFlags)',
      'kubernetes/kubernetes pkg/kubelet/apis/config/v1beta1/defaults.go (ContainerRuntimeEndpoint = "unix:///run/containerd/containerd.sock", no OS switch)',
      'kubernetes/kubernetes pkg/kubelet/apis/config/validation/validation.go ("the containerRuntimeEndpoint was not specified or empty")',
      'kubernetes/cri-client@kubernetes-1.31.0 pkg/util/util_windows.go:107 ("protocol %q not supported")',
      'https://github.com/kubernetes/kubernetes/issues/129952 (Windows Server 2022, kubelet 1.31: "failed to run Kubelet: protocol \\"unix\\" not supported")',
      'kubernetes/kubelet@v0.27.0 config/v1beta1/types.go:817-820 (containerRuntimeEndpoint, absent in v0.26.0)',
    ],
    notes: [
      'The unix-socket forms are matched with medium (an error connecting to it) or low (the path alone) confidence: on a Linux node that path is normal. protocol "unix" not supported is Windows-only (Linux kubelets dial unix).',
    ],
  },
  {
    id: 'kubelet-config-invalid',
    title: 'kubelet cannot load its KubeletConfiguration file',
    patterns: [{ re: rx('failed to load Kubelet config file') }],
    cause:
      "The file named by --config is missing, is not YAML kubelet can parse, has no apiVersion/kind (Object 'Kind' is missing), or has a value of the wrong type (cannot unmarshal string into Go struct field …), so kubelet exits at start-up. Under nssm the service then shows Paused.",
    checks: ['kubelet-runtime-endpoint', 'kubelet-feature-gate'],
    causeWhen: { 'kubelet-runtime-endpoint': ['configInvalid'], 'kubelet-feature-gate': ['configInvalid'] },
    possibleWhen: { 'kubelet-runtime-endpoint': ['gapsUnknown'], 'kubelet-feature-gate': ['gapsUnknown'] },
    fix: {
      text: 'Read the rest of the message (it names the file and what is wrong), fix the file, then restart kubelet.',
      commands: [KUBELET_COMMAND_LINE, "Get-Content 'C:\\var\\lib\\kubelet\\config.yaml'", 'Restart-Service kubelet'],
    },
    confidence: 'high',
    scope: 'node',
    hostProcess: false,
    sources: [
      'https://github.com/rancher/rke2/issues/3063',
      'https://github.com/opsnull/follow-me-install-kubernetes-cluster/issues/458',
      'https://github.com/liuyi01/kubernetes-starter/issues/16',
      'kubernetes-sigs/yaml@v1.4.0 yaml.go (YAMLToJSON), goyaml.v2/decode.go ("document contains excessive aliasing")',
    ],
  },
  {
    id: 'kubelet-cgroups-per-qos',
    title: 'kubelet on Windows needs --cgroups-per-qos=false and --enforce-node-allocatable=""',
    patterns: [
      // Not the 1.31+ warning, "ignored configuration option: …" (kubelet-windows-option-ignored), also when a
      // console wrapped it inside "option:" and the lines were joined with a space.
      {
        re: rx(/(?<!o ?p ?t ?i ?o ?n ?: ?)/, 'CgroupsPerQOS (--cgroups-per-qos) true is not supported on Windows'),
      },
      {
        re: rx(
          /(?<!o ?p ?t ?i ?o ?n ?: ?)/,
          /EnforceNodeAllocatable \(--enforce-node-allocatable\) \[[^\]]{0,40}\] is not supported on ?Windows/,
        ),
      },
      // --cgroups-per-qos=false alone: the enforcement still defaults to [pods], fatal on every OS and version.
      { re: rx('cgroupsPerQOS (--cgroups-per-qos) must be set to true when') },
      {
        re: rx(
          'EnforceNodeAllocatable (--enforce-node-allocatable) is not supported unless CgroupsPerQOS (--cgroups-per-qos) feature is turned on',
        ),
      },
    ],
    cause:
      'kubelet\'s defaults are for Linux: per-QoS cgroups and node-allocatable enforcement (cgroupsPerQOS true, enforceNodeAllocatable [pods]) do not exist on Windows. kubelet 1.11-1.30 exits at start-up with either set; 1.31 and later only warn. Setting --cgroups-per-qos=false without --enforce-node-allocatable="" is fatal on every version, because enforcement then needs the cgroups. No pod, HostProcess or not, can run until kubelet starts.',
    checks: ['kubelet-version'],
    causeWhen: { 'kubelet-version': ['windowsCgroupsFatal', 'cgroupsEnforceConflict'] },
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
      'https://github.com/kubernetes/kubernetes/pull/62984 (the Windows validation, 1.11)',
      'kubernetes/kubernetes@046d201c pkg/kubelet/apis/config/validation/validation_windows.go ("invalid configuration: %v (%v) %v is not supported on Windows")',
      'https://github.com/kubernetes/kubernetes/pull/123137 (1.31: warn instead of error)',
      'https://github.com/kubernetes/kubeadm/issues/2967',
      'kubernetes/kubernetes pkg/kubelet/apis/config/validation/validation.go ("cgroupsPerQOS (--cgroups-per-qos) must be set to true when %q contained in enforceNodeAllocatable"); older wording in kubernetes#69938, #82850',
    ],
  },
  {
    id: 'kubelet-windows-option-ignored',
    title: 'kubelet 1.31+ ignores cgroupsPerQOS/enforceNodeAllocatable on Windows (a harmless warning)',
    patterns: [{ re: rx('ignored configuration option: ', /(?:CgroupsPerQOS|EnforceNodeAllocatable)/) }],
    cause:
      'kubelet 1.31 and later only warn about the Linux-only options on Windows and go on. This is not why anything fails; kubelet 1.30 and earlier would refuse to start with the same settings.',
    checks: [],
    fix: {
      text: 'Nothing is broken. To silence the warning (and keep the node startable by an older kubelet), set --cgroups-per-qos=false --enforce-node-allocatable="".',
      commands: [KUBELET_COMMAND_LINE],
    },
    confidence: 'low',
    scope: 'node',
    hostProcess: false,
    sources: [
      'kubernetes/kubernetes@0bd6795b pkg/kubelet/apis/config/validation/validation_windows.go ("ignored configuration option: %v (%v) %v is not supported on Windows")',
      'https://github.com/kubernetes/kubernetes/pull/123137',
    ],
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
