import type { Rule, RuleSetting } from '../types.ts';
import type { ConfigObject } from '../config.ts';
import { untrustedModelEndpoint } from './untrusted-model-endpoint.ts';
import { modelGatewayEndpoint } from './model-gateway-endpoint.ts';
import { insecureMcpServerUrl } from './insecure-mcp-server-url.ts';
import { markdownExfilBeacon } from './markdown-exfil-beacon.ts';
import { exfilInstruction } from './exfil-instruction.ts';
import { INJECTION_RULES } from './_family-injection.ts';
import { SECRETS_RULES } from './_family-secrets.ts';
import { SUPPLY_CHAIN_RULES } from './_family-supply-chain.ts';
import { AGENCY_RULES } from './_family-agency.ts';

/** Every rule, in catalogue order. Ids are public API: never rename one. */
export const RULES: readonly Rule<any>[] = [
  untrustedModelEndpoint,
  modelGatewayEndpoint,
  insecureMcpServerUrl,
  markdownExfilBeacon,
  exfilInstruction,
  ...INJECTION_RULES,
  ...SECRETS_RULES,
  ...SUPPLY_CHAIN_RULES,
  ...AGENCY_RULES,
];

const byId = new Map(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule<any> | undefined {
  return byId.get(id);
}

export const PRESET_NAMES = ['recommended', 'strict', 'all'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const PRESET_RANK: Record<PresetName, number> = { recommended: 0, strict: 1, all: 2 };

/** A preset as a config object: `recommended` ⊂ `strict` ⊂ `all`, each rule at its default severity. */
export function presetConfig(name: PresetName): ConfigObject {
  const rules: Record<string, RuleSetting> = {};
  for (const r of RULES) if (PRESET_RANK[r.meta.docs.preset] <= PRESET_RANK[name]) rules[r.meta.id] = r.meta.defaultSeverity;
  return { name: `promptlint:${name}`, rules };
}



export { docsUrl, DOCS_BASE_URL } from './_docs-url.ts';
