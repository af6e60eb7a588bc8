/**
 * Runs several test files in one ava worker: a worker costs about a quarter of a CPU-second to start
 * (ava's own modules, then the project's, loaded again in each), and these files are pure and quick. The
 * grouped files stay ordinary test files (`npx ava dist/test/parse/text.test.js` runs one); test/groups.json
 * lists them, ava.config.js leaves them out of the run, and the group's file loads them with require (Node 20.19+ loads an ES module
 * that way; ava wants every test declared synchronously). Their titles lose the file's name, so they must
 * be unique across the group (ava refuses a duplicate). Only files without hooks (before, after, each),
 * since a hook would apply to the whole group, and without top-level await, which require cannot load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Group {
  dirs: string[];
  except: string[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function groups(): Record<string, Group> {
  return JSON.parse(readFileSync(path.join(ROOT, 'test', 'groups.json'), 'utf8')) as Record<string, Group>;
}

/** Loads the group's files (its dirs' *.test.js below dist/test, but its `except`); returns them. */
export function loadGroup(name: string): string[] {
  const group = groups()[name];
  if (!group) throw new Error(`test/groups.json has no group ${name}`);
  const base = path.join(ROOT, 'dist', 'test');
  const require = createRequire(path.join(base, 'group.js'));
  const loaded: string[] = [];
  for (const dir of group.dirs) {
    for (const file of readdirSync(path.join(base, dir)).sort()) {
      const relative = `${dir}/${file}`;
      if (!file.endsWith('.test.js') || group.except.includes(relative)) continue;
      const source = readFileSync(path.join(base, relative), 'utf8');
      if (/\btest\.(?:before|after)|\.(?:before|after)Each\b/.test(source))
        throw new Error(
          `${relative} has a hook, which would apply to its whole group: list it in "except" in test/groups.json`,
        );
      require(`./${relative}`);
      loaded.push(relative);
    }
  }
  return loaded;
}
