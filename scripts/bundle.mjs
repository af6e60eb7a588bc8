#!/usr/bin/env node
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
// Builds the single-file CommonJS bundle, build/hostprocess-doctor.cjs, which holds every dependency.
// bin/hostprocess-doctor.js runs it when it is present. Also writes build/bundle-meta.json (esbuild's
// metafile, with the inputs of every embedded package), from which scripts/stage-image.mjs lists the
// bundled packages and their licences.
//
// Start-up: V8 must at least pre-parse every function of a script before running it, and most of the
// bundle is dependencies that `--version` (and most commands) never touch. So each npm package is bundled
// on its own and embedded as a string, compiled with `new Function` the first time it is required. A
// string costs the parser almost nothing; the doctor's own code is compiled as usual.
// Usage: npm run bundle [-- --no-minify]
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'build', 'hostprocess-doctor.cjs');
const minify = !process.argv.includes('--no-minify');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
};

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const isPackage = (spec) =>
  !spec.startsWith('.') && !path.isAbsolute(spec) && !builtins.has(spec) && !spec.startsWith('node:');

const RUNTIME = `
const cache = new Map();
/** Compiles an embedded package the first time it is required. */
export function load(name, code) {
  let exported = cache.get(name);
  if (exported === undefined) {
    const module = { exports: {} };
    new Function('exports', 'require', 'module', '__filename', '__dirname', \`\${code}\\n//# sourceURL=embedded:\${name}\`)(
      module.exports, require, module, __filename, __dirname,
    );
    exported = module.exports;
    cache.set(name, exported);
  }
  return exported;
}`;

const embeddedInputs = {};
const COMMAND_IMPORT = /^\.\/commands\/([a-z]+)\.js$/;
const commandsDir = path.join(root, 'src', 'cli', 'commands');

/** Packages our own code imports become embedded strings; their own imports stay inside their bundle. */
const embedPackages = {
  name: 'embed-packages',
  setup(b) {
    b.onResolve({ filter: /^embedded-runtime$/ }, () => ({ path: 'runtime', namespace: 'embedded-runtime' }));
    b.onLoad({ filter: /.*/, namespace: 'embedded-runtime' }, () => ({ contents: RUNTIME, loader: 'js' }));
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.namespace !== 'file' || args.kind === 'entry-point' || !isPackage(args.path)) return undefined;
      if (args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      return { path: args.path, namespace: 'embedded', pluginData: { resolveDir: args.resolveDir } };
    });
    b.onLoad({ filter: /.*/, namespace: 'embedded' }, async (args) => {
      const result = await build({
        ...common,
        stdin: {
          contents: `module.exports = require(${JSON.stringify(args.path)});`,
          resolveDir: args.pluginData.resolveDir,
          loader: 'js',
        },
        write: false,
        metafile: true,
      });
      Object.assign(embeddedInputs, result.metafile.inputs);
      const code = result.outputFiles[0].text;
      return {
        contents: `import { load } from 'embedded-runtime';\nmodule.exports = load(${JSON.stringify(args.path)}, ${JSON.stringify(code)});\n`,
        loader: 'js',
        resolveDir: args.pluginData.resolveDir,
      };
    });
  },
};

/**
 * The commands (and so every module of ours they use) are one more embedded string, shared by the lazy
 * `import('./commands/x.js')` stubs in src/cli/main.ts: `--version` and `--help` compile none of it.
 */
const embedCommands = {
  name: 'embed-commands',
  setup(b) {
    b.onResolve({ filter: COMMAND_IMPORT }, (args) => {
      if (path.resolve(args.resolveDir) !== path.join(root, 'src', 'cli')) return undefined;
      return { path: COMMAND_IMPORT.exec(args.path)[1], namespace: 'embedded-command' };
    });
    b.onLoad({ filter: /.*/, namespace: 'embedded-command' }, () => ({
      contents: "module.exports = require('embedded-app');",
      loader: 'js',
    }));
    b.onResolve({ filter: /^embedded-app$/ }, () => ({ path: 'app', namespace: 'embedded-app' }));
    b.onLoad({ filter: /.*/, namespace: 'embedded-app' }, async () => {
      const names = (await readdir(commandsDir)).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
      const result = await build({
        ...common,
        stdin: {
          contents: names.map((n) => `export { ${n}Command } from './${n}.js';`).join('\n'),
          resolveDir: commandsDir,
          sourcefile: 'commands.ts',
          loader: 'ts',
        },
        write: false,
        metafile: true,
        plugins: [embedPackages],
      });
      Object.assign(embeddedInputs, result.metafile.inputs);
      return {
        contents: `import { load } from 'embedded-runtime';\nmodule.exports = load('app', ${JSON.stringify(result.outputFiles[0].text)});\n`,
        loader: 'js',
        resolveDir: root,
      };
    });
  },
};

await mkdir(path.dirname(outfile), { recursive: true });
const started = performance.now();
const result = await build({
  ...common,
  absWorkingDir: root,
  entryPoints: ['src/cli/run.ts'],
  outfile,
  metafile: true,
  plugins: [embedCommands, embedPackages],
});
if (result.errors.length > 0 || result.warnings.length > 0) {
  console.error(`bundle: ${result.errors.length} errors, ${result.warnings.length} warnings; fix them first.`);
  process.exit(1);
}
// The image staging lists licences from the metafile's inputs, embedded packages included.
const output = Object.values(result.metafile.outputs)[0];
for (const [input, info] of Object.entries(embeddedInputs)) {
  result.metafile.inputs[input] = info;
  if (output) output.inputs[input] = { bytesInOutput: info.bytes };
}
await writeFile(path.join(root, 'build', 'bundle-meta.json'), JSON.stringify(result.metafile));
const { size } = await stat(outfile);
console.log(
  `bundle: ${path.relative(root, outfile)} ${(size / 1024).toFixed(0)} KiB in ${(performance.now() - started).toFixed(0)} ms`,
);
