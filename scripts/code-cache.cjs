// Writes build/hostprocess-doctor.cjs.cache, V8's code cache for the bundle, made by running it once on
// an example node (so the functions a run needs are compiled in it). bin/hostprocess-doctor.cjs hands it
// to V8 with the bundle; V8 checks that it matches this exact Node and V8 and the bundle's source, and
// otherwise compiles as usual. Run by `npm run build` (scripts/bundle.mjs); Node 22.1+ uses its own
// module compile cache instead (module.enableCompileCache).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'build', 'hostprocess-doctor.cjs');
const cacheFile = `${bundle}.cache`;
const source = fs.readFileSync(bundle, 'latin1');
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
});

// Each run's functions are compiled into the one script; the cache is written after the last run.
const RUNS = [
  ['analyze', path.join(root, 'examples', 'nodes', 'access-denied.json'), '--json'],
  ['analyze', path.join(root, 'examples', 'nodes', 'access-denied.json')],
  ['explain', 'failed to create user process token: failed to logon user: Access is denied.'],
];
const run = script.runInThisContext();
const exit = process.exit.bind(process);
process.stdout.write = (_chunk, encoding, callback) => {
  (typeof encoding === 'function' ? encoding : callback)?.();
  return true;
};
let next = 0;
function start() {
  const args = RUNS[next++];
  if (!args) {
    fs.writeFileSync(cacheFile, script.createCachedData());
    exit(0);
  }
  process.argv = [process.argv[0], bundle, ...args];
  const exported = { exports: {} };
  run(exported.exports, require('node:module').createRequire(bundle), exported, bundle, path.dirname(bundle));
}
process.exit = () => setImmediate(start);
start();
