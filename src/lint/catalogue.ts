/**
 * Lint rules and the explain catalogue (src/catalogue/entries.ts): each rule's `meta.catches` lists the
 * catalogue entries whose error it would have caught before the manifest was applied. `explain` can then
 * say "hostprocess-doctor lint would have caught this: <rule>".
 */
import { LINT_RULES } from './rules/index.js';

/** Rule id → the catalogue entry ids it catches. */
export const LINT_CATCHES: ReadonlyMap<string, readonly string[]> = new Map(
  LINT_RULES.map((r) => [r.meta.id, r.meta.catches]),
);

/** The lint rules that catch a catalogue entry's error before apply, in rule order. */
export function lintRulesFor(entryId: string): string[] {
  return LINT_RULES.filter((r) => r.meta.catches.includes(entryId)).map((r) => r.meta.id);
}

/**
 * Pod- and cluster-level catalogue entries no lint rule catches, and why: explain can say the lint
 * would not have seen them coming.
 */
export const NOT_CAUGHT_BY_LINT: Readonly<Record<string, string>> = {
  'disallowed-by-cluster-policy':
    "kube-apiserver's --allow-privileged=false: a flag of the cluster, in no manifest the lint reads",
  'mount-shadows-host-dir':
    "whether a mountPath already exists on the host is a fact of the node's disk, which a snapshot does not record",
  'bindfilter-inside-hostprocess':
    'what a program does inside the container (creating bind-filter mappings) is not in the manifest',
  'conflicting-hostprocess-annotations':
    'not a lint rule yet: hcsshim reads the microsoft.com/*hostprocess-container annotations only when containerd passes them through',
};
