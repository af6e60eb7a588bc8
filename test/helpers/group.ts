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

const BASE = path.join(ROOT, 'dist', 'test');
const HOOK = /\btest(?:\.serial)?\.(?:before|after)\b|\.(?:before|after)Each\b/;

/** The group's files: its dirs' *.test.js below dist/test, but its `except` (each of which must exist). */
export function groupFiles(name: string): string[] {
  const group = groups()[name];
  if (!group) throw new Error(`test/groups.json has no group ${name}`);
  const files = group.dirs.flatMap((dir) =>
    readdirSync(path.join(BASE, dir))
      .filter((file) => file.endsWith('.test.js'))
      .sort()
      .map((file) => `${dir}/${file}`),
  );
  for (const kept of group.except)
    if (!files.includes(kept)) throw new Error(`test/groups.json: ${name}'s except names ${kept}, which is not there`);
  return files.filter((file) => !group.except.includes(file));
}

/** Loads the group's files into this worker. */
export function loadGroup(name: string): void {
  const require = createRequire(path.join(BASE, 'group.js'));
  for (const relative of groupFiles(name)) {
    if (HOOK.test(readFileSync(path.join(BASE, relative), 'utf8')))
      throw new Error(
        `${relative} has a hook, which would apply to its whole group: list it in "except" in test/groups.json`,
      );
    require(`./${relative}`);
  }
}
