/**
 * `promptlint --init`: write a starter promptlint.config.js for the repository in the working directory.
 * It walks the directory with the discovery table (the same walk a lint run does, ignores honoured), lists the
 * kinds of files it found as comments, extends promptlint:recommended, and never overwrites a config. When the
 * repository has an ESLint flat config, it prints how to add eslint-plugin-promptlint to it.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONFIG_FILE_NAMES, discover, enumerateFiles } from '@promptlint/core';

export const ESLINT_CONFIG_NAMES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'] as const;

export interface InitIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export interface FoundKind {
  readonly what: string;
  readonly count: number;
  /** Up to three example paths, relative to the repository. */
  readonly examples: string[];
}

/** The kinds of prompt, agent and MCP files under `cwd`, in discovery-table order of first appearance. */
export async function surveyRepository(cwd: string): Promise<FoundKind[]> {
  const { files } = await enumerateFiles(['.'], { cwd });
  const byKind = new Map<string, { count: number; examples: string[] }>();
  for (const f of files) {
    const rel = relative(cwd, f.path).split('\\').join('/');
    const entry = discover(rel);
    if (!entry) continue;
    const kind = byKind.get(entry.what) ?? { count: 0, examples: [] };
    kind.count++;
    if (kind.examples.length < 3) kind.examples.push(rel);
    byKind.set(entry.what, kind);
  }
  return [...byKind].map(([what, k]) => ({ what, count: k.count, examples: k.examples.sort() })).sort((a, b) => a.what.localeCompare(b.what));
}

/** The starter config's text. */
export function starterConfig(kinds: readonly FoundKind[]): string {
  const found = kinds.length
    ? kinds.map((k) => `//   ${k.what}: ${k.count} file${k.count === 1 ? '' : 's'} (${k.examples.join(', ')}${k.count > k.examples.length ? ', ...' : ''})`).join('\n')
    : '//   (none yet: promptlint will lint them once they are added)';
  return `// promptlint configuration (written by \`promptlint --init\`).
// This file is code: promptlint imports it. Review changes to it like any other code.
//
// Files promptlint found in this repository:
${found}
//
// Rules: https://github.com/promptlint/promptlint/blob/main/docs/rules/README.md

/** @type {import('promptlint').FlatConfig} */
export default [
  {
    extends: ['promptlint:recommended'], // or 'promptlint:strict', or your organisation's preset package
    // rules: { 'model-gateway-endpoint': 'off' },
    settings: {
      promptlint: {
        // Model hosts you run or contract (exact, '*.suffix' or '*-label'):
        trustedHosts: [],
        // Remote MCP servers allowed (when set, other hosts are reported):
        // mcpAllowedHosts: [],
      },
    },
  },
  // Files or folders to skip:
  // { ignores: ['fixtures/**'] },
];
`;
}

/** How to add the ESLint plugin to an existing flat config. */
export function eslintAdvice(eslintConfig: string): string {
  return `
An ESLint config was found (${eslintConfig}). To see the same findings in your editor, add the plugin:

  npm install --save-dev eslint-plugin-promptlint

  // ${eslintConfig}
  import promptlint from 'eslint-plugin-promptlint';

  export default [
    // ...your existing config objects,
    ...promptlint.configs.recommended,
  ];

It reads the same settings: copy settings.promptlint from promptlint.config.js, or share one object from a
package (see docs/org-presets.md).
`;
}

/** Run `--init` in `cwd`. Exit code 0 on success, 2 when a config already exists or cannot be written. */
export async function runInit(cwd: string, io: InitIO): Promise<number> {
  const existing = CONFIG_FILE_NAMES.find((name) => existsSync(join(cwd, name)));
  if (existing) {
    io.stderr(`promptlint: ${existing} already exists in ${cwd}; --init does not overwrite a config. Edit it, or remove it and run --init again.\n`);
    return 2;
  }
  const kinds = await surveyRepository(cwd);
  const target = join(cwd, 'promptlint.config.js');
  try {
    writeFileSync(target, starterConfig(kinds), { flag: 'wx' });
  } catch (e) {
    io.stderr(`promptlint: cannot write ${target}: ${(e as Error).message}\n`);
    return 2;
  }
  const total = kinds.reduce((n, k) => n + k.count, 0);
  io.stdout(`Wrote promptlint.config.js (extends promptlint:recommended).\nFound ${total} file${total === 1 ? '' : 's'} to lint${kinds.length ? `: ${kinds.map((k) => `${k.what} (${k.count})`).join(', ')}` : ''}.\nRun \`npx promptlint\` to lint them.\n`);
  const eslintConfig = ESLINT_CONFIG_NAMES.find((name) => existsSync(join(cwd, name)));
  if (eslintConfig) io.stdout(eslintAdvice(eslintConfig));
  return 0;
}
