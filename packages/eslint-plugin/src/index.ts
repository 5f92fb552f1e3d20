/**
 * eslint-plugin-promptlint: promptlint inside ESLint.
 *
 * - `languages.prompt` (`promptlint/prompt`): prompt, instruction, agent and MCP config files, parsed by the core;
 * - `rules`: every core rule under its own id (`promptlint/<id>`), and the JS/TS rules for LLM code;
 * - `configs`: `recommended`, `strict`, `all` (as the CLI's presets) and `markdown` (a companion for files that
 *   @eslint/markdown already owns).
 */
import { RULES, presetConfig, type PresetName } from '@promptlint/core';
import { promptLanguage, PromptSourceCode } from './language.ts';
import { wrapCoreRule, type WrappedRule } from './core-rules.ts';
import { CODE_RULES } from './js/index.ts';
import { buildConfigs, type PluginConfigs } from './configs.ts';

import { meta } from './meta.ts';

export { meta };

export const languages = { prompt: promptLanguage };

/** The rules: core rules first (catalogue order), then the JS/TS rules. */
export const rules: Record<string, WrappedRule> = {};
for (const rule of RULES) rules[rule.meta.id] = wrapCoreRule(rule);
for (const [id, rule] of Object.entries(CODE_RULES)) {
  if (rules[id]) throw new Error(`eslint-plugin-promptlint: rule id ${id} is both a core rule and a JS/TS rule`);
  rules[id] = rule as unknown as WrappedRule;
}

const plugin = { meta, languages, rules, configs: {} as PluginConfigs };
plugin.configs = buildConfigs(plugin);

export const configs: PluginConfigs = plugin.configs;

/** Core rule ids of a preset (for tests and tools). */
export function coreRuleIds(preset: PresetName): string[] {
  return Object.keys(presetConfig(preset).rules ?? {});
}

export { promptLanguage, PromptSourceCode };
export default plugin;
