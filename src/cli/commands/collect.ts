import { redactFacts } from '../../collect/redact.js';
import type { NodeFacts } from '../../contract/facts.js';
import type { Command } from '../command.js';
import { type Io, log } from '../io.js';
import { COLLECTION, collectHere } from '../live.js';
import { writeSnapshot } from './redact.js';

/**
 * Redaction must not change what the snapshot says; if it ever does, say so rather than share a wrong one.
 * A warning only: the comparison (loaded when asked for) can never stop the snapshot being written.
 */
async function warnIfVerdictsDiffer(original: NodeFacts, redacted: NodeFacts, io: Io): Promise<void> {
  try {
    const { analyzeFacts } = await import('../../engine.js');
    const { parseSnapshot } = await import('../../sources/snapshot.js');
    const outcomes = async (facts: NodeFacts) =>
      (await analyzeFacts(parseSnapshot(JSON.stringify(facts), 'snapshot'), { source: 'snapshot' })).results.map(
        (r) => `${r.id}=${r.status}/${r.messageId}`,
      );
    const [before, after] = await Promise.all([outcomes(original), outcomes(redacted)]);
    const changed = after.filter((r, i) => r !== before[i]);
    if (changed.length > 0)
      await log(
        io,
        `hostprocess-doctor: warning: redaction changed ${changed.join(', ')}; analyse the unredacted snapshot too, and please report this.`,
      );
  } catch (error) {
    await log(
      io,
      `hostprocess-doctor: warning: could not compare the verdicts before and after redaction (${(error as Error).message}); the snapshot is written anyway.`,
    );
  }
}

export const collectCommand: Command = {
  spec: {
    name: 'collect',
    summary: "write this node's facts to a snapshot for analyze, on any machine",
    usage: ['collect [-o FILE] [--redact] [options]'],
    description: `Reads this node's facts into a snapshot (a support bundle) without judging them. Analyse it on any
machine with 'hostprocess-doctor analyze FILE'; the results are the same as the live doctor's.`,
    groups: [
      {
        title: 'Snapshot',
        options: [
          {
            name: 'output',
            short: 'o',
            kind: 'value',
            arg: 'FILE',
            help: 'write the snapshot to FILE (default: stdout), UTF-8',
          },
          {
            name: 'redact',
            kind: 'flag',
            help: 'replace host, user, domain and registry names, SIDs, IP addresses and\ncredentials with placeholders (docs/redaction.md); the verdicts stay the same',
          },
        ],
      },
      COLLECTION,
    ],
    positionals: false,
  },
  async run({ values }, io: Io) {
    const { facts } = await collectHere('collect', values, io);
    const snapshot: NodeFacts = values.bool('redact') ? redactFacts(facts) : facts;
    if (values.bool('redact')) await warnIfVerdictsDiffer(facts, snapshot, io);
    const written = await writeSnapshot(snapshot, values.str('output'), io, 'collect');
    if (written)
      await log(
        io,
        `hostprocess-doctor: wrote ${written}; analyse it anywhere with: hostprocess-doctor analyze ${written}`,
      );
    return 0;
  },
};
