/**
 * Version strings as tools print them. A version can stand alone (`v1.7.20`, `1.6.35+azure`) or sit in a
 * whole `--version` line:
 *   containerd github.com/containerd/containerd v1.7.20 8fc6bcff...        (upstream 1.x)
 *   containerd github.com/containerd/containerd/v2 v2.0.4+azure <sha>      (upstream 2.x)
 *   containerd containerd.io 1.7.19 2bf793ef...                            (distro package name, no "v")
 *   ctr github.com/containerd/containerd v1.6.35+azure                     (AKS release notes)
 *   containerd://1.4.1                                                     (kubectl get nodes -o wide)
 *   Kubernetes v1.29.3                                                     (kubelet --version)
 * The first token that reads as major.minor.patch wins; module paths such as `/v2` have no dots and never match.
 */
import semver from 'semver';

export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
  /** major.minor.patch, without prerelease or build suffixes. */
  core: string;
  /** The token as printed, e.g. v2.0.4+azure. */
  token: string;
  prerelease?: string;
  build?: string;
}

const VERSION_TOKEN = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:[+~]([0-9A-Za-z.+~-]+))?$/;

export function parseVersionToken(token: string): ParsedVersion | undefined {
  const bare = token.includes('://') ? token.slice(token.indexOf('://') + 3) : token;
  const m = VERSION_TOKEN.exec(bare.replace(/[,;)]+$/, ''));
  if (!m) return undefined;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const core = `${major}.${minor}.${patch}`;
  if (!semver.valid(core)) return undefined;
  const parsed: ParsedVersion = { major, minor, patch, core, token: bare };
  if (m[4] !== undefined) parsed.prerelease = m[4];
  if (m[5] !== undefined) parsed.build = m[5];
  return parsed;
}

/** The first version in a line or a multi-line output. */
export function findVersion(text: string): ParsedVersion | undefined {
  for (const token of text.split(/\s+/)) {
    const parsed = parseVersionToken(token);
    if (parsed) return parsed;
  }
  return undefined;
}

/**
 * The shim prints `containerd-shim-runhcs-v1 version <version>` followed by `commit:` and `spec:` lines.
 * Builds without ldflags (containerd's release tarballs) print no version, only `spec: 1.x.y`, which is the
 * OCI runtime-spec version and must not be read as the shim's.
 */
export function findShimVersion(output: string): ParsedVersion | undefined {
  for (const line of output.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (/^(spec|commit)\s*:/i.test(trimmed)) continue;
    const afterVersion = /\bversion\s+(\S+)/i.exec(trimmed)?.[1];
    if (afterVersion && !/^(spec|commit):?$/i.test(afterVersion)) {
      const parsed = parseVersionToken(afterVersion);
      if (parsed) return parsed;
    }
    if (/^Version:\s*/i.test(trimmed)) {
      const parsed = parseVersionToken(trimmed.replace(/^Version:\s*/i, ''));
      if (parsed) return parsed;
    }
  }
  return undefined;
}

export function cmp(a: ParsedVersion | string, b: string): number {
  return semver.compare(typeof a === 'string' ? a : a.core, b);
}

export const atLeast = (v: ParsedVersion, min: string): boolean => cmp(v, min) >= 0;
export const below = (v: ParsedVersion, bound: string): boolean => cmp(v, bound) < 0;
export const minorOf = (v: ParsedVersion): string => `${v.major}.${v.minor}`;

export function describeVersion(v: ParsedVersion): string {
  return v.token.replace(/^v/, '');
}
