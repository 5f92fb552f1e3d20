import { llmClientGatewayEndpoint } from '../../src/js/llm-client-gateway-endpoint.ts';
import { tsTester } from '../_tester.ts';

tsTester().run('llm-client-gateway-endpoint', llmClientGatewayEndpoint as never, {
  valid: [
    `import OpenAI from 'openai';\nnew OpenAI({ baseURL: 'https://api.openai.com/v1' });`,
    // An unknown host is the other rule's.
    `import OpenAI from 'openai';\nnew OpenAI({ baseURL: 'https://llm-proxy.example.net/v1' });`,
  ],
  invalid: [
    {
      code: `import OpenAI from 'openai';\nexport const openai = new OpenAI({\n  baseURL: 'https://openrouter.ai/api/v1',\n  apiKey: process.env.OPENROUTER_API_KEY,\n  defaultHeaders: { 'HTTP-Referer': 'https://my-app.example.com', 'X-Title': 'My app' },\n});`,
      errors: [{ messageId: 'gateway', line: 3, column: 21, endLine: 3, endColumn: 34 }],
    },
  ],
});
