/**
 * The layers (CONTRIBUTING.md): a module imports only from its own layer or those below it, and there is
 * no cycle. `npm test` runs this on the compiled sources (dist/), the code that ships.
 *
 *   cli → (collect | sources | explain | fleet | watch | reporters | lint) → engine/runner →
 *   (checks | catalogue) → rules → parse → contract
 */
const LAYERS = [
  ['contract', '^dist/src/contract/'],
  ['parse', '^dist/src/parse/'],
  ['rules', '^dist/src/rules/'],
  ['checks', '^dist/checks/'],
  ['catalogue', '^dist/src/catalogue/'],
  ['engine', '^dist/src/(engine|runner)\\.js$'],
  ['features', '^dist/src/(collect|sources|explain|fleet|watch|reporters|lint)/'],
  ['cli', '^dist/src/cli/'],
];

/** For each layer, every layer above it is forbidden. checks and catalogue share a level. */
const LEVEL = { contract: 0, parse: 1, rules: 2, checks: 3, catalogue: 3, engine: 4, features: 5, cli: 6 };

const upward = LAYERS.flatMap(([name, path]) =>
  LAYERS.filter(([other]) => LEVEL[other] > LEVEL[name] || (LEVEL[other] === LEVEL[name] && other !== name)).map(
    ([other, otherPath]) => ({
      name: `no-${name}-to-${other}`,
      comment: `${name} is below ${other} (or beside it): it must not import it`,
      severity: 'error',
      from: { path },
      to: { path: otherPath },
    }),
  ),
);

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    // Collectors record facts; they never judge, so they do not read the domain rules.
    {
      name: 'collect-does-not-judge',
      severity: 'error',
      from: { path: '^dist/src/collect/' },
      to: { path: '^dist/(src/(rules|catalogue|engine|runner)|checks)/?' },
    },
    // Reporters render a report; they need nothing but the contract (and the shared terminal helpers).
    {
      name: 'reporters-read-only-the-report',
      severity: 'error',
      from: { path: '^dist/src/reporters/' },
      to: { path: '^dist/src/', pathNot: '^dist/src/(contract|reporters)/' },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.generated\\.js$' },
    includeOnly: '^dist/(src|checks)/',
    moduleSystems: ['es6'],
  },
};
