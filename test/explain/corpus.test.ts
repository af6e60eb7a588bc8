/**
 * The real error logs in ../shared/corpus/error-logs give the verdicts PROVENANCE.md states.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import type { Confidence } from '../../src/catalogue/entries.js';
import { explainText } from '../../src/catalogue/match.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const LOGS = path.join(ROOT, 'test', 'fixtures', 'corpus', 'error-logs');

interface Verdict {
  /** The entry that must come first, or undefined for "no known HostProcess cause". */
  top: string | undefined;
  /** Checks that must never be blamed. */
  notBlamed?: string[];
  confidence?: Confidence;
}

const VERDICTS: Record<string, Verdict> = {
  // PROVENANCE: the node is fine; a workload/path problem (the command is resolved on the host).
  'k8s-website-29924-hostprocess-failed-to-find-executable-events.txt': {
    top: 'failed-to-find-executable',
    confidence: 'high',
  },
  // PROVENANCE: a negative control; must not blame HostProcess account, group or logon-right checks.
  'antrea-2774-hcs-createcomputesystem-directory-name-invalid.txt': {
    top: 'hcs-create-compute-system',
    confidence: 'low',
    notBlamed: ['containerd-service-account', 'local-groups'],
  },
  // PROVENANCE: kubelet configuration error; the klog line is wrapped across two lines.
  'k8s-78925-kubelet-windows-cgroups-per-qos-fatal-excerpt.txt': { top: 'kubelet-cgroups-per-qos', confidence: 'high' },
};

test('every corpus error log has a verdict here', (t) => {
  t.deepEqual(readdirSync(LOGS).sort(), Object.keys(VERDICTS).sort());
});

for (const [file, verdict] of Object.entries(VERDICTS)) {
  test(`corpus error log ${file}`, (t) => {
    const matches = explainText(readFileSync(path.join(LOGS, file), 'utf8'));
    t.is(matches[0]?.entry.id, verdict.top);
    if (verdict.confidence) t.is(matches[0]?.confidence, verdict.confidence);
    for (const m of matches) {
      for (const id of verdict.notBlamed ?? []) t.false(m.entry.checks.includes(id), `${m.entry.id} blames ${id}`);
      if (verdict.notBlamed) t.not(m.confidence, 'high');
    }
  });
}

test('the wrapped k8s-78925 line is read as one message from line 1', (t) => {
  const text = readFileSync(path.join(LOGS, 'k8s-78925-kubelet-windows-cgroups-per-qos-fatal-excerpt.txt'), 'utf8');
  t.false(text.split('\n')[0]?.includes('supported on Windows'), 'the corpus file really is wrapped');
  const [m] = explainText(text);
  t.is(m?.line, 1);
  t.is(m?.occurrences, 1);
  t.regex(m?.excerpt ?? '', /CgroupsPerQOS \(--cgroups-per-qos\) true is not supported on Windows/);
});
