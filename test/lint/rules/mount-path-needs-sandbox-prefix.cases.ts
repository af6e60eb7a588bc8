import rule from '../../../src/lint/rules/mount-path-needs-sandbox-prefix.js';
import { container, nodeInput, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const config = { name: 'config', configMap: { name: 'cfg' } };
const using = (patch: object, mountPath = '/etc/app', extra: object = {}) =>
  workload({
    volumes: [config],
    automountServiceAccountToken: false,
    containers: [container('app', { volumeMounts: [{ name: 'config', mountPath }], ...patch })],
    ...extra,
  });

ruleTester(rule, {
  valid: [
    {
      name: 'under %CONTAINER_SANDBOX_MOUNT_POINT%',
      yaml: using({ args: ['%CONTAINER_SANDBOX_MOUNT_POINT%/etc/app/a.json'] }),
      messageIds: [],
    },
    {
      name: 'under $env:CONTAINER_SANDBOX_MOUNT_POINT',
      yaml: using({ args: ['-File', '$env:CONTAINER_SANDBOX_MOUNT_POINT\\etc\\app\\x.ps1'] }),
      messageIds: [],
    },
    { name: 'a relative mountPath', yaml: using({ args: ['etc/app/a.json'] }, 'etc/app'), messageIds: [] },
    { name: 'another path that shares the prefix', yaml: using({ args: ['/etc/application/a.json'] }), messageIds: [] },
    {
      name: 'a hostPath mounted at its own path works everywhere',
      yaml: workload({
        automountServiceAccountToken: false,
        volumes: [{ name: 'k', hostPath: { path: '/k' } }],
        containers: [
          container('app', { volumeMounts: [{ name: 'k', mountPath: '/k' }], env: [{ name: 'D', value: 'C:\\k' }] }),
        ],
      }),
      messageIds: [],
    },
    {
      name: 'containerd 1.7 with the bind filter',
      yaml: using({ args: ['/etc/app/a.json'] }),
      options: { node: nodeInput({ containerd: '1.7.20', bindFilter: 'ok' }) },
      messageIds: [],
    },
    {
      name: 'containerd 1.7 on build 20348 (ships the bind filter)',
      yaml: using({ args: ['/etc/app/a.json'] }),
      options: { node: nodeInput({ containerd: '1.7.20', build: 20348 }) },
      messageIds: [],
    },
    {
      name: 'the service-account token is not mounted',
      yaml: using({ args: ['/var/run/secrets/kubernetes.io/serviceaccount/token'] }),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'an argument names the mountPath; the node is not known',
      yaml: using({ args: ['-config-path', '/etc/app/a.json'] }),
      messageIds: ['unknownNode'],
      paths: ['spec.template.spec.containers[0].args[1]'],
      data: [{ mountPath: '/etc/app', volume: 'volume "config"', field: 'spec.template.spec.containers[0].args[1]' }],
      verify: (t, _r, [f]) => t.is(f?.related?.length, 1),
    },
    {
      name: 'on containerd 1.6 it fails',
      yaml: using({ command: ['app.exe', '--config=/etc/app/a.json'] }),
      options: { node: nodeInput({ containerd: '1.6.20' }) },
      messageIds: ['fails'],
      severities: ['error'],
      data: [{ version: '1.6.20' }],
    },
    {
      name: 'containerd 1.7 without bindfltapi.dll',
      yaml: using({ workingDir: 'C:\\etc\\app' }),
      options: { node: nodeInput({ containerd: '1.7.20', bindFilter: 'missing' }) },
      messageIds: ['noBindFilter'],
      paths: ['spec.template.spec.containers[0].workingDir'],
    },
    {
      name: 'containerd 1.7 on build 17763, the bind filter unknown',
      yaml: using({ args: ['/etc/app/a.json'] }),
      options: { node: nodeInput({ containerd: '1.7.20', build: 17763 }) },
      messageIds: ['unknownNode'],
      verify: (t, _r, [f]) => t.regex(String(f?.data?.node), /17763/),
    },
    {
      name: "after the kubelet's $(VAR) expansion, in an env value and an argument",
      yaml: using({
        env: [
          { name: 'CFG', value: '/etc/app' },
          { name: 'FILE', value: '$(CFG)/a.json' },
        ],
        args: ['$(FILE)'],
      }),
      messageIds: ['unknownNode', 'unknownNode', 'unknownNode'],
      paths: [
        'spec.template.spec.containers[0].env[0].value',
        'spec.template.spec.containers[0].env[1].value',
        'spec.template.spec.containers[0].args[0]',
      ],
    },
    {
      name: 'the service-account token path',
      yaml: workload({
        containers: [container('app', { args: ['--token=/var/run/secrets/kubernetes.io/serviceaccount/token'] })],
      }),
      messageIds: ['unknownNode'],
      data: [{ volume: 'the service-account token' }],
    },
  ],
});
