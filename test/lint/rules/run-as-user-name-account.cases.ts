import rule from '../../../src/lint/rules/run-as-user-name-account.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const user = (name: string) => workload({ securityContext: { windowsOptions: { runAsUserName: name } } });

ruleTester(rule, {
  valid: [
    { name: 'NT AUTHORITY\\SYSTEM', yaml: user('NT AUTHORITY\\SYSTEM'), messageIds: [] },
    {
      name: 'NT AUTHORITY\\system (the account part is not case-sensitive)',
      yaml: user('NT AUTHORITY\\system'),
      messageIds: [],
    },
    { name: 'NT AUTHORITY\\Local service', yaml: user('NT AUTHORITY\\Local service'), messageIds: [] },
    { name: 'NT AUTHORITY\\LocalService', yaml: user('NT AUTHORITY\\LocalService'), messageIds: [] },
    { name: 'NT AUTHORITY\\NetworkService', yaml: user('NT AUTHORITY\\NetworkService'), messageIds: [] },
    { name: 'NT AUTHORITY\\Network Service', yaml: user('NT AUTHORITY\\Network Service'), messageIds: [] },
    { name: 'a local group (another rule)', yaml: user('hpc-readers'), messageIds: [] },
    { name: "an invalid value is run-as-user-name-format's", yaml: user('NT AUTHORITY\\\\SYSTEM'), messageIds: [] },
    {
      name: '.\\admin is invalid to the API (a domain cannot start with a dot)',
      yaml: user('.\\admin'),
      messageIds: [],
    },
    {
      name: 'a container that is not HostProcess is not judged',
      yaml: workload({
        initContainers: [
          container('init', {
            securityContext: { windowsOptions: { hostProcess: false, runAsUserName: 'CONTOSO\\x' } },
          }),
        ],
      }),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'ContainerUser is an error',
      yaml: user('ContainerUser'),
      messageIds: ['containerAccount'],
      severities: ['error'],
      data: [{ value: '"ContainerUser"', account: 'ContainerUser', containers: 'container "app"' }],
    },
    {
      name: 'User Manager\\ContainerAdministrator is an error',
      yaml: user('User Manager\\ContainerAdministrator'),
      messageIds: ['containerAccount'],
      severities: ['error'],
    },
    {
      name: 'nt authority\\system: the domain is compared case-sensitively',
      yaml: user('nt authority\\system'),
      messageIds: ['authorityCase'],
      data: [{ domain: 'nt authority' }],
    },
    {
      name: 'a localized authority name',
      yaml: user('NT-AUTORITÄT\\SYSTEM'),
      messageIds: ['authorityCase'],
    },
    {
      name: 'NT AUTHORITY\\IUSR is not a HostProcess account',
      yaml: user('NT AUTHORITY\\IUSR'),
      messageIds: ['otherAuthority'],
    },
    {
      name: 'a domain user',
      yaml: user('CONTOSO\\hpc-svc'),
      messageIds: ['namedUser'],
      paths: ['spec.template.spec.securityContext.windowsOptions.runAsUserName'],
    },
    {
      name: 'a local user of the node, set on one container',
      yaml: workload({
        containers: [container('app', { securityContext: { windowsOptions: { runAsUserName: 'WINNODE01\\admin' } } })],
      }),
      messageIds: ['namedUser'],
      paths: ['spec.template.spec.containers[0].securityContext.windowsOptions.runAsUserName'],
    },
  ],
});
