import { langchainUnsafeLoad } from '../../src/js/langchain-unsafe-load.ts';
import { tsTester } from '../_tester.ts';

tsTester().run('langchain-unsafe-load', langchainUnsafeLoad as never, {
  valid: [
    `import { load } from '@langchain/core/load';\nawait load(text, { secretsMap: { OPENAI_API_KEY: key } });`,
    `import { load } from '@langchain/core/load';\nawait load(text, { secretsFromEnv: false });`,
    // LangChain's own pattern: a curated local import map.
    `import { load } from '@langchain/core/load';\nimport * as importMap from './import_map.js';\nawait load(text, { importMap });`,
    `import { load } from '@langchain/core/load';\nimport { ChatOpenAI } from '@langchain/openai';\nawait load(text, { importMap: { 'chat_models/openai': { ChatOpenAI } } });`,
    // Another load.
    `import { load } from 'js-yaml';\nload(text, { secretsFromEnv: true });`,
  ],
  invalid: [
    {
      code: `import { load } from '@langchain/core/load';\nconst chain = await load(untrusted, { secretsFromEnv: true });`,
      errors: [{ messageId: 'secretsFromEnv', line: 2, column: 39, endLine: 2, endColumn: 59 }],
    },
    {
      code: `import { load } from '@langchain/core/load';\nimport * as openai from '@langchain/openai';\nawait load(text, { importMap: { 'chat_models/openai': openai } });`,
      errors: [{ messageId: 'broadImportMap', line: 3, column: 33 }],
    },
    {
      code: `import { load } from 'langchain/load';\nimport * as community from '@langchain/community';\nawait load(text, { optionalImportsMap: community });`,
      errors: [{ messageId: 'broadImportMap', line: 3, column: 20 }],
    },
    {
      code: `import { load } from '@langchain/core/load';\nconst all = { ...a, ...b };\nawait load(text, { importMap: all });`,
      errors: [{ messageId: 'broadImportMap', line: 2, column: 15 }],
    },
  ],
});
