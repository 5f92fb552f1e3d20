import { loadConfig, parseRuleFlag, resolveExtends, type ConfigObject, type LoadedConfig } from '@promptlint/core';

/** The config that `-c`, `--no-config-lookup` and `--rule` name, as the lint and inventory commands read them. */
export async function configFromFlags(
  values: { readonly config?: string; readonly 'no-config-lookup'?: boolean; readonly rule?: readonly string[] },
  cwd: string,
): Promise<{ config: LoadedConfig; overrides: ConfigObject[] }> {
  const config = await loadConfig({ cwd, configFile: values.config, useConfigFile: !values['no-config-lookup'] });
  const overrides = (values.rule ?? []).flatMap((r) => resolveExtends([{ rules: parseRuleFlag(r) }], cwd));
  return { config, overrides };
}
