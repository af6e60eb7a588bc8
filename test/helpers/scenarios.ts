/**
 * Fake Windows nodes for the collector scenarios and the collection benchmark. Outputs are real corpus
 * files where one exists (containerd configs, a containerd --version line); the rest is synthetic and
 * named so (test/fixtures/powershell/README.md says how each was derived).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BINDFLT,
  CONTAINERD,
  type FakeHostSpec,
  type FakeProgram,
  KUBELET,
  POWERSHELL,
  ROOT,
  SHIM,
} from './fakehost.js';

export const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'powershell');

export const corpus = (relative: string) => readFileSync(path.join(CORPUS, relative));
const HEALTHY_PS = 'synthetic-ws2022-containerd1.7-healthy.json';

/**
 * A PowerShell recording: a file in test/fixtures/powershell, or one of variants.json, which holds only
 * the sections a variant changes in the healthy recording (so a new section is added to one file).
 */
export function psFixture(name: string): Buffer {
  const variants = JSON.parse(readFileSync(path.join(FIXTURES, 'variants.json'), 'utf8')) as Record<string, object>;
  const patch = Object.hasOwn(variants, name) ? variants[name] : undefined;
  if (!patch) return readFileSync(path.join(FIXTURES, name));
  const healthy = JSON.parse(readFileSync(path.join(FIXTURES, HEALTHY_PS), 'utf8')) as object;
  return Buffer.from(JSON.stringify({ ...healthy, ...patch }, null, 2));
}

/** Synthetic, from the documented format: fmt.Println(app.Name, version.Package, app.Version, version.Revision). */
export const CONTAINERD_1_7_20 =
  'containerd github.com/containerd/containerd v1.7.20 8fc6bcff51318944179630522a095cc9dbf9f353\r\n';
/** Synthetic, from hcsshim's urfave/cli "%v version %v" with version, commit and spec lines. */
export const SHIM_0_11_7 =
  'containerd-shim-runhcs-v1 version v0.11.7\ncommit: 7f3e5e1c8c5a3c1bd1c0b2f0f8b0c8b0e1a6a9a1\nspec: 1.1.0\n';
/** Synthetic, kubelet's "Kubernetes %s". */
export const KUBELET_1_29_3 = 'Kubernetes v1.29.3\r\n';

export const KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupsPerQOS: false
enforceNodeAllocatable: []
featureGates: {}
`;

export const CONFIG_PATH = 'C:\\Program Files\\containerd\\config.toml';

export interface ScenarioOptions {
  /** Per-program latency, for the benchmark. */
  latency?: { powershell?: number; programs?: number };
  hang?: 'powershell';
}

function program(stdout: string | Uint8Array, delayMs = 0): FakeProgram {
  return typeof stdout === 'string' ? { stdout, delayMs } : { stdoutBytes: stdout, delayMs };
}

export function healthyNode(
  options: ScenarioOptions = {},
  powershellOutput: Uint8Array = psFixture(HEALTHY_PS),
): FakeHostSpec {
  const ps = options.latency?.powershell ?? 0;
  const other = options.latency?.programs ?? 0;
  return {
    programs: {
      [POWERSHELL]: options.hang === 'powershell' ? { hang: true } : program(powershellOutput, ps),
      [CONTAINERD]: program(CONTAINERD_1_7_20, other),
      [SHIM]: program(SHIM_0_11_7, other),
      [KUBELET]: program(KUBELET_1_29_3, other),
    },
    files: {
      [CONFIG_PATH]: corpus(
        'containerd-config/openshift-wmco-containerd_conf-v2-containerd1.7-default-runtime-name.toml',
      ),
      'C:\\var\\lib\\kubelet\\config.yaml': KUBELET_CONFIG,
      [BINDFLT]: 'MZ fake dll',
      'C:\\ProgramData\\containerd\\containerd.log':
        'time="2026-11-20T09:00:00Z" level=info msg="starting containerd" version=v1.7.20\n',
    },
  };
}

export function withPowershell(name: string): FakeHostSpec {
  return healthyNode({}, psFixture(name));
}
