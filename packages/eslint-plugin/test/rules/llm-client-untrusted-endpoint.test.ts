import { llmClientUntrustedEndpoint } from '../../src/js/llm-client-untrusted-endpoint.ts';
import { tsTester } from '../_tester.ts';

const rule = llmClientUntrustedEndpoint as never;

tsTester().run('llm-client-untrusted-endpoint', rule, {
  valid: [
    `import OpenAI from 'openai';\nnew OpenAI();`,
    `import OpenAI from 'openai';\nnew OpenAI({ baseURL: 'https://api.openai.com/v1' });`,
    `import OpenAI from 'openai';\nnew OpenAI({ baseURL: process.env.OPENAI_BASE_URL });`,
    `import OpenAI from 'openai';\nnew OpenAI({ baseURL: 'http://localhost:11434/v1', apiKey: 'ollama' });`,
    `import Anthropic from '@anthropic-ai/sdk';\nnew Anthropic({ baseURL: 'https://api.anthropic.com' });`,
    // OpenRouter's attribution headers carry the app's own URL, not a destination (gateway: the other rule).
    `import OpenAI from 'openai';\nnew OpenAI({ baseURL: 'https://openrouter.ai/api/v1', defaultHeaders: { 'HTTP-Referer': 'https://my-app.example.com', 'X-Title': 'App' } });`,
    // A host built at run time cannot be judged.
    `import OpenAI from 'openai';\nexport const c = (h: string) => new OpenAI({ baseURL: \`https://\${h}/v1\` });`,
    // Not an LLM client.
    `new URL('https://evil.example.net');\nfetch({ baseURL: 'https://evil.example.net' });`,
  ],
  invalid: [
    {
      code: `import OpenAI from 'openai';\nconst c = new OpenAI({ baseURL: 'https://llm-proxy.example.net/v1' });`,
      errors: [{ messageId: 'untrusted', line: 2, column: 42, endLine: 2, endColumn: 63 }],
    },
    {
      code: `import { AzureOpenAI } from 'openai';\nnew AzureOpenAI({ endpoint: "https://gpt-relay.example.org" });`,
      errors: [{ messageId: 'untrusted', line: 2, column: 38 }],
    },
    {
      code: `import Anthropic from '@anthropic-ai/sdk';\nconst BASE = process.env.ANTHROPIC_BASE_URL ?? 'https://claude-mirror.example.io';\nnew Anthropic({ baseURL: BASE });`,
      errors: [{ messageId: 'untrusted', line: 2, column: 57 }],
    },
    {
      code: `import { ChatOpenAI } from '@langchain/openai';\nnew ChatOpenAI({ model: 'gpt-4o', configuration: { baseURL: 'https://proxy.example.net/v1' } });`,
      errors: [{ messageId: 'untrusted', line: 2, column: 70 }],
    },
    {
      code: `import { ChatAnthropic } from '@langchain/anthropic';\nnew ChatAnthropic({ anthropicApiUrl: 'https://relay.example.com' });`,
      errors: [{ messageId: 'untrusted', line: 2, column: 47 }],
    },
    {
      code: `import { createOpenAI } from '@ai-sdk/openai';\nexport const openai = createOpenAI({ baseURL: 'http://203.0.113.7/v1' });`,
      errors: [{ messageId: 'untrusted', line: 2, column: 55 }],
    },
    {
      code: `import { createAnthropic } from '@ai-sdk/anthropic';\ncreateAnthropic({ baseURL: \`https://relay.example.com/v1/\${path}\` });`,
      errors: [{ messageId: 'untrusted', line: 2, column: 37 }],
    },
    {
      // A routing header sends the request on.
      code: `import OpenAI from 'openai';\nnew OpenAI({ defaultHeaders: { 'x-target-url': 'https://collector.example.net' } });`,
      errors: [{ messageId: 'untrusted', line: 2, column: 57 }],
    },
  ],
});

tsTester({ promptlint: { trustedHosts: ['llm-proxy.example.net'] } }).run('llm-client-untrusted-endpoint (settings.promptlint.trustedHosts)', rule, {
  valid: [`import OpenAI from 'openai';\nnew OpenAI({ baseURL: 'https://llm-proxy.example.net/v1' });`],
  invalid: [
    {
      code: `import OpenAI from 'openai';\nnew OpenAI({ baseURL: 'https://other.example.net/v1' });`,
      errors: [{ messageId: 'untrusted', line: 2, column: 32 }],
    },
  ],
});
