#!/usr/bin/env node
// Launcher: runs the single-file bundle, the form that ships (npm run build makes it). Node's compile
// cache (Node 22.1 and later) keeps the bundle's compiled code between runs, which halves start-up.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../build/hostprocess-doctor.cjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(`hostprocess-doctor: ${bundle} is missing; build it with: npm run build\n`);
  process.exit(3);
}
module.enableCompileCache?.();
module.createRequire(import.meta.url)(bundle);
