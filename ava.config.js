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

function rank(file) {
  const index = FIRST.findIndex((suffix) => file.endsWith(`/dist/test/${suffix}`));
  return index < 0 ? FIRST.length : index;
}

export default {
  files: ['dist/test/**/*.test.js'],
  timeout: '60s',
  concurrency: 4,
  sortTestFiles: (a, b) => rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true }),
};
