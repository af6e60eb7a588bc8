/**
 * Table tests for every catalogue entry: realistic variants of each message (other container ids and
 * pod names, kubectl describe event rows, kubectl get events, klog and logfmt lines, Go %q escaping)
 * must give that entry first, with the stated confidence, also when a console wrapped the line.
 */
import test from 'ava';
import { ACCESS_DENIED, CATALOGUE, type Confidence, LOGON_FAILURE } from '../../src/catalogue/entries.js';
import { explainText } from '../../src/catalogue/match.js';
import { wrappings } from '../explain/helpers.js';

interface Case {
  name: string;
  text: string;
  confidence?: Confidence;
  /** Skip the automatic wrapped variants (for inputs that are already multi-line). */
  noWrap?: boolean;
}

const TABLE: Record<string, Case[]> = {
  'logon-access-denied': [
    {
      name: 'kubectl describe event row',
      text: '  Warning  Failed     12s (x3 over 40s)  kubelet            Error: failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown',
      confidence: 'high',
    },
    {
      name: 'containerd log, logfmt',
      text: 'time="2024-03-05T11:02:03.512345600-08:00" level=error msg="StartContainer for \\"b3c9e1f0a2d4\\" failed" error="failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown"',
      confidence: 'high',
    },
    {
      name: 'container status Message in kubectl describe pod',
      text: '    State:          Waiting\n      Reason:       RunContainerError\n    Last State:     Terminated\n      Reason:       StartError\n      Message:      failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown',
      confidence: 'high',
      noWrap: true,
    },
    {
      name: 'kubectl get events row with another pod name',
      text: '3m2s        Warning   Failed    pod/calico-node-windows-7xq2m    Error: failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown',
    },
    {
      name: 'the docs troubleshooting text',
      text: 'failed to create user process token: failed to logon user: Access is denied.: unknown',
    },
    {
      name: 'lower case, no trailing period',
      text: 'FAILED TO CREATE USER PROCESS TOKEN: failed to logon user: access is denied',
    },
    // Localized ERROR_ACCESS_DENIED (a Windows without English message resources).
    {
      name: 'German, as Go prints it (no period): as sure as the English one',
      text: '  Warning  Failed  9s  kubelet  Error: failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Zugriff verweigert: unknown',
      confidence: 'high',
    },
    {
      name: 'German, the wrapper alone',
      text: 'failed to logon user: Zugriff verweigert',
      confidence: 'high',
    },
    {
      name: 'French',
      text: 'failed to create user process token: failed to logon user: Accès refusé.: unknown',
      confidence: 'high',
    },
    {
      name: 'Simplified Chinese',
      text: 'failed to create user process token: failed to logon user: 拒绝访问。: unknown',
      confidence: 'high',
    },
    {
      name: 'Korean',
      text: 'failed to create user process token: failed to logon user: 액세스가 거부되었습니다.: unknown',
      confidence: 'high',
    },
    {
      name: 'Spanish (single source): medium',
      text: 'failed to create user process token: failed to logon user: Acceso denegado.: unknown',
      confidence: 'medium',
    },
    {
      name: 'Japanese (single source): medium',
      text: 'failed to create user process token: failed to logon user: アクセスが拒否されました。: unknown',
      confidence: 'medium',
    },
  ],
  'logon-missing-local-group': [
    {
      name: 'kubelet klog with the quoted RunContainerError',
      text: 'E0412 08:15:23.123456    4321 pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"agent\\" with RunContainerError: \\"failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: The user name or password is incorrect.: unknown\\"" pod="kube-system/hpc-agent-abcde" podUID="0b5c6d1e-8f0a-4b7c-9d3e-2f1a0c9b8e7d"',
      confidence: 'medium',
    },
    {
      name: 'event row',
      text: '  Warning  Failed  4s (x2 over 5s)  kubelet  Error: failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: The user name or password is incorrect.: unknown',
    },
    {
      name: 'older Windows wording of ERROR_LOGON_FAILURE',
      text: 'failed to create user process token: failed to logon user: Logon failure: unknown user name or bad password.',
    },
    {
      name: 'German',
      text: 'failed to create user process token: failed to logon user: Der Benutzername oder das Kennwort ist falsch.: unknown',
      confidence: 'medium',
    },
    {
      name: 'German, older Windows',
      text: 'failed to logon user: Anmeldung fehlgeschlagen: unbekannter Benutzername oder falsches Kennwort.',
      confidence: 'medium',
    },
    {
      name: 'Spanish',
      text: 'failed to create user process token: failed to logon user: El nombre de usuario o la contraseña no son correctos.: unknown',
      confidence: 'medium',
    },
    {
      name: 'French (UNCONFIRMED text): low, with a typographic apostrophe',
      text: 'failed to logon user: Le nom d’utilisateur ou le mot de passe est incorrect.: unknown',
      confidence: 'low',
    },
    {
      name: 'Japanese candidate (UNCONFIRMED): low',
      text: 'failed to logon user: ユーザー名またはパスワードが正しくありません。: unknown',
      confidence: 'low',
    },
    {
      name: 'Simplified Chinese candidate (UNCONFIRMED): low',
      text: 'failed to logon user: 用户名或密码不正确。: unknown',
      confidence: 'low',
    },
  ],
  'logon-failed': [
    {
      name: 'a reason no other entry knows',
      text: 'Error: failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: The specified account does not exist.: unknown',
      confidence: 'low',
    },
    {
      name: 'token creation failed for another reason',
      text: 'failed to create user process token: empty username or group name passed: unknown',
      confidence: 'low',
    },
  ],
  'logon-type-not-granted': [
    {
      name: 'a logon type the account lacks (1385)',
      text: 'Error: failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Logon failure: the user has not been granted the requested logon type at this computer.: unknown',
      confidence: 'medium',
    },
    {
      name: 'the German single-source text: low',
      text: 'failed to create user process token: failed to logon user: Der Benutzer besitzt nicht den benötigten Anmeldetyp.: unknown',
      confidence: 'low',
    },
    {
      name: 'the Win32 text alone (any program on a hardened host): low',
      text: 'LogonUser failed (Logon failure: the user has not been granted the requested logon type at this computer, Win32ErrorCode 1385)',
      confidence: 'low',
    },
  ],
  'local-account-creation-failed': [
    {
      name: 'password policy refuses the temporary user',
      text: 'Error: failed to create containerd task: failed to create shim task: failed to create user process token: failed to create local account for container: failed to create user 5c1f0a3b9d2e4f6a7b8c: The password does not meet the password policy requirements.: unknown',
      confidence: 'medium',
    },
    {
      name: 'adding the user to the group failed',
      text: 'failed to create user process token: failed to create local account for container: failed to add user "77aa01bc23de45f6a7b8" to the "hpc-readers" group: Access is denied.',
    },
    {
      name: 'SID lookup',
      text: 'failed to lookup SID for user "0123456789abcdef0123": No mapping between account names and security IDs was done.',
    },
  ],
  'invalid-user-string': [
    {
      name: 'two backslashes from single-quoted YAML',
      text: 'Error: failed to create containerd task: failed to create shim task: failed to create user process token: invalid user string `NT AUTHORITY\\\\SYSTEM`: unknown',
      confidence: 'high',
    },
    { name: 'a domain-qualified group', text: 'invalid user string `WIN-NODE\\builtin\\hpc-readers`' },
  ],
  'run-as-user-name-invalid': [
    {
      name: 'two backslashes, kubectl apply',
      text: 'The DaemonSet "hpc-agent" is invalid: spec.template.spec.securityContext.windowsOptions.runAsUserName: Invalid value: "NT AUTHORITY\\\\SYSTEM": runAsUserName cannot contain more than one backslash',
      confidence: 'high',
    },
    {
      name: 'a forbidden character in the user part',
      text: 'spec.containers[0].securityContext.windowsOptions.runAsUserName: Invalid value: "NT AUTHORITY\\SYS:TEM": runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]',
      confidence: 'high',
    },
    {
      name: 'a domain too long',
      text: "runAsUserName's Domain length must be under 256 characters",
      confidence: 'high',
    },
  ],
  'service-account-token-path': [
    {
      name: 'flannel klog (sig-windows-tools#343)',
      text: 'W0829 17:10:51.520129    3824 client_config.go:622] error creating inClusterConfig, falling back to default config: open /var/run/secrets/kubernetes.io/serviceaccount/token: The system cannot find the path specified.',
      confidence: 'medium',
    },
    {
      name: 'a Go program that panics',
      text: '2023/10/07 04:31:12 Could not init in cluster config: open /var/run/secrets/kubernetes.io/serviceaccount/token: The system cannot find the path specified.\npanic: could not create client config',
      noWrap: true,
    },
    {
      name: 'ca.crt with a Windows path',
      text: 'open C:\\var\\run\\secrets\\kubernetes.io\\serviceaccount\\ca.crt: The system cannot find the path specified.',
    },
    {
      name: '.NET reading the token',
      text: "System.IO.DirectoryNotFoundException: Could not find a part of the path 'C:\\var\\run\\secrets\\kubernetes.io\\serviceaccount\\token'.",
    },
  ],
  'hpc-path-layout': [
    {
      name: 'PowerShell CategoryInfo from flannel (sig-windows-tools#289)',
      text: '    + CategoryInfo          : PermissionDenied: (C:\\hpc\\etc\\kube-flannel\\net-conf.json:FileInfo) [Copy-Item], UnauthorizedAccessException',
      confidence: 'medium',
    },
    {
      name: 'Copy-Item cannot find a mount',
      text: "Copy-Item : Cannot find path 'C:\\hpc\\mounts\\kube-proxy\\kubeconfig.conf' because it does not exist.",
    },
    {
      name: 'Access to the path',
      text: "Set-Content : Access to the path 'C:\\hpc\\var\\lib\\kube-proxy\\config.conf' is denied.",
    },
  ],
  'bind-filter-attach': [
    {
      name: 'the event from hcsshim#1699',
      text: 'Error: failed to create containerd task: failed to create shim task: failed to bind target "\\\\?\\Volume{473e53c8-c55d-11ed-9601-ba2be9735a86}\\" to root "C:\\UnrealEngine" for job object: Do not attach the filter to the volume at this time.: unknown',
      confidence: 'high',
    },
    {
      name: "another volume and root, in containerd's log",
      text: 'time="2024-01-10T09:00:00Z" level=error msg="StartContainer for \\"c0ffee\\" failed" error="failed to create containerd task: failed to create shim task: failed to bind target \\"\\\\\\\\?\\\\Volume{0a1b2c3d-0000-1111-2222-333344445555}\\\\\\" to root \\"D:\\\\builds\\" for job object: Do not attach the filter to the volume at this time.: unknown"',
    },
  ],
  'volume-filter-attach': [
    {
      name: 'docker run -v on a SAN volume (hcsshim#802)',
      text: 'docker: Error response from daemon: hcsshim::CreateComputeSystem 1866c87cc2df38013228fbcc9d1ea13070d8bceb597e81d64e5a77109df1621b: Do not attach the filter to the volume at this time.',
      confidence: 'low',
    },
  ],
  'mount-shadows-host-dir': [
    {
      name: 'containerd warning',
      text: 'time="2024-02-01T12:00:00.000000000Z" level=warning msg="job container mount destination exists and will be shadowed" cid=4a5b6c destination="C:\\\\var\\\\lib\\\\app"',
      confidence: 'medium',
    },
  ],
  'named-pipe-mount': [
    {
      name: 'event row',
      text: '  Warning  Failed  8s  kubelet  Error: failed to create containerd task: failed to create shim task: named pipe mounts not supported for job containers - interact with the pipe directly: unknown',
      confidence: 'high',
    },
  ],
  'bindfilter-inside-hostprocess': [
    {
      name: 'buildkitd in a HostProcess pod',
      text: 'time="2026-03-18T10:11:12Z" level=error msg="failed to mount snapshot" error="bindfilter.ApplyFileBinding: Access is denied."',
      confidence: 'medium',
    },
    {
      name: "go-winio's own wording, %q paths",
      text: 'failed to set volume mount path for layer 1f2e3d: failed to bind target "C:\\ProgramData\\containerd\\root\\io.containerd.snapshotter.v1.windows\\snapshots\\42\\Files" to root "C:\\Windows\\SystemTemp\\buildkit-mount1038987703": Access is denied.',
      confidence: 'medium',
    },
    {
      name: 'a German host, escaped once more by logfmt (moby/buildkit#4826)',
      text: 'time="2024-03-20T10:00:00+01:00" level=error msg="mount failed" error="failed to bind target \\"C:\\\\\\\\ProgramData\\\\\\\\containerd\\\\\\\\root\\\\\\\\Files\\" to root \\"C:\\\\\\\\Windows\\\\\\\\SystemTemp\\\\\\\\buildkit-mount1038987703\\": Zugriff verweigert"',
      confidence: 'medium',
    },
  ],
  'host-network-required': [
    {
      name: 'kubectl apply',
      text: 'The Pod "hpc-test" is invalid: spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers',
      confidence: 'high',
    },
    {
      name: 'DaemonSet event',
      text: '  Warning  FailedCreate  2m (x15 over 4m)  daemonset-controller  Error creating: Pod "win-agent-x8k2l" is invalid: spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers',
    },
  ],
  'all-containers-hostprocess': [
    {
      name: 'API validation',
      text: 'The Pod "mixed" is invalid: spec.containers[1].securityContext.windowsOptions.hostProcess: Invalid value: false: If pod contains any hostProcess containers then all containers must be HostProcess containers',
      confidence: 'high',
    },
    {
      name: 'containerd',
      text: 'failed to create containerd container: pod spec and all containers inside must have the HostProcess field set to be valid',
    },
    {
      name: 'the shim',
      text: 'failed to create shim task: cannot create a normal process isolated container if the pod sandbox is a job container running on host: unknown',
    },
  ],
  'hostprocess-value-mismatch': [
    {
      name: 'API validation',
      text: 'spec.containers[0].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true',
      confidence: 'high',
    },
  ],
  'disallowed-by-cluster-policy': [
    {
      name: 'API server with --allow-privileged=false',
      text: 'Error from server (Forbidden): error when creating "hpc.yaml": pods "hpc" is forbidden: spec.securityContext.windowsOptions.hostProcess: Forbidden: hostProcess containers are disallowed by cluster policy',
      confidence: 'high',
    },
  ],
  'pod-security-baseline': [
    {
      name: 'DaemonSet event, baseline',
      text: '  Warning  FailedCreate  10s (x14 over 51s)  daemonset-controller  Error creating: pods "hpc-ds-4xk9z" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true), hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)',
      confidence: 'high',
    },
    {
      name: 'restricted with a pinned version and a container name',
      text: 'Error from server (Forbidden): error when creating "exporter.yaml": pods "windows-exporter-abc12" is forbidden: violates PodSecurity "restricted:v1.29": host namespaces (hostNetwork=true), hostProcess (pod and container "windows-exporter" must not set securityContext.windowsOptions.hostProcess=true), allowPrivilegeEscalation != false (container "windows-exporter" must set securityContext.allowPrivilegeEscalation=false), runAsNonRoot != true (pod or container "windows-exporter" must set securityContext.runAsNonRoot=true)',
      confidence: 'high',
    },
    {
      name: 'kubectl apply warning (warn mode)',
      text: 'Warning: would violate PodSecurity "baseline:latest": host namespaces (hostNetwork=true), hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)',
      confidence: 'high',
    },
    {
      name: 'the older reason form',
      text: 'pods "x" is forbidden: violates PodSecurity "baseline:v1.23": hostProcess == true (pod)',
      confidence: 'high',
    },
    {
      name: 'only hostNetwork named: medium',
      text: 'pods "agent-2" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true)',
      confidence: 'medium',
    },
  ],
  'conflicting-hostprocess-annotations': [
    {
      name: 'hcsshim ProcessAnnotations',
      text: 'Error: failed to create containerd task: failed to create shim task: specified annotations conflict: host process container annotations "microsoft.com/disable-hostprocess-container" = "true" and "microsoft.com/hostprocess-container" = "true": unknown',
      confidence: 'high',
    },
  ],
  'failed-to-find-executable': [
    {
      name: 'the blog variant with forward slashes',
      text: 'Error: failed to start containerd task "hostprocesspod": failed to get application name from commandline "/usr/local/bin/app.exe": failed to find executable "/usr/local/bin/app.exe": unknown',
      confidence: 'high',
    },
    {
      name: 'containerd log with escaped quotes',
      text: 'time="2021-10-04T18:20:00Z" level=error msg="StartContainer for \\"9d8c7b\\" failed" error="failed to start containerd task \\"agent\\": failed to get application name from commandline \\"C:\\\\agent\\\\run.exe --v=2\\": failed to find executable \\"C:\\\\agent\\\\run.exe\\": unknown"',
    },
    {
      name: 'only the inner error: medium',
      text: 'failed to find executable "\\\\opt\\\\tool.exe": unknown',
      confidence: 'medium',
    },
  ],
  'not-running-as-hostprocess': [
    {
      name: 'whoami in the pod',
      text: 'PS C:\\> kubectl exec hpc-test -- whoami\nuser manager\\containeradministrator',
      confidence: 'low',
      noWrap: true,
    },
  ],
  'uvm-hostprocess': [
    {
      name: 'event row',
      text: '  Warning  FailedCreatePodSandBox  3s  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to start sandbox container task "4f2e": failed to create shim task: UVM does not support HostProcess containers: unknown',
      confidence: 'high',
    },
  ],
  'runhcs-shim-missing': [
    {
      name: 'not on PATH',
      text: 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to create containerd task: failed to start shim: exec: "containerd-shim-runhcs-v1.exe": executable file not found in %PATH%: unknown',
      confidence: 'high',
    },
    {
      name: 'file does not exist',
      text: 'failed to create shim task: containerd-shim-runhcs-v1.exe: file does not exist: unknown',
    },
  ],
  'containerd-config-invalid': [
    {
      name: 'invalid TOML',
      text: 'containerd: failed to load TOML: C:\\Program Files\\containerd\\config.toml: (12, 5): unexpected token',
      confidence: 'high',
    },
    {
      name: 'a version 4 config on containerd 2.0',
      text: 'containerd: failed to load TOML from C:\\Program Files\\containerd\\config.toml: expected containerd config version equal to or less than `3`, got `4`',
    },
    { name: 'plugin URI', text: 'containerd: invalid plugin key URI "cri" expect io.containerd.x.vx' },
    {
      name: 'drop-in',
      text: 'failed to load TOML from C:\\Program Files\\containerd\\conf.d\\10-hpc.toml: drop-in config version 3 higher than root config version 2',
    },
    {
      name: 'containerd 2.x syntax error with row and column',
      text: "containerd: failed to unmarshal TOML at row 7 column 44: toml: expected newline but got U+002C ','",
      confidence: 'high',
    },
    {
      name: 'containerd 1.7 type error',
      text: "containerd: failed to unmarshal TOML: (2, 1): Can't convert 3.5(float64) to string",
      confidence: 'high',
    },
    {
      name: 'go-toml v1 trailing comma, the tail alone',
      text: '(7, 44): trailing comma at the end of inline table',
      confidence: 'high',
    },
    {
      name: 'containerd 1.4 and older (BurntSushi/toml)',
      text: "containerd: Near line 12 (last key parsed 'plugins.cri.containerd'): expected a top-level item to end with a newline, comment, or EOF, but got '=' instead",
      confidence: 'high',
    },
    {
      name: 'containerd 1.4, the first character is not a key (the encoding entry is listed too, medium)',
      text: "containerd: Near line 0 (last key parsed ''): bare keys cannot contain '%'",
      confidence: 'high',
    },
    {
      name: 'a version 3 config on containerd 1.7',
      text: 'containerd: failed to load TOML from C:\\Program Files\\containerd\\config.toml: unsupported config version `3`',
    },
  ],
  'containerd-config-encoding': [
    {
      name: 'containerd 2.x on a UTF-8 BOM',
      text: 'containerd: failed to unmarshal TOML at row 1 column 1: toml: invalid character at start of key: ï',
      confidence: 'high',
    },
    {
      name: 'containerd 1.4 on a UTF-8 BOM',
      text: "containerd: Near line 0 (last key parsed ''): bare keys cannot contain '\\ufeff'",
      confidence: 'high',
    },
    {
      name: 'containerd 1.4 on a UTF-16 file',
      text: "containerd: Near line 0 (last key parsed ''): bare keys cannot contain '\uFFFD'",
      confidence: 'high',
    },
  ],
  'containerd-default-runtime-name': [
    {
      name: 'a typo in default_runtime_name',
      text: 'time="2024-01-01T00:00:00Z" level=warning msg="failed to load plugin io.containerd.grpc.v1.cri" error="invalid plugin config: no corresponding runtime configured in `containerd.runtimes` for `containerd` `default_runtime_name = \\"runhcs-wcow-proces\\""',
      confidence: 'high',
    },
    { name: 'empty name', text: 'failed to load plugin io.containerd.grpc.v1.cri: `default_runtime_name` is empty' },
  ],
  'feature-gate-removed': [
    {
      name: 'kubelet 1.29 with the old gate',
      text: 'E1101 10:00:00.000000    2216 run.go:74] "command failed" err="failed to set feature gates from initial flags-based config: unrecognized feature gate: WindowsHostProcessContainers"',
      confidence: 'high',
    },
  ],
  'feature-gate-locked': [
    {
      name: 'kubelet 1.26 with =false',
      text: 'Error: failed to set feature gates from initial flags-based config: cannot set feature gate WindowsHostProcessContainers to false, feature is locked to true',
      confidence: 'high',
    },
  ],
  'kubelet-container-runtime-flag': [
    {
      name: 'kubelet 1.27 klog (replicatedhq/kURL#4451)',
      text: 'E0501 22:42:30.344597   44914 run.go:74] "command failed" err="failed to parse kubelet flag: unknown flag: --container-runtime"',
      confidence: 'high',
    },
    {
      name: 'before logging starts (canonical/microk8s#3861)',
      text: 'Error: failed to parse kubelet flag: unknown flag: --container-runtime',
      confidence: 'high',
    },
    {
      name: 'the 1.24-1.26 deprecation warning: low',
      text: "Flag --container-runtime has been deprecated, will be removed in 1.27 as the only valid value is 'remote'",
      confidence: 'low',
    },
  ],
  'kubelet-unknown-flag': [
    {
      name: '--network-plugin on 1.24 (kubernetes-sigs/kubespray#8924)',
      text: 'Error: failed to parse kubelet flag: unknown flag: --network-plugin',
      confidence: 'high',
    },
    {
      name: 'in klog form',
      text: 'E0620 11:12:13.141516    3308 run.go:74] "command failed" err="failed to parse kubelet flag: unknown flag: --cni-bin-dir"',
    },
  ],
  'kubelet-endpoint-no-scheme': [
    {
      name: 'a bare pipe path on Windows, klog',
      text: 'E0102 03:04:05.000000    4116 run.go:72] "command failed" err="failed to run Kubelet: Using \\"//./pipe/containerd-containerd\\" as endpoint is deprecated, please consider using full url format"',
      confidence: 'high',
    },
    {
      name: 'before logging starts',
      text: 'Error: failed to run Kubelet: Using "//./pipe/containerd-containerd" as endpoint is deprecated, please consider using full url format',
      confidence: 'high',
    },
  ],
  'kubelet-config-invalid': [
    {
      name: 'a value of the wrong type (opsnull/follow-me-install-kubernetes-cluster#458)',
      text: 'failed to load Kubelet config file /etc/kubernetes/kubelet-config.yaml, error failed to decode, error: v1beta1.KubeletConfiguration.EvictionSoft: ReadMapCB: expect { or n, but found ", error found in #10 byte of ...|ionSoft":"nil","fail|...',
      confidence: 'high',
    },
    {
      name: 'the file is missing',
      text: 'F1106 02:38:02.386363   12780 server.go:190] failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file "/var/lib/kubelet/config.yaml", error: open /var/lib/kubelet/config.yaml: no such file or directory',
    },
  ],
  'kubelet-windows-option-ignored': [
    {
      name: 'kubelet 1.31 on Windows',
      text: 'W0301 10:00:00.000000    4400 validation_windows.go:31] ignored configuration option: CgroupsPerQOS (--cgroups-per-qos) true is not supported on Windows',
      confidence: 'low',
    },
  ],
  'kubelet-no-containerd-endpoint': [
    {
      name: 'kubelet 1.25 without the flag',
      text: 'E0713 09:01:02.345678    5120 run.go:74] "command failed" err="failed to validate kubelet flags: the container runtime endpoint address was not specified or empty, use --container-runtime-endpoint to set"',
      confidence: 'high',
    },
    {
      name: 'kubelet 1.31 on Windows with no endpoint (kubernetes#129952)',
      text: 'E0204 12:00:00.000000    5000 run.go:72] "command failed" err="failed to run Kubelet: protocol \\"unix\\" not supported"',
      confidence: 'high',
    },
    {
      name: 'an explicit empty endpoint on 1.27+',
      text: 'E0204 12:00:00.000000    5000 run.go:72] "command failed" err="failed to validate kubelet configuration, error: invalid configuration: the containerRuntimeEndpoint was not specified or empty, path: &TypeMeta{Kind:,APIVersion:,}"',
      confidence: 'high',
    },
    {
      name: 'a drive-letter path read as scheme "c": medium',
      text: 'Error: failed to run Kubelet: protocol "c" not supported',
      confidence: 'medium',
    },
    {
      name: 'kubelet 1.28 on the Linux default socket',
      text: 'E0301 10:00:00.000000    4400 run.go:74] "command failed" err="failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///run/containerd/containerd.sock\\": rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory\\""',
      confidence: 'medium',
    },
  ],
  'kubelet-cgroups-per-qos': [
    {
      name: 'kubelet 1.15 in PowerShell, one line',
      text: '.\\kubelet : F0611 19:57:18.295485    5556 server.go:215] [invalid configuration: CgroupsPerQOS (--cgroups-per-qos) true is not supported on Windows, invalid configuration: EnforceNodeAllocatable (--enforce-node-allocatable) [pods] is not supported on Windows]',
      confidence: 'high',
    },
    {
      name: 'kubeadm#2967, the newer klog form',
      text: 'E0101 00:00:00.000000    1234 run.go:74] "Failed to validate kubelet configuration" err="[invalid configuration: CgroupsPerQOS (--cgroups-per-qos) true is not supported on Windows, invalid configuration: EnforceNodeAllocatable (--enforce-node-allocatable) [pods] is not supported on Windows]"',
      confidence: 'high',
    },
    {
      name: '--cgroups-per-qos=false alone, current wording',
      text: 'invalid configuration: cgroupsPerQOS (--cgroups-per-qos) must be set to true when "pods" contained in enforceNodeAllocatable (--enforce-node-allocatable)',
      confidence: 'high',
    },
    {
      name: '--cgroups-per-qos=false alone, older wording',
      text: 'invalid configuration: EnforceNodeAllocatable (--enforce-node-allocatable) is not supported unless CgroupsPerQOS (--cgroups-per-qos) feature is turned on',
      confidence: 'high',
    },
    {
      name: 'only the node-allocatable half',
      text: 'F0102 03:04:05.060708    1200 server.go:221] invalid configuration: EnforceNodeAllocatable (--enforce-node-allocatable) [pods system-reserved] is not supported on Windows',
    },
  ],
  'hcs-create-compute-system': [
    {
      name: 'an ordinary pod, Access is denied (hcsshim#2017)',
      text: 'failed to create containerd task: failed to create shim task: hcs::CreateComputeSystem 7a3f9c0e1b2d: Access is denied.: unknown',
      confidence: 'low',
    },
    {
      name: 'docker',
      text: 'docker: Error response from daemon: hcsshim::CreateComputeSystem 56f47453dbfb: Access is denied.',
      confidence: 'low',
    },
  ],
};

test('the table covers every catalogue entry', (t) => {
  t.deepEqual(Object.keys(TABLE).sort(), CATALOGUE.map((e) => e.id).sort());
  for (const [id, cases] of Object.entries(TABLE)) t.true(cases.length > 0, id);
});

for (const [id, cases] of Object.entries(TABLE)) {
  for (const c of cases) {
    const variants = [{ name: 'as is', text: c.text }, ...(c.noWrap ? [] : wrappings(c.text))];
    test(`${id}: ${c.name}`, (t) => {
      for (const variant of variants) {
        const matches = explainText(variant.text);
        const top = matches[0];
        t.is(
          top?.entry.id,
          id,
          `${variant.name}: got ${matches.map((m) => `${m.entry.id}/${m.confidence}`).join(', ') || 'nothing'}`,
        );
        if (c.confidence) t.is(top?.confidence, c.confidence, variant.name);
        t.is(top?.occurrences, 1, variant.name);
        t.true((top?.excerpt.length ?? 0) > 0, variant.name);
      }
    });
  }
}

/**
 * Negative controls: look-alikes that must stay low or match nothing, and never blame a check that is not
 * the cause.
 */
const NEGATIVE: { name: string; text: string; top?: string; max: Confidence | 'none'; notBlamed?: string[] }[] = [
  { name: 'German "Zugriff verweigert" alone', text: 'Zugriff verweigert', max: 'none' },
  { name: 'Chinese "拒绝访问。" alone', text: '[WinError 5] 拒绝访问。', max: 'none' },
  { name: 'French "Accès refusé" alone', text: "PermissionError: [WinError 5] Accès refusé: 'C:\\x'", max: 'none' },
  {
    name: 'an ordinary pod, German Access is denied',
    text: 'failed to create shim task: hcs::CreateComputeSystem 7a3f: Zugriff verweigert: unknown',
    top: 'hcs-create-compute-system',
    max: 'low',
    notBlamed: ['containerd-service-account', 'local-groups'],
  },
  {
    name: "hcsshim's job-object bind, German tail: the bind filter, not the account",
    text: 'failed to bind target "\\\\?\\Volume{1}\\" to root "D:\\b" for job object: Zugriff verweigert: unknown',
    top: 'bind-filter-attach',
    max: 'high',
    notBlamed: ['containerd-service-account'],
  },
  {
    name: "kubeadm's harmless scheme warning is not kubelet's error",
    text: 'W0208 10:00:00.000000    1000 initconfiguration.go:120] Usage of CRI endpoints without URL scheme is deprecated and can cause kubelet errors in the future. Automatically prepending scheme "npipe" to the "criSocket" with value "//./pipe/containerd-containerd". Please update your configuration!',
    max: 'none',
  },
  {
    name: 'the 1.31 ignored-option warning stays low',
    text: 'ignored configuration option: EnforceNodeAllocatable (--enforce-node-allocatable) [pods] is not supported on Windows',
    top: 'kubelet-windows-option-ignored',
    max: 'low',
  },
  {
    name: 'a flag that is only deprecated',
    text: "Flag --container-runtime-endpoint has been deprecated, This parameter should be set via the config file specified by the Kubelet's --config flag.",
    max: 'none',
  },
  {
    name: '--container-runtime-endpoint unknown is the generic entry, not the removed-flag one',
    text: 'Error: failed to parse kubelet flag: unknown flag: --container-runtime-endpoint',
    top: 'kubelet-unknown-flag',
    max: 'high',
    notBlamed: ['kubelet-runtime-endpoint'],
  },
  {
    name: 'the logon-type text outside HostProcess stays low',
    text: 'Logon failure: the user has not been granted the requested logon type at this computer.',
    top: 'logon-type-not-granted',
    max: 'low',
  },
];

const RANK: Record<Confidence | 'none', number> = { none: 0, low: 1, medium: 2, high: 3 };

for (const c of NEGATIVE) {
  test(`negative control: ${c.name}`, (t) => {
    for (const variant of [{ name: 'as is', text: c.text }, ...wrappings(c.text)]) {
      const matches = explainText(variant.text);
      if (c.max === 'none') {
        t.deepEqual(
          matches.map((m) => m.entry.id),
          [],
          variant.name,
        );
        continue;
      }
      if (c.top) t.is(matches[0]?.entry.id, c.top, variant.name);
      for (const m of matches) {
        t.true(RANK[m.confidence] <= RANK[c.max], `${variant.name}: ${m.entry.id}/${m.confidence}`);
        for (const id of c.notBlamed ?? [])
          t.false(m.entry.checks.includes(id), `${variant.name}: ${m.entry.id} blames ${id}`);
      }
    }
  });
}

test('a German "failed to logon user: Zugriff verweigert" is the service-account cause, as sure as the English one', (t) => {
  const [de] = explainText('failed to create user process token: failed to logon user: Zugriff verweigert: unknown');
  const [en] = explainText('failed to create user process token: failed to logon user: Access is denied.: unknown');
  t.is(de?.entry.id, 'logon-access-denied');
  t.is(de?.confidence, en?.confidence);
  t.true(de?.entry.checks.includes('containerd-service-account'));
});

test('every localized Windows message has a source, and the unconfirmed ones say UNCONFIRMED', (t) => {
  for (const m of [...ACCESS_DENIED, ...LOGON_FAILURE]) {
    t.true(m.source.length > 20, m.text);
    if (!m.confirmed) t.regex(m.source, /UNCONFIRMED/, m.text);
  }
  for (const lang of ['de', 'fr', 'es', 'ja', 'zh-CN']) {
    t.true(
      ACCESS_DENIED.some((m) => m.lang === lang),
      `ERROR_ACCESS_DENIED in ${lang}`,
    );
    t.true(
      LOGON_FAILURE.some((m) => m.lang === lang),
      `ERROR_LOGON_FAILURE in ${lang}`,
    );
  }
  const entry = (id: string) => CATALOGUE.find((e) => e.id === id);
  for (const m of ACCESS_DENIED) t.true(entry('logon-access-denied')?.sources.includes(m.source), m.text);
  for (const m of LOGON_FAILURE) t.true(entry('logon-missing-local-group')?.sources.includes(m.source), m.text);
});
