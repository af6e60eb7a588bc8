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
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'build', 'hostprocess-doctor.cjs');
const minify = !process.argv.includes('--no-minify');

/**
 * esbuild writes strings as ASCII but leaves regular-expression literals as they are, and a few hold
 * non-ASCII characters (accès refusé, ’, °). Escaping every non-ASCII character of a source as \uXXXX
 * (the same value in a string, a template, a regular expression or a comment) makes the bundle pure
 * ASCII, so bin/hostprocess-doctor.cjs can read it as latin1, which is four times faster than decoding
 * 1.3 MB as UTF-8. On such lines the source map's columns after the character are off by a few.
 */
const asciiSources = {
  name: 'ascii-sources',
  setup(b) {
    b.onLoad({ filter: /\.(?:ts|js|mjs|cjs)$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!/[\u0080-\uffff]/.test(text)) return undefined;
      const contents = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

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
  plugins: [asciiSources],
});
if (result.errors.length > 0 || result.warnings.length > 0) {
  console.error(`bundle: ${result.errors.length} errors, ${result.warnings.length} warnings; fix them first.`);
  process.exit(1);
}
const nonAscii = /[\u0080-\uffff]/.exec(await readFile(outfile, 'latin1'));
if (nonAscii) {
  console.error(`bundle: a non-ASCII byte at offset ${nonAscii.index}; bin reads the bundle as ASCII.`);
  process.exit(1);
}
await writeFile(path.join(root, 'build', 'bundle-meta.json'), JSON.stringify(result.metafile));
// V8's code cache for Node < 22.1 (see scripts/code-cache.cjs and bin/hostprocess-doctor.cjs).
const cached = spawnSync(process.execPath, [path.join(root, 'scripts', 'code-cache.cjs')], { stdio: 'inherit' });
if (cached.status !== 0) console.error('bundle: no code cache written; start-up will compile the bundle each time.');
const { size } = await stat(outfile);
console.log(
  `bundle: ${path.relative(root, outfile)} ${(size / 1024).toFixed(0)} KiB in ${(performance.now() - started).toFixed(0)} ms`,
);
