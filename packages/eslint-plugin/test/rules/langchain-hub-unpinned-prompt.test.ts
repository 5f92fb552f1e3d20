import { langchainHubUnpinnedPrompt } from '../../src/js/langchain-hub-unpinned-prompt.ts';
import { tsTester } from '../_tester.ts';

tsTester().run('langchain-hub-unpinned-prompt', langchainHubUnpinnedPrompt as never, {
  valid: [
    `import { pull } from 'langchain/hub';\nawait pull('acme/summarize:3f9a1c2e');`,
    `import { pull } from 'langchain/hub';\nawait pull('acme/summarize:3f9a1c2e4b5d6f7a8b9c0d1e2f3a4b5c6d7e8f9a');`,
    // The commit comes from configuration: the caller's decision.
    `import { pull } from 'langchain/hub';\nexport const f = (c: string) => pull(\`acme/summarize:\${c}\`);`,
    `import { pull } from 'langchain/hub';\nexport const f = (name: string) => pull(name);`,
    // Another library's pull.
    `import { pull } from 'isomorphic-git';\nawait pull('origin/main');`,
  ],
  invalid: [
    {
      code: `import { pull } from 'langchain/hub';\nconst p = await pull('acme/summarize');`,
      errors: [{ messageId: 'unpinned', line: 2, column: 23, endLine: 2, endColumn: 37, data: { ref: 'acme/summarize' } }],
    },
    {
      code: `import * as hub from 'langchain/hub';\nconst REF = "rlm/rag-prompt";\nawait hub.pull(REF);`,
      errors: [{ messageId: 'unpinned', line: 2, column: 14, endLine: 2, endColumn: 28 }],
    },
    {
      code: `import { pull } from 'langchain/hub/node';\nawait pull('acme/summarize:prod');`,
      errors: [{ messageId: 'tagged', line: 2, column: 13, data: { ref: 'acme/summarize', tag: 'prod' } }],
    },
    {
      code: `import { pull } from 'langchain/hub';\nawait pull(\`my-prompt\`);`,
      errors: [{ messageId: 'unpinned', line: 2, column: 13, endColumn: 22 }],
    },
  ],
});
