#!/usr/bin/env node
// Launcher: the single-file bundle when it has been built (npm run bundle), else the compiled sources.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../build/hostprocess-doctor.cjs', import.meta.url));
if (existsSync(bundle)) {
  const { createRequire } = await import('node:module');
  createRequire(import.meta.url)(bundle);
} else {
  await import('../dist/src/cli/run.js');
}
