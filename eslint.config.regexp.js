// ESLint flat config used ONLY to lint promptlint's own source regexes for super-linear
// backtracking (issue 8, "linear-time matching"). test/regex-lint.test.ts runs it through
// `new ESLint({ overrideConfigFile: 'eslint.config.regexp.js' })`. It is deliberately not named
// eslint.config.js so that it never changes how other ESLint runs in this repository resolve configs.
import tsParser from '@typescript-eslint/parser';
import regexp from 'eslint-plugin-regexp';

export default [
  {
    files: ['packages/*/src/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { regexp },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Polynomial or exponential backtracking inside one match attempt (e.g. /(a+)+b/, /\s*x?\s*/).
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      // Quadratic total work when a pattern is retried at every start offset of a long input
      // (the /g, matchAll and split case), e.g. /a+b/ against "aaaa...".
      'regexp/no-super-linear-move': ['error', { report: 'certain', ignoreSticky: true, ignorePartial: false }],
      // Ambiguous alternatives under a quantifier, the exponential-backtracking case of (a|a)*. A warning: it also
      // reports harmless redundant alternatives outside any loop; test/regex-lint.test.ts gates only on its
      // exponential-backtracking reports.
      'regexp/no-dupe-disjunctions': ['warn', { report: 'trivial', reportExponentialBacktracking: 'potential' }],
    },
  },
];
