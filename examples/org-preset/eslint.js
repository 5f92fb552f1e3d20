import promptlint from 'eslint-plugin-promptlint';
import { rules, settings } from './settings.js';

const promptFiles = promptlint.configs.recommended.find((c) => c.language === 'promptlint/prompt').files;

/**
 * The eslint.config.js fragment: eslint-plugin-promptlint's recommended preset, the same severities (as
 * `promptlint/<id>`, on the prompt files only) and the same `settings.promptlint` object as the CLI config.
 *
 *   import acme from '@acme/promptlint-config/eslint';
 *   export default [...acme];
 */
export default [
  ...promptlint.configs.recommended,
  {
    name: '@acme/promptlint-config/eslint/org-rules',
    files: promptFiles,
    plugins: { promptlint },
    rules: Object.fromEntries(Object.entries(rules).map(([id, severity]) => [`promptlint/${id}`, severity])),
  },
  { name: '@acme/promptlint-config/eslint/settings', settings: { promptlint: settings } },
];
