import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, type LintMessage } from '@promptlint/core';
import { providerApiKey } from '../../src/rules/provider-api-key.ts';
import { adversarial, fake, github, timeRule } from './_secret-fakes.ts';

const rules = [{ rule: providerApiKey, severity: 2 as const }];
async function lint(text: string, filePath = 'AGENTS.md'): Promise<LintMessage[]> {
  return (await lintText(text, { filePath, rules })).messages;
}

describe('provider-api-key', () => {
  it('finds every typed provider key in prose, at its exact position, masked', async () => {
    const cases: [string, string][] = [
      ['OpenAI API key', fake.openaiProject()], ['OpenAI API key', fake.openaiLegacy()], ['Anthropic API key', fake.anthropic()],
      ['Anthropic API key', fake.anthropicAdmin()], ['LangSmith API key', fake.langsmith()], ['Hugging Face token', fake.huggingface()],
      ['Google API key', fake.google()], ['Groq API key', fake.groq()], ['Replicate API token', fake.replicate()], ['Perplexity API key', fake.perplexity()],
      ['xAI API key', fake.xai()], ['OpenRouter API key', fake.openrouter()], ['Together AI API key', fake.together()], ['Fireworks AI API key', fake.fireworks()],
      ['Pinecone API key', fake.pinecone()], ['Langfuse secret key', fake.langfuse()], ['AWS access key id', fake.awsKeyId()], ['GitHub token', fake.github()],
      ['GitHub fine-grained token', fake.githubFine()], ['Slack token', fake.slack()], ['Slack webhook URL', fake.slackWebhook()], ['Stripe secret key', fake.stripe()],
      ['JSON Web Token', fake.jwt()],
    ];
    for (const [label, key] of cases) {
      const messages = await lint(`# Notes\n\nIt worked after I pasted ${key} into the dialog.\n`);
      assert.equal(messages.length, 1, `${label}: ${messages.map((m) => m.message).join('; ')}`);
      const m = messages[0]!;
      assert.equal(m.ruleId, 'provider-api-key');
      assert.equal(m.category, 'secrets');
      assert.equal(m.line, 3);
      assert.equal(m.column, 'It worked after I pasted '.length + 1);
      assert.equal(m.endColumn, 'It worked after I pasted '.length + 1 + key.length);
      assert.equal(m.messageId, 'found');
      assert.ok(m.message.startsWith(label), `${label}: ${m.message}`);
      assert.ok(!m.message.includes(key), 'the key is masked');
      assert.match(m.message, /…\[\d+ chars/);
    }
  });

  it('finds context-only formats next to the provider name, and only there', async () => {
    const yaml = [
      `COHERE_API_KEY: ${fake.cohere()}`, `MISTRAL_API_KEY: ${fake.mistral()}`, `DEEPSEEK_API_KEY: ${fake.deepseek()}`, `WANDB_API_KEY: ${fake.wandb()}`,
      `AZURE_OPENAI_API_KEY: ${fake.azure()}`, `aws_secret_access_key: ${fake.awsSecret()}`,
    ].join('\n');
    const messages = await lint(`${yaml}\n`, 'agents/env.agent.yaml');
    assert.deepEqual(messages.map((m) => m.line), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(messages.map((m) => m.message.replace(/ \S*….*$/, '')), ['Cohere API key', 'Mistral API key', 'DeepSeek API key', 'Weights & Biases API key', 'Azure OpenAI key', 'AWS secret access key']);
    assert.equal(messages[2]!.securitySeverity, 'critical');
    const bare = await lint(`value: ${fake.cohere()}\nother: ${fake.wandb()}\nthird: ${fake.azure()}\n`, 'agents/x.agent.yaml');
    assert.deepEqual(bare, []);
  });

  it('offers an environment reference for a whole config value', async () => {
    const key = fake.openaiProject();
    const text = `model:\n  configuration:\n    api_key: ${key}\n`;
    const [m] = await lint(text, 'chat.agent.yaml');
    assert.equal(m!.line, 3);
    assert.equal(m!.column, 14);
    assert.equal(m!.securitySeverity, 'critical');
    assert.equal(m!.suggestions?.[0]?.fix.text, '"${OPENAI_API_KEY}"');
    assert.equal(m!.fix, undefined, 'never an automatic fix');
    const json = `{"mcpServers": {"a": {"command": "x", "env": {"GROQ_API_KEY": "${fake.groq()}"}}}}`;
    const [j] = await lint(json, '.cursor/mcp.json');
    assert.equal(j!.suggestions?.[0]?.fix.text, '${GROQ_API_KEY}');
  });

  it('maps positions through JSON escapes and YAML block scalars', async () => {
    const key = fake.anthropic();
    const json = `{\n  "template": "caf\\u00e9 \\"x\\" ${key}"\n}\n`;
    const [m] = await lint(json, 'prompts/a.json');
    assert.equal(m!.line, 2);
    assert.equal(m!.column, json.split('\n')[1]!.indexOf(key) + 1);
    const yaml = `system: |\n  You are helpful.\n  Key: ${key}\n`;
    const [y] = await lint(yaml, 'prompts/a.yaml');
    assert.equal(y!.line, 3);
    assert.equal(y!.column, 8);
  });

  it('ignores placeholders, masked keys, documented examples and failed offline checks', async () => {
    const bad = github();
    const text = [
      'sk-...', `sk-${'x'.repeat(48)}`, 'sk-proj-****abcd', `sk-ant-api03-${'x'.repeat(93)}AA`, `hf_${'x'.repeat(34)}`, `gsk_${'X'.repeat(52)}`,
      'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY aws',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJkZW1vIn0.',
      `${bad.slice(0, -6)}${bad.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`,
      'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      `chatcmpl-${'a1B2'.repeat(7)}x msg_01${'Ab3'.repeat(7)}x toolu_01${'Xy9'.repeat(7)}z`,
      `commit ${'0a1b2c3d4e'.repeat(4)} and ${'f'.repeat(8)}-1234-4abc-8def-${'1'.repeat(12)}`,
      'Never paste your API key (it starts with sk-) into the chat. 👩‍💻 مفتاح API الخاص بك سري',
    ].join('\n\n');
    assert.deepEqual(await lint(text), []);
  });

  it('stays linear on adversarial input (1 MB)', async () => {
    const units = ['sk-', 'sk-proj-a', 'eyJa.', 'eyJ' + 'a'.repeat(5000) + ' ', 'AIza', 'xoxb-1', 'ghp_a', 'a'.repeat(39) + '/', 'deepseek sk-0', 'pcsk_a_', 'cohere ' + 'a1'.repeat(30) + ' '];
    for (const [i, text] of adversarial(units).entries()) {
      const ms = timeRule(providerApiKey, text);
      assert.ok(ms < 1000, `${units[i]!.slice(0, 20)}: ${ms.toFixed(0)} ms`);
    }
    // Through the YAML adapter as well (its parser is linear).
    const t0 = performance.now();
    await lint(`k: ${'sk-proj-a'.repeat(110_000)}\n`, 'big.yaml');
    assert.ok(performance.now() - t0 < 1000);
  });
});
