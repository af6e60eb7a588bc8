/**
 * `hostprocess-doctor config-dump`: the effective containerd config as a given containerd would load it,
 * like `containerd config dump` (docs/containerd.md describes the output and the JSON shape).
 */
import { usageError } from '../../contract/errors.js';
import { emptyFacts, factValue, type NodeFacts } from '../../contract/facts.js';
import { type TomlNode, toPlain } from '../../parse/toml-tree.js';
import { writeToml } from '../../parse/toml-write.js';
import { findVersion } from '../../parse/versions.js';
import { type ConfigDump, dumpConfig, originText } from '../../rules/containerd/dump.js';
import { familyOf } from '../../rules/containerd/family.js';
import { loadConfig } from '../../rules/containerd/load.js';
import { loadSnapshot } from '../../sources/snapshot.js';
import { applyWhatIf } from '../../sources/whatif.js';
import type { Command } from '../command.js';
import type { Io } from '../io.js';

const FOOTER = `Exit codes: 0 that containerd loads the config · 1 it refuses to start (its error is on stderr, as
"containerd: <message>") · 2 usage or input error · 4 some files could not be read, so the dump is
incomplete.`;

/** JSON leaves with their origin: { "value": …, "origin": "file:line" }. Iterative. */
function withOrigins(root: TomlNode): unknown {
  const leaf = (node: TomlNode) => ({ value: toPlain(node), origin: originText(node) });
  if (root.kind !== 'table') return leaf(root);
  const out: Record<string, unknown> = Object.create(null);
  const stack: [TomlNode, Record<string, unknown> | unknown[]][] = [[root, out]];
  while (stack.length > 0) {
    const [node, target] = stack.pop() as [TomlNode, Record<string, unknown> | unknown[]];
    const children: [string, TomlNode][] =
      node.kind === 'table' ? [...node.entries] : node.kind === 'array' ? node.items.map((c, i) => [String(i), c]) : [];
    for (const [k, child] of children) {
      let value: unknown;
      if (child.kind === 'table' || (child.kind === 'array' && child.ofTables)) {
        const made: Record<string, unknown> | unknown[] = child.kind === 'table' ? Object.create(null) : [];
        stack.push([child, made]);
        value = made;
      } else value = leaf(child);
      if (Array.isArray(target)) target.push(value);
      else target[k] = value;
    }
  }
  return out;
}

function jsonOf(dump: ConfigDump, showOrigin: boolean): string {
  const { config, ...rest } = dump;
  return `${JSON.stringify({ ...rest, config: showOrigin ? withOrigins(config) : toPlain(config) }, null, 2)}\n`;
}

async function write(io: Io, stream: 'stdout' | 'stderr', text: string): Promise<void> {
  await io[stream].write(text);
}

export const configDumpCommand: Command = {
  spec: {
    name: 'config-dump',
    summary: 'print the containerd config as a given containerd would load it (imports merged, migrated)',
    usage: [
      'config-dump --containerd-config FILE --containerd-version V [--show-origin] [--json]',
      'config-dump SNAPSHOT.json [--containerd-version V] [--show-origin] [--json]',
    ],
    description: `Prints the effective config the way that containerd's code loads it: the main file and its imports
merged in containerd's order, version migrations applied, the CRI runtime settings as the CRI plugin
reads them and disabled plugins left out, like 'containerd config dump', as TOML.
The containerd version decides the rules (1.6, 1.7, 2.0-2.2, 2.3.0-2.3.4, later); a snapshot carries it.`,
    groups: [
      {
        title: 'Input',
        options: [
          {
            name: 'containerd-config',
            kind: 'value',
            arg: 'FILE',
            help: "containerd's config.toml (its imports are read too)",
          },
          {
            name: 'containerd-version',
            kind: 'value',
            arg: 'V',
            help: "containerd's version, e.g. 1.7.20 or the whole --version line",
          },
        ],
      },
      {
        title: 'Output',
        options: [
          { name: 'show-origin', kind: 'flag', help: 'annotate each value with the file and line that set it' },
          { name: 'json', kind: 'flag', help: 'the same as JSON (docs/containerd.md has the shape)' },
        ],
      },
    ],
    positionals: true,
    footer: FOOTER,
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 1) throw usageError(`config-dump takes one snapshot, got ${positionals.length}.`);
    const snapshot = positionals[0];
    const file = values.str('containerd-config');
    if (snapshot === undefined && file === undefined)
      throw usageError(
        "config-dump needs --containerd-config FILE (with --containerd-version V) or a snapshot. See 'hostprocess-doctor config-dump --help'.",
      );
    const base: NodeFacts =
      snapshot === undefined ? emptyFacts() : await loadSnapshot(snapshot, io.cwd, { stream: io.stdin });
    const { facts } = await applyWhatIf(base, {
      containerdConfig: file,
      containerdVersion: values.str('containerd-version'),
      cwd: io.cwd,
      platform: io.platform,
    });
    const versionText = factValue(facts.containerd?.version)?.output;
    const version = versionText === undefined ? undefined : findVersion(versionText);
    if (!version)
      throw usageError(
        `config-dump needs containerd's version: give --containerd-version (e.g. 1.7.20)${snapshot ? `; ${snapshot} has none that can be read` : ''}.`,
      );
    const config = factValue(facts.containerd?.config);
    if (!config)
      throw usageError(
        `config-dump: ${snapshot ?? 'the input'} has no containerd config; give --containerd-config FILE.`,
      );
    const load = loadConfig(config, familyOf(version));
    const dump = dumpConfig(load);
    const showOrigin = values.bool('show-origin');
    if (values.bool('json')) await write(io, 'stdout', jsonOf(dump, showOrigin));
    else if (!load.refusal) await write(io, 'stdout', writeToml(dump.config, showOrigin ? originText : undefined));
    if (load.refusal) {
      await write(io, 'stderr', `containerd: ${load.refusal.message}\n`);
      return 1;
    }
    if (load.unseen.length > 0) {
      await write(
        io,
        'stderr',
        `hostprocess-doctor: could not read ${load.unseen.map((f) => `${f.path} (${f.reason ?? f.state})`).join(', ')}: the dump is incomplete\n`,
      );
      return 4;
    }
    return 0;
  },
};
