#!/usr/bin/env node
// Builds the single-file CommonJS bundle, build/hostprocess-doctor.cjs, which holds every dependency.
// bin/hostprocess-doctor.js runs it when it is present. Also writes build/bundle-meta.json (esbuild's
// metafile), from which scripts/stage-image.mjs lists the bundled packages and their licences.
// Usage: npm run bundle [-- --no-minify]
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'build', 'hostprocess-doctor.cjs');
const minify = !process.argv.includes('--no-minify');

await mkdir(path.dirname(outfile), { recursive: true });
const started = performance.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/run.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // CJS, not ESM: an ESM bundle cannot require() Node builtins from CJS dependencies, and a Node single
  // executable application needs a CJS main. Dynamic import()s of our own modules stay lazy (__esm).
  format: 'cjs',
  minify,
  // Names survive minification, so an internal error's stack trace still says where it happened.
  keepNames: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
if (result.errors.length > 0 || result.warnings.length > 0) {
  console.error(`bundle: ${result.errors.length} errors, ${result.warnings.length} warnings; fix them first.`);
  process.exit(1);
}
await writeFile(path.join(root, 'build', 'bundle-meta.json'), JSON.stringify(result.metafile));
const { size } = await stat(outfile);
console.log(
  `bundle: ${path.relative(root, outfile)} ${(size / 1024).toFixed(0)} KiB in ${(performance.now() - started).toFixed(0)} ms`,
);
