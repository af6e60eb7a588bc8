/**
 * How each containerd release family loads its config. Every flag cites the tag where the behaviour
 * starts (docs/research/containerd-loading.md; docs/containerd.md lists the quotes):
 *
 * - parser: go-toml v1.9.3 (1.6.0–1.6.15), v1.9.5 (1.6.16+, 1.7), go-toml/v2 2.2.x (2.0–2.2), 2.3.0 (2.3+)
 *   (go.mod at each tag).
 * - relative glob imports resolved against the process working directory before v1.6.29 / v1.7.16
 *   (commits 0f2068a70, 62e9535f2; 2.x fixed from the start, #9746).
 * - version > 2 refused on 1.x from v1.6.32 / v1.7.17 (commits 38607b59c #10234, 00347b7fa #10165).
 * - plugin keys and disabled/required entries need the `io.containerd.` prefix from v1.7.0 (eaedadbed).
 * - runtime-level `snapshotter` read from v1.7.0 (7b9f1d405); the Hyper-V built-in runtime from v1.7.0.
 * - 2.0.0–2.0.1 CRI runtime migration replaces the runtime table; 2.0.2+ copies only absent keys
 *   (468079c5c, fb44e37ff); 2.1+ also merges `cni` per key and moves bin_dir to bin_dirs (42effa3b9).
 * - 2.0.0 trims the migrated io.containerd.grpc.v1.cri table to disable_tcp_service; 2.0.1+ keep the
 *   stream-server keys too (be5eda069).
 * - 2.3: every file is migrated before it is merged (0d7fee062); the drop-in version check (21248d007)
 *   is in every tag from v2.3.0 to v2.4.0-beta.0 and reverted after v2.3.4 on release/2.3 (1125b053f)
 *   and on main (a8ed54668), in no tag yet.
 */
import semver from 'semver';
import { below, type ParsedVersion, parseVersionToken } from '../../parse/versions.js';

export type FamilyId = '1.6' | '1.7' | '2.0-2.2' | '2.3.0-2.3.4' | '2.3.5+';

export interface Family {
  id: FamilyId;
  line: '1.x' | '2.x';
  /** The containerd version this family was chosen for; absent when assumed. */
  version?: ParsedVersion;
  /** "containerd 1.7.20", or the family when the version is assumed. */
  label: string;
  parser: { name: 'go-toml-v1'; version: '1.9.3' | '1.9.4' | '1.9.5' } | { name: 'go-toml-v2'; version: '2.2' | '2.3' };
  relativeGlobFromCwd: boolean;
  /** The highest config version this containerd loads (1.x before 1.6.32/1.7.17: any). */
  maxVersion: number;
  /** 1.x 1.7.0+: plugin keys and disabled/required entries must start with io.containerd. */
  pluginPrefixCheck: boolean;
  runtimeSnapshotter: boolean;
  hypervisorBuiltIn: boolean;
  /** 2.x CRI runtime migration: replace the table (2.0.0–2.0.1) or copy absent keys (2.0.2+). */
  runtimeMigration: 'replace' | 'absent';
  cniMigration: boolean;
  /** 2.x CRI gRPC plugin migration: 2.0.0 keeps disable_tcp_service only; 2.0.1+ the stream-server keys too. */
  criGrpcMigration: 'tcpOnly' | 'server';
  perFileMigration: boolean;
  dropInVersionCheck: boolean;
  /** Built-in runhcs options ScrubLogs = true (2.2.7, 2.3.4 and later). */
  scrubLogs: boolean;
  sandboxImage: string;
  /** `config dump` runs the plugin migrations (2.0.6+, 2.1+; 2.3 migrates at load). */
  dumpMigrates: boolean;
}

const v = (token: string) => parseVersionToken(token) as ParsedVersion;

function sandboxImage(version: ParsedVersion): string {
  if (version.major < 2) {
    if (version.minor >= 7) return 'registry.k8s.io/pause:3.8';
    return below(version, '1.6.9') ? 'k8s.gcr.io/pause:3.6' : 'registry.k8s.io/pause:3.6';
  }
  if (version.minor >= 3) return 'registry.k8s.io/pause:3.10.2';
  if (version.minor === 2) return 'registry.k8s.io/pause:3.10.1';
  return 'registry.k8s.io/pause:3.10';
}

/** semver order with prereleases: 2.4.0-beta.0 is below 2.4.0-beta.1 and 2.4.0. */
function atOrAbove(version: ParsedVersion, bound: string): boolean {
  const full = version.prerelease !== undefined ? `${version.core}-${version.prerelease}` : version.core;
  return semver.compare(semver.valid(full) ? full : version.core, bound) >= 0;
}

export function familyOf(version: ParsedVersion): Family {
  const major = version.major;
  const label = `containerd ${version.token.replace(/^v/, '')}`;
  if (major < 2) {
    const minor17 = version.minor >= 7;
    return {
      id: minor17 ? '1.7' : '1.6',
      line: '1.x',
      version,
      label,
      parser: { name: 'go-toml-v1', version: !minor17 && below(version, '1.6.16') ? '1.9.3' : '1.9.5' },
      relativeGlobFromCwd: minor17 ? below(version, '1.7.16') : below(version, '1.6.29'),
      maxVersion: (minor17 ? atOrAbove(version, '1.7.17') : atOrAbove(version, '1.6.32'))
        ? 2
        : Number.POSITIVE_INFINITY,
      pluginPrefixCheck: minor17,
      runtimeSnapshotter: minor17,
      hypervisorBuiltIn: minor17,
      runtimeMigration: 'replace',
      cniMigration: false,
      criGrpcMigration: 'server',
      perFileMigration: false,
      dropInVersionCheck: false,
      scrubLogs: false,
      sandboxImage: sandboxImage(version),
      dumpMigrates: false,
    };
  }
  const minor = version.minor;
  const is23Plus = minor >= 3;
  // The check is in v2.3.0–v2.3.4 and v2.4.0-beta.0; its revert is on release/2.3 and main, in no tag.
  const dropIn =
    (minor === 3 && !atOrAbove(version, '2.3.5')) ||
    (minor === 4 && version.patch === 0 && version.prerelease !== undefined && !atOrAbove(version, '2.4.0-beta.1'));
  return {
    id: !is23Plus ? '2.0-2.2' : dropIn ? '2.3.0-2.3.4' : '2.3.5+',
    line: '2.x',
    version,
    label,
    parser: { name: 'go-toml-v2', version: is23Plus ? '2.3' : '2.2' },
    relativeGlobFromCwd: false,
    maxVersion: is23Plus ? 4 : 3,
    pluginPrefixCheck: false,
    runtimeSnapshotter: true,
    hypervisorBuiltIn: true,
    runtimeMigration: minor === 0 && below(version, '2.0.2') ? 'replace' : 'absent',
    cniMigration: minor >= 1,
    criGrpcMigration: minor === 0 && below(version, '2.0.1') ? 'tcpOnly' : 'server',
    perFileMigration: is23Plus,
    dropInVersionCheck: dropIn,
    scrubLogs:
      (minor === 2 && atOrAbove(version, '2.2.7')) || (minor === 3 && atOrAbove(version, '2.3.4')) || minor > 3,
    sandboxImage: sandboxImage(version),
    dumpMigrates: is23Plus || minor >= 1 || atOrAbove(version, '2.0.6'),
  };
}

/** A representative version per family, for configs whose containerd version is not known. */
export const FAMILY_EXAMPLES: Record<FamilyId, string> = {
  '1.6': '1.6.39',
  '1.7': '1.7.34',
  '2.0-2.2': '2.2.7',
  '2.3.0-2.3.4': '2.3.4',
  '2.3.5+': '2.3.5',
};

/** A family assumed from the config itself (its version key), when containerd's version is unknown. */
export function assumedFamily(configVersion: number | undefined): Family {
  const example =
    configVersion !== undefined && configVersion >= 3 ? FAMILY_EXAMPLES['2.0-2.2'] : FAMILY_EXAMPLES['1.7'];
  const family = familyOf(v(example));
  const { version: _unused, ...rest } = family;
  void _unused;
  return { ...rest, label: `containerd ${family.line} (version unknown, assumed from the config)` };
}
