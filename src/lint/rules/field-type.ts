import type { PodContext } from '../pod.js';
import { defineRule } from '../rule.js';
import { arrayAt, type Expected, formatPath, isObject, read, type Segment } from '../values.js';

interface Field {
  key: string;
  expected: Expected;
  goType: string;
  /** Every item of the array must be a string. */
  strings?: boolean;
}

const WINDOWS: Field[] = [
  { key: 'hostProcess', expected: 'boolean', goType: '*bool' },
  { key: 'runAsUserName', expected: 'string', goType: '*string' },
];
const POD: Field[] = [
  { key: 'hostNetwork', expected: 'boolean', goType: 'bool' },
  { key: 'automountServiceAccountToken', expected: 'boolean', goType: '*bool' },
  { key: 'runtimeClassName', expected: 'string', goType: '*string' },
  { key: 'nodeSelector', expected: 'object', goType: 'map[string]string' },
  { key: 'initContainers', expected: 'array', goType: '[]v1.Container' },
  { key: 'containers', expected: 'array', goType: '[]v1.Container' },
  { key: 'ephemeralContainers', expected: 'array', goType: '[]v1.EphemeralContainer' },
  { key: 'volumes', expected: 'array', goType: '[]v1.Volume' },
];
const CONTAINER: Field[] = [
  { key: 'name', expected: 'string', goType: 'string' },
  { key: 'command', expected: 'array', goType: '[]string', strings: true },
  { key: 'args', expected: 'array', goType: '[]string', strings: true },
  { key: 'workingDir', expected: 'string', goType: 'string' },
  { key: 'env', expected: 'array', goType: '[]v1.EnvVar' },
  { key: 'volumeMounts', expected: 'array', goType: '[]v1.VolumeMount' },
  { key: 'ports', expected: 'array', goType: '[]v1.ContainerPort' },
];

const NESTED: [string, Field[]][] = [
  [
    'env',
    [
      { key: 'name', expected: 'string', goType: 'string' },
      { key: 'value', expected: 'string', goType: 'string' },
    ],
  ],
  [
    'volumeMounts',
    [
      { key: 'name', expected: 'string', goType: 'string' },
      { key: 'mountPath', expected: 'string', goType: 'string' },
    ],
  ],
  [
    'ports',
    [
      { key: 'containerPort', expected: 'integer', goType: 'int32' },
      { key: 'hostPort', expected: 'integer', goType: 'int32' },
    ],
  ],
];

const describe = (value: unknown) =>
  Array.isArray(value)
    ? 'an array'
    : isObject(value)
      ? 'an object'
      : typeof value === 'boolean'
        ? 'a bool'
        : typeof value === 'number'
          ? 'a number'
          : 'a string';
const jsonKind = (value: unknown) =>
  Array.isArray(value)
    ? 'array'
    : isObject(value)
      ? 'object'
      : typeof value === 'boolean'
        ? 'bool'
        : typeof value === 'number'
          ? 'number'
          : 'string';
const EXPECTED: Record<Expected, string> = {
  boolean: 'true or false',
  string: 'a string',
  integer: 'an integer',
  array: 'a list',
  object: 'a map',
};

/**
 * The API server decodes manifests into typed Go structs; a value of the wrong type (hostProcess: "true",
 * hostPort: "9182") is refused before any validation, with encoding/json's UnmarshalTypeError ("json:
 * cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool"; the struct and path
 * part is UNCONFIRMED here, the rest is Go's format). The rules do not judge such values.
 */
export default defineRule({
  meta: {
    id: 'field-type',
    title: 'Fields must have the type the API expects',
    description:
      'The API server refuses to decode a manifest whose field has the wrong type, such as hostProcess: "true" (a string) or hostPort: "9182". The lint checks the fields its rules read, and does not judge those values.',
    group: 'input',
    severity: 'error',
    catches: [],
  },
  messages: {
    wrongType:
      '{{path}} is {{actual}}, not {{expected}}: the API server cannot decode the {{kind}} (json: cannot unmarshal {{json}} into Go struct field … of type {{goType}})',
  },
  run(pod, report) {
    const base = pod.object.base.length;
    const check = (parent: unknown, parentPath: Segment[], fields: Field[]) => {
      for (const f of fields) {
        const r = read(parent, f.key, f.expected);
        const path = [...parentPath, f.key];
        if (r.state === 'type') wrong(path, r.raw, f.expected, f.goType);
        if (r.state === 'ok' && f.strings) {
          arrayAt(parent, f.key).forEach((item, i) => {
            if (typeof item !== 'string' && item !== null) wrong([...path, i], item, 'string', 'string');
          });
        }
      }
    };
    const wrong = (path: Segment[], raw: unknown, expected: Expected, goType: string) =>
      report.finding('wrongType', {
        path,
        data: {
          path: formatPath(path.slice(base)),
          actual: describe(raw),
          expected: EXPECTED[expected],
          kind: pod.kind,
          json: jsonKind(raw),
          goType,
        },
        fix: {
          text: `Write ${formatPath(path.slice(base))} as ${EXPECTED[expected]}${expected === 'boolean' || expected === 'integer' ? ', without quotes' : ''}.`,
          commands: [],
        },
      });
    checkMetadata(pod, wrong);
    check(pod.spec, pod.specPath, POD);
    checkSecurityContext(pod.spec, pod.specPath, check, wrong, 'v1.PodSecurityContext');
    arrayAt(pod.spec, 'volumes').forEach((v, i) => {
      if (isObject(v) && isObject(v.hostPath))
        check(
          v.hostPath,
          [...pod.specPath, 'volumes', i, 'hostPath'],
          [{ key: 'path', expected: 'string', goType: 'string' }],
        );
    });
    const selector = pod.spec.nodeSelector;
    if (isObject(selector)) {
      for (const [k, v] of Object.entries(selector)) {
        if (typeof v !== 'string' && v !== null) wrong([...pod.specPath, 'nodeSelector', k], v, 'string', 'string');
      }
    }
    for (const c of pod.containers) {
      check(c.value, c.path, CONTAINER);
      checkSecurityContext(c.value, c.path, check, wrong, 'v1.SecurityContext');
      for (const [key, fields] of NESTED) {
        arrayAt(c.value, key).forEach((item, i) => {
          check(item, [...c.path, key, i], fields);
        });
      }
    }
  },
});

type Check = (parent: unknown, parentPath: Segment[], fields: Field[]) => void;
type Wrong = (path: Segment[], raw: unknown, expected: Expected, goType: string) => void;

function checkSecurityContext(owner: unknown, ownerPath: Segment[], check: Check, wrong: Wrong, goType: string): void {
  const sc = read(owner, 'securityContext', 'object');
  if (sc.state === 'type') {
    wrong([...ownerPath, 'securityContext'], sc.raw, 'object', `*${goType}`);
    return;
  }
  if (sc.state !== 'ok') return;
  const scPath = [...ownerPath, 'securityContext'];
  check(sc.value, scPath, [{ key: 'runAsNonRoot', expected: 'boolean', goType: '*bool' }]);
  const wo = read(sc.value, 'windowsOptions', 'object');
  if (wo.state === 'type') {
    wrong([...scPath, 'windowsOptions'], wo.raw, 'object', '*v1.WindowsSecurityContextOptions');
    return;
  }
  if (wo.state === 'ok') check(wo.value, [...scPath, 'windowsOptions'], WINDOWS);
}

function checkMetadata(pod: PodContext, wrong: Wrong): void {
  const namespace = read(pod.object.value.metadata, 'namespace', 'string');
  if (namespace.state === 'type')
    wrong([...pod.object.base, 'metadata', 'namespace'], namespace.raw, 'string', 'string');
}
