import { analyzeFacts } from '../../engine.js';
import { usageError } from '../../errors.js';
import { emptyFacts } from '../../facts.js';
import { loadSnapshot } from '../../snapshot.js';
import { applyWhatIf } from '../../whatif.js';
import { bool, HELP_OPTION, OUTPUT_OPTIONS, parse, SELECTION_OPTIONS, WHAT_IF_OPTIONS, whatIfFlags } from '../args.js';
import type { Command } from '../command.js';
import { CHECK_OPTIONS, EXIT_HELP, OUTPUT_HELP, runOptions, SELECTION_HELP, WHAT_IF_HELP } from '../common.js';
import { writeStdout } from '../output.js';
import { REPORT_OUTPUT_HELP, REPORT_OUTPUT_OPTIONS, runReported } from '../report-output.js';

const HELP = `Usage: hostprocess-doctor analyze [SNAPSHOT.json | -] [options]

Runs the checks on a snapshot written by 'hostprocess-doctor collect' (or '-' for stdin), on any OS.
What-if flags stand in for facts, so no snapshot is needed to lint a config:
  hostprocess-doctor analyze --containerd-config config.toml --containerd-version 1.7.20 --json
Checks whose facts are not given are skipped.

${WHAT_IF_HELP}

${SELECTION_HELP}

${OUTPUT_HELP}

${REPORT_OUTPUT_HELP}

${EXIT_HELP}
`;

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'run the checks on a saved snapshot and/or what-if facts, on any OS',
  help: HELP,
  async run(args) {
    const { values, positionals } = parse(
      'analyze',
      args,
      {
        ...OUTPUT_OPTIONS,
        ...SELECTION_OPTIONS,
        ...WHAT_IF_OPTIONS,
        ...CHECK_OPTIONS,
        ...REPORT_OUTPUT_OPTIONS,
        ...HELP_OPTION,
      },
      true,
    );
    if (bool(values, 'help')) {
      await writeStdout(HELP);
      return 0;
    }
    if (positionals.length > 1) {
      throw usageError(
        `analyze takes one snapshot, got ${positionals.length}: ${positionals.join(' ')}. Analyse them one at a time.`,
      );
    }
    return runReported('analyze', values, async () => {
      const options = runOptions(values);
      const snapshot = positionals[0];
      const base = snapshot === undefined ? emptyFacts() : await loadSnapshot(snapshot);
      const { facts, applied } = await applyWhatIf(base, whatIfFlags(values));
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
