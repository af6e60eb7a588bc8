/**
 * The corpus of real-world inputs (test/fixtures/corpus, a copy of ../shared/corpus), read as bytes or text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** dist/test/helpers → repository root → the in-repository copy of the shared corpus. */
export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../..', 'test', 'fixtures', 'corpus');

export const corpusPath = (...parts: string[]) => path.join(CORPUS_DIR, ...parts);
export const corpusBytes = (...parts: string[]): Uint8Array => new Uint8Array(readFileSync(corpusPath(...parts)));
export const corpusText = (...parts: string[]): string => readFileSync(corpusPath(...parts), 'utf8');

export const KUBEADM_FLAGS_ENV = 'kubeadm-flags-env-windows-node-2020-k8s-pr88287.env';
export const IMAGE_BUILDER_BINPATH = 'image-builder-sc-kubelet-service-binpath-JINJA-TEMPLATE.txt';

/** The real kubeadm-flags.env a 2020 Windows node had (no runtime endpoint, --network-plugin=cni). */
export const kubeadmFlagsEnv = () => corpusText('kubelet', KUBEADM_FLAGS_ENV);

/**
 * The image-builder kubelet service binPath. It is a YAML `>-` block: its lines fold into one line joined by
 * spaces, which is the service's ImagePath. The Jinja placeholders are rendered with plausible values.
 */
export function imageBuilderBinPath(render = true): string {
  const folded = corpusText('kubelet', IMAGE_BUILDER_BINPATH)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
  if (!render) return folded;
  return folded
    .replaceAll('{{ kubernetes_install_path }}', 'C:\\k')
    .replaceAll('{{ systemdrive.stdout | trim }}', 'C:');
}
