import type { Fix } from '../src/contract/check.js';
import { defineCheck } from '../src/contract/check.js';
import { hasFatalFinding, unseenFiles } from '../src/rules/containerd/findings.js';
import { LCOW_SNAPSHOTTER, RUNHCS } from '../src/rules/containerd/model.js';
import { type ConfigReading, readContainerdConfig } from '../src/rules/containerd/reading.js';
import type { RuntimeView } from '../src/rules/containerd/runtime.js';

function describeRuntime(runtime: RuntimeView): string {
  const isolation = runtime.sandboxIsolation === 1 ? 'Hyper-V isolation' : 'process isolation';
  return `${runtime.name} (${runtime.runtimeType || 'no runtime_type'}, ${isolation})`;
}

function toProcessRuntime(reading: ConfigReading): Fix {
  const section = reading.resolution?.sectionPath ?? 'plugins."io.containerd.grpc.v1.cri".containerd';
  return {
    text: `HostProcess pods have no RuntimeClass, so they run on the default runtime. Make it the process-isolated runhcs runtime in ${reading.config?.path ?? 'config.toml'}: under [${section}] set default_runtime_name = "runhcs-wcow-process" (and remove a legacy default_runtime table), keep Hyper-V isolation as a separate runtime for RuntimeClass pods, then restart containerd.`,
    commands: [
      `Select-String -Path '${reading.config?.path ?? 'C:\\Program Files\\containerd\\config.toml'}' -Pattern 'default_runtime|SandboxIsolation|SandboxPlatform|snapshotter'`,
      'Restart-Service containerd',
    ],
  };
}

export default defineCheck({
  meta: {
    id: 'containerd-default-runtime',
    title: 'Default runtime can run HostProcess pods',
    group: 'containerd',
  },
  messages: {
    processIsolated: 'default runtime {{runtime}}, from {{source}}',
    hyperV:
      'the default runtime {{runtime}} is Hyper-V isolated (SandboxIsolation = 1): HostProcess pods use the default runtime and fail with "UVM does not support HostProcess containers"',
    lcow: 'the default runtime {{runtime}} runs Linux containers (LCOW: {{why}}); HostProcess pods need Windows process isolation',
    notRunhcs: 'the default runtime {{runtime}} has runtime_type "{{type}}"; Windows pods need {{runhcs}}',
    noRuntimeType:
      'the default runtime {{name}} ({{source}}) has no runtime_type: containerd 1.x replaces its built-in runtimes with the ones a config declares, and a declared runtime starts empty, so it must say runtime_type = "{{runhcs}}"',
    unknownName:
      'default_runtime_name = "{{name}}" names no runtime (defined: {{known}}): containerd\'s CRI plugin fails to load, so the kubelet cannot start any pod',
    emptyName:
      'default_runtime_name is set to "": containerd\'s CRI plugin fails to load with "`default_runtime_name` is empty"',
    configBlocked:
      'the default runtime is unknown because the config could not be read completely; see containerd-config',
    configFatal:
      'containerd would not start with this config, so it has no default runtime to judge; see containerd-config',
    versionUnsupported:
      'the default runtime is unknown: {{line}} cannot read a version {{version}} config; see containerd-config',
  },
  run(facts, report) {
    const reading = readContainerdConfig(facts);
    const { evidence } = reading;
    if (!reading.config)
      return report.unavailable("containerd's config", reading.fact, 'give it with --containerd-config', evidence);
    const unseen = unseenFiles(reading);
    // A file that could not be read may hold the runtime settings; one containerd refuses is containerd-config's failure.
    const blocked = () =>
      unseen.length > 0
        ? report.cannotJudge('configBlocked', unseen, { evidence })
        : report.notApplicable('configBlocked', { evidence });
    if (reading.blockers.length > 0 && !reading.builtInDefaultsOnly) return blocked();
    const resolution = reading.resolution;
    if (!resolution) return blocked();
    const expected = `runtime_type ${RUNHCS}, process isolation, Windows snapshotter`;
    const problem = resolution.problem;
    if (problem?.id === 'unsupportedVersion') {
      return report.notApplicable('versionUnsupported', {
        data: { line: `containerd ${resolution.line}`, version: problem.version },
        evidence,
      });
    }
    if (hasFatalFinding(reading)) return report.notApplicable('configFatal', { evidence });
    if (problem?.id === 'emptyDefaultName') {
      return report.fail('emptyName', {
        observed: 'default_runtime_name = ""',
        expected,
        evidence,
        fix: toProcessRuntime(reading),
      });
    }
    if (problem?.id === 'unknownDefaultName') {
      const name = problem.name;
      const known = problem.known.join(', ') || 'none';
      return report.fail('unknownName', {
        data: { name, known },
        observed: `default_runtime_name = "${name}"`,
        expected,
        evidence,
        fix: toProcessRuntime(reading),
      });
    }
    const runtime = resolution.runtime;
    if (!runtime) return blocked();
    const source = reading.builtInDefaultsOnly
      ? "containerd's built-in defaults"
      : runtime.definedIn === 'built-in defaults'
        ? 'the built-in defaults'
        : runtime.definedIn;
    const data = {
      runtime: describeRuntime(runtime),
      name: runtime.name,
      source,
      type: runtime.runtimeType,
      runhcs: RUNHCS,
      why: '',
    };
    const base = { data, observed: describeRuntime(runtime), expected, evidence };
    if (runtime.runtimeType === '') return report.fail('noRuntimeType', { ...base, fix: toProcessRuntime(reading) });
    if (runtime.runtimeType !== RUNHCS) return report.fail('notRunhcs', { ...base, fix: toProcessRuntime(reading) });
    const lcowWhy =
      runtime.snapshotter === LCOW_SNAPSHOTTER
        ? `snapshotter ${LCOW_SNAPSHOTTER}`
        : runtime.sandboxPlatform?.toLowerCase().startsWith('linux')
          ? `SandboxPlatform ${runtime.sandboxPlatform}`
          : undefined;
    if (lcowWhy)
      return report.fail('lcow', { ...base, data: { ...data, why: lcowWhy }, fix: toProcessRuntime(reading) });
    if (runtime.sandboxIsolation !== undefined && runtime.sandboxIsolation !== 0) {
      return report.fail('hyperV', { ...base, fix: toProcessRuntime(reading) });
    }
    return report.pass('processIsolated', base);
  },
});
