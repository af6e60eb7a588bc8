import rule from '../../../src/lint/rules/run-as-user-name-format.js';
import { container, workload } from '../helpers/manifests.js';
import { ruleTester } from '../helpers/rule-tester.js';

const user = (name: unknown) => workload({ securityContext: { windowsOptions: { runAsUserName: name } } });
const PATH = 'spec.template.spec.securityContext.windowsOptions.runAsUserName';
/** A domain of 259 bytes that is a valid DNS name (labels of 63). */
const LONG_DNS = [...Array(4).fill('a'.repeat(63)), 'bbb'].join('.');

ruleTester(rule, {
  valid: [
    { name: 'NT AUTHORITY\\SYSTEM', yaml: user('NT AUTHORITY\\SYSTEM'), messageIds: [] },
    {
      name: 'NT AUTHORITY\\Local service (spaces are allowed)',
      yaml: user('NT AUTHORITY\\Local service'),
      messageIds: [],
    },
    { name: 'a bare local group', yaml: user('hpc-readers'), messageIds: [] },
    {
      name: 'a lower-case domain is valid to the API (hcsshim minds it)',
      yaml: user('nt authority\\system'),
      messageIds: [],
    },
    { name: 'a 104-byte user is the most the API takes', yaml: user('u'.repeat(104)), messageIds: [] },
    { name: 'a 255-byte DNS domain', yaml: user(`${LONG_DNS.slice(0, 251)}\\user`), messageIds: [] },
    {
      name: 'an unrendered template is not judged',
      yaml: user('{{ .Values.user }}'),
      messageIds: [],
    },
  ],
  invalid: [
    {
      name: 'empty',
      yaml: user(''),
      messageIds: ['empty'],
      paths: [PATH],
      data: [{ path: PATH, value: '""' }],
    },
    { name: 'a control character', yaml: user('NT AUTHORITY\\SYS\tTEM'), messageIds: ['control'] },
    {
      name: 'two backslashes (the single-quoted YAML mistake), printed as Go %q does',
      yaml: `${workload().replace(/runAsUserName: .*/, "runAsUserName: 'NT AUTHORITY\\\\SYSTEM'")}`,
      messageIds: ['backslashes'],
      data: [{ value: '"NT AUTHORITY\\\\\\\\SYSTEM"' }],
      verify: (t, _r, [f]) => t.regex(f?.fix?.text ?? '', /single-quoted/),
    },
    { name: 'a domain of 256 bytes or more', yaml: user(`${LONG_DNS}\\user`), messageIds: ['domainLength'] },
    { name: 'a domain neither NetBIOS nor DNS', yaml: user('bad/domain\\user'), messageIds: ['domainFormat'] },
    { name: 'an empty domain', yaml: user('\\user'), messageIds: ['domainFormat'] },
    { name: 'an empty user', yaml: user('NT AUTHORITY\\'), messageIds: ['userEmpty'] },
    { name: 'a user over 104 bytes', yaml: user('u'.repeat(105)), messageIds: ['userLength'] },
    {
      name: 'length is bytes, not characters: 52 euro signs are 156 bytes',
      yaml: user('€'.repeat(52)),
      messageIds: ['userLength'],
    },
    { name: 'a user of only dots', yaml: user('NT AUTHORITY\\...'), messageIds: ['userDots'] },
    { name: 'a forbidden character in the user', yaml: user('NT AUTHORITY\\a@b'), messageIds: ['userChars'] },
    {
      name: 'several errors at once, in the API order',
      yaml: user('bad/domain\\a@b'),
      messageIds: ['domainFormat', 'userChars'],
    },
    {
      name: 'a container-level value is checked too',
      yaml: workload({
        containers: [container('app', { securityContext: { windowsOptions: { runAsUserName: 'A\\B\\C' } } })],
      }),
      messageIds: ['backslashes'],
      paths: ['spec.template.spec.containers[0].securityContext.windowsOptions.runAsUserName'],
    },
  ],
});
