import { writeFile } from 'node:fs/promises';
import { redactFacts } from '../../collect/redact.js';
import { usageError } from '../../contract/errors.js';
import type { NodeFacts } from '../../contract/facts.js';
import { loadSnapshot } from '../../sources/snapshot.js';
import type { Command } from '../command.js';
import { type Io, log, resolvePath } from '../io.js';

/** Writes a snapshot to FILE (`flag`'s value), or to stdout with none or `-`; returns the file written, if any. */
export async function writeSnapshot(
  facts: NodeFacts,
  output: string | undefined,
  io: Io,
  command: string,
  flag = '-o',
) {
  const text = `${JSON.stringify(facts, null, 2)}\n`;
  if (output === undefined || output === '-') {
    await io.stdout.write(text);
    return undefined;
  }
  try {
    await writeFile(resolvePath(io, output), text, 'utf8');
  } catch (error) {
    throw usageError(
      `${command}: cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Give a writable path with ${flag}.`,
    );
  }
  return output;
}

export const redactCommand: Command = {
  spec: {
    name: 'redact',
    summary: 'redact a snapshot collected without --redact, so it can be shared',
    usage: ['redact SNAPSHOT.json [-o FILE]'],
    description: `Replaces host, user, domain and registry names, SIDs, IP addresses and credentials in a snapshot
with placeholders, field by field (docs/redaction.md says exactly what). The redacted snapshot gives the
same verdicts as the original.`,
    groups: [
      {
        title: 'Output',
        options: [{ name: 'output', short: 'o', kind: 'value', arg: 'FILE', help: 'write to FILE (default: stdout)' }],
      },
    ],
    positionals: true,
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) {
      throw usageError(
        `redact takes one snapshot, got ${positionals.length}. Usage: hostprocess-doctor redact node.json -o shared.json`,
      );
    }
    const facts = await loadSnapshot(positionals[0] as string, io.cwd, { stream: io.stdin });
    const written = await writeSnapshot(redactFacts(facts), values.str('output'), io, 'redact');
    if (written) await log(io, `hostprocess-doctor: wrote ${written}`);
    return 0;
  },
};
