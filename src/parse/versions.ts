/**
 * Version strings as tools print them. A version can stand alone (`v1.7.20`, `1.6.35+azure`) or sit in a
 * whole `--version` line:
 *   containerd github.com/containerd/containerd v1.7.20 8fc6bcff...        (upstream 1.x)
 *   containerd github.com/containerd/containerd/v2 v2.0.4+azure <sha>      (upstream 2.x)
 *   containerd containerd.io 1.7.19 2bf793ef...                            (distro package name, no "v")
 *   ctr github.com/containerd/containerd v1.6.35+azure                     (AKS release notes)
 *   containerd://1.4.1                                                     (kubectl get nodes -o wide)
 *   Kubernetes v1.29.3                                                     (kubelet --version)
 *   containerd github.com/containerd/containerd v1.7.20.m <sha>.m           (a build from a dirty tree)
 * The first token that reads as major.minor.patch wins; module paths such as `/v2` have no dots and never match.
 *
 * containerd's Makefile sets the version with `git describe --match 'v[0-9]*' --dirty='.m' --always`
 * (containerd@v1.7.20 Makefile:33, @v2.0.0 Makefile:35), so a build from a tree with uncommitted changes
 * prints `v1.7.20.m`, a build from a commit after the tag `v1.7.20-12-gabcdef12` and both together
 * `v1.7.20-12-gabcdef12.m`. The trailing `.m` is read as "dirty", not as part of the version.
 *
 * A number with a leading zero (`01.7.20`, `1.07.20`) is not a version: no containerd or kubelet prints
 * one (semver forbids it, and git tags are `vX.Y.Z`). It is rejected everywhere the same way, by this one
 * parser, so every check and every what-if flag treats it alike; `versionProblem` says why.
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
  /** The `.m` suffix of git describe --dirty: built from a tree with uncommitted changes. */
  dirty?: boolean;
}

const NUMBER = '(0|[1-9]\\d*)';
const VERSION_TOKEN = new RegExp(
  `^v?${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-([0-9A-Za-z.-]+))?(?:[+~]([0-9A-Za-z.+~-]+))?$`,
);
/** major.minor.patch where some number has a leading zero. */
const LEADING_ZERO = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+~.].*)?$/;

function bareToken(token: string): string {
  const bare = token.includes('://') ? token.slice(token.indexOf('://') + 3) : token;
  return bare.replace(/[,;)]+$/, '');
}

export function parseVersionToken(token: string): ParsedVersion | undefined {
  const bare = bareToken(token);
  const dirty = /^v?\d+\.\d+\.\d+.*\.m$/.test(bare);
  const m = VERSION_TOKEN.exec(dirty ? bare.slice(0, -2) : bare);
  if (!m) return undefined;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const core = `${major}.${minor}.${patch}`;
  if (!semver.valid(core)) return undefined;
  const parsed: ParsedVersion = { major, minor, patch, core, token: bare };
  if (m[4] !== undefined) parsed.prerelease = m[4];
  if (m[5] !== undefined) parsed.build = m[5];
  if (dirty) parsed.dirty = true;
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
 * Why `text` holds no version, when there is something to say beyond "none": a number with a leading
 * zero. Undefined when the text has a version, or nothing that looks like one.
 */
export function versionProblem(text: string): string | undefined {
  if (findVersion(text)) return undefined;
  for (const token of text.split(/\s+/)) {
    const m = LEADING_ZERO.exec(bareToken(token));
    if (!m) continue;
    const numbers = [m[1], m[2], m[3]] as string[];
    if (numbers.some((n) => n.length > 1 && n.startsWith('0'))) {
      const fixed = numbers.map((n) => String(Number(n))).join('.');
      return `${JSON.stringify(bareToken(token))} has a number with a leading zero, which no containerd or kubelet prints (did you mean ${fixed}?)`;
    }
  }
  return undefined;
}

/** Upstream pre-release suffixes: containerd and Kubernetes tag -alpha.N, -beta.N and -rc.N. */
const UPSTREAM_PRERELEASE = /^(?:alpha|beta|rc)(?:\.?\d+)?$/i;

/**
 * What marks a version as something other than an upstream release: build metadata (`+azure`,
 * `+unknown` of a build without version ldflags), a dirty tree (`.m`), a git-describe suffix
 * (`-12-gabcdef12`, built from a commit after the tag) or a vendor suffix (`-eks-5e0fdde`, `-azure`).
 * Empty for an upstream release or pre-release.
 */
export function customBuildMarks(v: ParsedVersion): string[] {
  const marks: string[] = [];
  if (v.prerelease !== undefined && !UPSTREAM_PRERELEASE.test(v.prerelease)) {
    marks.push(
      /^\d+-g[0-9a-f]+$/i.test(v.prerelease)
        ? `-${v.prerelease} (built from a commit after the tag)`
        : `-${v.prerelease}`,
    );
  }
  if (v.build !== undefined) marks.push(`+${v.build}`);
  if (v.dirty) marks.push('.m (built from a tree with uncommitted changes)');
  return marks;
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
