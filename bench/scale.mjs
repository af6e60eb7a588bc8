#!/usr/bin/env node
// How the readers scale: each parser on a realistic input at 1, 10 and 100 times its size, in-process
// through main(argv, io) as a user runs it (so the engine's fixed cost is in the 1x figure), then explain
// over a 100 MB containerd log in its own process, with its peak RSS.
//
// Per row: the time per MB at each size, and "growth": the time per MB at 100x over the time per MB at
// 10x. About 1 (or below, while the fixed cost of a run still shows) is linear; a quadratic path gives
// about 10. Timings depend on the machine and its load; the ratios are what to read. No test depends on
// this.
// Usage: npm run bench:scale [-- --log-mb 100 --runs 3]
// Last line: scale: explain <x> MB/s, rss <y> MB   (the 100 MB log; targets >= 50 MB/s and < 200 MB)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { main } from '../dist/src/cli/main.js';

const { values } = parseArgs({
  options: { 'log-mb': { type: 'string', default: '100' }, runs: { type: 'string', default: '3' } },
});
const LOG_MB = Number(values['log-mb']);
const RUNS = Number(values.runs);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'hostprocess-doctor.cjs');
const corpus = (p) => readFileSync(path.join(root, 'test', 'fixtures', 'corpus', p), 'utf8');
const MB = 1024 * 1024;

// ------------------------------------------------------------------------------------------ inputs

/** A realistic containerd log: the message kinds containerd 1.7 writes on a busy Windows node. */
function containerdLog(bytes, seed = 1) {
  let x = seed;
  const rnd = () => {
    x = (x + 0x6d2b79f5) | 0;
    let t = Math.imul(x ^ (x >>> 15), 1 | x);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
  const time = () =>
    `2026-11-20T09:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00.${hex(7).replace(/[a-f]/g, '5')}Z`;
  const kinds = [
    () =>
      `time="${time()}" level=info msg="ImageCreate event name:\\"sha256:${hex(64)}\\" labels:{key:\\"io.cri-containerd.image\\" value:\\"managed\\"}"`,
    () =>
      `time="${time()}" level=info msg="RunPodSandbox for &PodSandboxMetadata{Name:app-${hex(5)},Uid:${hex(8)}-${hex(4)},Namespace:default,Attempt:0,}"`,
    () => `time="${time()}" level=info msg="StartContainer for \\"${hex(64)}\\" returns successfully"`,
    () =>
      `time="${time()}" level=info msg="loading plugin \\"io.containerd.grpc.v1.cri\\"..." type=io.containerd.grpc.v1`,
    () =>
      `time="${time()}" level=error msg="ContainerStatus for \\"${hex(64)}\\" failed" error="rpc error: code = NotFound desc = an error occurred when try to find container \\"${hex(64)}\\": not found"`,
    () =>
      `time="${time()}" level=warning msg="cleanup warnings time=\\"${time()}\\" level=info msg=\\"starting signal loop\\" namespace=k8s.io pid=${Math.floor(rnd() * 9999)}"`,
  ];
  const rare = [
    () =>
      `time="${time()}" level=error msg="StartContainer for \\"${hex(12)}\\" failed" error="failed to create containerd task: failed to create shim task: failed to create user process token: failed to logon user: Access is denied.: unknown"`,
    () =>
      `time="${time()}" level=error msg="StartContainer for \\"${hex(12)}\\" failed" error="failed to create containerd task: failed to create shim task: hcs::CreateComputeSystem ${hex(12)}: The directory name is invalid.: unknown"`,
  ];
  const lines = [];
  let size = 0;
  while (size < bytes) {
    const line = rnd() < 0.0005 ? rare[Math.floor(rnd() * rare.length)]() : kinds[Math.floor(rnd() * kinds.length)]();
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

const baseConfig = corpus(
  'containerd-config/openshift-wmco-containerd_conf-v2-containerd1.7-default-runtime-name.toml',
);
/** The corpus config with extra runtimes (and their options tables) until it is `times` its size. */
function config(times) {
  const parts = [baseConfig];
  let size = baseConfig.length;
  for (let i = 0; size < baseConfig.length * times; i++) {
    const table = `\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.extra-${i}]\n  runtime_type = "io.containerd.runhcs.v1"\n  container_annotations = ["io.microsoft.container.*"]\n  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.extra-${i}.options]\n    Debug = false\n    SandboxIsolation = 0\n`;
    parts.push(table);
    size += table.length;
  }
  return parts.join('');
}

const baseFlags = corpus('kubelet/kubeadm-flags-env-windows-node-2020-k8s-pr88287.env').trim();
const kubeletFlags = [
  '--cert-dir=C:/var/lib/kubelet/pki',
  '--config=C:/var/lib/kubelet/config.yaml',
  '--bootstrap-kubeconfig=C:/etc/kubernetes/bootstrap-kubelet.conf',
  '--kubeconfig=C:/etc/kubernetes/kubelet.conf',
  '--hostname-override=akswin000001',
  '--enable-debugging-handlers',
  '--cgroups-per-qos=false',
  '--enforce-node-allocatable=""',
  '--resolv-conf=""',
  '--feature-gates=WindowsHostProcessContainers=true',
].join(' ');
/** kubeadm-flags.env from the corpus plus a service's flags, the flag list repeated `times` times. */
function flags(times) {
  const inner = /"(.*)"/.exec(baseFlags)?.[1] ?? '';
  return `KUBELET_KUBEADM_ARGS="${Array.from({ length: times }, () => `${inner} ${kubeletFlags}`).join(' ')}"\n`;
}

/** A KubeletConfiguration as on a Windows node, with `times` as many settings and feature gates. */
function kubeletConfig(times) {
  const gates = Array.from({ length: 20 * times }, (_, i) => `  Gate${i}: ${i % 2 === 0}`).join('\n');
  const extra = Array.from(
    { length: 10 * times },
    (_, i) => `evictionHard${i}:\n  memory.available: "${100 + i}Mi"`,
  ).join('\n');
  return `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupsPerQOS: false
enforceNodeAllocatable: []
containerRuntimeEndpoint: npipe:////./pipe/containerd-containerd
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: C:/etc/kubernetes/pki/ca.crt
clusterDNS:
- 10.0.0.10
featureGates:
  WindowsHostProcessContainers: true
${gates}
${extra}
`;
}

const baseSnapshot = JSON.parse(readFileSync(path.join(root, 'examples', 'nodes', 'healthy-1.7.json'), 'utf8'));
/** The healthy example snapshot with a containerd log tail that makes it `times` its size. */
function snapshot(times) {
  const s = structuredClone(baseSnapshot);
  const size = JSON.stringify(baseSnapshot).length;
  const logPath = 'C:\\ProgramData\\containerd\\containerd.log';
  s.containerd.log = {
    state: 'ok',
    value: { path: logPath, tail: containerdLog(Math.max(1, size * times - size), times) },
    source: { kind: 'file', path: logPath },
  };
  return JSON.stringify(s);
}

// ------------------------------------------------------------------------------------------ running

function sink() {
  return { write: async () => {}, isTTY: false };
}

async function runCli(args) {
  const io = {
    stdout: sink(),
    stderr: sink(),
    stdin: Object.assign(Readable.from([]), { isTTY: true }),
    env: { NO_COLOR: '1', PATH: process.env.PATH ?? '' },
    cwd: root,
    platform: process.platform,
  };
  const code = await main(args, io);
  if (code > 4) throw new Error(`${args.join(' ')}: exit ${code}`);
}

async function timed(args) {
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const started = performance.now();
    await runCli(args);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'hpd-bench-scale-'));
const rows = [];
try {
  const parsers = [
    {
      name: 'containerd config TOML',
      make: config,
      args: (f) => ['analyze', '--containerd-config', f, '--containerd-version', '1.7.20', '--json'],
    },
    { name: 'kubelet flags', make: flags, args: (f) => ['analyze', '--kubelet-flags', `@${f}`, '--json'] },
    { name: 'kubelet config YAML', make: kubeletConfig, args: (f) => ['analyze', '--kubelet-config', f, '--json'] },
    { name: 'snapshot (with log tail)', make: snapshot, args: (f) => ['analyze', f, '--json'] },
    {
      name: 'explain (containerd log)',
      make: (times) => containerdLog(times * 1 * MB, 3),
      args: (f) => ['explain', '--file', f, '--json'],
    },
  ];
  for (const parser of parsers) {
    const cells = [];
    for (const times of [1, 10, 100]) {
      const text = parser.make(times);
      const file = path.join(dir, `${parser.name.replace(/\W+/g, '-')}-${times}`);
      await writeFile(file, text);
      const ms = await timed(parser.args(file));
      cells.push({ bytes: Buffer.byteLength(text), ms });
    }
    // Time per MB at 100x over time per MB at 10x: about 1 (or less, while a fixed cost still shows) is
    // linear; a quadratic path gives about 10.
    const perMb = (c) => c.ms / (c.bytes / MB);
    rows.push({ name: parser.name, cells, growth: perMb(cells[2]) / perMb(cells[1]) });
  }

  // explain over one big log, in its own process, for its peak RSS.
  const log = path.join(dir, 'containerd.log');
  const handle = await open(log, 'w');
  const piece = containerdLog(8 * MB, 11);
  let written = 0;
  while (written < LOG_MB * MB) {
    const part = piece.slice(0, Math.min(piece.length, LOG_MB * MB - written));
    await handle.write(part);
    written += Buffer.byteLength(part);
  }
  await handle.close();
  const rssHook = path.join(dir, 'rss.cjs');
  await writeFile(
    rssHook,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the hook's own template, run in the child.
    "process.on('exit', () => require('node:fs').writeSync(2, `\\nhpd-bench-rss ${process.resourceUsage().maxRSS}\\n`));\n",
  );
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', rssHook, bin, 'explain', '--file', log, '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`explain over the log: exit ${run.status}: ${run.stderr}`);
  const rssKb = Number(/hpd-bench-rss (\d+)/.exec(run.stderr)?.[1] ?? Number.NaN);
  const matches = JSON.parse(run.stdout).matches.map((m) => `${m.id} x${m.occurrences}`);

  const fmtSize = (b) => (b >= MB ? `${(b / MB).toFixed(1)} MB` : `${(b / 1024).toFixed(1)} KB`);
  const header = ['parser', '1x', 'ms/MB', '10x', 'ms/MB', '100x', 'ms/MB', 'growth'];
  const table = rows.map((r) => [
    r.name,
    ...r.cells.flatMap((c) => [fmtSize(c.bytes), (c.ms / (c.bytes / MB)).toFixed(0)]),
    r.growth.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));
  console.log('');
  console.log(
    `explain --file over a ${LOG_MB} MB containerd log: ${seconds.toFixed(2)} s, peak RSS ${(rssKb / 1024).toFixed(0)} MB; found ${matches.join(', ')}`,
  );
  console.log(`scale: explain ${(LOG_MB / seconds).toFixed(1)} MB/s, rss ${(rssKb / 1024).toFixed(0)} MB`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
