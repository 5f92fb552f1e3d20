import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loc } from './_helpers.ts';
import { lintText, type LintMessage } from '@promptlint/core';
import { templateCodeExecution } from '../../src/rules/template-code-execution.ts';

const rules = [{ rule: templateCodeExecution, severity: 2 as const }];

/** Position of the `nth` (0-based) occurrence of `needle`. */
const at = (text: string, needle: string, nth = 0) => loc(text, needle, nth + 1);

/** A LangChain ChatPromptTemplate manifest with one message template. */
function manifest(template: string, format = 'f-string', role = 'SystemMessagePromptTemplate'): string {
  const prompt = { lc: 1, type: 'constructor', id: ['langchain', 'prompts', 'prompt', 'PromptTemplate'], kwargs: { input_variables: ['question'], template_format: format, template } };
  return JSON.stringify({
    lc: 1, type: 'constructor', id: ['langchain', 'prompts', 'chat', 'ChatPromptTemplate'],
    kwargs: { input_variables: ['question'], messages: [{ lc: 1, type: 'constructor', id: ['langchain', 'prompts', 'chat', role], kwargs: { prompt } }] },
  }, null, 2);
}

async function lint(text: string, filePath = 'prompt.hub.json'): Promise<LintMessage[]> {
  return (await lintText(text, { filePath, rules })).messages;
}

describe('template-code-execution', () => {
  it('flags template_format jinja2 in a LangChain manifest, at the format value', async () => {
    const text = manifest('Answer {{ question }}', 'jinja2');
    const messages = await lint(text);
    assert.equal(messages.length, 1);
    const m = messages[0]!;
    assert.equal(m.ruleId, 'template-code-execution');
    assert.equal(m.category, 'injection');
    assert.equal(m.messageId, 'jinja2Format');
    assert.equal(m.securitySeverity, 'high');
    const pos = at(text, 'jinja2');
    assert.deepEqual([m.line, m.column, m.endColumn], [pos.line, pos.column, pos.endColumn]);
  });

  it('flags a legacy load_prompt file with jinja2', async () => {
    const text = '{"_type": "prompt", "input_variables": ["q"], "template_format": "jinja2", "template": "{{ q }}"}';
    const m = (await lint(text, 'legacy-prompt.json'))[0];
    assert.equal(m?.messageId, 'jinja2Format');
    assert.equal(m?.column, at(text, 'jinja2').column);
  });

  it('flags Jinja2 SSTI payloads with exact positions inside JSON escapes', async () => {
    const text = manifest("Caf\u00e9 \"q\"\n{{ ''.__class__.__mro__[1].__subclasses__() }}", 'jinja2');
    const ssti = (await lint(text)).filter((m) => m.messageId === 'ssti');
    assert.equal(ssti.length, 1);
    const pos = at(text, "{{ ''.__class__.__mro__[1].__subclasses__() }}");
    assert.deepEqual([ssti[0]!.line, ssti[0]!.column, ssti[0]!.endColumn], [pos.line, pos.column, pos.endColumn]);
    assert.equal(ssti[0]!.securitySeverity, 'critical');
    assert.match(ssti[0]!.message, /__class__/);
  });

  it('flags SSTI gadgets and imports anywhere, including Prompty bodies', async () => {
    const text = "---\nname: x\n---\nsystem:\nHello {{ name }}.\n{% import 'os' as os %}\n{{ lipsum.__globals__['os'].popen('id').read() }}\n{{ cycler|attr('\\x5f\\x5finit\\x5f\\x5f') }}\n";
    const messages = await lint(text, 'chat.prompty');
    assert.deepEqual(messages.map((m) => [m.messageId, m.line]), [['ssti', 6], ['ssti', 7], ['ssti', 8]]);
    assert.equal(messages[0]!.column, 1);
    assert.equal(messages[0]!.endColumn, 1 + "{% import 'os' as os %}".length);
  });

  it('does not flag plain variables in Prompty, Dotprompt, mustache or docs', async () => {
    assert.deepEqual(await lint('---\nname: x\n---\nsystem:\nYou help {{firstName}}.\n{% for item in items %}{{ item.name }}{% endfor %}\n', 'a.prompty'), []);
    assert.deepEqual(await lint('---\nmodel: googleai/gemini\n---\n{{role "system"}}\nHi {{name}} {{#if x}}{{x.y}}{{/if}}\n', 'a.prompt'), []);
    assert.deepEqual(await lint(manifest('Hi {{user.name}}', 'mustache')), []);
    assert.deepEqual(await lint('# SSTI notes\n\nA classic probe is `{{ config.__class__ }}`.\n\n```jinja\n{{ x.__class__ }}\n```\n', 'prompts/notes.md'), []);
  });

  it('flags attribute and index traversal in f-string templates, critical with dunders', async () => {
    const text = manifest('Question: {question}\nUser: {user.name}\nLeak: {question.__class__.__init__.__globals__}\nPick: {data[0]}\nEscaped: {{not.a.field}}');
    const messages = await lint(text);
    assert.deepEqual(messages.map((m) => [m.messageId, m.securitySeverity]), [['fstringTraversal', 'high'], ['fstringTraversal', 'critical'], ['fstringTraversal', 'high']]);
    const pos = at(text, '{user.name}');
    assert.deepEqual([messages[0]!.line, messages[0]!.column, messages[0]!.endColumn], [pos.line, pos.column, pos.endColumn]);
    const d = at(text, '{question.__class__.__init__.__globals__}');
    assert.deepEqual([messages[1]!.column, messages[1]!.endColumn], [d.column, d.endColumn]);
  });

  it('lints 1 MB of adversarial text in well under a second', async () => {
    for (const body of ['{{'.repeat(500_000), '{a'.repeat(500_000), '{% '.repeat(330_000), '{{ __class__ '.repeat(80_000), '{x.'.repeat(330_000)]) {
      for (const format of ['f-string', 'jinja2']) {
        const text = manifest(body, format);
        const t0 = performance.now();
        await lint(text);
        const ms = performance.now() - t0;
        assert.ok(ms < 1000, `${body.slice(0, 6)} ${format}: took ${ms.toFixed(0)} ms`);
      }
    }
  });
});
