/**
 * deploy/: the manifests parse, hold to the HostProcess API rules, and carry what a Windows admin
 * expects (privileged namespace, Windows node selector and tolerations, requests and limits, NODE_NAME
 * from the downward API, no service account token); the NPD config and the Dockerfile are sound.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { parseAllDocuments } from 'yaml';
import { ROOT } from '../helpers/cli.js';
import { allowedRunAsUserName, hostProcessProblems } from '../helpers/hostprocess-rules.js';

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML trees, navigated freely in the assertions
type Json = Record<string, any>;
const DEPLOY = path.join(ROOT, 'deploy');

function load(file: string): Json[] {
  const docs = parseAllDocuments(readFileSync(path.join(DEPLOY, file), 'utf8'));
  return docs.map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS() as Json;
  });
}

const byKind = (docs: Json[], kind: string) => {
  const found = docs.find((d) => d.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found;
};

const workloads = () =>
  [
    ['daemonset.yaml', byKind(load('daemonset.yaml'), 'DaemonSet')],
    ['job.yaml', byKind(load('job.yaml'), 'Job')],
  ] as const;

test('the namespace enforces the privileged Pod Security level that HostProcess pods need', (t) => {
  const ns = byKind(load('namespace.yaml'), 'Namespace');
  t.is(ns.metadata.labels['pod-security.kubernetes.io/enforce'], 'privileged');
  for (const [file, w] of workloads()) t.is(w.metadata.namespace, ns.metadata.name, file);
});

for (const [file, workload] of workloads()) {
  const pod = workload.spec.template.spec as Json;

  test(`${file}: holds to the HostProcess API rules`, (t) => {
    t.deepEqual(hostProcessProblems(pod, file), []);
    t.is(pod.hostNetwork, true);
    t.is(pod.securityContext.windowsOptions.hostProcess, true);
  });

  test(`${file}: runs as SYSTEM, the least-privileged account that can run every check`, (t) => {
    t.is(pod.securityContext.windowsOptions.runAsUserName, 'NT AUTHORITY\\SYSTEM');
  });

  test(`${file}: Windows nodes only, tolerating the usual Windows taints`, (t) => {
    t.deepEqual(pod.nodeSelector, { 'kubernetes.io/os': 'windows' });
    const tolerated = (pod.tolerations as Json[]).map((x) => `${x.key}=${x.value}:${x.effect}`);
    t.true(tolerated.includes('os=windows:NoSchedule'));
    t.true(tolerated.includes('node.kubernetes.io/os=windows:NoSchedule'));
  });

  test(`${file}: requests and limits, NODE_NAME from the downward API, a pinned image, no API token`, (t) => {
    t.false(pod.automountServiceAccountToken);
    for (const c of pod.containers as Json[]) {
      for (const kind of ['requests', 'limits']) {
        t.truthy(c.resources?.[kind]?.cpu, `${c.name} ${kind}.cpu`);
        t.truthy(c.resources?.[kind]?.memory, `${c.name} ${kind}.memory`);
      }
      const nodeName = (c.env as Json[]).find((e) => e.name === 'NODE_NAME');
      t.is(nodeName?.valueFrom?.fieldRef?.fieldPath, 'spec.nodeName');
      t.regex(c.image, /:\d+\.\d+\.\d+$/, 'a version tag, never latest');
      t.deepEqual(c.command, ['%CONTAINER_SANDBOX_MOUNT_POINT%\\hostprocess-doctor\\hostprocess-doctor.exe']);
    }
  });
}

test("the DaemonSet watches every 5 minutes into windows_exporter's textfile directory", (t) => {
  const ds = byKind(load('daemonset.yaml'), 'DaemonSet');
  const [container] = ds.spec.template.spec.containers as Json[];
  t.deepEqual(container?.args, [
    'watch',
    '--interval',
    '5m',
    '--textfile-dir',
    'C:\\Program Files\\windows_exporter\\textfile_inputs',
  ]);
  t.like(ds.spec.template.metadata.labels, ds.spec.selector.matchLabels);
  t.is(ds.spec.template.metadata.labels.app, 'hostprocess-doctor');
  const sa = byKind(load('daemonset.yaml'), 'ServiceAccount');
  t.is(ds.spec.template.spec.serviceAccountName, sa.metadata.name);
  t.false(sa.automountServiceAccountToken);
});

test('the Job runs once, is not retried on findings, and does not match the DaemonSet selector', (t) => {
  const job = byKind(load('job.yaml'), 'Job');
  const ds = byKind(load('daemonset.yaml'), 'DaemonSet');
  t.deepEqual(job.spec.template.spec.containers[0].args, ['watch', '--once']);
  t.is(job.spec.backoffLimit, 0);
  t.is(job.spec.template.spec.restartPolicy, 'Never');
  const labels = job.spec.template.metadata.labels as Json;
  const selected = Object.entries(ds.spec.selector.matchLabels as Json).every(([k, v]) => labels[k] === v);
  t.false(selected, 'the DaemonSet would claim the Job pods');
  t.is(labels.app, 'hostprocess-doctor', 'kubectl logs -l app=hostprocess-doctor finds both');
});

test('kustomization lists files that exist and the image the manifests use', (t) => {
  const k = byKind(load('kustomization.yaml'), 'Kustomization');
  for (const file of k.resources as string[]) t.notThrows(() => load(file), file);
  const [image] = k.images as Json[];
  const ds = byKind(load('daemonset.yaml'), 'DaemonSet');
  t.true((ds.spec.template.spec.containers[0].image as string).startsWith(`${image?.name}:`));
});

test('the checker catches each broken rule', (t) => {
  const good = structuredClone(workloads()[0][1].spec.template.spec) as Json;
  const broken = (mutate: (pod: Json) => void) => {
    const pod = structuredClone(good);
    mutate(pod);
    return hostProcessProblems(pod);
  };
  t.deepEqual(
    broken(() => undefined),
    [],
  );
  t.regex(broken((p) => delete p.hostNetwork).join(), /hostNetwork is not true/);
  t.regex(
    broken((p) => {
      p.initContainers = [{ name: 'setup', image: 'x', securityContext: { windowsOptions: { hostProcess: false } } }];
    }).join(),
    /initContainer setup is not HostProcess/,
  );
  t.regex(
    broken((p) => {
      p.securityContext.runAsNonRoot = true;
    }).join(),
    /runAsNonRoot is true/,
  );
  t.regex(
    broken((p) => {
      p.securityContext.windowsOptions.runAsUserName = '.\\admin';
    }).join(),
    /runAsUserName ".\\\\admin" is not allowed/,
  );
  t.regex(
    broken((p) => {
      delete p.securityContext.windowsOptions.hostProcess;
    }).join(),
    /container doctor is not HostProcess/,
  );
});

test('allowed runAsUserName values', (t) => {
  for (const ok of [
    'NT AUTHORITY\\SYSTEM',
    'NT AUTHORITY\\Local service',
    'NT AUTHORITY\\NetworkService',
    'NT AUTHORITY\\system',
    'hpc-localgroup',
  ]) {
    t.true(allowedRunAsUserName(ok), ok);
  }
  for (const bad of [
    'nt authority\\SYSTEM',
    'NT AUTHORITY\\Administrator',
    '.\\admin',
    'DOMAIN\\user',
    'a\\b\\c',
    '',
    'group:name',
  ]) {
    t.false(allowedRunAsUserName(bad), bad);
  }
});

test('the NPD custom plugin monitor raises HostProcessUnready from doctor --npd', (t) => {
  const config = JSON.parse(readFileSync(path.join(DEPLOY, 'npd', 'hostprocess-doctor-monitor.json'), 'utf8')) as Json;
  t.is(config.plugin, 'custom');
  t.deepEqual(
    (config.conditions as Json[]).map((c) => c.type),
    ['HostProcessUnready'],
  );
  const seconds = (d: string) => {
    const m = /^(\d+)(s|m)$/.exec(d);
    if (!m) throw new Error(`not a duration: ${d}`);
    return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
  };
  for (const rule of config.rules as Json[]) {
    t.is(rule.condition, 'HostProcessUnready');
    t.is(rule.type, 'permanent');
    t.true(
      seconds(rule.timeout) <= seconds(config.pluginConfig.timeout),
      'a rule timeout may not exceed the global timeout',
    );
    t.true((rule.args as string[]).includes('--npd'));
    t.regex(rule.path, /^[A-Z]:\\/, 'an absolute Windows path: NPD stats it at start');
  }
  t.is(config.pluginConfig.max_output_length, 80);
  t.true(seconds(config.pluginConfig.timeout) >= 60, "PowerShell collection needs more than NPD's 5 s default");
});

test('the Dockerfile: the HostProcess base image at a pinned tag, the single executable alone, no RUN', (t) => {
  const dockerfile = readFileSync(path.join(DEPLOY, 'Dockerfile'), 'utf8');
  const lines = dockerfile.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  t.regex(
    dockerfile,
    /^ARG BASE_IMAGE=mcr\.microsoft\.com\/oss\/kubernetes\/windows-host-process-containers-base-image:v\d+\.\d+\.\d+$/m,
  );
  t.regex(dockerfile, /^FROM --platform=windows\/amd64 \$\{BASE_IMAGE\}$/m);
  t.false(
    lines.some((l) => /^RUN\b/i.test(l)),
    'the base image has no shell',
  );
  t.regex(dockerfile, /^COPY hostprocess-doctor\/ \/hostprocess-doctor\/$/m);
  const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)?.[1];
  t.deepEqual(JSON.parse(entrypoint ?? '[]'), [
    '%CONTAINER_SANDBOX_MOUNT_POINT%\\hostprocess-doctor\\hostprocess-doctor.exe',
  ]);
  t.deepEqual(
    lines.filter((l) => /^(COPY|ADD)\b/i.test(l)),
    ['COPY hostprocess-doctor/ /hostprocess-doctor/'],
    'one COPY, of the staged exe and its notices',
  );
  t.deepEqual(JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]'), ['watch', '--interval', '5m']);
});
