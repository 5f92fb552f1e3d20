import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, type LintMessage } from '@promptlint/core';
import { langchainLiteralSecret } from '../../src/rules/langchain-literal-secret.ts';
import { alnum, fake } from './_secret-fakes.ts';

const rules = [{ rule: langchainLiteralSecret, severity: 2 as const }];
async function lint(text: string, filePath = 'prompts/chain.hub.json'): Promise<LintMessage[]> {
  return (await lintText(text, { filePath, rules })).messages;
}

function manifest(field: string, value: string): string {
  return [
    '{',
    '  "lc": 1,',
    '  "type": "constructor",',
    '  "id": ["langchain", "chat_models", "openai", "ChatOpenAI"],',
    '  "kwargs": {',
    '    "model": "gpt-4o-mini",',
    `    "${field}": ${value}`,
    '  }',
    '}',
  ].join('\n');
}

describe('langchain-literal-secret', () => {
  it('reports a literal string in a secret field, with a suggestion for the secret node', async () => {
    const key = fake.openaiProject();
    const text = manifest('openai_api_key', `"${key}"`);
    const [m] = await lint(text);
    assert.equal(m!.ruleId, 'langchain-literal-secret');
    assert.equal(m!.category, 'secrets');
    assert.equal(m!.messageId, 'literal');
    assert.equal(m!.securitySeverity, 'critical');
    assert.deepEqual([m!.line, m!.column, m!.endColumn], [7, 24, 24 + key.length]);
    assert.ok(!m!.message.includes(key));
    assert.match(m!.message, /'openai_api_key'/);
    assert.equal(m!.suggestions?.[0]?.fix.text, '{"lc": 1, "type": "secret", "id": ["OPENAI_API_KEY"]}');
    assert.deepEqual(m!.suggestions?.[0]?.fix.range, [text.indexOf(`"${key}"`), text.indexOf(`"${key}"`) + key.length + 2]);
    assert.equal(m!.fix, undefined);
  });

  it('reports untyped literals as high', async () => {
    const [m] = await lint(manifest('cohere_api_key', `"${alnum(40)}"`));
    assert.equal(m!.securitySeverity, 'high');
    const [n] = await lint(manifest('huggingfacehub_api_token', `"${alnum(30)}"`));
    assert.equal(n!.line, 7);
  });

  it('accepts secret nodes, references, placeholders and non-LangChain files', async () => {
    assert.deepEqual(await lint(manifest('openai_api_key', '{"lc": 1, "type": "secret", "id": ["OPENAI_API_KEY"]}')), []);
    assert.deepEqual(await lint(manifest('openai_api_key', '"${OPENAI_API_KEY}"')), []);
    assert.deepEqual(await lint(manifest('openai_api_key', '"sk-..."')), []);
    assert.deepEqual(await lint(manifest('openai_api_key', '"your-api-key-here"')), []);
    assert.deepEqual(await lint(manifest('openai_api_base', '"https://api.openai.com/v1"')), []);
    assert.deepEqual(await lint(JSON.stringify({ kwargs: { openai_api_key: fake.openaiProject() } }), 'agents/x.json'), []);
  });
});
