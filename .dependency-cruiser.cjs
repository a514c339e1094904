/**
 * The import rules of docs/architecture.md ("Layout"), checked by `npm run lint:deps` in CI.
 * Violations that predate a rule are listed in .dependency-cruiser-known-violations.json and
 * tolerated until fixed; anything new fails. Shrink that file, never grow it
 * (`npm run lint:deps:baseline` rewrites it: only after removing violations). Cycles between
 * feature folders are checked by scripts/check-folder-cycles.cjs on this same graph.
 */
const CORE = '^src/(common|config|infrastructure)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A file must not reach itself through its imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-no-feature',
      severity: 'error',
      comment: 'common, config and infrastructure serve the features and know none of them.',
      from: { path: CORE },
      to: { path: '^src/', pathNot: [CORE, '^src/types/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.spec\\.ts$', '^src/types/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
