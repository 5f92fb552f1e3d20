import { systemPromptInterpolation } from '../../src/js/system-prompt-interpolation.ts';
import { tsTester } from '../_tester.ts';

tsTester().run('system-prompt-interpolation', systemPromptInterpolation as never, {
  valid: [
    `streamText({ system: 'You are a helpful assistant.', messages });`,
    // Constants from this file are part of the prompt the developer wrote.
    `const APP = 'Acme';\nconst LIMIT = 3;\nstreamText({ system: \`You are \${APP}'s assistant. Answer in \${LIMIT} sentences.\`, messages });`,
    // Interpolation into a user message is the right place for data.
    `await generateText({ model, prompt: \`Summarise: \${doc}\` });`,
    `ChatPromptTemplate.fromMessages([['human', \`Question: \${q}\`]]);`,
    // Tagged templates are the tag's business.
    `streamText({ system: dedent\`Hello \${name}\` });`,
  ],
  invalid: [
    {
      code: `streamText({ system: \`You help \${user.name}. Context: \${retrieved}\`, messages });`,
      errors: [
        { messageId: 'interpolated', line: 1, column: 32, endLine: 1, endColumn: 44, data: { name: 'user.name', what: 'system prompt' } },
        { messageId: 'interpolated', line: 1, column: 55, endColumn: 67 },
      ],
    },
    {
      code: `const sys = \`Rules for \${tenant}\`;\nChatPromptTemplate.fromMessages([['system', sys]]);`,
      errors: [{ messageId: 'interpolated', line: 1, column: 24 }],
    },
    {
      code: `new Agent({ name: 'a', instructions: \`Act for \${profile}\` });`,
      errors: [{ messageId: 'interpolated', line: 1, column: 47, data: { name: 'profile', what: 'agent instructions' } }],
    },
    {
      code: `client.messages.create({ model: 'claude', max_tokens: 5, system: \`Today is \${new Date()}\`, messages: [] });`,
      errors: [{ messageId: 'interpolated', line: 1, column: 76 }],
    },
  ],
});
