import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Linter } from 'eslint';
import { codeLiteralCredential } from '../../src/js/code-literal-credential.ts';
import { tsTester } from '../_tester.ts';

// A realistic-looking, never-issued key, built at run time so the test file holds no key-shaped literal.
const KEY = `sk-proj-${createHash('sha512').update('promptlint eslint fixture').digest('base64url')}`;
const rule = codeLiteralCredential as never;

tsTester().run('code-literal-credential', rule, {
  valid: [
    `const c = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });`,
    // Placeholders and references.
    `const a = 'sk-...';\nconst b = '\${OPENAI_API_KEY}';\nconst c = 'sk-your-key-here';\nconst d = '<YOUR_API_KEY>';`,
    `const url = 'https://user:\${PASSWORD}@db.example.com/x';`,
    `import x from 'sk-proj-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';`,
  ],
  invalid: [
    {
      code: `const client = new OpenAI({ apiKey: '${KEY}' });`,
      errors: [{
        messageId: 'provider-api-key__found', line: 1, column: 38, endLine: 1, endColumn: 38 + KEY.length,
        suggestions: [{ desc: 'Read the value from process.env.OPENAI_API_KEY', output: 'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });' }],
      }],
    },
    {
      code: `const k = \`${KEY}\`;`,
      errors: [{ messageId: 'provider-api-key__found', line: 1, column: 12, suggestions: [] }],
    },
    {
      code: `const db = "https://admin:Tr0ub4dor-and-3@db.internal.example.com/app";`,
      errors: [{ messageId: 'credential-in-url__found', line: 1, column: 27, endColumn: 42, suggestions: [] }],
    },
  ],
});

describe('code-literal-credential: masking and adversarial input', () => {
  it('never prints the whole key', () => {
    const linter = new Linter();
    const messages = linter.verify(`const k = '${KEY}';`, [{ plugins: { promptlint: { rules: { 'code-literal-credential': rule } } as never }, rules: { 'promptlint/code-literal-credential': 'error' } }], { filename: 'a.js' });
    assert.equal(messages.length, 1);
    assert.ok(!messages[0]!.message.includes(KEY), messages[0]!.message);
    assert.ok(!messages[0]!.message.includes(KEY.slice(12, 40)));
    assert.match(messages[0]!.message, /sk-proj-…\[\d+ chars, fp [0-9a-f]{8}\]/);
  });

  it('lints 1 MB of string literals in well under a second', () => {
    const linter = new Linter();
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) lines.push(`const s${i} = ${JSON.stringify(`sk-${'A1b2'.repeat(30)}:@//${'x'.repeat(200)}Bearer ${'='.repeat(250)}`)};`);
    const code = lines.join('\n');
    assert.ok(code.length > 1_000_000);
    const cfg = (severity: 'error' | 'off') => [{ plugins: { promptlint: { rules: { 'code-literal-credential': rule } } as never }, rules: { 'promptlint/code-literal-credential': severity } }];
    let t = performance.now();
    linter.verify(code, cfg('off'), { filename: 'big.js' });
    const parse = performance.now() - t;
    t = performance.now();
    linter.verify(code, cfg('error'), { filename: 'big.js' });
    const total = performance.now() - t;
    assert.ok(total - parse < 1000, `rule took ${(total - parse).toFixed(0)} ms`);
  });
});
