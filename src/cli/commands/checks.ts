import { CHECKS } from '../../../checks/index.js';
import { GROUPS } from '../../check.js';
import { bool, HELP_OPTION, parse } from '../args.js';
import type { Command } from '../command.js';
import { writeStdout } from '../output.js';

const HELP = `Usage: hostprocess-doctor checks [--json]

Lists every check: its id (for --only, --skip and --ignore), its group and its title.
`;

export const checksCommand: Command = {
  name: 'checks',
  summary: 'list the checks with their ids, groups and titles',
  help: HELP,
  async run(args) {
    const { values } = parse('checks', args, { json: { type: 'boolean' }, ...HELP_OPTION });
    if (bool(values, 'help')) {
      await writeStdout(HELP);
      return 0;
    }
    if (bool(values, 'json')) {
      const list = CHECKS.map((c) => ({
        id: c.meta.id,
        group: c.meta.group,
        title: c.meta.title,
        docsUrl: c.docsUrl,
        explains: c.meta.explains,
      }));
      await writeStdout(`${JSON.stringify(list, null, 2)}\n`);
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
    await writeStdout(`${lines.join('\n')}\n`);
    return 0;
  },
};
