import { CHECKS } from '../../../checks/index.js';
import { CATALOGUE } from '../../catalogue/entries.js';
import { GROUPS } from '../../contract/check.js';
import type { Command } from '../command.js';

/** The catalogue entries (known error messages) that each check diagnoses: the relation is kept once, there. */
function explains(id: string): string[] {
  return CATALOGUE.filter((entry) => entry.checks.includes(id)).map((entry) => entry.id);
}

export const checksCommand: Command = {
  spec: {
    name: 'checks',
    summary: 'list the checks with their ids, groups and titles',
    usage: ['checks [--json]'],
    description: 'Lists every check: its id (for --only, --skip and --ignore), its group and its title.',
    groups: [
      {
        title: 'Output',
        options: [
          {
            name: 'json',
            kind: 'flag',
            help: 'a JSON array: id, group, title, docsUrl, messageIds and the explain entries it diagnoses',
          },
        ],
      },
    ],
    positionals: false,
  },
  async run({ values }, io) {
    if (values.bool('json')) {
      const list = CHECKS.map((c) => ({
        id: c.meta.id,
        group: c.meta.group,
        title: c.meta.title,
        docsUrl: c.docsUrl,
        messageIds: Object.keys(c.messages),
        explains: explains(c.meta.id),
      }));
      await io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const width = Math.max(...CHECKS.map((c) => c.meta.id.length));
    const lines: string[] = [];
    for (const group of GROUPS) {
      const inGroup = CHECKS.filter((c) => c.meta.group === group);
      if (inGroup.length === 0) continue;
      lines.push(`${group}:`);
      for (const c of inGroup) lines.push(`  ${c.meta.id.padEnd(width)}  ${c.meta.title}`);
    }
    await io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
