import test from 'ava';
import check from '../../checks/containerd-config.js';
import { fileFromBytes } from '../../src/collect/containerd-config.js';
import type { ContainerdConfig, NodeFacts } from '../../src/contract/facts.js';
import { checkTester, runOne } from '../helpers/check-tester.js';
import { corpusBytes } from '../helpers/corpus.js';
import {
  config,
  DEFAULT_CONFIG_PATH,
  type FileSpec,
  node,
  not,
  ok,
  version,
  withContainerdVersionDenied,
} from '../helpers/facts.js';

const MAIN = DEFAULT_CONFIG_PATH;
const IMPORT = 'C:\\Program Files\\containerd\\conf.d\\10-runtime.toml';
const CRI = 'plugins."io.containerd.grpc.v1.cri"';

const V2 = `version = 2
[${CRI}]
  sandbox_image = "registry.k8s.io/pause:3.9"
[${CRI}.containerd]
  default_runtime_name = "runhcs-wcow-process"
[${CRI}.containerd.runtimes.runhcs-wcow-process]
  runtime_type = "io.containerd.runhcs.v1"
`;

const V3 = `version = 3
[plugins.'io.containerd.cri.v1.runtime'.containerd]
  default_runtime_name = 'runhcs-wcow-process'
[plugins.'io.containerd.cri.v1.images'.pinned_images]
  sandbox = 'registry.k8s.io/pause:3.10'
`;

interface Options {
  containerd?: string;
  pathSource?: ContainerdConfig['pathSource'];
}

function facts(files: FileSpec[], options: Options = {}): NodeFacts {
  return node({
    containerd: {
      config: config(files, options.pathSource ?? 'command-line'),
      ...(options.containerd ? { version: version(options.containerd) } : {}),
    },
  });
}

const one = (text: string, containerd = '1.7.20') => facts([{ text }], { containerd });
const withImport = (mainText: string, importSpec: FileSpec, containerd = '1.7.20') =>
  facts([{ text: mainText }, { path: IMPORT, importedBy: MAIN, ...importSpec }], { containerd });
function withResolution(
  text: string,
  resolution: NonNullable<ContainerdConfig['imports']>[number],
  containerd = '2.0.4',
): NodeFacts {
  const fact = config([{ text }]);
  if (fact.value) fact.value.imports = [resolution];
  return node({ containerd: { version: version(containerd), config: fact } });
}
const crlf = (text: string) => new TextEncoder().encode(text.replace(/\n/g, '\r\n'));
const bom = (bytes: Uint8Array) => new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
function utf16le(text: string, withBom: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return new Uint8Array(withBom ? [0xff, 0xfe, ...body] : body);
}
/** Facts with files read from bytes the way the collector reads them (invalid UTF-8 recorded). */
function fromBytes(files: { path?: string; bytes: Uint8Array; importedBy?: string }[], containerd?: string): NodeFacts {
  const built = files.map((f) =>
    fileFromBytes(
      { path: f.path ?? MAIN, state: 'ok', ...(f.importedBy ? { importedBy: f.importedBy } : {}) },
      f.bytes,
    ),
  );
  return node({
    containerd: {
      config: ok({ path: MAIN, pathSource: 'command-line', files: built }),
      ...(containerd ? { version: version(containerd) } : {}),
    },
  });
}
const enc = (text: string) => new TextEncoder().encode(text);
const w1252 = (before: string, after: string) => new Uint8Array([...enc(before), 0xe9, ...enc(after)]);

const corpus = (file: string) => ({ path: MAIN, bytes: corpusBytes('containerd-config', file) });

const includes = (needle: string) => (t: import('ava').ExecutionContext, r: { message: string }) =>
  t.true(r.message.includes(needle), `message names ${needle}: ${r.message}`);

/** The same facts with containerd's version collected but unreadable. */
checkTester(check, [
  // Valid configs.
  { name: 'valid version 2 on 1.7', facts: one(V2), status: 'pass', messageId: 'valid' },
  {
    name: "a valid config, but containerd's version denied: not a pass on an assumed family",
    facts: withContainerdVersionDenied(one(V2)),
    status: 'skip',
    messageId: 'versionUnreadable',
    skipReason: 'unreadable',
    data: { reason: 'Access is denied.' },
  },
  { name: 'valid version 2 on 1.6', facts: one(V2, '1.6.35+azure'), status: 'pass', messageId: 'valid' },
  {
    name: 'version 2 on containerd 2.0 is migrated, not rejected',
    facts: one(V2, '2.0.4'),
    status: 'pass',
    messageId: 'valid',
  },
  {
    name: 'valid version 3 on 2.0',
    facts: one(V3, 'containerd github.com/containerd/containerd/v2 v2.0.4+azure abc'),
    status: 'pass',
    messageId: 'valid',
  },
  {
    name: 'version 4 on 2.3',
    facts: one(V3.replace('version = 3', 'version = 4'), '2.3.0'),
    status: 'pass',
    messageId: 'valid',
  },
  {
    name: 'version 2 with CRLF line endings',
    facts: facts([{ bytes: crlf(V2) }], { containerd: '1.7.20' }),
    status: 'pass',
    messageId: 'valid',
  },
  {
    name: 'a template marker inside a comment is not a template',
    facts: one(`# rendered from {{ template }}\n${V2}`),
    status: 'pass',
    messageId: 'valid',
  },
  { name: 'empty version 2 file', facts: one('version = 2\n'), status: 'pass', messageId: 'valid' },

  // Imports are followed.
  {
    name: 'a valid import is merged',
    facts: withImport(V2.replace('version = 2\n', "version = 2\nimports = ['conf.d\\10-runtime.toml']\n"), {
      text: `version = 2\n[${CRI}.registry]\n  config_path = "C:\\\\etc\\\\containerd\\\\certs.d"\n`,
    }),
    status: 'pass',
    messageId: 'valid',
    verify: (t, r) => t.regex(r.message, /1 import/),
  },
  {
    name: 'an import with a syntax error fails naming the import file:line:column',
    facts: withImport(V2, { text: 'version = 2\n[plugins\n' }),
    status: 'fail',
    messageId: 'syntax',
    // go-toml v1's own position and words: (2, 2): unexpected token unclosed table key.
    verify: (t, r) => {
      t.true(r.message.includes(`${IMPORT}:2:2`), r.message);
      t.true(r.message.includes(`failed to load TOML: ${IMPORT}: (2, 2): `), r.message);
    },
  },
  {
    name: 'a missing non-glob import fails',
    facts: withImport(V2, { state: 'missing' }),
    status: 'fail',
    messageId: 'importMissing',
    verify: includes(IMPORT),
  },
  {
    name: 'an unreadable import is reported, not passed',
    facts: withImport(V2, { state: 'denied' }),
    status: 'skip',
    messageId: 'unseenImports',
    skipReason: 'unreadable',
    verify: includes(IMPORT),
  },
  {
    name: 'a warning in what was read, an unreadable import: the warning keeps the unread import with it',
    facts: withImport(`${V2}[plugins."io.containerd.frobnicator.v1.thing"]\n  x = 1\n`, { state: 'denied' }),
    status: 'warn',
    messageId: 'unknownPlugin',
    findings: ['unknownPlugin', 'unseenImports'],
    verify: (t, r) => {
      t.deepEqual(
        r.unseen?.map((u) => u.state),
        ['denied'],
        'the run cannot be healthy',
      );
      t.is(r.skipReason, undefined, 'a skip reason is for skips');
    },
  },
  {
    name: 'an import with an unrendered template fails',
    facts: withImport(V2, { text: `version = 2\n[${CRI}]\n  sandbox_image = "{{pauseImage}}"\n` }),
    status: 'fail',
    messageId: 'template',
    verify: includes(`${IMPORT}:3:`),
  },
  {
    name: 'containerd 2.3.0–2.3.4: a drop-in with a higher version than the root fails',
    facts: withImport(V2, { text: V3 }, '2.3.0'),
    status: 'fail',
    messageId: 'importVersionHigher',
    data: { error: 'drop-in config version 3 higher than root config version 2' },
  },
  {
    name: 'containerd 2.3.5 and later drop that check (reverted after v2.3.4)',
    facts: withImport(V3.replace('version = 3', 'version = 4'), { text: V3 }, '2.3.5'),
    status: 'pass',
    messageId: 'valid',
  },
  {
    name: "containerd 2.0–2.2: a v3 drop-in under a v2 root loads, and the root's CRI settings are ignored",
    facts: withImport(V2, { text: V3 }, '2.0.4'),
    status: 'fail',
    messageId: 'criSettingsIgnored',
    verify: includes(MAIN),
  },
  {
    name: 'containerd 2.x: a drop-in with a lower version than the root is migrated',
    facts: withImport(V3, { text: V2 }, '2.0.4'),
    status: 'pass',
    messageId: 'valid',
  },

  {
    name: 'a glob that matches nothing is reported (an older snapshot, which kept only unmatchedImports)',
    facts: node({
      containerd: {
        version: version('2.0.4'),
        config: (() => {
          const fact = config([{ text: "version = 3\nimports = ['C:\\Program Files\\containerd\\conf.d\\*.toml']\n" }]);
          if (fact.value)
            fact.value.unmatchedImports = [
              { pattern: 'C:\\Program Files\\containerd\\conf.d\\*.toml', importedBy: MAIN },
            ];
          return fact;
        })(),
      },
    }),
    status: 'warn',
    messageId: 'unmatchedImport',
  },

  {
    name: 'a glob that matches nothing is reported from the recorded resolution',
    facts: withResolution("version = 3\nimports = ['C:\\Program Files\\containerd\\conf.d\\*.toml']\n", {
      entry: 'C:\\Program Files\\containerd\\conf.d\\*.toml',
      importedBy: MAIN,
      resolved: 'C:\\Program Files\\containerd\\conf.d\\*.toml',
      glob: true,
      matches: [],
    }),
    status: 'warn',
    messageId: 'unmatchedImport',
    data: { entry: 'C:\\Program Files\\containerd\\conf.d\\*.toml' },
  },
  {
    name: 'a Windows glob read off the node: its matches are unknown, so the check cannot judge (never valid)',
    facts: withResolution("version = 3\nimports = ['C:\\Program Files\\containerd\\conf.d\\*.toml']\n", {
      entry: 'C:\\Program Files\\containerd\\conf.d\\*.toml',
      importedBy: MAIN,
      resolved: 'C:\\Program Files\\containerd\\conf.d\\*.toml',
      glob: true,
      matches: [],
      offNode: true,
    }),
    status: 'skip',
    messageId: 'unseenImports',
    skipReason: 'unreadable',
  },

  // Syntax errors name file:line:column.
  {
    name: 'syntax error names file, line and column',
    facts: one('version = 2\nfoo = = 1\n'),
    status: 'fail',
    messageId: 'syntax',
    verify: (t, r) => {
      t.true(r.message.includes(`${MAIN}:2:7`), r.message);
      t.is(r.observed, `${MAIN}:2:7`);
    },
  },
  {
    name: 'unclosed table header',
    facts: one('version = 2\n[plugins."io.containerd.grpc.v1.cri"\n'),
    status: 'fail',
    messageId: 'syntax',
    verify: includes(`${MAIN}:2:`),
  },
  {
    name: 'a table defined twice is a syntax error with its line',
    facts: one(`version = 2\n[${CRI}]\n  a = 1\n[${CRI}]\n  b = 2\n`),
    status: 'fail',
    messageId: 'syntax',
    verify: includes(`${MAIN}:4:`),
  },
  {
    name: 'syntax error position is right in a CRLF file',
    facts: facts([{ bytes: crlf('version = 2\n\nfoo = = 1\n') }], { containerd: '1.7.20' }),
    status: 'fail',
    messageId: 'syntax',
    verify: includes(`${MAIN}:3:7`),
  },

  // Unrendered templates.
  {
    name: 'Go template placeholder in a value',
    facts: one(`version = 2\n[${CRI}]\n  sandbox_image = "{{pauseImage}}"\n`),
    status: 'fail',
    messageId: 'template',
    verify: includes(`${MAIN}:3:20`),
  },
  {
    name: 'Jinja statement',
    facts: one(`version = {% if containerd_version is version('2.0', '>=') %}3{% else %}2{% endif %}\n`),
    status: 'fail',
    messageId: 'template',
    verify: includes(`${MAIN}:1:11`),
  },
  {
    name: 'Jinja expression that breaks the TOML is a template, not a syntax error',
    facts: one(
      `version = 2\n[${CRI}.containerd.runtimes.runhcs-wcow-process.options]\n  SandboxIsolation = {{sandboxIsolation}}\n`,
    ),
    status: 'fail',
    messageId: 'template',
  },
  {
    name: 'corpus AgentBaker v3 template',
    facts: facts([corpus('agentbaker-windows-containerd2template-v3-TEMPLATE.toml')], { containerd: '2.0.4' }),
    status: 'fail',
    messageId: 'template',
  },
  {
    name: 'corpus AgentBaker v1 template',
    facts: facts([corpus('agentbaker-windows-containerdtemplate-2020-v1schema-TEMPLATE.toml')], {
      containerd: '1.6.35',
    }),
    status: 'fail',
    messageId: 'template',
  },
  {
    name: 'corpus image-builder Jinja template',
    facts: facts([corpus('image-builder-windows-config-v2-v3-imports-JINJA-TEMPLATE.toml')], { containerd: '1.7.20' }),
    status: 'fail',
    messageId: 'template',
  },

  // Encodings.
  {
    name: 'UTF-16LE with BOM fails',
    facts: facts([{ bytes: utf16le(V2, true) }], { containerd: '1.7.20' }),
    status: 'fail',
    messageId: 'utf16',
  },
  {
    name: 'UTF-16LE without BOM fails',
    facts: facts([{ bytes: utf16le(V2, false) }], { containerd: '1.7.20' }),
    status: 'fail',
    messageId: 'utf16',
  },
  {
    name: 'a UTF-16 import fails',
    facts: withImport(V2, { bytes: utf16le('version = 2\n', true) }),
    status: 'fail',
    messageId: 'utf16',
    verify: includes(IMPORT),
  },

  // Schema versions.
  {
    name: 'no version key is a deprecated version 1 config',
    facts: one('[plugins.cri]\n  sandbox_image = "mcr.microsoft.com/oss/kubernetes/pause:3.9"\n'),
    status: 'warn',
    messageId: 'deprecatedV1',
  },
  {
    name: 'explicit version = 1 is deprecated',
    facts: one('version = 1\n[plugins.cri.containerd]\n  snapshotter = "windows"\n'),
    status: 'warn',
    messageId: 'deprecatedV1',
  },
  {
    name: 'version 3 with containerd 1.7 fails',
    facts: one(V3, 'containerd github.com/containerd/containerd v1.7.20 8fc6bcff'),
    status: 'fail',
    messageId: 'unsupportedVersion1x',
  },
  {
    name: 'version 3 with containerd 1.6 fails',
    facts: one(V3, '1.6.35+azure'),
    status: 'fail',
    messageId: 'unsupportedVersion1x',
  },
  {
    name: 'version 4 with containerd 2.0 fails',
    facts: one(V3.replace('version = 3', 'version = 4'), '2.0.4'),
    status: 'fail',
    messageId: 'unsupportedVersion',
  },
  {
    name: 'version 4 with containerd 1.7 fails',
    facts: one(V3.replace('version = 3', 'version = 4'), '1.7.20'),
    status: 'fail',
    messageId: 'unsupportedVersion1x',
  },
  {
    name: 'version 5 is no schema',
    facts: one('version = 5\n', '2.3.0'),
    status: 'fail',
    messageId: 'unsupportedVersion',
  },
  {
    name: 'version as a string is a type error, worded as go-toml v1 words it',
    facts: one('version = "2"\n'),
    status: 'fail',
    messageId: 'typeError',
    data: { error: "failed to unmarshal TOML: (1, 1): Can't convert 2(string) to int", key: 'version' },
  },

  // Unknown and misspelled tables.
  {
    name: 'misspelled plugin ID warns',
    facts: one(`${V2}[plugins."io.containerd.grpc.v1.crii"]\n  x = 1\n`),
    status: 'warn',
    messageId: 'misspelledKey',
    verify: includes('io.containerd.grpc.v1.crii'),
  },
  {
    name: 'misspelled plugin type warns',
    facts: one(`${V2}[plugins."io.containerd.grcp.v1.cri".containerd]\n  snapshotter = "windows"\n`),
    status: 'warn',
    messageId: 'misspelledKey',
    verify: includes('io.containerd.grcp.v1.cri'),
  },
  {
    name: 'unknown plugin warns',
    facts: one(`${V2}[plugins."io.containerd.frobnicator.v1.thing"]\n  x = 1\n`),
    status: 'warn',
    messageId: 'unknownPlugin',
  },
  {
    name: 'misspelled CRI containerd table warns',
    facts: one(`${V2}[${CRI}.containred]\n  snapshotter = "windows"\n`),
    status: 'warn',
    messageId: 'misspelledKey',
    verify: includes('containred'),
  },
  {
    name: 'misspelled runhcs option warns',
    facts: one(`${V2}[${CRI}.containerd.runtimes.runhcs-wcow-process.options]\n  SandboxIsolaton = 1\n`),
    status: 'warn',
    messageId: 'misspelledKey',
    verify: includes('SandboxIsolaton'),
  },
  {
    name: 'misspelled top-level key warns',
    facts: one(V2.replace('version = 2\n', 'version = 2\nimprots = ["x.toml"]\n')),
    status: 'warn',
    messageId: 'misspelledKey',
    verify: includes('improts'),
  },
  {
    name: 'v1 short plugin name in a version 2 config is fatal on 1.x',
    facts: one('version = 2\n[plugins.cri]\n  sandbox_image = "x"\n'),
    status: 'fail',
    messageId: 'invalidPluginUri',
    data: { error: `failed to load TOML from ${MAIN}: invalid plugin key URI "cri" expect io.containerd.x.vx` },
  },
  {
    name: 'corpus SDN config: the real plugins.cri.conatinerd typo warns',
    facts: facts([corpus('microsoft-sdn-containerd-config-2019-v1schema-typo-runtimes.toml')], {
      containerd: '1.7.20',
    }),
    status: 'warn',
    messageId: 'misspelledKey',
    verify: includes('plugins.cri.conatinerd'),
  },
  {
    name: 'an import that is a directory fails: containerd cannot read it either',
    facts: withImport(V2, { state: 'error', refused: 'directory' }),
    status: 'fail',
    messageId: 'importUnreadable',
  },
  {
    name: 'a UTF-8 BOM warns on containerd 1.x, whose parser skips it',
    facts: facts([{ bytes: bom(new TextEncoder().encode(V2)) }], { containerd: '1.7.20' }),
    status: 'warn',
    messageId: 'bomBeforeUpgrade',
  },
  {
    name: 'a top-level key containerd does not know, and no near miss, warns',
    facts: one(V2.replace('version = 2\n', 'version = 2\nfrobnicate = true\n')),
    status: 'warn',
    messageId: 'unknownKey',
    data: { key: 'frobnicate' },
  },
  {
    name: 'v1 short plugin name in a version 2 config is never read on 2.x',
    facts: one('version = 2\n[plugins.cri]\n  sandbox_image = "x"\n', '2.0.4'),
    status: 'warn',
    messageId: 'shortPluginKeyIgnored',
    data: { name: 'cri' },
  },
  {
    name: 'a full plugin ID in a version 1 config warns on 1.x',
    facts: one(`[plugins."io.containerd.grpc.v1.cri"]\n  sandbox_image = "x"\n`),
    status: 'warn',
    messageId: 'fullPluginKeyInV1',
    findings: ['fullPluginKeyInV1', 'deprecatedV1'],
  },
  {
    name: 'a relative glob import warns on containerd 1.7 before 1.7.16, naming the files it does not load',
    facts: node({
      containerd: {
        version: version('1.7.15'),
        config: ok({
          path: MAIN,
          pathSource: 'command-line',
          files:
            config([
              { text: V2.replace('version = 2\n', 'version = 2\nimports = ["conf.d/*.toml"]\n') },
              { path: IMPORT, importedBy: MAIN, text: 'version = 2\n' },
            ]).value?.files.map((f) => (f.importedBy ? { ...f, pattern: 'conf.d/*.toml' } : f)) ?? [],
        }),
      },
    }),
    status: 'warn',
    messageId: 'relativeGlobImport',
    data: { entry: 'conf.d/*.toml', dropped: IMPORT },
  },
  {
    name: 'a main config that is a directory fails',
    facts: facts([{ state: 'error', refused: 'directory' }]),
    status: 'fail',
    messageId: 'mainRefused',
  },
  {
    name: 'corpus hcsshim wildcard config is valid',
    facts: facts([corpus('hcsshim-ci-commented-v2-wildcard-annotations-wcow-process.toml')], { containerd: '1.7.20' }),
    status: 'pass',
    messageId: 'valid',
  },
  {
    name: 'corpus OpenShift config is valid',
    facts: facts([corpus('openshift-wmco-containerd_conf-v2-containerd1.7-default-runtime-name.toml')], {
      containerd: '1.7.20',
    }),
    status: 'pass',
    messageId: 'valid',
  },
  {
    name: 'corpus containerd CI Hyper-V config is valid TOML',
    facts: facts([corpus('containerd-ci-hyperv-periodic-v2-default-runtime-hypervisor.toml')], {
      containerd: '1.7.20',
    }),
    status: 'pass',
    messageId: 'valid',
  },

  // Main config missing.
  {
    name: 'no config at the default path: built-in defaults',
    facts: facts([{ state: 'missing' }], { containerd: '1.7.20', pathSource: 'default' }),
    status: 'pass',
    messageId: 'builtInDefaults',
  },
  {
    name: 'config named by --config is missing',
    facts: facts([{ path: 'C:\\k\\containerd\\config.toml', state: 'missing' }], {
      containerd: '1.7.20',
      pathSource: 'command-line',
    }),
    status: 'fail',
    messageId: 'explicitMissing',
    verify: includes('C:\\k\\containerd\\config.toml'),
  },

  // Acceptance per family: go-toml v1 (1.x) and v2 (2.x) differ.
  {
    name: '2.x refuses a UTF-8 BOM',
    facts: facts([{ bytes: bom(enc(V3)) }], { containerd: '2.0.4' }),
    status: 'fail',
    messageId: 'bom',
    data: { error: 'failed to unmarshal TOML at row 1 column 1: toml: invalid character at start of key: ï' },
  },
  {
    name: '2.x refuses a Windows-1252 byte in a comment',
    facts: fromBytes([{ bytes: w1252('version = 3\n# caf', '\n') }], '2.2.7'),
    status: 'fail',
    messageId: 'invalidUtf8',
    data: { bytes: 'E9', error: 'failed to unmarshal TOML at row 2 column 6: toml: invalid character in comment' },
  },
  {
    name: '1.x reads a Windows-1252 byte, but warns before an upgrade',
    facts: fromBytes([{ bytes: w1252(`${V2}# caf`, '\n') }], '1.7.20'),
    status: 'warn',
    messageId: 'invalidUtf8BeforeUpgrade',
  },
  {
    name: 'an older snapshot with U+FFFD in the text: 2.x cannot tell, so it warns',
    facts: one('version = 3\n# caf\uFFFD\n', '2.1.0'),
    status: 'warn',
    messageId: 'utf8Unknown',
  },
  {
    name: '1.x accepts an inline table over several lines; 2.x refuses it',
    facts: one(
      `${V2}[${CRI}.containerd.runtimes.x]\n  runtime_type = "io.containerd.runhcs.v1"\n  options = {\n    Debug = true }\n`,
    ),
    status: 'pass',
    messageId: 'valid',
  },
  {
    name: '2.x refuses a multi-line inline table',
    facts: one(`version = 3\na = {\n b = 1 }\n`, '2.0.4'),
    status: 'fail',
    messageId: 'syntax',
    data: { error: 'failed to unmarshal TOML at row 2 column 6: toml: invalid character at start of key: \n' },
  },
  {
    name: 'both refuse a trailing comma in an inline table (1.x words)',
    facts: one(`${V2}[${CRI}.containerd.runtimes.x]\n  options = { Debug = true, }\n`),
    status: 'fail',
    messageId: 'syntax',
    data: { error: `failed to load TOML: ${MAIN}: (9, 27): trailing comma at the end of inline table` },
  },
  {
    name: '\\e is refused by go-toml v1',
    facts: one('version = 2\nroot = "\\e"\n'),
    status: 'fail',
    messageId: 'syntax',
  },
  {
    name: '\\e is accepted by go-toml v2',
    facts: one('version = 3\nroot = "C:\\\\x\\e"\n', '2.0.4'),
    status: 'pass',
    messageId: 'valid',
  },
  {
    name: 'an integer beyond 2^53 is kept exact and accepted',
    facts: one(V2.replace('version = 2\n', 'version = 2\noom_score = 9007199254740993\n')),
    status: 'pass',
    messageId: 'valid',
  },
  {
    name: 'a leading zero: 1.x reads version = 02 as 2',
    facts: one('version = 02\n'),
    status: 'pass',
    messageId: 'valid',
  },
  {
    name: 'a leading zero: 2.x refuses it',
    facts: one('version = 03\n', '2.0.4'),
    status: 'fail',
    messageId: 'syntax',
    data: { error: "failed to unmarshal TOML at row 1 column 12: toml: expected newline but got U+0033 '3'" },
  },
  {
    name: 'a duplicate key, in 2.x words (no row or column)',
    facts: one('version = 3\nversion = 3\n', '2.0.4'),
    status: 'fail',
    messageId: 'syntax',
    data: { error: 'failed to unmarshal TOML: toml: key version is already defined' },
  },
  {
    name: 'a bad date at an unknown top-level key: 2.x never decodes it',
    facts: one('version = 3\nwhen = 07:32\n', '2.0.4'),
    status: 'warn',
    messageId: 'unknownKey',
  },

  // Wrong types, worded as each decoder words them.
  {
    name: 'imports as a string (2.x words, with row and column)',
    facts: one('version = 3\nimports = "x.toml"\n', '2.2.7'),
    status: 'fail',
    messageId: 'typeError',
    data: {
      error:
        'failed to unmarshal TOML at row 2 column 11: toml: cannot decode TOML string into struct field config.Config.Imports of type []string',
      key: 'imports',
    },
  },
  {
    name: 'plugins as a string (1.x)',
    facts: one('version = 2\nplugins = "x"\n'),
    status: 'fail',
    messageId: 'typeError',
    data: { error: "failed to unmarshal TOML: (2, 1): Can't convert x(string) to map[string]toml.Tree(map)" },
  },
  {
    name: 'a number in disabled_plugins (2.x)',
    facts: one('version = 3\ndisabled_plugins = [1]\n', '2.0.4'),
    status: 'fail',
    messageId: 'typeError',
    data: {
      error:
        'failed to unmarshal TOML at row 2 column 21: toml: cannot decode TOML integer into struct field config.Config.DisabledPlugins of type []string',
    },
  },
  {
    name: '[[plugins]] (2.x: no row or column)',
    facts: one('version = 3\n[[plugins]]\nx = 1\n', '2.0.4'),
    status: 'fail',
    messageId: 'typeError',
    data: {
      error:
        'failed to unmarshal TOML: toml: cannot decode TOML array table into struct field config.Config.Plugins of type map[string]interface {}',
    },
  },
  {
    name: 'default_runtime_name = 5 stops 1.x when it loads the CRI plugin',
    facts: one(`version = 2\n[${CRI}.containerd]\ndefault_runtime_name = 5\n`),
    status: 'fail',
    messageId: 'typeError',
    data: {
      error: "(3, 1): Can't convert 5(int64) to string",
      key: `${CRI}.containerd.default_runtime_name`,
      expected: 'string',
      stage: 'when it loads the io.containerd.grpc.v1.cri plugin',
    },
    verify: includes(`${MAIN}:3`),
  },
  {
    name: 'a gc startup_delay that time.ParseDuration refuses stops 1.x (decoded before CRI)',
    facts: one(
      `version = 2\n[plugins."io.containerd.gc.v1.scheduler"]\n  startup_delay = "100 ms"\n[${CRI}]\n  sandbox_image = 5\n`,
    ),
    status: 'fail',
    messageId: 'typeError',
    data: {
      error: '(3, 3): unmarshal text: time: unknown unit " ms" in duration "100 ms"',
      key: 'plugins."io.containerd.gc.v1.scheduler".startup_delay',
      expected: 'duration string such as "100ms" or "10s" (scheduler.duration)',
      stage: 'when it loads the io.containerd.gc.v1.scheduler plugin',
    },
    verify: includes(`${MAIN}:3`),
  },
  {
    name: 'a restart interval as a number stops 2.x (tomlext.Duration gets the text "5")',
    facts: one("version = 3\n[plugins.'io.containerd.monitor.container.v1.restart']\n  interval = 5\n", '2.1.3'),
    status: 'fail',
    messageId: 'typeError',
    data: { error: 'toml: time: missing unit in duration "5"' },
    verify: includes(`${MAIN}:3`),
  },
  {
    name: 'default_runtime_name = 5 stops 2.x (raw go-toml error, the file named by the finding)',
    facts: one("version = 3\n[plugins.'io.containerd.cri.v1.runtime'.containerd]\ndefault_runtime_name = 5\n", '2.2.7'),
    status: 'fail',
    messageId: 'typeError',
    data: {
      error:
        'toml: cannot decode TOML integer into struct field config.ContainerdConfig.DefaultRuntimeName of type string',
    },
    verify: includes(`${MAIN}:3`),
  },
  {
    name: 'a mixed-type pod_annotations in an import: the import and its line are named',
    facts: withImport(V2, {
      text: `version = 2\n[${CRI}.containerd.runtimes.runhcs-wcow-process]\n  pod_annotations = ["a", 1]\n`,
    }),
    status: 'fail',
    messageId: 'typeError',
    verify: includes(`${IMPORT}:3`),
  },
  {
    name: 'runtime_type = 5 (2.x, v2 layout migrated)',
    facts: one(`version = 2\n[${CRI}.containerd.runtimes.x]\n  runtime_type = 5\n`, '2.2.7'),
    status: 'fail',
    messageId: 'typeError',
    data: { error: 'toml: cannot decode TOML integer into struct field config.Runtime.Type of type string' },
  },
  {
    name: 'options = "x"',
    facts: one(`version = 2\n[${CRI}.containerd.runtimes.x]\n  options = "x"\n`),
    status: 'fail',
    messageId: 'typeError',
    data: { error: "(3, 3): Can't convert x(string) to map[string]interface {}(map)" },
  },
  {
    name: 'a date where 2.x expects a string: go-toml panics, containerd crashes',
    facts: one('version = 3\nroot = 1979-05-27\n', '2.0.4'),
    status: 'fail',
    messageId: 'crash',
  },

  // Imports and plugins.
  {
    name: "a malformed glob stops containerd with Go's unwrapped error",
    facts: node({
      containerd: {
        version: version('2.0.4'),
        config: ok({
          path: MAIN,
          pathSource: 'command-line',
          files: config([{ text: "version = 3\nimports = ['conf.d/[*.toml']\n" }]).value?.files ?? [],
          imports: [
            {
              entry: 'conf.d/[*.toml',
              importedBy: MAIN,
              resolved: 'C:\\Program Files\\containerd\\conf.d\\[*.toml',
              glob: true,
              badPattern: true,
              matches: [],
            },
          ],
        }),
      },
    }),
    status: 'fail',
    messageId: 'badPattern',
    data: { error: 'syntax error in pattern' },
  },
  {
    name: 'disabled_plugins = ["cri"] in a version 2 file is refused',
    facts: one('version = 2\ndisabled_plugins = ["cri"]\n'),
    status: 'fail',
    messageId: 'invalidPluginUri',
    data: { error: `failed to load TOML from ${MAIN}: invalid disabled plugin URI "cri" expect io.containerd.x.vx` },
  },
  {
    name: '1.7.0+ refuses a plugin key without the io.containerd. prefix',
    facts: one('version = 2\n[plugins."containerd.io.grpc.v1.cri"]\n  x = 1\n'),
    status: 'fail',
    messageId: 'invalidPluginUri',
  },
  {
    name: '1.6 accepts it (four parts are enough there)',
    facts: one('version = 2\n[plugins."containerd.io.grpc.v1.cri"]\n  x = 1\n', '1.6.35'),
    status: 'warn',
    messageId: 'unknownPlugin',
  },
  {
    name: 'the CRI plugin disabled: containerd runs, no pod can',
    facts: one('version = 2\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n'),
    status: 'fail',
    messageId: 'criDisabled',
    data: { plugin: 'io.containerd.grpc.v1.cri' },
  },
  {
    name: 'a required plugin that is disabled',
    facts: one(
      'version = 2\ndisabled_plugins = ["io.containerd.internal.v1.opt"]\nrequired_plugins = ["io.containerd.internal.v1.opt"]\n',
    ),
    status: 'fail',
    messageId: 'requiredPlugin',
  },
  {
    name: '2.0–2.2: a version 1 config loses every CRI setting',
    facts: one('[plugins.cri.containerd]\n  default_runtime_name = "runhcs-wcow-process"\n', '2.2.7'),
    status: 'fail',
    messageId: 'criSettingsIgnored',
  },
  {
    name: '2.3 migrates a version 1 config file by file',
    facts: one('[plugins.cri.containerd]\n  default_runtime_name = "runhcs-wcow-process"\n', '2.3.0'),
    status: 'pass',
    messageId: 'valid',
  },
  {
    name: '1.x before 1.7.17 loads a version 3 file and ignores its CRI tables',
    facts: one(V3, '1.7.16'),
    status: 'fail',
    messageId: 'criSettingsIgnored',
  },
  {
    name: 'the containerd version unknown: a refusal only the assumed line makes is a warning, not a verdict',
    facts: facts([{ text: 'version = 2\nroot = "\\e"\n' }]),
    status: 'warn',
    messageId: 'syntax',
  },
  {
    name: 'the containerd version unknown: what only the other line refuses is a warning',
    facts: facts([{ bytes: bom(enc(V2)) }]),
    status: 'warn',
    messageId: 'otherLineRefuses',
    findings: ['otherLineRefuses', 'bomBeforeUpgrade'],
  },
  {
    name: 'the containerd version unknown: what both lines refuse fails',
    facts: facts([{ bytes: bom(enc(V3)) }]),
    status: 'fail',
    messageId: 'bom',
  },

  {
    name: 'past 50 lint warnings, one more finding counts the rest',
    facts: one(`version = 2\n${Array.from({ length: 60 }, (_, n) => `unknown${n} = 1`).join('\n')}\n`),
    status: 'warn',
    messageId: 'unknownKey',
    verify: (t, r) => {
      t.is(r.findings?.filter((f) => f.messageId === 'unknownKey').length, 50);
      const more = r.findings?.find((f) => f.messageId === 'moreLint');
      t.is(more?.data?.count, 10);
    },
  },
  // Facts absent or unreadable.
  { name: 'config not collected', facts: node(), status: 'skip', messageId: 'notCollected' },
  {
    name: 'config fact denied',
    facts: node({ containerd: { config: not('denied') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'config fact timed out',
    facts: node({ containerd: { config: not('timeout') } }),
    status: 'skip',
    messageId: 'factUnavailable',
  },
  {
    name: 'main config file could not be read',
    facts: facts([{ state: 'denied' }], { containerd: '1.7.20' }),
    status: 'skip',
    messageId: 'mainUnreadable',
  },
]);

// A UTF-8 BOM and CRLF are handled: 1.x decodes and parses the file (never a syntax error), and the
// check says only that containerd 2.x would refuse the BOM.
for (const [name, bytes, containerd] of [
  ['UTF-8 BOM on 1.7', bom(new TextEncoder().encode(V2)), '1.7.20'],
  ['UTF-8 BOM and CRLF on 1.7', bom(crlf(V2)), '1.7.20'],
  ['UTF-8 BOM and CRLF on 1.6', bom(crlf(V2)), '1.6.35'],
] as const) {
  test(`containerd-config: ${name} is decoded and parsed`, async (t) => {
    const result = await runOne(check, facts([{ bytes }], { containerd }));
    t.is(result.status, 'warn', result.message);
    t.is(result.messageId, 'bomBeforeUpgrade', result.message);
    t.is(result.findings, undefined, 'the only finding');
  });
}

test('containerd-config: a BOM file is parsed to the same document as without a BOM', async (t) => {
  const plain = config([{ text: V2 }]).value?.files[0];
  const withBom = config([{ bytes: bom(crlf(V2)) }]).value?.files[0];
  t.true(withBom?.parse?.ok);
  t.deepEqual(withBom?.parse, plain?.parse);
  t.is(withBom?.encoding, 'utf8-bom');
  t.is(withBom?.lineEndings, 'crlf');
});
