import { usageError } from '../../contract/errors.js';
import { emptyFacts } from '../../contract/facts.js';
import { analyzeFacts } from '../../engine.js';
import { loadSnapshot } from '../../sources/snapshot.js';
import { applyWhatIf } from '../../sources/whatif.js';
import type { Command } from '../command.js';
import { EXIT_CODES, OUTPUT, runOptions, SELECTION, whatIfFlags, whatIfGroup } from '../common.js';
import { MONITORING, runReported } from '../report-output.js';

export const analyzeCommand: Command = {
  spec: {
    name: 'analyze',
    summary: 'run the checks on a saved snapshot and/or what-if facts, on any OS',
    usage: ['analyze [SNAPSHOT.json | -] [options]'],
    description: `Runs the checks on a snapshot written by 'hostprocess-doctor collect' (or '-' for stdin), on any OS.
What-if flags stand in for facts, so no snapshot is needed to lint a config:
  hostprocess-doctor analyze --containerd-config config.toml --containerd-version 1.7.20 --json
Checks whose facts are not given are skipped.`,
    groups: [whatIfGroup(true), SELECTION, OUTPUT, MONITORING],
    positionals: true,
    footer: EXIT_CODES,
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 1) {
      throw usageError(
        `analyze takes one snapshot, got ${positionals.length}: ${positionals.slice(0, 3).join(' ')}. Analyse them one at a time, or give them to 'hostprocess-doctor fleet'.`,
      );
    }
    return runReported('analyze', values, io, async () => {
      const options = runOptions(values);
      const snapshot = positionals[0];
      const base = snapshot === undefined ? emptyFacts() : await loadSnapshot(snapshot, io.cwd, { stream: io.stdin });
      const { facts, applied } = await applyWhatIf(base, whatIfFlags(values, io));
      if (snapshot === undefined && applied.length === 0) {
        throw usageError(
          "analyze needs a snapshot file or at least one what-if flag, e.g. 'hostprocess-doctor analyze node.json' or 'hostprocess-doctor analyze --containerd-config config.toml'. See 'hostprocess-doctor analyze --help'.",
        );
      }
      return analyzeFacts(facts, {
        ...options,
        source: snapshot === undefined ? 'what-if' : 'snapshot',
        ...(snapshot === undefined ? {} : { snapshot: snapshot === '-' ? 'stdin' : snapshot }),
        whatIf: applied,
      });
    });
  },
};
