import type { Fix } from '../src/contract/check.js';
import { defineCheck } from '../src/contract/check.js';
import { factValue } from '../src/contract/facts.js';
import { formatPosition } from '../src/parse/toml.js';
import { findShimVersion } from '../src/parse/versions.js';
import { hasFatalFinding, unseenFiles } from '../src/rules/containerd/findings.js';
import {
  DEFAULT_WINDOWS_RUNTIME,
  LCOW_SNAPSHOTTER,
  RUNHCS,
  reportsUvmHostProcess,
  tablePath,
} from '../src/rules/containerd/model.js';
import { type ConfigReading, readContainerdConfig, versionReason } from '../src/rules/containerd/reading.js';
import type { RuntimeView, Sourced } from '../src/rules/containerd/runtime.js';
import { BUILT_IN } from '../src/rules/containerd/tree.js';
import { psQuote } from '../src/rules/powershell.js';

/** Why the runtime runs Linux containers, if it does (LCOW is never "process isolation"). */
function lcowWhy(runtime: RuntimeView): string | undefined {
  if (runtime.snapshotter === LCOW_SNAPSHOTTER) return `snapshotter ${LCOW_SNAPSHOTTER}`;
  if (runtime.sandboxPlatform?.toLowerCase().startsWith('linux')) return `SandboxPlatform ${runtime.sandboxPlatform}`;
  return undefined;
}

function describeRuntime(runtime: RuntimeView): string {
  const isolation = lcowWhy(runtime)
    ? 'Linux containers (LCOW)'
    : runtime.sandboxIsolation === 1
      ? 'Hyper-V isolation'
      : 'process isolation';
  return `${runtime.name} (${runtime.runtimeType || 'no runtime_type'}, ${isolation})`;
}

/** "C:\…\conf.d\10.toml:3", where a value was set. */
function placeOf(s: Sourced<unknown> | undefined): string | undefined {
  if (!s || s.origin.file === BUILT_IN) return undefined;
  return formatPosition(s.origin.file, s.origin.line || undefined);
}

/** The table a value sits in, as that file spells it. */
function tableOf(s: Sourced<unknown> | undefined): string | undefined {
  return s?.path && s.path.length > 1 ? tablePath(s.path.slice(0, -1)) : undefined;
}

/**
 * The fix names the file and line that set the effective value (an import, when the import wins) and the
 * table as that file spells it; with no value set, the table this containerd reads in the main file.
 */
function toProcessRuntime(reading: ConfigReading, runtime?: RuntimeView, culprit?: Sourced<unknown>): Fix {
  const main = reading.config?.path ?? 'C:\\Program Files\\containerd\\config.toml';
  const nameSource = runtime?.nameSource ?? (reading.resolution?.problem?.source as Sourced<unknown> | undefined);
  const where = placeOf(nameSource);
  const table =
    tableOf(nameSource) ?? reading.resolution?.sectionPath ?? 'plugins."io.containerd.grpc.v1.cri".containerd';
  const file = nameSource && nameSource.origin.file !== BUILT_IN ? nameSource.origin.file : main;
  const culpritAt = placeOf(culprit);
  const setBy = where ? ` The default is set at ${where}.` : '';
  const valueAt = culpritAt
    ? ` The value that makes it unusable is at ${culpritAt}${tableOf(culprit) ? ` (under [${tableOf(culprit)}])` : ''}.`
    : '';
  return {
    text: `HostProcess pods have no RuntimeClass, so they run on the default runtime.${setBy}${valueAt} Make the default the process-isolated runhcs runtime: under [${table}] in ${file} set default_runtime_name = "${DEFAULT_WINDOWS_RUNTIME}" (and remove a legacy default_runtime table), keep Hyper-V or LCOW as separate runtimes for RuntimeClass pods, then restart containerd.`,
    commands: [
      `Select-String -Path ${psQuote(file)} -Pattern 'default_runtime|SandboxIsolation|SandboxPlatform|snapshotter'`,
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
    versionUnreadable:
      "read as {{containerd}}, the default runtime is {{runtime}} (from {{source}}), but containerd's version could not be read ({{reason}}), and which runtime is the default depends on it",
    hyperV:
      'the default runtime {{runtime}} is Hyper-V isolated (SandboxIsolation = 1, {{at}}): HostProcess pods use the default runtime, and HostProcess containers do not support Hyper-V isolation',
    hyperVUvm:
      'the default runtime {{runtime}} is Hyper-V isolated (SandboxIsolation = 1, {{at}}): HostProcess pods use the default runtime and the shim ({{shim}}) fails them with "UVM does not support HostProcess containers"',
    lcow: 'the default runtime {{runtime}} runs Linux containers ({{why}}, {{at}}); HostProcess pods need Windows process isolation',
    notRunhcs: 'the default runtime {{runtime}} has runtime_type "{{type}}" ({{at}}); Windows pods need {{runhcs}}',
    noRuntimeType:
      'the default runtime {{name}} ({{source}}) has no runtime_type: containerd 1.x replaces its built-in runtimes with the ones a config declares, and a declared runtime starts empty, so it must say runtime_type = "{{runhcs}}"',
    unknownName:
      'default_runtime_name = "{{name}}" ({{at}}) names no runtime (defined: {{known}}): containerd\'s CRI plugin fails to load, so the kubelet cannot start any pod',
    emptyName:
      'default_runtime_name is set to "" ({{at}}): containerd\'s CRI plugin fails to load with "`default_runtime_name` is empty"',
    configBlocked:
      'the default runtime is unknown because the config could not be read completely; see containerd-config',
    configFatal:
      'containerd would not start with this config, so it has no default runtime to judge; see containerd-config',
    criDisabled:
      'the CRI plugin is disabled ({{plugin}} in disabled_plugins), so no pod runs on any runtime; see containerd-config',
  },
  run(facts, report) {
    const reading = readContainerdConfig(facts);
    const { evidence } = reading;
    if (!reading.config)
      return report.unavailable("containerd's config", reading.fact, 'give it with --containerd-config', evidence);
    const unseen = unseenFiles(reading);
    if (unseen.length > 0) return report.cannotJudge('configBlocked', unseen, { evidence });
    const resolution = reading.resolution;
    if (resolution?.criDisabledBy)
      return report.notApplicable('criDisabled', { data: { plugin: resolution.criDisabledBy }, evidence });
    if (!resolution || hasFatalFinding(reading)) return report.notApplicable('configFatal', { evidence });
    const expected = `runtime_type ${RUNHCS}, process isolation, Windows snapshotter`;
    const problem = resolution.problem;
    if (problem?.id === 'emptyDefaultName') {
      return report.fail('emptyName', {
        data: { at: placeOf(problem.source) ?? 'the config' },
        observed: 'default_runtime_name = ""',
        expected,
        evidence,
        fix: toProcessRuntime(reading),
      });
    }
    if (problem?.id === 'unknownDefaultName') {
      return report.fail('unknownName', {
        data: {
          name: problem.name,
          known: problem.known.join(', ') || 'none',
          at: placeOf(problem.source) ?? 'the config',
        },
        observed: `default_runtime_name = "${problem.name}"`,
        expected,
        evidence,
        fix: toProcessRuntime(reading),
      });
    }
    const runtime = resolution.runtime;
    if (!runtime) return report.notApplicable('configFatal', { evidence });
    const source = reading.builtInDefaultsOnly
      ? "containerd's built-in defaults"
      : runtime.definedIn === 'built-in defaults'
        ? 'the built-in defaults'
        : `${runtime.definedIn}${runtime.declaredAt ? ` in ${formatPosition(runtime.declaredAt.file, runtime.declaredAt.line || undefined)}` : ''}`;
    const data = {
      runtime: describeRuntime(runtime),
      name: runtime.name,
      source,
      type: runtime.runtimeType,
      runhcs: RUNHCS,
      why: '',
      at: '',
      shim: '',
    };
    const base = { data, observed: describeRuntime(runtime), expected, evidence };
    if (runtime.runtimeType === '')
      return report.fail('noRuntimeType', { ...base, fix: toProcessRuntime(reading, runtime) });
    if (runtime.runtimeType !== RUNHCS)
      return report.fail('notRunhcs', {
        ...base,
        data: { ...data, at: placeOf(runtime.runtimeTypeSource) ?? source },
        fix: toProcessRuntime(reading, runtime, runtime.runtimeTypeSource),
      });
    const why = lcowWhy(runtime);
    if (why) {
      const culprit =
        runtime.snapshotter === LCOW_SNAPSHOTTER ? runtime.snapshotterSource : runtime.sandboxPlatformSource;
      return report.fail('lcow', {
        ...base,
        data: { ...data, why, at: placeOf(culprit) ?? source },
        fix: toProcessRuntime(reading, runtime, culprit),
      });
    }
    if (runtime.sandboxIsolation !== undefined && runtime.sandboxIsolation !== 0) {
      const shim = findShimVersion(factValue(facts.shim?.version)?.output ?? '');
      const at = placeOf(runtime.sandboxIsolationSource) ?? 'the built-in runhcs-wcow-hypervisor runtime';
      const fix = toProcessRuntime(reading, runtime, runtime.sandboxIsolationSource);
      if (shim && reportsUvmHostProcess(shim))
        return report.fail('hyperVUvm', { ...base, data: { ...data, at, shim: `hcsshim ${shim.token}` }, fix });
      return report.fail('hyperV', { ...base, data: { ...data, at }, fix });
    }
    // Which runtime is the default, and what its options mean, depends on containerd's version.
    if (reading.versionUnseen.length > 0)
      return report.cannotJudge('versionUnreadable', reading.versionUnseen, {
        ...base,
        data: { ...data, containerd: reading.family.label, reason: versionReason(reading) },
      });
    return report.pass('processIsolated', base);
  },
});
