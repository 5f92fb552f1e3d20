import { rules, settings } from './settings.js';

/** The promptlint flat config: `extends: ['@acme/promptlint-config']` in a repository's promptlint.config.js. */
export default [
  { name: '@acme/promptlint-config/base', extends: ['promptlint:recommended'] },
  { name: '@acme/promptlint-config/org', rules: { ...rules }, settings: { promptlint: settings } },
];
