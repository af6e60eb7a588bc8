/**
 * The Go structs containerd decodes its config into, as data for src/parse/toml-decode.ts: field names,
 * toml tags and Go types, listed from containerd's source at the tags named below (only tagged fields; a
 * type containerd defines over string, such as SandboxControllerMode, is its kind). Generated once from
 * those files and checked in; update it with the containerd source when a family is added.
 */
import type { GoStruct, GoType } from '../../parse/toml-decode.js';

const str: GoType = { kind: 'string' };
const int: GoType = { kind: 'int' };
const bool: GoType = { kind: 'bool' };
const iface: GoType = { kind: 'interface' };
const slice = (elem: GoType): GoType => ({ kind: 'slice', elem });
const map = (elem: GoType): GoType => ({ kind: 'map', elem });
const ptr = (elem: GoType): GoType => ({ kind: 'ptr', elem });
const struct = (name: string, fields: [string, string, GoType, boolean?][]): GoStruct => ({
  kind: 'struct',
  name: `config.${name}`,
  fields: fields.map(([n, toml, type, anonymous]) => ({ name: n, toml, type, ...(anonymous ? { anonymous } : {}) })),
});

// 1.6 (v1.6.39 services/server/config/config.go)
const top16_GRPCConfig = struct('GRPCConfig', [
  ['Address', 'address', str],
  ['TCPAddress', 'tcp_address', str],
  ['TCPTLSCA', 'tcp_tls_ca', str],
  ['TCPTLSCert', 'tcp_tls_cert', str],
  ['TCPTLSKey', 'tcp_tls_key', str],
  ['UID', 'uid', int],
  ['GID', 'gid', int],
  ['MaxRecvMsgSize', 'max_recv_message_size', int],
  ['MaxSendMsgSize', 'max_send_message_size', int],
]);
const top16_TTRPCConfig = struct('TTRPCConfig', [
  ['Address', 'address', str],
  ['UID', 'uid', int],
  ['GID', 'gid', int],
]);
const top16_Debug = struct('Debug', [
  ['Address', 'address', str],
  ['UID', 'uid', int],
  ['GID', 'gid', int],
  ['Level', 'level', str],
  ['Format', 'format', str],
]);
const top16_MetricsConfig = struct('MetricsConfig', [
  ['Address', 'address', str],
  ['GRPCHistogram', 'grpc_histogram', bool],
]);
const top16_CgroupConfig = struct('CgroupConfig', [['Path', 'path', str]]);
const top16_ProxyPlugin = struct('ProxyPlugin', [
  ['Type', 'type', str],
  ['Address', 'address', str],
  ['Platform', 'platform', str],
  ['Exports', 'exports', map(str)],
]);
const top16_StreamProcessor = struct('StreamProcessor', [
  ['Accepts', 'accepts', slice(str)],
  ['Returns', 'returns', str],
  ['Path', 'path', str],
  ['Args', 'args', slice(str)],
  ['Env', 'env', slice(str)],
]);
const top16_Config = struct('Config', [
  ['Version', 'version', int],
  ['Root', 'root', str],
  ['State', 'state', str],
  ['TempDir', 'temp', str],
  ['PluginDir', 'plugin_dir', str],
  ['GRPC', 'grpc', top16_GRPCConfig],
  ['TTRPC', 'ttrpc', top16_TTRPCConfig],
  ['Debug', 'debug', top16_Debug],
  ['Metrics', 'metrics', top16_MetricsConfig],
  ['DisabledPlugins', 'disabled_plugins', slice(str)],
  ['RequiredPlugins', 'required_plugins', slice(str)],
  ['Plugins', 'plugins', map({ kind: 'tree' })],
  ['OOMScore', 'oom_score', int],
  ['Cgroup', 'cgroup', top16_CgroupConfig],
  ['ProxyPlugins', 'proxy_plugins', map(top16_ProxyPlugin)],
  ['Timeouts', 'timeouts', map(str)],
  ['Imports', 'imports', slice(str)],
  ['StreamProcessors', 'stream_processors', map(top16_StreamProcessor)],
]);

// 1.7 (v1.7.34 services/server/config/config.go)
const top17_GRPCConfig = struct('GRPCConfig', [
  ['Address', 'address', str],
  ['TCPAddress', 'tcp_address', str],
  ['TCPTLSCA', 'tcp_tls_ca', str],
  ['TCPTLSCert', 'tcp_tls_cert', str],
  ['TCPTLSKey', 'tcp_tls_key', str],
  ['UID', 'uid', int],
  ['GID', 'gid', int],
  ['MaxRecvMsgSize', 'max_recv_message_size', int],
  ['MaxSendMsgSize', 'max_send_message_size', int],
]);
const top17_TTRPCConfig = struct('TTRPCConfig', [
  ['Address', 'address', str],
  ['UID', 'uid', int],
  ['GID', 'gid', int],
]);
const top17_Debug = struct('Debug', [
  ['Address', 'address', str],
  ['UID', 'uid', int],
  ['GID', 'gid', int],
  ['Level', 'level', str],
  ['Format', 'format', str],
]);
const top17_MetricsConfig = struct('MetricsConfig', [
  ['Address', 'address', str],
  ['GRPCHistogram', 'grpc_histogram', bool],
]);
const top17_CgroupConfig = struct('CgroupConfig', [['Path', 'path', str]]);
const top17_ProxyPlugin = struct('ProxyPlugin', [
  ['Type', 'type', str],
  ['Address', 'address', str],
  ['Platform', 'platform', str],
  ['Exports', 'exports', map(str)],
  ['Capabilities', 'capabilities', slice(str)],
]);
const top17_StreamProcessor = struct('StreamProcessor', [
  ['Accepts', 'accepts', slice(str)],
  ['Returns', 'returns', str],
  ['Path', 'path', str],
  ['Args', 'args', slice(str)],
  ['Env', 'env', slice(str)],
]);
const top17_Config = struct('Config', [
  ['Version', 'version', int],
  ['Root', 'root', str],
  ['State', 'state', str],
  ['TempDir', 'temp', str],
  ['PluginDir', 'plugin_dir', str],
  ['GRPC', 'grpc', top17_GRPCConfig],
  ['TTRPC', 'ttrpc', top17_TTRPCConfig],
  ['Debug', 'debug', top17_Debug],
  ['Metrics', 'metrics', top17_MetricsConfig],
  ['DisabledPlugins', 'disabled_plugins', slice(str)],
  ['RequiredPlugins', 'required_plugins', slice(str)],
  ['Plugins', 'plugins', map({ kind: 'tree' })],
  ['OOMScore', 'oom_score', int],
  ['Cgroup', 'cgroup', top17_CgroupConfig],
  ['ProxyPlugins', 'proxy_plugins', map(top17_ProxyPlugin)],
  ['Timeouts', 'timeouts', map(str)],
  ['Imports', 'imports', slice(str)],
  ['StreamProcessors', 'stream_processors', map(top17_StreamProcessor)],
]);

// 2.0–2.2 (v2.0.0 cmd/containerd/server/config/config.go)
const top20_GRPCConfig = struct('GRPCConfig', [
  ['Address', 'address', str],
  ['TCPAddress', 'tcp_address', str],
  ['TCPTLSCA', 'tcp_tls_ca', str],
  ['TCPTLSCert', 'tcp_tls_cert', str],
  ['TCPTLSKey', 'tcp_tls_key', str],
  ['UID', 'uid', int],
  ['GID', 'gid', int],
  ['MaxRecvMsgSize', 'max_recv_message_size', int],
  ['MaxSendMsgSize', 'max_send_message_size', int],
]);
const top20_TTRPCConfig = struct('TTRPCConfig', [
  ['Address', 'address', str],
  ['UID', 'uid', int],
  ['GID', 'gid', int],
]);
const top20_Debug = struct('Debug', [
  ['Address', 'address', str],
  ['UID', 'uid', int],
  ['GID', 'gid', int],
  ['Level', 'level', str],
  ['Format', 'format', str],
]);
const top20_MetricsConfig = struct('MetricsConfig', [
  ['Address', 'address', str],
  ['GRPCHistogram', 'grpc_histogram', bool],
]);
const top20_CgroupConfig = struct('CgroupConfig', [['Path', 'path', str]]);
const top20_ProxyPlugin = struct('ProxyPlugin', [
  ['Type', 'type', str],
  ['Address', 'address', str],
  ['Platform', 'platform', str],
  ['Exports', 'exports', map(str)],
  ['Capabilities', 'capabilities', slice(str)],
]);
const top20_StreamProcessor = struct('StreamProcessor', [
  ['Accepts', 'accepts', slice(str)],
  ['Returns', 'returns', str],
  ['Path', 'path', str],
  ['Args', 'args', slice(str)],
  ['Env', 'env', slice(str)],
]);
const top20_Config = struct('Config', [
  ['Version', 'version', int],
  ['Root', 'root', str],
  ['State', 'state', str],
  ['TempDir', 'temp', str],
  ['PluginDir', 'plugin_dir', str],
  ['GRPC', 'grpc', top20_GRPCConfig],
  ['TTRPC', 'ttrpc', top20_TTRPCConfig],
  ['Debug', 'debug', top20_Debug],
  ['Metrics', 'metrics', top20_MetricsConfig],
  ['DisabledPlugins', 'disabled_plugins', slice(str)],
  ['RequiredPlugins', 'required_plugins', slice(str)],
  ['Plugins', 'plugins', map(iface)],
  ['OOMScore', 'oom_score', int],
  ['Cgroup', 'cgroup', top20_CgroupConfig],
  ['ProxyPlugins', 'proxy_plugins', map(top20_ProxyPlugin)],
  ['Timeouts', 'timeouts', map(str)],
  ['Imports', 'imports', slice(str)],
  ['StreamProcessors', 'stream_processors', map(top20_StreamProcessor)],
]);

// 2.3 (v2.3.4 cmd/containerd/server/config/config.go)
const top23_Debug = struct('Debug', [
  ['Level', 'level', str],
  ['Format', 'format', str],
  ['LogTraceID', 'log_trace_id', bool],
  ['Address', 'address', str],
  ['UID', 'uid', int],
  ['GID', 'gid', int],
]);
const top23_CgroupConfig = struct('CgroupConfig', [['Path', 'path', str]]);
const top23_ProxyPlugin = struct('ProxyPlugin', [
  ['Type', 'type', str],
  ['Address', 'address', str],
  ['Platform', 'platform', str],
  ['Exports', 'exports', map(str)],
  ['Capabilities', 'capabilities', slice(str)],
]);
const top23_StreamProcessor = struct('StreamProcessor', [
  ['Accepts', 'accepts', slice(str)],
  ['Returns', 'returns', str],
  ['Path', 'path', str],
  ['Args', 'args', slice(str)],
  ['Env', 'env', slice(str)],
]);
const top23_GRPCConfig = struct('GRPCConfig', [
  ['Address', 'address', str],
  ['TCPAddress', 'tcp_address', str],
  ['TCPTLSCA', 'tcp_tls_ca', str],
  ['TCPTLSCert', 'tcp_tls_cert', str],
  ['TCPTLSKey', 'tcp_tls_key', str],
  ['UID', 'uid', int],
  ['GID', 'gid', int],
  ['MaxRecvMsgSize', 'max_recv_message_size', int],
  ['MaxSendMsgSize', 'max_send_message_size', int],
  ['TCPTLSCName', 'tcp_tls_common_name', str],
]);
const top23_TTRPCConfig = struct('TTRPCConfig', [
  ['Address', 'address', str],
  ['UID', 'uid', int],
  ['GID', 'gid', int],
]);
const top23_MetricsConfig = struct('MetricsConfig', [
  ['Address', 'address', str],
  ['GRPCHistogram', 'grpc_histogram', bool],
]);
const top23_Config = struct('Config', [
  ['Version', 'version', int],
  ['Root', 'root', str],
  ['State', 'state', str],
  ['TempDir', 'temp', str],
  ['Debug', 'debug', top23_Debug],
  ['DisabledPlugins', 'disabled_plugins', slice(str)],
  ['RequiredPlugins', 'required_plugins', slice(str)],
  ['Plugins', 'plugins', map(iface)],
  ['OOMScore', 'oom_score', int],
  ['Cgroup', 'cgroup', top23_CgroupConfig],
  ['ProxyPlugins', 'proxy_plugins', map(top23_ProxyPlugin)],
  ['Timeouts', 'timeouts', map(str)],
  ['Imports', 'imports', slice(str)],
  ['StreamProcessors', 'stream_processors', map(top23_StreamProcessor)],
  ['GRPC', 'grpc', top23_GRPCConfig],
  ['TTRPC', 'ttrpc', top23_TTRPCConfig],
  ['Metrics', 'metrics', top23_MetricsConfig],
]);

// 1.6 CRI (v1.6.39 pkg/cri/config/config.go)
const cri16_Runtime = struct('Runtime', [
  ['Type', 'runtime_type', str],
  ['Path', 'runtime_path', str],
  ['Engine', 'runtime_engine', str],
  ['PodAnnotations', 'pod_annotations', slice(str)],
  ['ContainerAnnotations', 'container_annotations', slice(str)],
  ['Root', 'runtime_root', str],
  ['Options', 'options', map(iface)],
  ['PrivilegedWithoutHostDevices', 'privileged_without_host_devices', bool],
  ['BaseRuntimeSpec', 'base_runtime_spec', str],
  ['NetworkPluginConfDir', 'cni_conf_dir', str],
  ['NetworkPluginMaxConfNum', 'cni_max_conf_num', int],
]);
const cri16_ContainerdConfig = struct('ContainerdConfig', [
  ['Snapshotter', 'snapshotter', str],
  ['DefaultRuntimeName', 'default_runtime_name', str],
  ['DefaultRuntime', 'default_runtime', cri16_Runtime],
  ['UntrustedWorkloadRuntime', 'untrusted_workload_runtime', cri16_Runtime],
  ['Runtimes', 'runtimes', map(cri16_Runtime)],
  ['NoPivot', 'no_pivot', bool],
  ['DisableSnapshotAnnotations', 'disable_snapshot_annotations', bool],
  ['DiscardUnpackedLayers', 'discard_unpacked_layers', bool],
  ['IgnoreRdtNotEnabledErrors', 'ignore_rdt_not_enabled_errors', bool],
]);
const cri16_CniConfig = struct('CniConfig', [
  ['NetworkPluginBinDir', 'bin_dir', str],
  ['NetworkPluginConfDir', 'conf_dir', str],
  ['NetworkPluginMaxConfNum', 'max_conf_num', int],
  ['NetworkPluginConfTemplate', 'conf_template', str],
  ['IPPreference', 'ip_pref', str],
]);
const cri16_Mirror = struct('Mirror', [['Endpoints', 'endpoint', slice(str)]]);
const cri16_AuthConfig = struct('AuthConfig', [
  ['Username', 'username', str],
  ['Password', 'password', str],
  ['Auth', 'auth', str],
  ['IdentityToken', 'identitytoken', str],
]);
const cri16_TLSConfig = struct('TLSConfig', [
  ['InsecureSkipVerify', 'insecure_skip_verify', bool],
  ['CAFile', 'ca_file', str],
  ['CertFile', 'cert_file', str],
  ['KeyFile', 'key_file', str],
]);
const cri16_RegistryConfig = struct('RegistryConfig', [
  ['Auth', 'auth', ptr(cri16_AuthConfig)],
  ['TLS', 'tls', ptr(cri16_TLSConfig)],
]);
const cri16_Registry = struct('Registry', [
  ['ConfigPath', 'config_path', str],
  ['Mirrors', 'mirrors', map(cri16_Mirror)],
  ['Configs', 'configs', map(cri16_RegistryConfig)],
  ['Auths', 'auths', map(cri16_AuthConfig)],
  ['Headers', 'headers', map(slice(str))],
]);
const cri16_ImageDecryption = struct('ImageDecryption', [['KeyModel', 'key_model', str]]);
const cri16_X509KeyPairStreaming = struct('X509KeyPairStreaming', [
  ['TLSCertFile', 'tls_cert_file', str],
  ['TLSKeyFile', 'tls_key_file', str],
]);
const cri16_PluginConfig = struct('PluginConfig', [
  ['ContainerdConfig', 'containerd', cri16_ContainerdConfig, true],
  ['CniConfig', 'cni', cri16_CniConfig, true],
  ['Registry', 'registry', cri16_Registry],
  ['ImageDecryption', 'image_decryption', cri16_ImageDecryption, true],
  ['DisableTCPService', 'disable_tcp_service', bool],
  ['StreamServerAddress', 'stream_server_address', str],
  ['StreamServerPort', 'stream_server_port', str],
  ['StreamIdleTimeout', 'stream_idle_timeout', str],
  ['EnableSelinux', 'enable_selinux', bool],
  ['SelinuxCategoryRange', 'selinux_category_range', int],
  ['SandboxImage', 'sandbox_image', str],
  ['StatsCollectPeriod', 'stats_collect_period', int],
  ['SystemdCgroup', 'systemd_cgroup', bool],
  ['EnableTLSStreaming', 'enable_tls_streaming', bool],
  ['X509KeyPairStreaming', 'x509_key_pair_streaming', cri16_X509KeyPairStreaming, true],
  ['MaxContainerLogLineSize', 'max_container_log_line_size', int],
  ['DisableCgroup', 'disable_cgroup', bool],
  ['DisableApparmor', 'disable_apparmor', bool],
  ['RestrictOOMScoreAdj', 'restrict_oom_score_adj', bool],
  ['MaxConcurrentDownloads', 'max_concurrent_downloads', int],
  ['DisableProcMount', 'disable_proc_mount', bool],
  ['UnsetSeccompProfile', 'unset_seccomp_profile', str],
  ['TolerateMissingHugetlbController', 'tolerate_missing_hugetlb_controller', bool],
  ['DisableHugetlbController', 'disable_hugetlb_controller', bool],
  ['DeviceOwnershipFromSecurityContext', 'device_ownership_from_security_context', bool],
  ['IgnoreImageDefinedVolumes', 'ignore_image_defined_volumes', bool],
  ['NetNSMountsUnderStateDir', 'netns_mounts_under_state_dir', bool],
  ['EnableUnprivilegedPorts', 'enable_unprivileged_ports', bool],
  ['EnableUnprivilegedICMP', 'enable_unprivileged_icmp', bool],
  ['IgnoreDeprecationWarnings', 'ignore_deprecation_warnings', slice(str)],
  ['DrainExecSyncIOTimeout', 'drain_exec_sync_io_timeout', str],
]);

// 1.7 CRI (v1.7.34 pkg/cri/config/config.go)
const cri17_Runtime = struct('Runtime', [
  ['Type', 'runtime_type', str],
  ['Path', 'runtime_path', str],
  ['Engine', 'runtime_engine', str],
  ['PodAnnotations', 'pod_annotations', slice(str)],
  ['ContainerAnnotations', 'container_annotations', slice(str)],
  ['Root', 'runtime_root', str],
  ['Options', 'options', map(iface)],
  ['PrivilegedWithoutHostDevices', 'privileged_without_host_devices', bool],
  ['PrivilegedWithoutHostDevicesAllDevicesAllowed', 'privileged_without_host_devices_all_devices_allowed', bool],
  ['BaseRuntimeSpec', 'base_runtime_spec', str],
  ['NetworkPluginConfDir', 'cni_conf_dir', str],
  ['NetworkPluginMaxConfNum', 'cni_max_conf_num', int],
  ['Snapshotter', 'snapshotter', str],
  ['SandboxMode', 'sandbox_mode', str],
]);
const cri17_ContainerdConfig = struct('ContainerdConfig', [
  ['Snapshotter', 'snapshotter', str],
  ['DefaultRuntimeName', 'default_runtime_name', str],
  ['DefaultRuntime', 'default_runtime', cri17_Runtime],
  ['UntrustedWorkloadRuntime', 'untrusted_workload_runtime', cri17_Runtime],
  ['Runtimes', 'runtimes', map(cri17_Runtime)],
  ['NoPivot', 'no_pivot', bool],
  ['DisableSnapshotAnnotations', 'disable_snapshot_annotations', bool],
  ['DiscardUnpackedLayers', 'discard_unpacked_layers', bool],
  ['IgnoreBlockIONotEnabledErrors', 'ignore_blockio_not_enabled_errors', bool],
  ['IgnoreRdtNotEnabledErrors', 'ignore_rdt_not_enabled_errors', bool],
]);
const cri17_CniConfig = struct('CniConfig', [
  ['NetworkPluginBinDir', 'bin_dir', str],
  ['NetworkPluginConfDir', 'conf_dir', str],
  ['NetworkPluginMaxConfNum', 'max_conf_num', int],
  ['NetworkPluginSetupSerially', 'setup_serially', bool],
  ['NetworkPluginConfTemplate', 'conf_template', str],
  ['IPPreference', 'ip_pref', str],
]);
const cri17_Mirror = struct('Mirror', [['Endpoints', 'endpoint', slice(str)]]);
const cri17_AuthConfig = struct('AuthConfig', [
  ['Username', 'username', str],
  ['Password', 'password', str],
  ['Auth', 'auth', str],
  ['IdentityToken', 'identitytoken', str],
]);
const cri17_TLSConfig = struct('TLSConfig', [
  ['InsecureSkipVerify', 'insecure_skip_verify', bool],
  ['CAFile', 'ca_file', str],
  ['CertFile', 'cert_file', str],
  ['KeyFile', 'key_file', str],
]);
const cri17_RegistryConfig = struct('RegistryConfig', [
  ['Auth', 'auth', ptr(cri17_AuthConfig)],
  ['TLS', 'tls', ptr(cri17_TLSConfig)],
]);
const cri17_Registry = struct('Registry', [
  ['ConfigPath', 'config_path', str],
  ['Mirrors', 'mirrors', map(cri17_Mirror)],
  ['Configs', 'configs', map(cri17_RegistryConfig)],
  ['Auths', 'auths', map(cri17_AuthConfig)],
  ['Headers', 'headers', map(slice(str))],
]);
const cri17_ImageDecryption = struct('ImageDecryption', [['KeyModel', 'key_model', str]]);
const cri17_X509KeyPairStreaming = struct('X509KeyPairStreaming', [
  ['TLSCertFile', 'tls_cert_file', str],
  ['TLSKeyFile', 'tls_key_file', str],
]);
const cri17_PluginConfig = struct('PluginConfig', [
  ['ContainerdConfig', 'containerd', cri17_ContainerdConfig, true],
  ['CniConfig', 'cni', cri17_CniConfig, true],
  ['Registry', 'registry', cri17_Registry],
  ['ImageDecryption', 'image_decryption', cri17_ImageDecryption, true],
  ['DisableTCPService', 'disable_tcp_service', bool],
  ['StreamServerAddress', 'stream_server_address', str],
  ['StreamServerPort', 'stream_server_port', str],
  ['StreamIdleTimeout', 'stream_idle_timeout', str],
  ['EnableSelinux', 'enable_selinux', bool],
  ['SelinuxCategoryRange', 'selinux_category_range', int],
  ['SandboxImage', 'sandbox_image', str],
  ['StatsCollectPeriod', 'stats_collect_period', int],
  ['SystemdCgroup', 'systemd_cgroup', bool],
  ['EnableTLSStreaming', 'enable_tls_streaming', bool],
  ['X509KeyPairStreaming', 'x509_key_pair_streaming', cri17_X509KeyPairStreaming, true],
  ['MaxContainerLogLineSize', 'max_container_log_line_size', int],
  ['DisableCgroup', 'disable_cgroup', bool],
  ['DisableApparmor', 'disable_apparmor', bool],
  ['RestrictOOMScoreAdj', 'restrict_oom_score_adj', bool],
  ['MaxConcurrentDownloads', 'max_concurrent_downloads', int],
  ['DisableProcMount', 'disable_proc_mount', bool],
  ['UnsetSeccompProfile', 'unset_seccomp_profile', str],
  ['TolerateMissingHugetlbController', 'tolerate_missing_hugetlb_controller', bool],
  ['DisableHugetlbController', 'disable_hugetlb_controller', bool],
  ['DeviceOwnershipFromSecurityContext', 'device_ownership_from_security_context', bool],
  ['IgnoreImageDefinedVolumes', 'ignore_image_defined_volumes', bool],
  ['NetNSMountsUnderStateDir', 'netns_mounts_under_state_dir', bool],
  ['EnableUnprivilegedPorts', 'enable_unprivileged_ports', bool],
  ['EnableUnprivilegedICMP', 'enable_unprivileged_icmp', bool],
  ['EnableCDI', 'enable_cdi', bool],
  ['CDISpecDirs', 'cdi_spec_dirs', slice(str)],
  ['ImagePullProgressTimeout', 'image_pull_progress_timeout', str],
  ['DrainExecSyncIOTimeout', 'drain_exec_sync_io_timeout', str],
  ['ImagePullWithSyncFs', 'image_pull_with_sync_fs', bool],
  ['IgnoreDeprecationWarnings', 'ignore_deprecation_warnings', slice(str)],
]);

// 2.0–2.1 CRI (v2.0.0 internal/cri/config/config.go)
const cri20_Runtime = struct('Runtime', [
  ['Type', 'runtime_type', str],
  ['Path', 'runtime_path', str],
  ['PodAnnotations', 'pod_annotations', slice(str)],
  ['ContainerAnnotations', 'container_annotations', slice(str)],
  ['Options', 'options', map(iface)],
  ['PrivilegedWithoutHostDevices', 'privileged_without_host_devices', bool],
  ['PrivilegedWithoutHostDevicesAllDevicesAllowed', 'privileged_without_host_devices_all_devices_allowed', bool],
  ['BaseRuntimeSpec', 'base_runtime_spec', str],
  ['NetworkPluginConfDir', 'cni_conf_dir', str],
  ['NetworkPluginMaxConfNum', 'cni_max_conf_num', int],
  ['Snapshotter', 'snapshotter', str],
  ['Sandboxer', 'sandboxer', str],
  ['IOType', 'io_type', str],
]);
const cri20_ContainerdConfig = struct('ContainerdConfig', [
  ['DefaultRuntimeName', 'default_runtime_name', str],
  ['Runtimes', 'runtimes', map(cri20_Runtime)],
  ['IgnoreBlockIONotEnabledErrors', 'ignore_blockio_not_enabled_errors', bool],
  ['IgnoreRdtNotEnabledErrors', 'ignore_rdt_not_enabled_errors', bool],
]);
const cri20_CniConfig = struct('CniConfig', [
  ['NetworkPluginBinDir', 'bin_dir', str],
  ['NetworkPluginConfDir', 'conf_dir', str],
  ['NetworkPluginMaxConfNum', 'max_conf_num', int],
  ['NetworkPluginSetupSerially', 'setup_serially', bool],
  ['NetworkPluginConfTemplate', 'conf_template', str],
  ['IPPreference', 'ip_pref', str],
  ['UseInternalLoopback', 'use_internal_loopback', bool],
]);
const cri20_RuntimeConfig = struct('RuntimeConfig', [
  ['ContainerdConfig', 'containerd', cri20_ContainerdConfig, true],
  ['CniConfig', 'cni', cri20_CniConfig, true],
  ['EnableSelinux', 'enable_selinux', bool],
  ['SelinuxCategoryRange', 'selinux_category_range', int],
  ['MaxContainerLogLineSize', 'max_container_log_line_size', int],
  ['DisableApparmor', 'disable_apparmor', bool],
  ['RestrictOOMScoreAdj', 'restrict_oom_score_adj', bool],
  ['DisableProcMount', 'disable_proc_mount', bool],
  ['UnsetSeccompProfile', 'unset_seccomp_profile', str],
  ['TolerateMissingHugetlbController', 'tolerate_missing_hugetlb_controller', bool],
  ['DisableHugetlbController', 'disable_hugetlb_controller', bool],
  ['DeviceOwnershipFromSecurityContext', 'device_ownership_from_security_context', bool],
  ['IgnoreImageDefinedVolumes', 'ignore_image_defined_volumes', bool],
  ['NetNSMountsUnderStateDir', 'netns_mounts_under_state_dir', bool],
  ['EnableUnprivilegedPorts', 'enable_unprivileged_ports', bool],
  ['EnableUnprivilegedICMP', 'enable_unprivileged_icmp', bool],
  ['EnableCDI', 'enable_cdi', bool],
  ['CDISpecDirs', 'cdi_spec_dirs', slice(str)],
  ['DrainExecSyncIOTimeout', 'drain_exec_sync_io_timeout', str],
  ['IgnoreDeprecationWarnings', 'ignore_deprecation_warnings', slice(str)],
]);
const cri20_ImagePlatform = struct('ImagePlatform', [
  ['Platform', 'platform', str],
  ['Snapshotter', 'snapshotter', str],
]);
const cri20_Mirror = struct('Mirror', [['Endpoints', 'endpoint', slice(str)]]);
const cri20_AuthConfig = struct('AuthConfig', [
  ['Username', 'username', str],
  ['Password', 'password', str],
  ['Auth', 'auth', str],
  ['IdentityToken', 'identitytoken', str],
]);
const cri20_RegistryConfig = struct('RegistryConfig', [['Auth', 'auth', ptr(cri20_AuthConfig)]]);
const cri20_Registry = struct('Registry', [
  ['ConfigPath', 'config_path', str],
  ['Mirrors', 'mirrors', map(cri20_Mirror)],
  ['Configs', 'configs', map(cri20_RegistryConfig)],
  ['Auths', 'auths', map(cri20_AuthConfig)],
  ['Headers', 'headers', map(slice(str))],
]);
const cri20_ImageDecryption = struct('ImageDecryption', [['KeyModel', 'key_model', str]]);
const cri20_ImageConfig = struct('ImageConfig', [
  ['Snapshotter', 'snapshotter', str],
  ['DisableSnapshotAnnotations', 'disable_snapshot_annotations', bool],
  ['DiscardUnpackedLayers', 'discard_unpacked_layers', bool],
  ['PinnedImages', 'pinned_images', map(str)],
  ['RuntimePlatforms', 'runtime_platforms', map(cri20_ImagePlatform)],
  ['Registry', 'registry', cri20_Registry],
  ['ImageDecryption', 'image_decryption', cri20_ImageDecryption, true],
  ['MaxConcurrentDownloads', 'max_concurrent_downloads', int],
  ['ImagePullProgressTimeout', 'image_pull_progress_timeout', str],
  ['ImagePullWithSyncFs', 'image_pull_with_sync_fs', bool],
  ['StatsCollectPeriod', 'stats_collect_period', int],
]);
const cri20_X509KeyPairStreaming = struct('X509KeyPairStreaming', [
  ['TLSCertFile', 'tls_cert_file', str],
  ['TLSKeyFile', 'tls_key_file', str],
]);
const cri20_ServerConfig = struct('ServerConfig', [
  ['DisableTCPService', 'disable_tcp_service', bool],
  ['StreamServerAddress', 'stream_server_address', str],
  ['StreamServerPort', 'stream_server_port', str],
  ['StreamIdleTimeout', 'stream_idle_timeout', str],
  ['EnableTLSStreaming', 'enable_tls_streaming', bool],
  ['X509KeyPairStreaming', 'x509_key_pair_streaming', cri20_X509KeyPairStreaming, true],
]);

// 2.2 CRI (v2.2.7 internal/cri/config/config.go)
const cri22_Runtime = struct('Runtime', [
  ['Type', 'runtime_type', str],
  ['Path', 'runtime_path', str],
  ['PodAnnotations', 'pod_annotations', slice(str)],
  ['ContainerAnnotations', 'container_annotations', slice(str)],
  ['Options', 'options', map(iface)],
  ['PrivilegedWithoutHostDevices', 'privileged_without_host_devices', bool],
  ['PrivilegedWithoutHostDevicesAllDevicesAllowed', 'privileged_without_host_devices_all_devices_allowed', bool],
  ['CgroupWritable', 'cgroup_writable', bool],
  ['BaseRuntimeSpec', 'base_runtime_spec', str],
  ['NetworkPluginConfDir', 'cni_conf_dir', str],
  ['NetworkPluginMaxConfNum', 'cni_max_conf_num', int],
  ['Snapshotter', 'snapshotter', str],
  ['Sandboxer', 'sandboxer', str],
  ['IOType', 'io_type', str],
]);
const cri22_ContainerdConfig = struct('ContainerdConfig', [
  ['DefaultRuntimeName', 'default_runtime_name', str],
  ['Runtimes', 'runtimes', map(cri22_Runtime)],
  ['IgnoreBlockIONotEnabledErrors', 'ignore_blockio_not_enabled_errors', bool],
  ['IgnoreRdtNotEnabledErrors', 'ignore_rdt_not_enabled_errors', bool],
]);
const cri22_CniConfig = struct('CniConfig', [
  ['NetworkPluginBinDir', 'bin_dir', str],
  ['NetworkPluginBinDirs', 'bin_dirs', slice(str)],
  ['NetworkPluginConfDir', 'conf_dir', str],
  ['NetworkPluginMaxConfNum', 'max_conf_num', int],
  ['NetworkPluginSetupSerially', 'setup_serially', bool],
  ['NetworkPluginConfTemplate', 'conf_template', str],
  ['IPPreference', 'ip_pref', str],
  ['UseInternalLoopback', 'use_internal_loopback', bool],
]);
const cri22_RuntimeConfig = struct('RuntimeConfig', [
  ['ContainerdConfig', 'containerd', cri22_ContainerdConfig, true],
  ['CniConfig', 'cni', cri22_CniConfig, true],
  ['EnableSelinux', 'enable_selinux', bool],
  ['SelinuxCategoryRange', 'selinux_category_range', int],
  ['MaxContainerLogLineSize', 'max_container_log_line_size', int],
  ['DisableApparmor', 'disable_apparmor', bool],
  ['RestrictOOMScoreAdj', 'restrict_oom_score_adj', bool],
  ['DisableProcMount', 'disable_proc_mount', bool],
  ['UnsetSeccompProfile', 'unset_seccomp_profile', str],
  ['TolerateMissingHugetlbController', 'tolerate_missing_hugetlb_controller', bool],
  ['DisableHugetlbController', 'disable_hugetlb_controller', bool],
  ['DeviceOwnershipFromSecurityContext', 'device_ownership_from_security_context', bool],
  ['IgnoreImageDefinedVolumes', 'ignore_image_defined_volumes', bool],
  ['NetNSMountsUnderStateDir', 'netns_mounts_under_state_dir', bool],
  ['EnableUnprivilegedPorts', 'enable_unprivileged_ports', bool],
  ['EnableUnprivilegedICMP', 'enable_unprivileged_icmp', bool],
  ['EnableCDI', 'enable_cdi', bool],
  ['CDISpecDirs', 'cdi_spec_dirs', slice(str)],
  ['DrainExecSyncIOTimeout', 'drain_exec_sync_io_timeout', str],
  ['IgnoreDeprecationWarnings', 'ignore_deprecation_warnings', slice(str)],
  ['EnableCRIU', 'enable_criu', ptr(bool)],
  ['EnableExperimentalRestoreViaCreate', 'enable_experimental_restore_via_create', bool],
]);
const cri22_ImagePlatform = struct('ImagePlatform', [
  ['Platform', 'platform', str],
  ['Snapshotter', 'snapshotter', str],
]);
const cri22_Mirror = struct('Mirror', [['Endpoints', 'endpoint', slice(str)]]);
const cri22_AuthConfig = struct('AuthConfig', [
  ['Username', 'username', str],
  ['Password', 'password', str],
  ['Auth', 'auth', str],
  ['IdentityToken', 'identitytoken', str],
]);
const cri22_RegistryConfig = struct('RegistryConfig', [['Auth', 'auth', ptr(cri22_AuthConfig)]]);
const cri22_Registry = struct('Registry', [
  ['ConfigPath', 'config_path', str],
  ['Mirrors', 'mirrors', map(cri22_Mirror)],
  ['Configs', 'configs', map(cri22_RegistryConfig)],
  ['Auths', 'auths', map(cri22_AuthConfig)],
  ['Headers', 'headers', map(slice(str))],
]);
const cri22_ImageDecryption = struct('ImageDecryption', [['KeyModel', 'key_model', str]]);
const cri22_ImageConfig = struct('ImageConfig', [
  ['Snapshotter', 'snapshotter', str],
  ['DisableSnapshotAnnotations', 'disable_snapshot_annotations', bool],
  ['DiscardUnpackedLayers', 'discard_unpacked_layers', bool],
  ['PinnedImages', 'pinned_images', map(str)],
  ['RuntimePlatforms', 'runtime_platforms', map(cri22_ImagePlatform)],
  ['Registry', 'registry', cri22_Registry],
  ['ImageDecryption', 'image_decryption', cri22_ImageDecryption, true],
  ['MaxConcurrentDownloads', 'max_concurrent_downloads', int],
  ['ConcurrentLayerFetchBuffer', 'concurrent_layer_fetch_buffer', int],
  ['ImagePullProgressTimeout', 'image_pull_progress_timeout', str],
  ['ImagePullWithSyncFs', 'image_pull_with_sync_fs', bool],
  ['StatsCollectPeriod', 'stats_collect_period', int],
  ['UseLocalImagePull', 'use_local_image_pull', bool],
]);
const cri22_X509KeyPairStreaming = struct('X509KeyPairStreaming', [
  ['TLSCertFile', 'tls_cert_file', str],
  ['TLSKeyFile', 'tls_key_file', str],
]);
const cri22_ServerConfig = struct('ServerConfig', [
  ['DisableTCPService', 'disable_tcp_service', bool],
  ['StreamServerAddress', 'stream_server_address', str],
  ['StreamServerPort', 'stream_server_port', str],
  ['StreamIdleTimeout', 'stream_idle_timeout', str],
  ['EnableTLSStreaming', 'enable_tls_streaming', bool],
  ['X509KeyPairStreaming', 'x509_key_pair_streaming', cri22_X509KeyPairStreaming, true],
]);

// 2.3 CRI (v2.3.4 internal/cri/config/config.go)
const cri23_Runtime = struct('Runtime', [
  ['Type', 'runtime_type', str],
  ['Path', 'runtime_path', str],
  ['PodAnnotations', 'pod_annotations', slice(str)],
  ['ContainerAnnotations', 'container_annotations', slice(str)],
  ['Options', 'options', map(iface)],
  ['PrivilegedWithoutHostDevices', 'privileged_without_host_devices', bool],
  ['PrivilegedWithoutHostDevicesAllDevicesAllowed', 'privileged_without_host_devices_all_devices_allowed', bool],
  ['CgroupWritable', 'cgroup_writable', bool],
  ['BaseRuntimeSpec', 'base_runtime_spec', str],
  ['NetworkPluginConfDir', 'cni_conf_dir', str],
  ['NetworkPluginMaxConfNum', 'cni_max_conf_num', int],
  ['Snapshotter', 'snapshotter', str],
  ['Sandboxer', 'sandboxer', str],
  ['IOType', 'io_type', str],
]);
const cri23_ContainerdConfig = struct('ContainerdConfig', [
  ['DefaultRuntimeName', 'default_runtime_name', str],
  ['Runtimes', 'runtimes', map(cri23_Runtime)],
  ['IgnoreBlockIONotEnabledErrors', 'ignore_blockio_not_enabled_errors', bool],
  ['IgnoreRdtNotEnabledErrors', 'ignore_rdt_not_enabled_errors', bool],
]);
const cri23_CniConfig = struct('CniConfig', [
  ['NetworkPluginBinDir', 'bin_dir', str],
  ['NetworkPluginBinDirs', 'bin_dirs', slice(str)],
  ['NetworkPluginConfDir', 'conf_dir', str],
  ['NetworkPluginMaxConfNum', 'max_conf_num', int],
  ['NetworkPluginSetupSerially', 'setup_serially', bool],
  ['NetworkPluginConfTemplate', 'conf_template', str],
  ['IPPreference', 'ip_pref', str],
  ['UseInternalLoopback', 'use_internal_loopback', bool],
]);
const cri23_RuntimeConfig = struct('RuntimeConfig', [
  ['ContainerdConfig', 'containerd', cri23_ContainerdConfig, true],
  ['CniConfig', 'cni', cri23_CniConfig, true],
  ['EnableSelinux', 'enable_selinux', bool],
  ['SelinuxCategoryRange', 'selinux_category_range', int],
  ['MaxContainerLogLineSize', 'max_container_log_line_size', int],
  ['DisableApparmor', 'disable_apparmor', bool],
  ['RestrictOOMScoreAdj', 'restrict_oom_score_adj', bool],
  ['DisableProcMount', 'disable_proc_mount', bool],
  ['UnsetSeccompProfile', 'unset_seccomp_profile', str],
  ['TolerateMissingHugetlbController', 'tolerate_missing_hugetlb_controller', bool],
  ['DisableHugetlbController', 'disable_hugetlb_controller', bool],
  ['DeviceOwnershipFromSecurityContext', 'device_ownership_from_security_context', bool],
  ['IgnoreImageDefinedVolumes', 'ignore_image_defined_volumes', bool],
  ['NetNSMountsUnderStateDir', 'netns_mounts_under_state_dir', bool],
  ['EnableUnprivilegedPorts', 'enable_unprivileged_ports', bool],
  ['EnableUnprivilegedICMP', 'enable_unprivileged_icmp', bool],
  ['EnableCDI', 'enable_cdi', ptr(bool)],
  ['CDISpecDirs', 'cdi_spec_dirs', slice(str)],
  ['DrainExecSyncIOTimeout', 'drain_exec_sync_io_timeout', str],
  ['IgnoreDeprecationWarnings', 'ignore_deprecation_warnings', slice(str)],
  ['StatsCollectPeriod', 'stats_collect_period', str],
  ['StatsRetentionPeriod', 'stats_retention_period', str],
  ['EnableCRIU', 'enable_criu', ptr(bool)],
  ['EnableExperimentalRestoreViaCreate', 'enable_experimental_restore_via_create', bool],
]);
const cri23_ImagePlatform = struct('ImagePlatform', [
  ['Platform', 'platform', str],
  ['Snapshotter', 'snapshotter', str],
]);
const cri23_Mirror = struct('Mirror', [['Endpoints', 'endpoint', slice(str)]]);
const cri23_AuthConfig = struct('AuthConfig', [
  ['Username', 'username', str],
  ['Password', 'password', str],
  ['Auth', 'auth', str],
  ['IdentityToken', 'identitytoken', str],
]);
const cri23_RegistryConfig = struct('RegistryConfig', [['Auth', 'auth', ptr(cri23_AuthConfig)]]);
const cri23_Registry = struct('Registry', [
  ['ConfigPath', 'config_path', str],
  ['Mirrors', 'mirrors', map(cri23_Mirror)],
  ['Configs', 'configs', map(cri23_RegistryConfig)],
  ['Auths', 'auths', map(cri23_AuthConfig)],
  ['Headers', 'headers', map(slice(str))],
]);
const cri23_ImageDecryption = struct('ImageDecryption', [['KeyModel', 'key_model', str]]);
const cri23_ImageConfig = struct('ImageConfig', [
  ['Snapshotter', 'snapshotter', str],
  ['DisableSnapshotAnnotations', 'disable_snapshot_annotations', bool],
  ['DiscardUnpackedLayers', 'discard_unpacked_layers', bool],
  ['PinnedImages', 'pinned_images', map(str)],
  ['RuntimePlatforms', 'runtime_platforms', map(cri23_ImagePlatform)],
  ['Registry', 'registry', cri23_Registry],
  ['ImageDecryption', 'image_decryption', cri23_ImageDecryption, true],
  ['MaxConcurrentDownloads', 'max_concurrent_downloads', int],
  ['ConcurrentLayerFetchBuffer', 'concurrent_layer_fetch_buffer', int],
  ['ImagePullProgressTimeout', 'image_pull_progress_timeout', str],
  ['ImagePullWithSyncFs', 'image_pull_with_sync_fs', bool],
  ['StatsCollectPeriod', 'stats_collect_period', int],
  ['UseLocalImagePull', 'use_local_image_pull', bool],
]);
const cri23_X509KeyPairStreaming = struct('X509KeyPairStreaming', [
  ['TLSCertFile', 'tls_cert_file', str],
  ['TLSKeyFile', 'tls_key_file', str],
]);
const cri23_ServerConfig = struct('ServerConfig', [
  ['DisableTCPService', 'disable_tcp_service', bool],
  ['StreamServerAddress', 'stream_server_address', str],
  ['StreamServerPort', 'stream_server_port', str],
  ['StreamIdleTimeout', 'stream_idle_timeout', str],
  ['EnableTLSStreaming', 'enable_tls_streaming', bool],
  ['X509KeyPairStreaming', 'x509_key_pair_streaming', cri23_X509KeyPairStreaming, true],
]);

export const SCHEMAS = {
  top16_Config: top16_Config,
  top17_Config: top17_Config,
  top20_Config: top20_Config,
  top23_Config: top23_Config,
  cri16_PluginConfig: cri16_PluginConfig,
  cri17_PluginConfig: cri17_PluginConfig,
  cri20_RuntimeConfig: cri20_RuntimeConfig,
  cri20_ImageConfig: cri20_ImageConfig,
  cri20_ServerConfig: cri20_ServerConfig,
  cri22_RuntimeConfig: cri22_RuntimeConfig,
  cri22_ImageConfig: cri22_ImageConfig,
  cri22_ServerConfig: cri22_ServerConfig,
  cri23_RuntimeConfig: cri23_RuntimeConfig,
  cri23_ImageConfig: cri23_ImageConfig,
  cri23_ServerConfig: cri23_ServerConfig,
};
