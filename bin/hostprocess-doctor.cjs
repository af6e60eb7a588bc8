#!/usr/bin/env node
// Launcher: runs the single-file bundle, the form that ships (npm run build makes it). Start-up is felt on
// a node, so the bundle's compiled code is reused between runs: Node 22.1 and later keep it in their
// module compile cache; on older Node the build's V8 code cache (build/hostprocess-doctor.cjs.cache) is
// handed to V8, which takes it only if it matches this Node, this V8 and this bundle exactly.
// CommonJS, not ESM: Node's ESM loader alone costs a few milliseconds of every start.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const module_ = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const bundle = path.join(__dirname, '..', 'build', 'hostprocess-doctor.cjs');
if (!existsSync(bundle)) {
  process.stderr.write(`hostprocess-doctor: ${bundle} is missing; build it with: npm run build\n`);
  process.exit(3);
}
const requireFromBundle = module_.createRequire(bundle);
if (module_.enableCompileCache) {
  module_.enableCompileCache();
  requireFromBundle(bundle);
} else {
  let cachedData;
  try {
    cachedData = readFileSync(`${bundle}.cache`);
  } catch {
    // no cache: compile as usual
  }
  // The bundle is ASCII (scripts/bundle.mjs makes sure), and latin1 decodes it four times faster than UTF-8.
  const source = readFileSync(bundle, 'latin1');
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const exported = { exports: {} };
  script.runInThisContext()(exported.exports, requireFromBundle, exported, bundle, path.dirname(bundle));
}
