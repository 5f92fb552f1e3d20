import { langchainHubIncludeModel } from '../../src/js/langchain-hub-include-model.ts';
import { tsTester, jsTester } from '../_tester.ts';

const rule = langchainHubIncludeModel as never;

tsTester().run('langchain-hub-include-model', rule, {
  valid: [
    `import { pull } from 'langchain/hub';\nawait pull('acme/p:3f9a1c2e');`,
    `import { pull } from 'langchain/hub';\nawait pull('acme/p:3f9a1c2e', { includeModel: false });`,
    // Not LangChain's pull.
    `import { pull } from './git';\nawait pull('acme/p', { includeModel: true });`,
    `const pull = (a: string, o: object) => o;\npull('x', { includeModel: true });`,
    // A runtime flag is the caller's decision.
    `import { pull } from 'langchain/hub';\nexport const f = (m: boolean) => pull('acme/p:3f9a1c2e', { includeModel: m });`,
  ],
  invalid: [
    {
      code: `import { pull } from 'langchain/hub';\nconst p = await pull('acme/p:3f9a1c2e', { includeModel: true });`,
      errors: [{ messageId: 'includeModel', line: 2, column: 43, endLine: 2, endColumn: 61 }],
    },
    {
      code: `import * as hub from 'langchain/hub/node';\nconst opts = true;\nawait hub.pull("acme/router:3f9a1c2e", {\n  apiKey: process.env.LANGSMITH_API_KEY,\n  includeModel: opts,\n});`,
      errors: [{ messageId: 'includeModel', line: 5, column: 3 }],
    },
    {
      code: `import { pull as pullPrompt } from 'langchain/hub/node';\nawait pullPrompt('a/b:abcdef1', { includeModel: true as const });`,
      errors: [{ messageId: 'includeModel', line: 2, column: 35 }],
    },
  ],
});

jsTester().run('langchain-hub-include-model (JavaScript, require)', rule, {
  valid: [`const { pull } = require('langchain/hub');\npull('a/b:abcdef1');`],
  invalid: [
    {
      code: `const { pull } = require('langchain/hub');\npull('a/b:abcdef1', { includeModel: true });`,
      errors: [{ messageId: 'includeModel', line: 2, column: 23 }],
    },
  ],
});
