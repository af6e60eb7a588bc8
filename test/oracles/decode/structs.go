// Code generated from containerd's config structs (the field lists of src/rules/containerd/schema-data.ts);
// the mirror types the decode oracle decodes into. Prefixes: T17 = containerd 1.7 Config, C17 = its CRI
// PluginConfig, T20 = containerd 2.0 Config, C22 = containerd 2.2 CRI runtime, images and server configs.

package main

import toml1 "github.com/pelletier/go-toml"

var _ toml1.Tree

type T17Config struct {
	Version          int                           `toml:"version"`
	Root             string                        `toml:"root"`
	State            string                        `toml:"state"`
	TempDir          string                        `toml:"temp"`
	PluginDir        string                        `toml:"plugin_dir"`
	GRPC             T17GRPCConfig                 `toml:"grpc"`
	TTRPC            T17TTRPCConfig                `toml:"ttrpc"`
	Debug            T17Debug                      `toml:"debug"`
	Metrics          T17MetricsConfig              `toml:"metrics"`
	DisabledPlugins  []string                      `toml:"disabled_plugins"`
	RequiredPlugins  []string                      `toml:"required_plugins"`
	Plugins          map[string]toml1.Tree         `toml:"plugins"`
	OOMScore         int                           `toml:"oom_score"`
	Cgroup           T17CgroupConfig               `toml:"cgroup"`
	ProxyPlugins     map[string]T17ProxyPlugin     `toml:"proxy_plugins"`
	Timeouts         map[string]string             `toml:"timeouts"`
	Imports          []string                      `toml:"imports"`
	StreamProcessors map[string]T17StreamProcessor `toml:"stream_processors"`
}

type T17GRPCConfig struct {
	Address        string `toml:"address"`
	TCPAddress     string `toml:"tcp_address"`
	TCPTLSCA       string `toml:"tcp_tls_ca"`
	TCPTLSCert     string `toml:"tcp_tls_cert"`
	TCPTLSKey      string `toml:"tcp_tls_key"`
	UID            int    `toml:"uid"`
	GID            int    `toml:"gid"`
	MaxRecvMsgSize int    `toml:"max_recv_message_size"`
	MaxSendMsgSize int    `toml:"max_send_message_size"`
}

type T17TTRPCConfig struct {
	Address string `toml:"address"`
	UID     int    `toml:"uid"`
	GID     int    `toml:"gid"`
}

type T17Debug struct {
	Address string `toml:"address"`
	UID     int    `toml:"uid"`
	GID     int    `toml:"gid"`
	Level   string `toml:"level"`
	Format  string `toml:"format"`
}

type T17MetricsConfig struct {
	Address       string `toml:"address"`
	GRPCHistogram bool   `toml:"grpc_histogram"`
}

type T17CgroupConfig struct {
	Path string `toml:"path"`
}

type T17ProxyPlugin struct {
	Type         string            `toml:"type"`
	Address      string            `toml:"address"`
	Platform     string            `toml:"platform"`
	Exports      map[string]string `toml:"exports"`
	Capabilities []string          `toml:"capabilities"`
}

type T17StreamProcessor struct {
	Accepts []string `toml:"accepts"`
	Returns string   `toml:"returns"`
	Path    string   `toml:"path"`
	Args    []string `toml:"args"`
	Env     []string `toml:"env"`
}

type C17PluginConfig struct {
	C17ContainerdConfig                `toml:"containerd"`
	C17CniConfig                       `toml:"cni"`
	Registry                           C17Registry `toml:"registry"`
	C17ImageDecryption                 `toml:"image_decryption"`
	DisableTCPService                  bool   `toml:"disable_tcp_service"`
	StreamServerAddress                string `toml:"stream_server_address"`
	StreamServerPort                   string `toml:"stream_server_port"`
	StreamIdleTimeout                  string `toml:"stream_idle_timeout"`
	EnableSelinux                      bool   `toml:"enable_selinux"`
	SelinuxCategoryRange               int    `toml:"selinux_category_range"`
	SandboxImage                       string `toml:"sandbox_image"`
	StatsCollectPeriod                 int    `toml:"stats_collect_period"`
	SystemdCgroup                      bool   `toml:"systemd_cgroup"`
	EnableTLSStreaming                 bool   `toml:"enable_tls_streaming"`
	C17X509KeyPairStreaming            `toml:"x509_key_pair_streaming"`
	MaxContainerLogLineSize            int      `toml:"max_container_log_line_size"`
	DisableCgroup                      bool     `toml:"disable_cgroup"`
	DisableApparmor                    bool     `toml:"disable_apparmor"`
	RestrictOOMScoreAdj                bool     `toml:"restrict_oom_score_adj"`
	MaxConcurrentDownloads             int      `toml:"max_concurrent_downloads"`
	DisableProcMount                   bool     `toml:"disable_proc_mount"`
	UnsetSeccompProfile                string   `toml:"unset_seccomp_profile"`
	TolerateMissingHugetlbController   bool     `toml:"tolerate_missing_hugetlb_controller"`
	DisableHugetlbController           bool     `toml:"disable_hugetlb_controller"`
	DeviceOwnershipFromSecurityContext bool     `toml:"device_ownership_from_security_context"`
	IgnoreImageDefinedVolumes          bool     `toml:"ignore_image_defined_volumes"`
	NetNSMountsUnderStateDir           bool     `toml:"netns_mounts_under_state_dir"`
	EnableUnprivilegedPorts            bool     `toml:"enable_unprivileged_ports"`
	EnableUnprivilegedICMP             bool     `toml:"enable_unprivileged_icmp"`
	EnableCDI                          bool     `toml:"enable_cdi"`
	CDISpecDirs                        []string `toml:"cdi_spec_dirs"`
	ImagePullProgressTimeout           string   `toml:"image_pull_progress_timeout"`
	DrainExecSyncIOTimeout             string   `toml:"drain_exec_sync_io_timeout"`
	ImagePullWithSyncFs                bool     `toml:"image_pull_with_sync_fs"`
	IgnoreDeprecationWarnings          []string `toml:"ignore_deprecation_warnings"`
}

type C17ContainerdConfig struct {
	Snapshotter                   string                `toml:"snapshotter"`
	DefaultRuntimeName            string                `toml:"default_runtime_name"`
	DefaultRuntime                C17Runtime            `toml:"default_runtime"`
	UntrustedWorkloadRuntime      C17Runtime            `toml:"untrusted_workload_runtime"`
	Runtimes                      map[string]C17Runtime `toml:"runtimes"`
	NoPivot                       bool                  `toml:"no_pivot"`
	DisableSnapshotAnnotations    bool                  `toml:"disable_snapshot_annotations"`
	DiscardUnpackedLayers         bool                  `toml:"discard_unpacked_layers"`
	IgnoreBlockIONotEnabledErrors bool                  `toml:"ignore_blockio_not_enabled_errors"`
	IgnoreRdtNotEnabledErrors     bool                  `toml:"ignore_rdt_not_enabled_errors"`
}

type C17Runtime struct {
	Type                                          string                 `toml:"runtime_type"`
	Path                                          string                 `toml:"runtime_path"`
	Engine                                        string                 `toml:"runtime_engine"`
	PodAnnotations                                []string               `toml:"pod_annotations"`
	ContainerAnnotations                          []string               `toml:"container_annotations"`
	Root                                          string                 `toml:"runtime_root"`
	Options                                       map[string]interface{} `toml:"options"`
	PrivilegedWithoutHostDevices                  bool                   `toml:"privileged_without_host_devices"`
	PrivilegedWithoutHostDevicesAllDevicesAllowed bool                   `toml:"privileged_without_host_devices_all_devices_allowed"`
	BaseRuntimeSpec                               string                 `toml:"base_runtime_spec"`
	NetworkPluginConfDir                          string                 `toml:"cni_conf_dir"`
	NetworkPluginMaxConfNum                       int                    `toml:"cni_max_conf_num"`
	Snapshotter                                   string                 `toml:"snapshotter"`
	SandboxMode                                   string                 `toml:"sandbox_mode"`
}

type C17CniConfig struct {
	NetworkPluginBinDir        string `toml:"bin_dir"`
	NetworkPluginConfDir       string `toml:"conf_dir"`
	NetworkPluginMaxConfNum    int    `toml:"max_conf_num"`
	NetworkPluginSetupSerially bool   `toml:"setup_serially"`
	NetworkPluginConfTemplate  string `toml:"conf_template"`
	IPPreference               string `toml:"ip_pref"`
}

type C17Registry struct {
	ConfigPath string                       `toml:"config_path"`
	Mirrors    map[string]C17Mirror         `toml:"mirrors"`
	Configs    map[string]C17RegistryConfig `toml:"configs"`
	Auths      map[string]C17AuthConfig     `toml:"auths"`
	Headers    map[string][]string          `toml:"headers"`
}

type C17Mirror struct {
	Endpoints []string `toml:"endpoint"`
}

type C17RegistryConfig struct {
	Auth *C17AuthConfig `toml:"auth"`
	TLS  *C17TLSConfig  `toml:"tls"`
}

type C17AuthConfig struct {
	Username      string `toml:"username"`
	Password      string `toml:"password"`
	Auth          string `toml:"auth"`
	IdentityToken string `toml:"identitytoken"`
}

type C17TLSConfig struct {
	InsecureSkipVerify bool   `toml:"insecure_skip_verify"`
	CAFile             string `toml:"ca_file"`
	CertFile           string `toml:"cert_file"`
	KeyFile            string `toml:"key_file"`
}

type C17ImageDecryption struct {
	KeyModel string `toml:"key_model"`
}

type C17X509KeyPairStreaming struct {
	TLSCertFile string `toml:"tls_cert_file"`
	TLSKeyFile  string `toml:"tls_key_file"`
}

type T20Config struct {
	Version          int                           `toml:"version"`
	Root             string                        `toml:"root"`
	State            string                        `toml:"state"`
	TempDir          string                        `toml:"temp"`
	PluginDir        string                        `toml:"plugin_dir"`
	GRPC             T20GRPCConfig                 `toml:"grpc"`
	TTRPC            T20TTRPCConfig                `toml:"ttrpc"`
	Debug            T20Debug                      `toml:"debug"`
	Metrics          T20MetricsConfig              `toml:"metrics"`
	DisabledPlugins  []string                      `toml:"disabled_plugins"`
	RequiredPlugins  []string                      `toml:"required_plugins"`
	Plugins          map[string]interface{}        `toml:"plugins"`
	OOMScore         int                           `toml:"oom_score"`
	Cgroup           T20CgroupConfig               `toml:"cgroup"`
	ProxyPlugins     map[string]T20ProxyPlugin     `toml:"proxy_plugins"`
	Timeouts         map[string]string             `toml:"timeouts"`
	Imports          []string                      `toml:"imports"`
	StreamProcessors map[string]T20StreamProcessor `toml:"stream_processors"`
}

type T20GRPCConfig struct {
	Address        string `toml:"address"`
	TCPAddress     string `toml:"tcp_address"`
	TCPTLSCA       string `toml:"tcp_tls_ca"`
	TCPTLSCert     string `toml:"tcp_tls_cert"`
	TCPTLSKey      string `toml:"tcp_tls_key"`
	UID            int    `toml:"uid"`
	GID            int    `toml:"gid"`
	MaxRecvMsgSize int    `toml:"max_recv_message_size"`
	MaxSendMsgSize int    `toml:"max_send_message_size"`
}

type T20TTRPCConfig struct {
	Address string `toml:"address"`
	UID     int    `toml:"uid"`
	GID     int    `toml:"gid"`
}

type T20Debug struct {
	Address string `toml:"address"`
	UID     int    `toml:"uid"`
	GID     int    `toml:"gid"`
	Level   string `toml:"level"`
	Format  string `toml:"format"`
}

type T20MetricsConfig struct {
	Address       string `toml:"address"`
	GRPCHistogram bool   `toml:"grpc_histogram"`
}

type T20CgroupConfig struct {
	Path string `toml:"path"`
}

type T20ProxyPlugin struct {
	Type         string            `toml:"type"`
	Address      string            `toml:"address"`
	Platform     string            `toml:"platform"`
	Exports      map[string]string `toml:"exports"`
	Capabilities []string          `toml:"capabilities"`
}

type T20StreamProcessor struct {
	Accepts []string `toml:"accepts"`
	Returns string   `toml:"returns"`
	Path    string   `toml:"path"`
	Args    []string `toml:"args"`
	Env     []string `toml:"env"`
}

type C22RuntimeConfig struct {
	C22ContainerdConfig                `toml:"containerd"`
	C22CniConfig                       `toml:"cni"`
	EnableSelinux                      bool     `toml:"enable_selinux"`
	SelinuxCategoryRange               int      `toml:"selinux_category_range"`
	MaxContainerLogLineSize            int      `toml:"max_container_log_line_size"`
	DisableApparmor                    bool     `toml:"disable_apparmor"`
	RestrictOOMScoreAdj                bool     `toml:"restrict_oom_score_adj"`
	DisableProcMount                   bool     `toml:"disable_proc_mount"`
	UnsetSeccompProfile                string   `toml:"unset_seccomp_profile"`
	TolerateMissingHugetlbController   bool     `toml:"tolerate_missing_hugetlb_controller"`
	DisableHugetlbController           bool     `toml:"disable_hugetlb_controller"`
	DeviceOwnershipFromSecurityContext bool     `toml:"device_ownership_from_security_context"`
	IgnoreImageDefinedVolumes          bool     `toml:"ignore_image_defined_volumes"`
	NetNSMountsUnderStateDir           bool     `toml:"netns_mounts_under_state_dir"`
	EnableUnprivilegedPorts            bool     `toml:"enable_unprivileged_ports"`
	EnableUnprivilegedICMP             bool     `toml:"enable_unprivileged_icmp"`
	EnableCDI                          bool     `toml:"enable_cdi"`
	CDISpecDirs                        []string `toml:"cdi_spec_dirs"`
	DrainExecSyncIOTimeout             string   `toml:"drain_exec_sync_io_timeout"`
	IgnoreDeprecationWarnings          []string `toml:"ignore_deprecation_warnings"`
	EnableCRIU                         *bool    `toml:"enable_criu"`
	EnableExperimentalRestoreViaCreate bool     `toml:"enable_experimental_restore_via_create"`
}

type C22ContainerdConfig struct {
	DefaultRuntimeName            string                `toml:"default_runtime_name"`
	Runtimes                      map[string]C22Runtime `toml:"runtimes"`
	IgnoreBlockIONotEnabledErrors bool                  `toml:"ignore_blockio_not_enabled_errors"`
	IgnoreRdtNotEnabledErrors     bool                  `toml:"ignore_rdt_not_enabled_errors"`
}

type C22Runtime struct {
	Type                                          string                 `toml:"runtime_type"`
	Path                                          string                 `toml:"runtime_path"`
	PodAnnotations                                []string               `toml:"pod_annotations"`
	ContainerAnnotations                          []string               `toml:"container_annotations"`
	Options                                       map[string]interface{} `toml:"options"`
	PrivilegedWithoutHostDevices                  bool                   `toml:"privileged_without_host_devices"`
	PrivilegedWithoutHostDevicesAllDevicesAllowed bool                   `toml:"privileged_without_host_devices_all_devices_allowed"`
	CgroupWritable                                bool                   `toml:"cgroup_writable"`
	BaseRuntimeSpec                               string                 `toml:"base_runtime_spec"`
	NetworkPluginConfDir                          string                 `toml:"cni_conf_dir"`
	NetworkPluginMaxConfNum                       int                    `toml:"cni_max_conf_num"`
	Snapshotter                                   string                 `toml:"snapshotter"`
	Sandboxer                                     string                 `toml:"sandboxer"`
	IOType                                        string                 `toml:"io_type"`
}

type C22CniConfig struct {
	NetworkPluginBinDir        string   `toml:"bin_dir"`
	NetworkPluginBinDirs       []string `toml:"bin_dirs"`
	NetworkPluginConfDir       string   `toml:"conf_dir"`
	NetworkPluginMaxConfNum    int      `toml:"max_conf_num"`
	NetworkPluginSetupSerially bool     `toml:"setup_serially"`
	NetworkPluginConfTemplate  string   `toml:"conf_template"`
	IPPreference               string   `toml:"ip_pref"`
	UseInternalLoopback        bool     `toml:"use_internal_loopback"`
}

type C22ImageConfig struct {
	Snapshotter                string                      `toml:"snapshotter"`
	DisableSnapshotAnnotations bool                        `toml:"disable_snapshot_annotations"`
	DiscardUnpackedLayers      bool                        `toml:"discard_unpacked_layers"`
	PinnedImages               map[string]string           `toml:"pinned_images"`
	RuntimePlatforms           map[string]C22ImagePlatform `toml:"runtime_platforms"`
	Registry                   C22Registry                 `toml:"registry"`
	C22ImageDecryption         `toml:"image_decryption"`
	MaxConcurrentDownloads     int    `toml:"max_concurrent_downloads"`
	ConcurrentLayerFetchBuffer int    `toml:"concurrent_layer_fetch_buffer"`
	ImagePullProgressTimeout   string `toml:"image_pull_progress_timeout"`
	ImagePullWithSyncFs        bool   `toml:"image_pull_with_sync_fs"`
	StatsCollectPeriod         int    `toml:"stats_collect_period"`
	UseLocalImagePull          bool   `toml:"use_local_image_pull"`
}

type C22ImagePlatform struct {
	Platform    string `toml:"platform"`
	Snapshotter string `toml:"snapshotter"`
}

type C22Registry struct {
	ConfigPath string                       `toml:"config_path"`
	Mirrors    map[string]C22Mirror         `toml:"mirrors"`
	Configs    map[string]C22RegistryConfig `toml:"configs"`
	Auths      map[string]C22AuthConfig     `toml:"auths"`
	Headers    map[string][]string          `toml:"headers"`
}

type C22Mirror struct {
	Endpoints []string `toml:"endpoint"`
}

type C22RegistryConfig struct {
	Auth *C22AuthConfig `toml:"auth"`
}

type C22AuthConfig struct {
	Username      string `toml:"username"`
	Password      string `toml:"password"`
	Auth          string `toml:"auth"`
	IdentityToken string `toml:"identitytoken"`
}

type C22ImageDecryption struct {
	KeyModel string `toml:"key_model"`
}

type C22ServerConfig struct {
	DisableTCPService       bool   `toml:"disable_tcp_service"`
	StreamServerAddress     string `toml:"stream_server_address"`
	StreamServerPort        string `toml:"stream_server_port"`
	StreamIdleTimeout       string `toml:"stream_idle_timeout"`
	EnableTLSStreaming      bool   `toml:"enable_tls_streaming"`
	C22X509KeyPairStreaming `toml:"x509_key_pair_streaming"`
}

type C22X509KeyPairStreaming struct {
	TLSCertFile string `toml:"tls_cert_file"`
	TLSKeyFile  string `toml:"tls_key_file"`
}
