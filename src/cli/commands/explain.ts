import { readFile } from 'node:fs/promises';
import { usageError } from '../../errors.js';
import { EXIT_FINDINGS, EXIT_OK } from '../../exit-codes.js';
import { CATALOGUE } from '../../explain/catalogue.js';
import { linkFacts } from '../../explain/link.js';
import { countLines, explainText } from '../../explain/match.js';
import { type Explanation, renderCatalogue, renderJson, renderText } from '../../explain/render.js';
import { emptyFacts, type NodeFacts } from '../../facts.js';
import { describeNode } from '../../report.js';
import { decodeText } from '../../rules/text.js';
import { loadSnapshot } from '../../snapshot.js';
import { applyWhatIf } from '../../whatif.js';
import { bool, HELP_OPTION, OUTPUT_OPTIONS, parse, str, WHAT_IF_OPTIONS, whatIfFlags } from '../args.js';
import type { Command } from '../command.js';
import { WHAT_IF_HELP } from '../common.js';
import { asciiSymbols, colorEnabled, writeStdout } from '../output.js';

const HELP = `Usage: hostprocess-doctor explain "ERROR TEXT" [options]
       hostprocess-doctor explain --file LOG [--file LOG2 ...] [options]
       kubectl describe pod POD | hostprocess-doctor explain [options]

Explains an error message from kubectl describe, a DaemonSet's events, or containerd's or kubelet's log:
its cause, the checks that prove it on a node, and the fix. Give the text as arguments (quote it), with
--file, or on stdin ('-' or piped input). Wrapped console lines, kubectl event tables and whole logs
with many messages are understood; every known cause is listed, best first.

  --file LOG             read the text from a file (repeatable; '-' is stdin)
  --list                 list the known failures instead (with --json, their patterns too)

Is it this node? Give facts, and explain runs the related checks on them:
  --snapshot FILE        a snapshot from 'hostprocess-doctor collect' ('-' for stdin)

${WHAT_IF_HELP}

Output:
  --json                 print only JSON: {matches: [{id, title, confidence, cause, checks, fix, sources, ...}]}
  -v, --verbose          all sources and notes
  --no-color             no ANSI colours (also when NO_COLOR is set or stdout is not a terminal)

Examples:
  hostprocess-doctor explain "failed to create user process token: failed to logon user: Access is denied."
  hostprocess-doctor explain --file C:\\ProgramData\\containerd\\containerd.log --snapshot node.json
  kubectl describe pod my-hpc-pod | hostprocess-doctor explain --service-account '.\\admin'

Exit codes: 0 a known cause was found · 1 no known cause · 2 usage or input error
`;

const OPTIONS = {
  ...OUTPUT_OPTIONS,
  ...WHAT_IF_OPTIONS,
  ...HELP_OPTION,
  file: { type: 'string' as const, multiple: true },
  snapshot: { type: 'string' as const },
  list: { type: 'boolean' as const },
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return decodeText(Buffer.concat(chunks)).text;
}

async function readLog(file: string): Promise<string> {
  try {
    return decodeText(await readFile(file)).text;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why =
      e.code === 'ENOENT'
        ? 'no such file'
        : e.code === 'EACCES' || e.code === 'EPERM'
          ? 'access denied'
          : e.code === 'EISDIR'
            ? 'it is a directory'
            : e.message;
    throw usageError(
      `explain --file ${file}: cannot read it (${why}). Give the path of a log or of saved kubectl output.`,
    );
  }
}

interface Input {
  text: string;
  sources: string[];
}

async function gatherInput(positionals: string[], files: string[]): Promise<Input> {
  const parts: string[] = [];
  const sources: string[] = [];
  const stdinWanted = positionals.includes('-') || files.includes('-');
  if (positionals.includes('-') && positionals.length > 1) {
    throw usageError("explain: give the text as arguments or '-' for stdin, not both.");
  }
  if (positionals.length > 0 && !stdinWanted) {
    parts.push(positionals.join(' '));
    sources.push('the command line');
  }
  for (const file of files) {
    if (file === '-') continue;
    parts.push(await readLog(file));
    sources.push(file);
  }
  const noOtherInput = positionals.length === 0 && files.length === 0;
  if (stdinWanted || (noOtherInput && process.stdin.isTTY !== true)) {
    parts.push(await readStdin());
    sources.push('stdin');
  }
  if (sources.length === 0) {
    throw usageError(
      `explain needs the error text: give it in quotes, with --file LOG, or on stdin.\n  hostprocess-doctor explain "failed to logon user: Access is denied."\nRun 'hostprocess-doctor explain --help' for the options.`,
    );
  }
  const text = parts.join('\n');
  if (text.trim() === '') {
    throw usageError(`explain: the text from ${sources.join(', ')} is empty. Give the error message to explain.`);
  }
  return { text, sources };
}

async function nodeFacts(values: Parameters<typeof whatIfFlags>[0], stdinTaken: boolean) {
  const snapshot = str(values, 'snapshot');
  if (snapshot === '-' && stdinTaken)
    throw usageError(
      'explain: stdin cannot carry both the text and the snapshot (--snapshot -). Give one of them as a file.',
    );
  const base: NodeFacts = snapshot === undefined ? emptyFacts() : await loadSnapshot(snapshot);
  const { facts, applied } = await applyWhatIf(base, whatIfFlags(values));
  if (snapshot === undefined && applied.length === 0) return undefined;
  const shownSnapshot = snapshot === '-' ? 'stdin' : snapshot;
  return {
    facts,
    source: snapshot === undefined ? ('what-if' as const) : ('snapshot' as const),
    applied,
    ...(shownSnapshot === undefined ? {} : { snapshot: shownSnapshot }),
  };
}

export const explainCommand: Command = {
  name: 'explain',
  summary: 'explain an error message: its cause, the check that proves it, and the fix',
  help: HELP,
  async run(args) {
    const { values, positionals } = parse('explain', args, OPTIONS, true);
    if (bool(values, 'help')) {
      await writeStdout(HELP);
      return EXIT_OK;
    }
    if (bool(values, 'list')) {
      await writeStdout(renderCatalogue(CATALOGUE, bool(values, 'json')));
      return EXIT_OK;
    }
    const files = ((values.file as string[] | undefined) ?? []).filter((f) => f !== '');
    // Facts first: a bad snapshot or what-if flag is a usage error before any reading of stdin.
    const stdinTaken =
      positionals.includes('-') ||
      files.includes('-') ||
      (positionals.length === 0 && files.length === 0 && process.stdin.isTTY !== true);
    const node = await nodeFacts(values, stdinTaken);
    const input = await gatherInput(positionals, files);
    const matches = explainText(input.text);
    const explanation: Explanation = { inputs: input.sources, lines: countLines(input.text), matches };
    if (node) {
      const { links } = await linkFacts(matches, node.facts, {
        source: node.source,
        whatIf: node.applied,
        ...(node.snapshot === undefined ? {} : { snapshot: node.snapshot }),
      });
      const summary = describeNode(node.facts, node.source, node.snapshot);
      if (node.applied.length > 0) summary.whatIf = node.applied;
      explanation.node = { summary, links };
    }
    const json = bool(values, 'json');
    await writeStdout(
      json
        ? renderJson(explanation)
        : renderText(explanation, {
            color: colorEnabled(values),
            asciiSymbols: asciiSymbols(),
            verbose: bool(values, 'verbose'),
          }),
    );
    return matches.length > 0 ? EXIT_OK : EXIT_FINDINGS;
  },
};
