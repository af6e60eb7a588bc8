/**
 * Windows builds by number. ProductName is not trusted: Windows Server 23H2 (build 25398) still reports
 * "Windows Server 2022 Datacenter". Build numbers from hcsshim osversion/windowsbuilds.go
 * (RS5 = 17763, V21H2Server = 20348, V23H2 = 25398, V25H1Server = 26100).
 */

export interface WindowsRelease {
  build: number;
  name: string;
  channel: 'LTSC' | 'Annual' | 'SAC';
}

export const SERVER_RELEASES: readonly WindowsRelease[] = [
  { build: 17763, name: 'Windows Server 2019 (1809)', channel: 'LTSC' },
  { build: 18362, name: 'Windows Server, version 1903', channel: 'SAC' },
  { build: 18363, name: 'Windows Server, version 1909', channel: 'SAC' },
  { build: 19041, name: 'Windows Server, version 2004', channel: 'SAC' },
  { build: 19042, name: 'Windows Server, version 20H2', channel: 'SAC' },
  { build: 20348, name: 'Windows Server 2022', channel: 'LTSC' },
  { build: 25398, name: 'Windows Server 23H2', channel: 'Annual' },
  { build: 26100, name: 'Windows Server 2025', channel: 'LTSC' },
];

/** The first build that supports HostProcess containers (Windows Server 2019 / 1809). */
export const MIN_HOSTPROCESS_BUILD = 17763;

export function releaseForBuild(build: number): WindowsRelease | undefined {
  return SERVER_RELEASES.find((r) => r.build === build);
}

export function describeBuild(build: number, ubr?: number): string {
  return ubr === undefined ? String(build) : `${build}.${ubr}`;
}

/** Parses `20348`, `20348.2227` or `10.0.20348.2227`. */
export function parseBuild(text: string): { build: number; ubr?: number } | undefined {
  const m = /^\s*(?:10\.0\.)?(\d{4,6})(?:\.(\d+))?\s*$/.exec(text);
  if (!m) return undefined;
  const result: { build: number; ubr?: number } = { build: Number(m[1]) };
  if (m[2] !== undefined) result.ubr = Number(m[2]);
  return result;
}
