import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, ruleById } from '@promptlint/core';
import { ADVERSARIAL_BUDGET_MS, expectFindings, lint, lintCorpusFile, loc, realWorldFiles, CORPUS_DIR, type Want } from './_supply-chain-helpers.ts';

const RULE = 'unpinned-remote-prompt';
const want = (messageId: string, at: Want['at'], securitySeverity: Want['securitySeverity'] = 'medium', message: string[] = []): Want => ({ messageId, at, securitySeverity, message });

describe('unpinned-remote-prompt', () => {
  it('reports promptfoo prompts loaded from http(s) URLs; file:// and commit URLs are fine', async () => {
    const sha = 'a'.repeat(40);
    const text = `description: eval
prompts:
  - https://raw.githubusercontent.com/acme/prompts/main/support.txt
  - http://prompts.example.com/p.txt
  - id: https://prompts.example.com/chat.json
    label: chat
  - file://prompts/local.txt
  - https://raw.githubusercontent.com/acme/prompts/${sha}/support.txt
  - "Answer: {{question}}"
  - http://localhost:8080/p.txt
providers: [openai:gpt-4o-mini]
`;
    expectFindings(RULE, await lint(RULE, text, 'promptfooconfig.yaml'), [
      want('url', loc(text, 'https://raw.githubusercontent.com/acme/prompts/main/support.txt'), 'medium', ["'raw.githubusercontent.com'"]),
      want('url', loc(text, 'http://prompts.example.com/p.txt'), 'high', ['over plain http']),
      want('url', loc(text, 'https://prompts.example.com/chat.json'), 'medium'),
    ]);
  });

  it('reports hub references without a commit, in JSON (with escapes) and YAML', async () => {
    const json = `{
  "chain": { "hub_prompt": "rlm/rag-prompt", "promptId": "acme/support:prod" },
  "pinned": { "hub_prompt": "rlm/rag-prompt:50442af1" },
  "scheme": "langchain-hub://acme\\/triage",
  "scheme_pinned": "langchain-hub://acme/triage:0123abcd4567",
  "template_path": "https://example.com/tpl.j2",
  "template_path_local": "templates/a.j2"
}
`;
    expectFindings(RULE, await lint(RULE, json, 'agents/chain.json'), [
      want('hub', loc(json, 'rlm/rag-prompt'), 'medium', ["'rlm/rag-prompt'", "'rlm/rag-prompt:<commit>'"]),
      want('hubTag', loc(json, 'acme/support:prod'), 'medium', ["'acme/support'", "tag 'prod'"]),
      want('hub', loc(json, 'langchain-hub://acme\\/triage'), 'medium', ["'acme/triage'"]),
      want('url', loc(json, 'https://example.com/tpl.j2'), 'medium', ["'example.com'"]),
    ]);
    const yaml = `agent:
  prompt: hwchase17/react
  system_prompt: prompts/system
  load_prompt: https://prompts.example.net/agent.yaml
  prompt_url: file://prompts/agent.yaml
`;
    expectFindings(RULE, await lint(RULE, yaml, 'agents/react.yaml'), [
      want('hub', loc(yaml, 'hwchase17/react'), 'medium'),
      want('url', loc(yaml, 'https://prompts.example.net/agent.yaml'), 'medium'),
    ]);
  });

  it('reads front matter of prompt files', async () => {
    const text = '---\nname: triage\nhub_prompt: acme/triage-prompt\ntemplate_url: http://prompts.example.org/triage.j2\n---\nTriage {{ticket}}.\n';
    expectFindings(RULE, await lint(RULE, text, 'prompts/triage.md'), [
      want('hub', loc(text, 'acme/triage-prompt'), 'medium', ["'acme/triage-prompt'"]),
      want('url', loc(text, 'http://prompts.example.org/triage.j2'), 'high', ["'prompts.example.org'", 'plain http']),
    ]);
  });

  it('does not read prose, file paths, or URLs under unrelated keys', async () => {
    const text = `docs: https://example.com/docs
homepage: https://example.com
prompt: Summarize the text in three bullet points.
prompt_file: prompts/summary.md
model: openai/gpt-4o
`;
    expectFindings(RULE, await lint(RULE, text, 'agents/summary.yaml'), []);
    const md = 'Pull the prompt with hub.pull("rlm/rag-prompt") and see https://example.com/prompt.txt\n';
    expectFindings(RULE, await lint(RULE, md, 'AGENTS.md'), []);
  });

  it('lints 1 MB of adversarial values quickly', async () => {
    const rule = ruleById(RULE)!;
    const items = Array.from({ length: 4000 }, (_, i) => `  - ${i % 2 ? 'https://' + 'a/'.repeat(120) : 'a_'.repeat(120) + '/' + 'b-'.repeat(1)}`).join('\n');
    const text = `prompts:\n${items}\nhub_prompt: "${'a'.repeat(1000)}/${'-'.repeat(1000)}"\nproviders: [echo]\n`;
    const t0 = performance.now();
    await lintText(text, { filePath: 'promptfooconfig.yaml', rules: [{ rule, severity: 2 }] });
    assert.ok(performance.now() - t0 < ADVERSARIAL_BUDGET_MS);
  });

  describe('real-world corpus', { skip: realWorldFiles().length === 0 ? `corpus not found at ${CORPUS_DIR}` : false }, () => {
    it('finds nothing', async () => {
      const found: string[] = [];
      for (const f of realWorldFiles()) for (const m of await lintCorpusFile(RULE, f)) found.push(`${f.name}:${m.line}: ${m.message}`);
      assert.deepEqual(found, []);
    });
  });
});
