import rule from '../../../src/lint/rules/named-pipe-mount.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const mounted = (hostPath: object, mountPath = 'C:\\mnt\\x') =>
  workload({
    volumes: [{ name: 'x', hostPath }],
    containers: [container('app', { volumeMounts: [{ name: 'x', mountPath }] })],
  });

ruleTester(rule, {
  valid: [
    { name: 'a hostPath directory', yaml: mounted({ path: 'C:\\var\\log' }), messageIds: [] },
    {
      name: 'a pipe volume no container mounts',
      yaml: workload({ volumes: [{ name: 'x', hostPath: { path: '\\\\.\\pipe\\docker_engine' } }] }),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'the containerd pipe mounted',
      yaml: mounted({ path: '\\\\.\\pipe\\containerd-containerd' }, '\\\\.\\pipe\\containerd-containerd'),
      messageIds: ['pipe'],
      severities: ['error'],
      paths: ['spec.template.spec.volumes[0].hostPath.path'],
      data: [{ volume: 'x', pipe: '\\\\.\\pipe\\containerd-containerd', containers: 'container "app"' }],
      verify: (t, _r, [f]) => t.is(f?.related?.length, 1),
    },
    {
      name: 'the //./pipe/ spelling',
      yaml: mounted({ path: '//./pipe/csi-proxy-v1' }),
      messageIds: ['pipe'],
      severities: ['error'],
    },
    {
      name: 'a Unix socket is a warning',
      yaml: mounted({ path: 'C:\\var\\run\\app.sock', type: 'Socket' }),
      messageIds: ['socket'],
      severities: ['warning'],
    },
  ],
});
