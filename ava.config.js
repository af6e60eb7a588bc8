import { readFileSync } from 'node:fs';

// ava's configuration. It lives here, not in package.json, because sortTestFiles must be a function.
//
// The files that mostly wait (wine runs, the SEA build, probes held to their --timeout, the fuzz hosts)
// start first, so their waiting overlaps the many quick files instead of trailing after them. Order is
// scheduling only: every file's tests are independent of when it runs.
const FIRST = [
  'win32/collect.test.js',
  'win32/exe.test.js',
  'fuzz/inputs.test.js',
  'collect/probes.test.js',
  'fuzz/hosts.test.js',
  'oracles/containerd.test.js',
  'win32/probes.test.js',
  'rules/containerd/perf.test.js',
  'catalogue/match.test.js',
];

/**
 * Files run together in one worker by a group file (test/<group>.test.ts, test/helpers/group.ts), as
 * test/groups.json lists them: pure, quick files without hooks; a worker costs about a quarter of a
 * CPU-second to start. Paths are relative to dist/test; `except` stays a file of its own.
 */
const GROUPS = JSON.parse(readFileSync(new URL('./test/groups.json', import.meta.url), 'utf8'));
const grouped = Object.values(GROUPS).flatMap(({ dirs, except }) => [
  ...dirs.map((dir) => `!dist/test/${dir}/*.test.js`),
  ...except.map((file) => `dist/test/${file}`),
]);

function rank(file) {
  const index = FIRST.findIndex((suffix) => file.endsWith(`/dist/test/${suffix}`));
  return index < 0 ? FIRST.length : index;
}

export default {
  files: ['dist/test/**/*.test.js', ...grouped],
  timeout: '60s',
  concurrency: 4,
  sortTestFiles: (a, b) => rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true }),
};
