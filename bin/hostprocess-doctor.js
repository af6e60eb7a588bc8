#!/usr/bin/env node
// Launcher: runs the single-file bundle, the form that ships (npm run build makes it). Start-up is felt on
// a node, so the bundle's compiled code is reused between runs: Node 22.1 and later keep it in their
// module compile cache; on older Node the build's V8 code cache (build/hostprocess-doctor.cjs.cache) is
// handed to V8, which takes it only if it matches this Node, this V8 and this bundle exactly.
import { existsSync, readFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../build/hostprocess-doctor.cjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(`hostprocess-doctor: ${bundle} is missing; build it with: npm run build\n`);
  process.exit(3);
}
const require = module.createRequire(bundle);
if (module.enableCompileCache) {
  module.enableCompileCache();
  require(bundle);
} else {
  let cachedData;
  try {
    cachedData = readFileSync(`${bundle}.cache`);
  } catch {
    // no cache: compile as usual
  }
  const source = readFileSync(bundle, 'utf8');
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const exported = { exports: {} };
  script.runInThisContext()(exported.exports, require, exported, bundle, path.dirname(bundle));
}
