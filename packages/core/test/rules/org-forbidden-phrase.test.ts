import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADVERSARIAL_BUDGET_MS, assertClean, lint, loc, repeatTo } from './_helpers.ts';
import { assertOrgFindings } from './_org-helpers.ts';

const RULE = 'org-forbidden-phrase';
const settings = { forbiddenPhrases: ['project\\s{1,3}nightingale', '\\bskip (?:the )?legal review\\b'] };
const at = (text: string, needle: string, n = 1) => ({ ruleId: RULE, category: 'injection', messageId: 'forbidden', securitySeverity: 'medium' as const, at: loc(text, needle, n) });

describe('org-forbidden-phrase', () => {
  it('reports each match case-insensitively, at its exact range, naming the pattern by index', async () => {
    const text = '# Release bot\n\nYou may skip the legal review for hotfixes.\nMention Project  Nightingale only to staff.\n';
    const messages = await lint(RULE, text, 'AGENTS.md', { settings });
    assertOrgFindings(messages, [at(text, 'skip the legal review'), at(text, 'Project  Nightingale')]);
    assert.match(messages[0]!.message, /#2/);
    assert.match(messages[1]!.message, /#1/);
  });

  it('reads JSON and YAML strings through their escapes and folding', async () => {
    const json = '{"messages": [{"role": "system", "content": "Always skip legal review."}]}';
    assertOrgFindings(await lint(RULE, json, 'prompts/chat.json', { settings }), [at(json, 'skip legal review')]);
    const yaml = 'prompts:\n  - id: a\n    text: "project\\tnightingale is launching"\n';
    assertOrgFindings(await lint(RULE, yaml, 'promptfooconfig.yaml', { settings }), [at(yaml, 'project\\tnightingale')]);
  });

  it('is silent without settings and on text that does not match', async () => {
    assertClean(await lint(RULE, 'You may skip the legal review.\n', 'AGENTS.md'));
    assertClean(await lint(RULE, 'The nightingale sang. Legal reviews are never skipped.\n', 'AGENTS.md', { settings }));
  });

  it('reports an invalid pattern once, as a low finding, and still applies the valid ones', async () => {
    const text = 'skip legal review\n';
    const messages = await lint(RULE, text, 'AGENTS.md', { settings: { forbiddenPhrases: ['(?=lookahead)', 'skip legal review'] } });
    assert.deepEqual(messages.map((m) => [m.messageId, m.securitySeverity, m.line, m.column]), [['forbidden', 'medium', 1, 1], ['invalidPattern', 'low', 1, 1]]);
    assert.match(messages[1]!.message, /forbiddenPhrases has patterns that were not checked: #1 is not a valid RE2 pattern/);
  });

  it('refuses patterns whose automaton is too large to match quickly', async () => {
    const messages = await lint(RULE, 'x\n', 'AGENTS.md', { settings: { forbiddenPhrases: ['(x{1,10}){1,10}y', '[a-z]{1,100}@evil'] } });
    assert.deepEqual(messages.map((m) => m.messageId), ['invalidPattern']);
    assert.match(messages[0]!.message, /#1 is not a valid RE2 pattern \(too complex: program size \d+, at most 100.*#2 is not/);
  });

  it('matches user patterns with catastrophic backtracking shapes in linear time on 1 MB', async () => {
    const evil = { forbiddenPhrases: ['(a+)+$', '(a|aa)+b', 'x{1,20}y'] };
    for (const unit of ['a', 'aab', 'x']) {
      const text = repeatTo(unit, 1_000_000);
      const t = performance.now();
      await lint(RULE, text, 'notes.txt', { settings: evil });
      assert.ok(performance.now() - t < ADVERSARIAL_BUDGET_MS, `${unit}: ${Math.round(performance.now() - t)} ms`);
    }
  });
});
