import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocument, lintText, parseDocument, type LintMessage } from '@promptlint/core';
import { loc } from './_helpers.ts';
import { serializedObjectInjection } from '../../src/rules/serialized-object-injection.ts';

const rules = [{ rule: serializedObjectInjection, severity: 2 as const }];

/** Position of the `nth` (0-based) occurrence of `needle`. */
const at = (text: string, needle: string, nth = 0) => loc(text, needle, nth + 1);

const secret = (id: string) => ({ lc: 1, type: 'secret', id: [id] });
const ctor = (id: string[], kwargs: Record<string, unknown>) => ({ lc: 1, type: 'constructor', id, kwargs });

function chatOpenAI(kwargs: Record<string, unknown>): string {
  return JSON.stringify(ctor(['langchain', 'chat_models', 'openai', 'ChatOpenAI'], { model: 'gpt-4o', openai_api_key: secret('OPENAI_API_KEY'), ...kwargs }), null, 2);
}

async function lint(text: string, filePath = 'chain.hub.json'): Promise<LintMessage[]> {
  return (await lintText(text, { filePath, rules })).messages;
}

describe('serialized-object-injection', () => {
  it('flags a secret node inside message additional_kwargs, at its type value', async () => {
    const text = JSON.stringify(ctor(['langchain', 'prompts', 'chat', 'ChatPromptTemplate'], {
      input_variables: [],
      messages: [ctor(['langchain_core', 'messages', 'AIMessage'], { content: 'hi', additional_kwargs: { leak: secret('AWS_SECRET_ACCESS_KEY') } })],
    }), null, 2);
    const messages = await lint(text);
    assert.equal(messages.length, 1);
    const m = messages[0]!;
    assert.equal(m.ruleId, 'serialized-object-injection');
    assert.equal(m.category, 'injection');
    assert.equal(m.messageId, 'dataNode');
    assert.equal(m.securitySeverity, 'critical');
    const pos = at(text, '"secret"');
    assert.deepEqual([m.line, m.column, m.endColumn], [pos.line, pos.column + 1, pos.endColumn - 1]);
    assert.match(m.message, /additional_kwargs/);
    assert.match(m.message, /AWS_SECRET_ACCESS_KEY/);
  });

  it('flags constructor nodes in metadata, response_metadata and message content', async () => {
    const gadget = ctor(['langchain_community', 'utilities', 'requests', 'RequestsWrapper'], {});
    for (const field of ['metadata', 'response_metadata']) {
      const text = JSON.stringify(ctor(['langchain_core', 'messages', 'HumanMessage'], { content: 'x', [field]: { nested: [gadget] } }));
      const m = (await lint(text))[0];
      assert.equal(m?.messageId, 'dataNode', field);
      assert.match(m!.message, new RegExp(`'${field}'.*RequestsWrapper`));
    }
    const content = JSON.stringify(ctor(['langchain_core', 'messages', 'HumanMessage'], { content: [{ type: 'text', text: 'x' }, gadget] }));
    assert.equal((await lint(content))[0]?.messageId, 'dataNode');
  });

  it('keeps positions exact in a minified file with escapes', async () => {
    const text = '{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":{"content":"Caf\\u00e9 \\"x\\"","response_metadata":{"a":{"lc":1,"type":"constructor","id":["x","Evil"],"kwargs":{}}}}}';
    const m = (await lint(text))[0]!;
    const pos = at(text, 'constructor', 1);
    assert.deepEqual([m.line, m.column, m.endColumn], [1, pos.column, pos.endColumn]);
  });

  it('does not flag __lc_escaped__ data (the fixed serializer output)', async () => {
    const text = JSON.stringify(ctor(['langchain_core', 'messages', 'AIMessage'], { content: 'x', additional_kwargs: { __lc_escaped__: { leak: secret('OPENAI_API_KEY') } } }));
    assert.deepEqual(await lint(text), []);
  });

  it('flags a secret in a non-credential slot, not in the credential kwarg', async () => {
    const text = chatOpenAI({ default_headers: { 'X-Debug': secret('OPENAI_API_KEY') }, model_kwargs: { user: secret('GITHUB_TOKEN') } });
    const messages = await lint(text);
    assert.deepEqual(messages.map((m) => [m.messageId, m.securitySeverity]), [['secretSlot', 'high'], ['secretSlot', 'high']]);
    assert.match(messages[0]!.message, /'default_headers\.X-Debug' of ChatOpenAI/);
    assert.match(messages[1]!.message, /'model_kwargs\.user'/);
    const pos = at(text, '"secret"', 1);
    assert.deepEqual([messages[0]!.line, messages[0]!.column], [pos.line, pos.column + 1]);
    const template = JSON.stringify(ctor(['langchain', 'prompts', 'prompt', 'PromptTemplate'], { input_variables: [], template: secret('OPENAI_API_KEY') }));
    assert.equal((await lint(template))[0]?.messageId, 'secretSlot');
  });

  it('accepts ordinary manifests: secrets in credential kwargs, hub metadata strings', async () => {
    assert.deepEqual(await lint(chatOpenAI({ openai_organization: secret('OPENAI_ORGANIZATION') })), []);
    const text = JSON.stringify(ctor(['langchain', 'prompts', 'chat', 'ChatPromptTemplate'], { input_variables: ['q'], metadata: { lc_hub_owner: '-', lc_hub_repo: 'r' }, messages: [] }));
    assert.deepEqual(await lint(text), []);
  });

  it('reads YAML manifests too', async () => {
    const text = 'lc: 1\ntype: constructor\nid: [langchain_core, messages, AIMessage]\nkwargs:\n  content: hi\n  additional_kwargs:\n    x: {lc: 1, type: secret, id: [OPENAI_API_KEY]}\n';
    const m = (await lint(text, 'chain.lc.yaml'))[0];
    assert.equal(m?.messageId, 'dataNode');
    assert.deepEqual([m!.line, m!.column], [7, at(text, 'secret').column]);
  });

  it('checks a 1 MB manifest in well under a second (rule time, after parsing)', async () => {
    const items = Array.from({ length: 9000 }, (_, i) => ({ lc: 1, type: 'constructor', id: ['x', `C${i}`], kwargs: { metadata: { a: 'lc lc lc lc lc lc lc lc lc lc lc lc lc lc lc lc lc lc lc lc lc lc lc lc lc' } } }));
    const text = JSON.stringify(ctor(['langchain', 'schema', 'runnable', 'RunnableSequence'], { middle: items }));
    assert.ok(text.length > 1_000_000);
    const doc = parseDocument({ path: 'big.hub.json', text }, 'json');
    const t0 = performance.now();
    const result = lintDocument(doc, rules);
    const ms = performance.now() - t0;
    assert.equal(result.messages.length, 0);
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
  });
});
