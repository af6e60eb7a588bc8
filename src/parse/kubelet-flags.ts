/**
 * kubelet's command line read as kubelet reads it. kubelet often runs behind a wrapper (kube-log-runner.exe,
 * nssm, a PowerShell start script), so the kubelet's own arguments start after the `kubelet.exe` argument
 * when there is one.
 */
import {
  lastFlag,
  type ParsedFlags,
  parseFlags,
  programName,
  splitWindowsCommandLine,
  unwrapEnvFile,
} from './commandline.js';

/** kubelet flags that take no value, so the token after them is not theirs. */
const KUBELET_BOOLEAN_FLAGS = new Set([
  'windows-service',
  'enable-debugging-handlers',
  'register-node',
  'register-schedulable',
  'fail-swap-on',
  'rotate-certificates',
  'rotate-server-certificates',
  'cgroups-per-qos',
  'enable-server',
  'anonymous-auth',
  'alsologtostderr',
  'logtostderr',
  'skip-headers',
  'add-dir-header',
  'one-output',
  'protect-kernel-defaults',
  'make-iptables-util-chains',
  'enable-controller-attach-detach',
  'exit-on-lock-contention',
  'kernel-memcg-notification',
  'local-storage-capacity-isolation',
  'seccomp-default',
  'serialize-image-pulls',
  'keep-terminated-pod-volumes',
  'help',
]);

const KUBELET_PROGRAMS = new Set(['kubelet', 'kubelet.exe']);

export interface KubeletInvocation {
  /** The program that starts kubelet, when it is not kubelet itself (kube-log-runner.exe, nssm.exe). */
  wrapper?: string;
  /** kubelet.exe was named on the line; false for a bare flag list. */
  kubeletNamed: boolean;
  args: string[];
  flags: ParsedFlags;
}

export function readKubeletCommandLine(commandLine: string): KubeletInvocation {
  const all = splitWindowsCommandLine(unwrapEnvFile(commandLine));
  const at = all.findIndex((arg) => KUBELET_PROGRAMS.has(programName(arg)));
  if (at >= 0) {
    const args = all.slice(at + 1);
    const invocation: KubeletInvocation = {
      kubeletNamed: true,
      args,
      flags: parseFlags(args, KUBELET_BOOLEAN_FLAGS),
    };
    if (at > 0) invocation.wrapper = programName(all[0] as string);
    return invocation;
  }
  const first = all[0];
  const startsWithProgram = first !== undefined && !first.startsWith('-');
  const args = startsWithProgram ? all.slice(1) : all;
  const invocation: KubeletInvocation = { kubeletNamed: false, args, flags: parseFlags(args, KUBELET_BOOLEAN_FLAGS) };
  if (startsWithProgram) invocation.wrapper = programName(first);
  return invocation;
}

/** The KubeletConfiguration path from `--config`, if kubelet was given one. */
export function kubeletConfigPath(invocation: KubeletInvocation): string | undefined {
  return lastFlag(invocation.flags, 'config');
}
