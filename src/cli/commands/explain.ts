import { CATALOGUE } from '../../catalogue/entries.js';
import { type Match, Matcher } from '../../catalogue/match.js';
import { usageError } from '../../contract/errors.js';
import { EXIT_FINDINGS, EXIT_OK } from '../../contract/exit-codes.js';
import { emptyFacts, type NodeFacts } from '../../contract/facts.js';
import { describeNode } from '../../engine.js';
import { linkFacts } from '../../explain/link.js';
import { type Explanation, renderCatalogue, renderJson, renderText } from '../../explain/render.js';
import { inputPath, inputText, LIMITS } from '../../parse/input.js';
import { loadSnapshot } from '../../sources/snapshot.js';
import { applyWhatIf } from '../../sources/whatif.js';
import type { Command } from '../command.js';
import { asciiSymbols, colorEnabled, terminalWidth, whatIfFlags, whatIfGroup } from '../common.js';
import type { Io } from '../io.js';
import type { Values } from '../options.js';

/** explain's inputs: --file LOG and stdin are streamed (bounded memory, at most LIMITS.stream bytes each). */
function logSource(file: string) {
  return {
    name: file === '-' ? 'stdin' : file,
    what: file === '-' ? 'explain' : 'explain --file',
    maxBytes: LIMITS.stream,
  };
}

interface Input {
  matches: Match[];
  sources: string[];
  lines: number;
}

/**
 * Matches the text from the command line, the files and stdin, in that order, as one text (a newline
 * between inputs), read piece by piece: no input is ever held whole.
 */
async function matchInput(positionals: string[], files: string[], io: Io): Promise<Input> {
  const stdinWanted = positionals.includes('-') || files.includes('-');
  if (positionals.includes('-') && positionals.length > 1) {
    throw usageError("explain: give the text as arguments or '-' for stdin, not both.");
  }
  const fromArgs = positionals.length > 0 && !stdinWanted;
  const noOtherInput = positionals.length === 0 && files.length === 0;
  const fromStdin = stdinWanted || (noOtherInput && io.stdin.isTTY !== true);
  if (!fromArgs && !fromStdin && files.every((f) => f === '-')) {
    throw usageError(
      `explain needs the error text: give it in quotes, with --file LOG, or on stdin.\n  hostprocess-doctor explain "failed to logon user: Access is denied."\nRun 'hostprocess-doctor explain --help' for the options.`,
    );
  }
  const matcher = new Matcher();
  const sources: string[] = [];
  const next = (source: string) => {
    if (sources.length > 0) matcher.write('\n');
    sources.push(source);
  };
  const stream = async (file: string) => {
    for await (const text of inputText(inputPath(io.cwd, file), logSource(file), { stream: io.stdin })) {
      matcher.write(text);
    }
  };
  if (fromArgs) {
    next('the command line');
    matcher.write(positionals.join(' '));
  }
  for (const file of files) {
    if (file === '-') continue;
    next(file);
    await stream(file);
  }
  if (fromStdin) {
    next('stdin');
    await stream('-');
  }
  const matches = matcher.end();
  if (!matcher.sawText) {
    throw usageError(`explain: the text from ${sources.join(', ')} is empty. Give the error message to explain.`);
  }
  return { matches, sources, lines: matcher.lines };
}

async function nodeFacts(values: Values, stdinTaken: boolean, io: Io) {
  const snapshot = values.str('snapshot');
  if (snapshot === '-' && stdinTaken)
    throw usageError(
      'explain: stdin cannot carry both the text and the snapshot (--snapshot -). Give one of them as a file.',
    );
  const base: NodeFacts =
    snapshot === undefined ? emptyFacts() : await loadSnapshot(snapshot, io.cwd, { stream: io.stdin });
  const { facts, applied } = await applyWhatIf(base, whatIfFlags(values, io));
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
  spec: {
    name: 'explain',
    summary: 'explain an error message: its cause, the check that proves it, and the fix',
    usage: [
      'explain "ERROR TEXT" [options]',
      'explain --file LOG [--file LOG2 ...] [options]',
      '... | hostprocess-doctor explain [options]',
    ],
    description: `Explains an error message from kubectl describe, a DaemonSet's events, or containerd's or kubelet's log:
its cause, the checks that prove it on a node, and the fix. Give the text as arguments (quote it), with
--file, or on stdin ('-' or piped input). Wrapped console lines, kubectl event tables and whole logs
with many messages are understood; every known cause is listed, best first.`,
    groups: [
      {
        title: 'Input',
        options: [
          { name: 'file', kind: 'list', arg: 'LOG', help: "read the text from a file (repeatable; '-' is stdin)" },
          { name: 'list', kind: 'flag', help: 'list the known failures instead (with --json, their patterns too)' },
        ],
      },
      {
        title: 'Is it this node? Give facts, and explain runs the related checks on them',
        options: [
          {
            name: 'snapshot',
            kind: 'value',
            arg: 'FILE',
            help: "a snapshot from 'hostprocess-doctor collect' ('-' for stdin)",
          },
        ],
      },
      whatIfGroup(true),
      {
        title: 'Output',
        options: [
          {
            name: 'json',
            kind: 'flag',
            help: 'print only JSON: {matches: [{id, title, confidence, cause, checks, fix, sources, ...}]}',
          },
          { name: 'verbose', short: 'v', kind: 'flag', help: 'all sources and notes' },
          {
            name: 'no-color',
            kind: 'flag',
            help: 'no ANSI colours (also with NO_COLOR, FORCE_COLOR=0, TERM=dumb, or in a pipe)',
          },
        ],
      },
    ],
    positionals: true,
    footer: `Examples:
  hostprocess-doctor explain "failed to create user process token: failed to logon user: Access is denied."
  hostprocess-doctor explain --file C:\\ProgramData\\containerd\\containerd.log --snapshot node.json
  kubectl describe pod my-hpc-pod | hostprocess-doctor explain --service-account '.\\admin'

Exit codes: 0 a known cause was found · 1 no known cause · 2 usage or input error`,
  },
  async run({ values, positionals }, io) {
    if (values.bool('list')) {
      await io.stdout.write(renderCatalogue(CATALOGUE, values.bool('json')));
      return EXIT_OK;
    }
    const files = values.all('file').filter((f) => f !== '');
    // Facts first: a bad snapshot or what-if flag is a usage error before any reading of stdin.
    const stdinTaken =
      positionals.includes('-') ||
      files.includes('-') ||
      (positionals.length === 0 && files.length === 0 && io.stdin.isTTY !== true);
    const node = await nodeFacts(values, stdinTaken, io);
    const { matches, sources, lines } = await matchInput(positionals, files, io);
    const explanation: Explanation = { inputs: sources, lines, matches };
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
    const width = terminalWidth(io.stdout);
    await io.stdout.write(
      values.bool('json')
        ? renderJson(explanation)
        : renderText(explanation, {
            color: colorEnabled(values, io.stdout, io.env),
            asciiSymbols: asciiSymbols(io.env, io.platform),
            verbose: values.bool('verbose'),
            ...(width === undefined ? {} : { width }),
          }),
    );
    return matches.length > 0 ? EXIT_OK : EXIT_FINDINGS;
  },
};
