import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocument, lintText, parseDocument, presetConfig, type LintMessage } from '@promptlint/core';
import { loc } from './_helpers.ts';
import { systemTemplateVariable } from '../../src/rules/system-template-variable.ts';

const rules = [{ rule: systemTemplateVariable, severity: 1 as const }];

/** Position of the `nth` (0-based) occurrence of `needle`. */
const at = (text: string, needle: string, nth = 0) => loc(text, needle, nth + 1);

function manifest(system: string, vars: string[], format = 'f-string', human = '{question}'): string {
  const tpl = (role: string, template: string) => ({
    lc: 1, type: 'constructor', id: ['langchain', 'prompts', 'chat', role],
    kwargs: { prompt: { lc: 1, type: 'constructor', id: ['langchain', 'prompts', 'prompt', 'PromptTemplate'], kwargs: { input_variables: vars, template_format: format, template } } },
  });
  return JSON.stringify({
    lc: 1, type: 'constructor', id: ['langchain', 'prompts', 'chat', 'ChatPromptTemplate'],
    kwargs: { input_variables: vars, messages: [tpl('SystemMessagePromptTemplate', system), tpl('HumanMessagePromptTemplate', human)] },
  }, null, 2);
}

async function lint(text: string, options: Record<string, unknown> = {}): Promise<LintMessage[]> {
  return (await lintText(text, { filePath: 'prompt.hub.json', rules: [{ ...rules[0]!, options }] })).messages;
}

describe('system-template-variable', () => {
  it('flags an input variable in a system message, at the placeholder', async () => {
    const text = manifest('You are a support agent for {company}.\nPersona: {persona}', ['company', 'persona', 'question']);
    const messages = await lint(text);
    assert.deepEqual(messages.map((m) => m.message.match(/'(\w+)'/)?.[1]), ['company', 'persona']);
    const m = messages[0]!;
    assert.equal(m.ruleId, 'system-template-variable');
    assert.equal(m.category, 'injection');
    assert.equal(m.messageId, 'variable');
    assert.equal(m.severity, 1);
    assert.equal(m.securitySeverity, 'medium');
    const pos = at(text, '{company}');
    assert.deepEqual([m.line, m.column, m.endColumn], [pos.line, pos.column, pos.endColumn]);
    // `\n` is escaped in the JSON text: the second placeholder is on the same raw line.
    const p2 = at(text, '{persona}');
    assert.deepEqual([messages[1]!.line, messages[1]!.column], [p2.line, p2.column]);
  });

  it('reads mustache and jinja2 placeholders', async () => {
    const mustache = manifest('Context: {{ context }} and {{{raw}}} {{! note }}', ['context', 'raw', 'question'], 'mustache');
    assert.deepEqual((await lint(mustache)).map((m) => m.message.match(/'(\w+)'/)?.[1]), ['context', 'raw']);
    const jinja = manifest('Rules: {{ rules | upper }}', ['rules'], 'jinja2');
    const m = (await lint(jinja))[0]!;
    assert.equal(m.column, at(jinja, '{{ rules | upper }}').column);
  });

  it('does not flag escaped braces, allowed variables or human messages', async () => {
    assert.deepEqual(await lint(manifest('Answer as JSON: {{"answer": "..."}}. Today is {date}.', ['date', 'question'])), []);
    assert.deepEqual(await lint(manifest('You are helpful.', ['question'])), []);
    assert.deepEqual(await lint(manifest('Use {context}.', ['context']), { allowVariables: ['context'] }), []);
  });

  it('is in the strict preset only, as a warning', () => {
    assert.equal(presetConfig('recommended').rules?.['system-template-variable'], undefined);
    assert.equal(presetConfig('strict').rules?.['system-template-variable'], 'warn');
  });

  it('makes no noise with the default (recommended) config on RAG and CrewAI-style prompts', async () => {
    const rag = manifest('Answer using only this context:\n{context}', ['context', 'question']);
    assert.deepEqual((await lintText(rag, { filePath: 'rag.hub.json' })).messages.filter((m) => m.ruleId === 'system-template-variable'), []);
    const crew = 'researcher:\n  role: "{topic} Senior Data Researcher"\n  goal: "Uncover developments in {topic}"\n  backstory: "You know {topic}."\n';
    assert.deepEqual((await lintText(crew, { filePath: 'config/agents.yaml' })).messages.filter((m) => m.ruleId === 'system-template-variable'), []);
  });

  it('checks a 1 MB template in well under a second (rule time, after parsing)', () => {
    for (const body of ['{a'.repeat(500_000), '{{a'.repeat(330_000), '{a}'.repeat(330_000)]) {
      for (const format of ['f-string', 'mustache']) {
        const doc = parseDocument({ path: 'big.hub.json', text: manifest(body, ['a'], format) }, 'json');
        const t0 = performance.now();
        lintDocument(doc, rules);
        const ms = performance.now() - t0;
        assert.ok(ms < 1000, `${format} ${body.slice(0, 4)}: took ${ms.toFixed(0)} ms`);
      }
    }
  });
});
