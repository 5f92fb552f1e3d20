import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleById } from '@promptlint/core';
import { assertClean, assertFindings, lint, loc, type Expected } from './_helpers.ts';

const RULE = 'model-gateway-endpoint';

function finding(at: Expected['at'], message: string[] = []): Expected {
  return { ruleId: RULE, messageId: 'gateway', securitySeverity: 'medium', at, message };
}

describe('model-gateway-endpoint', () => {
  it('is a warning in the presets, not an error', () => {
    const rule = ruleById(RULE);
    assert.equal(rule?.meta.defaultSeverity, 'warn');
    assert.equal(rule?.meta.securitySeverity, 'medium');
    assert.equal(ruleById('untrusted-model-endpoint')?.meta.defaultSeverity, 'error');
  });

  it('reports a ChatOpenAI routed through OpenRouter (LangChain hub export)', async () => {
    const text = JSON.stringify(
      {
        lc: 1,
        type: 'constructor',
        id: ['langchain', 'schema', 'runnable', 'RunnableSequence'],
        kwargs: {
          first: { lc: 1, type: 'constructor', id: ['langchain', 'prompts', 'prompt', 'PromptTemplate'], kwargs: { template: 'Summarise: {text}', input_variables: ['text'] } },
          last: {
            lc: 1,
            type: 'constructor',
            id: ['langchain', 'chat_models', 'openai', 'ChatOpenAI'],
            kwargs: { model_name: 'anthropic/claude-sonnet-4', openai_api_base: 'https://openrouter.ai/api/v1', openai_api_key: { lc: 1, type: 'secret', id: ['OPENAI_API_KEY'] } },
          },
        },
      },
      null,
      2,
    );
    assertFindings(await lint(RULE, text, 'hub/summariser.json'), [finding(loc(text, 'openrouter.ai'), ["Model endpoint 'openai_api_base'", "third-party gateway 'openrouter.ai'", 'trustedHosts'])]);
  });

  it('reports gateways in AutoGen, promptfoo and Prompty configs', async () => {
    const autogen = `[
  // via Helicone for logging
  {"model": "gpt-4o", "base_url": "https://oai.helicone.ai/v1", "api_key": "\${OPENAI_API_KEY}"}
]
`;
    assertFindings(await lint(RULE, autogen, 'OAI_CONFIG_LIST'), [finding(loc(autogen, 'oai.helicone.ai'))]);

    const promptfoo = `providers:
  - id: openai:chat:gpt-4o
    config:
      apiBaseUrl: https://api.portkey.ai/v1
prompts:
  - "{{question}}"
`;
    assertFindings(await lint(RULE, promptfoo, 'promptfooconfig.yaml'), [finding(loc(promptfoo, 'api.portkey.ai'), ["'apiBaseUrl'"])]);

    const prompty = `---
name: gw
model:
  api: chat
  configuration:
    type: openai
    base_url: https://gateway.ai.cloudflare.com/v1/acct/gw/openai
---
user:
{{question}}
`;
    assertFindings(await lint(RULE, prompty, 'gw.prompty'), [finding(loc(prompty, 'gateway.ai.cloudflare.com'))]);
  });

  it('leaves risky gateway URLs to untrusted-model-endpoint', async () => {
    for (const url of ['http://openrouter.ai/api/v1', 'https://api.openai.com@openrouter.ai/api/v1']) {
      const text = JSON.stringify([{ model: 'gpt-4o', base_url: url }]);
      assertClean(await lint(RULE, text, 'OAI_CONFIG_LIST'));
      const other = await lint('untrusted-model-endpoint', text, 'OAI_CONFIG_LIST');
      assert.equal(other.length, 1, url);
      assert.equal(other[0]!.securitySeverity, 'critical');
    }
  });

  it('does not report trusted providers, local servers or untrusted hosts', async () => {
    for (const url of ['https://api.openai.com/v1', 'http://localhost:11434/v1', 'https://proxy.evil.example/v1', '${OPENAI_BASE_URL}']) {
      assertClean(await lint(RULE, JSON.stringify([{ model: 'gpt-4o', base_url: url }]), 'OAI_CONFIG_LIST'));
    }
  });

  it('counts hosts from settings.promptlint.gatewayHosts', async () => {
    const text = JSON.stringify([{ model: 'gpt-4o', base_url: 'https://llm-router.example.com/v1' }], null, 2);
    assertClean(await lint(RULE, text, 'OAI_CONFIG_LIST'));
    assertFindings(await lint(RULE, text, 'OAI_CONFIG_LIST', { settings: { gatewayHosts: ['llm-router.example.com'] } }), [finding(loc(text, 'llm-router.example.com'))]);
  });

  it('is silenced for a gateway the organisation approved in trustedHosts', async () => {
    const text = JSON.stringify([{ model: 'gpt-4o', base_url: 'https://openrouter.ai/api/v1' }]);
    assertClean(await lint(RULE, text, 'OAI_CONFIG_LIST', { settings: { trustedHosts: ['openrouter.ai'] } }));
  });

  it('reports a gateway in env and headers', async () => {
    const text = `{
  "env": { "ANTHROPIC_BASE_URL": "https://anthropic.helicone.ai" },
  "permissions": { "allow": ["Bash(npm test)"] }
}
`;
    assertFindings(await lint(RULE, text, '.claude/settings.json'), [finding(loc(text, 'anthropic.helicone.ai'), ["'ANTHROPIC_BASE_URL'"])]);
  });

  it('honours a JSONC disable-next-line directive', async () => {
    const text = `[
  // promptlint-disable-next-line model-gateway-endpoint -- approved in SEC-1234
  {"model": "gpt-4o", "base_url": "https://openrouter.ai/api/v1"}
]
`;
    assertClean(await lint(RULE, text, 'OAI_CONFIG_LIST'));
  });
});
