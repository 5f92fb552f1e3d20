/**
 * Presets with the CLI's names. Each preset is an array of flat-config objects:
 * - prompt and config files, matched by the core's discovery globs (specific names and folders only, never all
 *   `*.md` or `*.json`, so @eslint/markdown and @eslint/json keep their files), read as `promptlint/prompt`;
 * - JavaScript files (`*.js`, `*.mjs`, `*.cjs`, `*.jsx`) with the JS/TS rules and no parser settings;
 * - TypeScript files with the same rules, but only where another config already lints them (typescript-eslint),
 *   so a JavaScript-only project never has `.ts` files parsed by espree.
 */
import { DISCOVERY_PATTERNS, RULES, type PresetName } from '@promptlint/core';
import { CODE_RULES } from './js/index.ts';

export interface FlatConfigObject {
  name: string;
  files?: (string | string[])[];
  plugins?: Record<string, unknown>;
  language?: string;
  rules?: Record<string, 'error' | 'warn' | 'off'>;
}

export type PluginConfigs = Record<'recommended' | 'strict' | 'all' | 'markdown', FlatConfigObject[]>;

const RANK: Record<PresetName, number> = { recommended: 0, strict: 1, all: 2 };

/** The prompt and config files the presets read (the CLI's discovery table). */
export const PROMPT_FILES: readonly string[] = DISCOVERY_PATTERNS;
export const JS_FILES: readonly string[] = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];
/**
 * TypeScript files, as one "universal" AND-pattern: ESLint applies it only to files another config object already
 * matches (typescript-eslint's `**\/*.ts` etc.), never adding `.ts` files to a JavaScript-only project's lint run.
 */
export const TS_FILES: readonly (readonly string[])[] = [['**/*', '!**/!(*.ts|*.mts|*.cts|*.tsx)']];

function coreRules(preset: PresetName): Record<string, 'error' | 'warn'> {
  const out: Record<string, 'error' | 'warn'> = {};
  for (const r of RULES) if (RANK[r.meta.docs.preset] <= RANK[preset]) out[`promptlint/${r.meta.id}`] = r.meta.defaultSeverity;
  return out;
}

function codeRules(preset: PresetName): Record<string, 'error' | 'warn'> {
  const out: Record<string, 'error' | 'warn'> = {};
  for (const [id, rule] of Object.entries(CODE_RULES)) {
    const docs = rule.meta.docs as { preset: PresetName; defaultSeverity: 'error' | 'warn' };
    if (RANK[docs.preset] <= RANK[preset]) out[`promptlint/${id}`] = docs.defaultSeverity;
  }
  return out;
}

export function buildConfigs(plugin: object): PluginConfigs {
  const plugins = { promptlint: plugin };
  const preset = (name: PresetName): FlatConfigObject[] => {
    const code = codeRules(name);
    // The text rules in code follow the preset too.
    const withPreset = { ...code } as Record<string, any>;
    if (withPreset['promptlint/prompt-in-code'] && name !== 'recommended') withPreset['promptlint/prompt-in-code'] = [withPreset['promptlint/prompt-in-code'], { preset: name }];
    return [
      { name: `promptlint/${name}/prompt-files`, files: [...PROMPT_FILES], plugins, language: 'promptlint/prompt', rules: coreRules(name) },
      { name: `promptlint/${name}/javascript`, files: [...JS_FILES], plugins, rules: withPreset },
      { name: `promptlint/${name}/typescript`, files: TS_FILES.map((p) => [...p]), plugins, rules: withPreset },
    ];
  };
  return {
    recommended: preset('recommended'),
    strict: preset('strict'),
    all: preset('all'),
    // For `*.md` files that @eslint/markdown owns: the core rules on its files, no language of ours. Place it after
    // @eslint/markdown's config.
    markdown: [{ name: 'promptlint/markdown', files: ['**/*.md'], plugins, rules: coreRules('recommended') }],
  };
}
