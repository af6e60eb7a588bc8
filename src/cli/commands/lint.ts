import { usageError } from '../../contract/errors.js';
import { emptyFacts } from '../../contract/facts.js';
import type { Command } from '../command.js';
import { asciiSymbols, colorEnabled, GROUP_OPTION, terminalWidth, whatIfFlags, whatIfGroup } from '../common.js';
import type { Io } from '../io.js';
import type { OptionGroup, Values } from '../options.js';

/** The what-if facts the lint reads; the kubelet ones say nothing about a workload. */
const LINT_WHAT_IF = ['containerd-version', 'containerd-config', 'service-account', 'os-build'];

const NODE_GROUP: OptionGroup = {
  title: 'Node facts (optional: the node the workloads would run on)',
  options: [
    {
      name: 'snapshot',
      kind: 'value',
      arg: 'NODE.json',
      help: "a snapshot written by 'hostprocess-doctor collect' ('-' for stdin)",
    },
    ...whatIfGroup(false).options.filter((o) => LINT_WHAT_IF.includes(o.name)),
    {
      ...GROUP_OPTION,
      help: "a local group that exists on the node (repeatable): with these, or a snapshot's\ngroups, a local-group runAsUserName the node lacks is an error",
    },
  ],
};

const INPUT_GROUP: OptionGroup = {
  title: 'Input and Pod Security',
  options: [
    {
      name: 'recursive',
      short: 'R',
      kind: 'flag',
      help: "read directories' subdirectories too (hidden ones are skipped)",
    },
    {
      name: 'namespace',
      short: 'n',
      kind: 'value',
      arg: 'NS',
      help: "the namespace of objects that name none (kubectl's -n; default: unknown)",
    },
    {
      name: 'namespace-labels',
      kind: 'list',
      arg: 'NS=K=V[,K=V]',
      help: "a namespace's labels, e.g. kube-system=pod-security.kubernetes.io/enforce=baseline\n(repeatable; instead of its Namespace manifest, which the inputs may also hold)",
    },
    {
      name: 'pod-security-default',
      kind: 'value',
      arg: 'LEVEL',
      help: "the cluster's default enforce level for namespaces without the label\n(privileged, baseline or restricted: the AdmissionConfiguration's defaults.enforce)",
    },
  ],
};

const RULES_GROUP: OptionGroup = {
  title: 'Rules',
  options: [
    {
      name: 'allow-system',
      kind: 'flag',
      help: 'LocalSystem is needed: no prefer-local-service note (per workload: the annotation\nhostprocess-doctor/needs-system: "<why>")',
    },
    {
      name: 'ignore',
      kind: 'list',
      arg: 'RULE|all',
      help: "report these rules' errors as warnings (they stay visible)",
    },
  ],
};

const OUTPUT_GROUP: OptionGroup = {
  title: 'Output',
  options: [
    { name: 'json', kind: 'flag', help: 'print only the JSON report (schema/lint.schema.json) on stdout' },
    {
      name: 'format',
      kind: 'value',
      arg: 'FORMAT',
      help: 'human (default), json (the same as --json) or sarif (SARIF 2.1.0 for GitHub code scanning)',
    },
    {
      name: 'docs-base',
      kind: 'value',
      arg: 'URL',
      help: "with --format sarif: the absolute URL hostprocess-doctor's docs/ are published at, for helpUri",
    },
    { name: 'verbose', short: 'v', kind: 'flag', help: 'every fix, and what each object did not check and why' },
    { name: 'no-color', kind: 'flag', help: 'no ANSI colours (also with NO_COLOR, or when stdout is not a terminal)' },
  ],
};

const FORMATS = ['human', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

function formatOf(values: Values): Format {
  const given = values.str('format');
  if (given !== undefined && !(FORMATS as readonly string[]).includes(given))
    throw usageError(
      `lint: --format ${JSON.stringify(given.slice(0, 40))} is not a format; give one of ${FORMATS.join(', ')}.`,
    );
  if (values.bool('json') && given !== undefined && given !== 'json')
    throw usageError(`lint: --json and --format ${given} ask for two formats; give one.`);
  return values.bool('json') ? 'json' : ((given as Format | undefined) ?? 'human');
}

function docsBaseOf(values: Values): string | undefined {
  const given = values.str('docs-base');
  if (given === undefined) return undefined;
  try {
    const url = new URL(given.endsWith('/') ? given : `${given}/`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
    return url.href;
  } catch {
    throw usageError(
      `lint: --docs-base ${JSON.stringify(given.slice(0, 80))} is not an absolute http(s) URL; give the URL hostprocess-doctor's docs/ are published at.`,
    );
  }
}

async function nodeInput(values: Values, io: Io, stdinTaken: boolean) {
  const { loadSnapshot } = await import('../../sources/snapshot.js');
  const { applyWhatIf } = await import('../../sources/whatif.js');
  const snapshot = values.str('snapshot');
  if (snapshot === '-' && stdinTaken)
    throw usageError('lint: stdin can hold the manifests or the snapshot, not both; give the snapshot as a file.');
  const base = snapshot === undefined ? emptyFacts() : await loadSnapshot(snapshot, io.cwd, { stream: io.stdin });
  const { facts, applied } = await applyWhatIf(base, whatIfFlags(values, io, false));
  const groups = values.list('group');
  if (snapshot === undefined && applied.length === 0 && groups.length === 0) return undefined;
  return {
    facts,
    source: snapshot === undefined ? ('what-if' as const) : ('snapshot' as const),
    ...(snapshot === undefined ? {} : { snapshot: snapshot === '-' ? 'stdin' : snapshot }),
    whatIf: [...applied, ...(groups.length > 0 ? ['--group'] : [])],
    groups,
  };
}

export const lintCommand: Command = {
  spec: {
    name: 'lint',
    summary: 'check HostProcess workload manifests (API rules, Pod Security, the node) before applying them',
    usage: ['lint [FILE | DIR | -]... [options]'],
    description: `Reads Kubernetes manifests (multi-document YAML or JSON; kind: List as 'kubectl get -o yaml' prints
it) and checks every Pod, Deployment, DaemonSet, StatefulSet, ReplicaSet, ReplicationController, Job,
CronJob and PodTemplate whose pod or any container sets securityContext.windowsOptions.hostProcess:
true against what the API server, Pod Security admission, containerd and hcsshim require. Other objects
are listed, not judged. Each finding names the file, line and column, the object and the field.
A directory gives its *.yaml, *.yml and *.json files (kustomization.yaml is skipped); with no input and
stdin not a terminal, stdin is read:
  helm template ./chart | hostprocess-doctor lint -
  hostprocess-doctor lint deploy/ --snapshot node.json
  hostprocess-doctor lint k8s/ -R --format sarif > lint.sarif
Namespaces: the labels of a Namespace manifest among the inputs, or --namespace-labels, decide Pod
Security. Node facts (a snapshot or what-if flags) add the node's own checks. The rules: docs/lint/.`,
    groups: [INPUT_GROUP, NODE_GROUP, RULES_GROUP, OUTPUT_GROUP],
    positionals: true,
    footer: `Exit codes: 0 no error (warnings and notes allowed) · 1 an error-severity finding · 2 usage error or
invalid input (a YAML error names file:line:column) · 4 inconclusive (no error, but something could not
be seen: unrendered templates, unreadable node facts, or no HostProcess workload in the input)`,
  },
  async run({ values, positionals }, io) {
    const format = formatOf(values);
    const docsBase = docsBaseOf(values);
    if (docsBase !== undefined && format !== 'sarif') throw usageError('lint: --docs-base goes with --format sarif.');
    let inputs = positionals;
    if (inputs.length === 0) {
      if (io.stdin.isTTY === true) {
        throw usageError(
          "lint needs manifests: give files or directories, or pipe them in, e.g. 'hostprocess-doctor lint deploy/' or 'helm template . | hostprocess-doctor lint -'.",
        );
      }
      inputs = ['-'];
    }
    if (inputs.filter((i) => i === '-').length > 1) throw usageError("lint: give '-' (stdin) once.");
    const [{ LEVELS, isLevel, parseNamespaceLabels }, { RULES_BY_ID, LINT_RULES }, { readInputs }, { lintTexts }] =
      await Promise.all([
        import('../../lint/psa.js'),
        import('../../lint/rules/index.js'),
        import('../../lint/inputs.js'),
        import('../../lint/engine.js'),
      ]);
    const level = values.str('pod-security-default');
    if (level !== undefined && !isLevel(level))
      throw usageError(
        `lint: --pod-security-default ${JSON.stringify(level.slice(0, 40))}: give one of ${LEVELS.join(', ')}.`,
      );
    const namespaceLabels = values.all('namespace-labels').map((text) => {
      const parsed = parseNamespaceLabels(text);
      if (!parsed)
        throw usageError(
          `lint: --namespace-labels ${JSON.stringify(text.slice(0, 80))}: give NAMESPACE=KEY=VALUE[,KEY=VALUE], e.g. kube-system=pod-security.kubernetes.io/enforce=privileged.`,
        );
      return parsed;
    });
    const ignore = values.list('ignore');
    const unknown = ignore.filter((id) => id !== 'all' && !RULES_BY_ID.has(id));
    if (unknown.length > 0)
      throw usageError(
        `lint: --ignore: unknown rule ${unknown.map((u) => `'${u.slice(0, 40)}'`).join(', ')}. The rules: ${LINT_RULES.map((r) => r.meta.id).join(', ')}.`,
      );
    const namespace = values.str('namespace');
    const node = await nodeInput(values, io, inputs.includes('-'));
    const listing = await readInputs(inputs, {
      cwd: io.cwd,
      stdin: { stream: io.stdin },
      recursive: values.bool('recursive'),
    });
    const report = await lintTexts(listing.sources, {
      ...(node ? { node } : {}),
      namespaceLabels,
      ...(namespace === undefined ? {} : { defaultNamespace: namespace }),
      ...(level === undefined ? {} : { podSecurityDefault: level as 'privileged' | 'baseline' | 'restricted' }),
      allowSystem: values.bool('allow-system'),
      ignore,
    });
    const { lintExitCode } = await import('../../lint/report.js');
    if (format === 'json') {
      const { renderLintJson } = await import('../../lint/json.js');
      await io.stdout.write(renderLintJson(report));
    } else if (format === 'sarif') {
      const { renderSarif } = await import('../../lint/sarif.js');
      await io.stdout.write(renderSarif(report, { rules: LINT_RULES, ...(docsBase ? { docsBase } : {}) }));
    } else {
      const { renderLintHuman } = await import('../../lint/human.js');
      const width = terminalWidth(io.stdout);
      await io.stdout.write(
        renderLintHuman(report, {
          verbose: values.bool('verbose'),
          color: colorEnabled(values, io.stdout, io.env),
          asciiSymbols: asciiSymbols(io.env, io.platform),
          ...(width === undefined ? {} : { width }),
        }),
      );
    }
    return lintExitCode(report);
  },
};
