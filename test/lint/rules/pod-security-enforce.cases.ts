import rule from '../../../src/lint/rules/pod-security-enforce.js';
import { container, docs, namespace, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const HOST_PROCESS = 'hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)';
const BASELINE_REASONS = `host namespaces (hostNetwork=true), ${HOST_PROCESS}`;

ruleTester(rule, {
  valid: [
    {
      name: 'a privileged namespace among the inputs',
      yaml: docs(namespace('hpc-system', { [ENFORCE]: 'privileged' }), workload()),
      messageIds: [],
    },
    {
      name: "the namespace's labels are not known: not checked",
      yaml: workload(),
      messageIds: [],
      notChecked: ['the labels of namespace hpc-system are not known'],
    },
    {
      name: 'the object names no namespace: not checked',
      yaml: workload({}, { namespace: undefined }),
      messageIds: [],
      notChecked: ['names no namespace'],
    },
    {
      name: 'the Namespace has no enforce label: the cluster default, not checked',
      yaml: docs(namespace('hpc-system', { team: 'x' }), workload()),
      messageIds: [],
      notChecked: ['no enforce label'],
    },
    {
      name: 'warn baseline alone does not refuse anything',
      yaml: docs(namespace('hpc-system', { 'pod-security.kubernetes.io/warn': 'baseline' }), workload()),
      messageIds: [],
    },
    {
      name: '--namespace-labels privileged overrides the Namespace manifest',
      yaml: docs(namespace('hpc-system', { [ENFORCE]: 'baseline' }), workload()),
      options: { namespaceLabels: [{ name: 'hpc-system', labels: { [ENFORCE]: 'privileged' }, source: 'flag' }] },
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'a DaemonSet in a namespace that enforces baseline: admitted, its pods refused',
      yaml: docs(namespace('hpc-system', { [ENFORCE]: 'baseline' }), workload()),
      messageIds: ['workload'],
      lines: [6],
      data: [{ namespace: 'hpc-system', policy: 'baseline:latest', reasons: BASELINE_REASONS, pod: 'hpc-…' }],
      verify: (t, _r, [f]) => {
        t.true(
          f?.fix?.commands.includes(`kubectl label namespace hpc-system ${ENFORCE}=privileged --overwrite`) ?? false,
        );
        t.is(f?.location.file, 'test.yaml');
      },
    },
    {
      name: 'a Pod under restricted:v1.33 from --namespace-labels: hostPort is defaulted, the list may be longer',
      yaml: workload({ containers: [container('app', { ports: [{ containerPort: 9182 }] })] }, { kind: 'Pod' }),
      options: {
        namespaceLabels: [
          {
            name: 'hpc-system',
            labels: { [ENFORCE]: 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.33' },
            source: 'flag',
          },
        ],
      },
      messageIds: ['pod'],
      data: [{ policy: 'restricted:v1.33', pod: 'hpc' }],
      verify: (t, _r, [f]) => {
        t.true(
          String(f?.data?.reasons).startsWith(
            `host namespaces (hostNetwork=true), hostPort (container "app" uses hostPort 9182), ${HOST_PROCESS} (and possibly more`,
          ),
          String(f?.data?.reasons),
        );
        t.regex(String(f?.data?.from), /--namespace-labels/);
      },
    },
    {
      name: 'an unknown namespace with --pod-security-default baseline',
      yaml: workload(),
      options: { podSecurityDefault: 'baseline' },
      messageIds: ['workload'],
      data: [{ from: 'the cluster default given with --pod-security-default', reasons: BASELINE_REASONS }],
    },
    {
      name: "no namespace and --pod-security-default: the kubectl context's namespace",
      yaml: workload({}, { namespace: undefined }),
      options: { podSecurityDefault: 'restricted' },
      messageIds: ['workload'],
      data: [{ namespace: '<context-namespace>', policy: 'restricted:latest' }],
    },
    {
      name: 'an enforce label that is not a level is read as restricted',
      yaml: docs(namespace('hpc-system', { [ENFORCE]: 'bogus' }), workload()),
      messageIds: ['workload'],
      verify: (t, _r, [f]) => {
        t.regex(String(f?.data?.policy), /^restricted:latest$/);
        t.regex(String(f?.data?.from), /not a level/);
      },
    },
    {
      name: 'hostPath volumes and an init container that sets hostProcess itself',
      yaml: docs(
        namespace('hpc-system', { [ENFORCE]: 'baseline' }),
        workload({
          volumes: [
            { name: 'a', hostPath: { path: 'C:\\a' } },
            { name: 'b', hostPath: { path: 'C:\\b' } },
          ],
          initContainers: [container('init', { securityContext: { windowsOptions: { hostProcess: true } } })],
        }),
      ),
      messageIds: ['workload'],
      data: [
        {
          reasons:
            'host namespaces (hostNetwork=true), hostPath volumes (volumes "a", "b"), hostProcess (pod and container "init" must not set securityContext.windowsOptions.hostProcess=true)',
        },
      ],
    },
    {
      name: '-n names the namespace of an object without one',
      yaml: docs(namespace('hpc-system', { [ENFORCE]: 'baseline' }), workload({}, { namespace: undefined })),
      options: { defaultNamespace: 'hpc-system' },
      messageIds: ['workload'],
    },
  ],
});
