#!/usr/bin/env node
// Builds the single-file CommonJS bundle build/hostprocess-doctor.cjs (every dependency inside, nothing
// but Node built-ins needed at run time, so it also makes a Node single executable) with a linked source
// map, and build/bundle-meta.json (esbuild's metafile), from which scripts/stage-image.mjs lists the
// bundled packages and their licences.
//
// A plain esbuild bundle: the commands stay lazy (`import()` in src/cli/main.ts becomes a function that
// evaluates the command's modules on first use), so --version evaluates almost nothing.
// Usage: npm run bundle [-- --no-minify]
import { spawnSync } from 'node:child_process';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'build', 'hostprocess-doctor.cjs');
const minify = !process.argv.includes('--no-minify');

const started = performance.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/run.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify,
  keepNames: true,
  legalComments: 'none',
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  // systeminformation requires this mac-only module inside a try/catch; it is never needed.
  external: ['osx-temperature-sensor'],
});
if (result.errors.length > 0 || result.warnings.length > 0) {
  console.error(`bundle: ${result.errors.length} errors, ${result.warnings.length} warnings; fix them first.`);
  process.exit(1);
}
await writeFile(path.join(root, 'build', 'bundle-meta.json'), JSON.stringify(result.metafile));
// V8's code cache for Node < 22.1 (see scripts/code-cache.cjs and bin/hostprocess-doctor.js).
const cached = spawnSync(process.execPath, [path.join(root, 'scripts', 'code-cache.cjs')], { stdio: 'inherit' });
if (cached.status !== 0) console.error('bundle: no code cache written; start-up will compile the bundle each time.');
const { size } = await stat(outfile);
console.log(
  `bundle: ${path.relative(root, outfile)} ${(size / 1024).toFixed(0)} KiB in ${(performance.now() - started).toFixed(0)} ms`,
);
